declare const messageBrand: unique symbol;

/**
 * A sentence a user reads (a UserError's message, a GraphQL error's message), written in English
 * with `msg` so that its template is in the translation catalogue (src/i18n/catalogue-zh-CN.ts;
 * test/unit/messages.test.ts fails on a template it lacks). The brand keeps plain strings out of the
 * places that show messages.
 */
export type Message = string & { readonly [messageBrand]: true };

/** Tags a user-facing sentence: msg`No order with this id.`, msg`Only ${left} is still open.` */
export function msg(strings: TemplateStringsArray, ...values: unknown[]): Message {
  let text = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) text += String(values[i]) + (strings[i + 1] ?? '');
  return text as Message;
}
