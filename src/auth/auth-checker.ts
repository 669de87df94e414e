import { GraphQLError } from 'graphql';
import type { AuthChecker } from 'type-graphql';
import type { Context } from '../context.js';
import { hasAnyRole, type Role } from './viewer.js';
import { msg } from '../i18n/message.js';

/**
 * `@Authorized()` needs a signed-in user; `@Authorized(...roles)` one of those roles.
 * Failures are GraphQL errors with extensions.code UNAUTHENTICATED or FORBIDDEN.
 */
export const authChecker: AuthChecker<Context, Role> = ({ context }, allowed) => {
  if (context.viewer === null) {
    throw new GraphQLError(msg`Sign in: send an access token as "Authorization: Bearer <token>".`, { extensions: { code: 'UNAUTHENTICATED' } });
  }
  if (allowed.length > 0 && !hasAnyRole(context.viewer, allowed)) {
    throw new GraphQLError(msg`This needs one of the roles ${allowed.join(', ')}.`, { extensions: { code: 'FORBIDDEN' } });
  }
  return true;
};
