/** Every msg template under `root`, keyed as the translation catalogue keys it, with where it is written. */
export function messageTemplates(root?: string): Map<string, string[]>;
