import type { Message } from '../../i18n/message.js';

/** A permission failure decided by a use case (the role allows the operation, the record does not). */
export class Forbidden extends Error {
  override readonly name = 'Forbidden';
  declare message: Message;

  constructor(message: Message) {
    super(message);
  }
}
