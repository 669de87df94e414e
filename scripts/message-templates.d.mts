/** Every msg template under `root`, keyed as the translation catalogue keys it, with where it is written. */
export function messageTemplates(root?: string): Map<string, string[]>;
/** `file:line` of each `new GraphQLError(...)` whose message is a plain string literal rather than a msg template. */
export function untaggedMessages(root?: string): string[];
