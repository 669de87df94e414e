/** Writers NOTIFY this channel in the transaction that writes activity; PostgreSQL fires it on commit. */
export const ACTIVITY_CHANNEL = 'activity';
