import type { DocumentNode, OperationDefinitionNode } from 'graphql';

/** A query Apollo parsed and validated, which the compiled path then answered. */
export interface KnownRead {
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

/** What a client posted: a query document and its operation's name and variables. */
export interface PostedOperation {
  query: string;
  operationName: string | null;
  variables: Record<string, unknown> | undefined;
}

/**
 * Queries answered by the compiled path, by their text and operation name. Parsing and validation
 * depend on the text and the schema alone, so a query that passed them once passes them again: asked
 * again over HTTP, it is admitted (inputs, cost, budget) and answered from the read models without
 * Apollo's request pipeline (src/server.ts). Anything else, and any answer that is not a plain compiled
 * read (an error, a field left to graphql-js), still goes through Apollo. Bounded by entries and by
 * the characters of the texts kept; the least recently used go first.
 */
export class KnownReads {
  static readonly MAX_ENTRIES = 1_000;
  static readonly MAX_CHARACTERS = 4_000_000;
  private readonly entries = new Map<string, KnownRead>();
  private characters = 0;

  private static key(query: string, operationName: string | null | undefined): string {
    return `${operationName ?? ''}\u0000${query}`;
  }

  get(query: string, operationName: string | null): KnownRead | undefined {
    const key = KnownReads.key(query, operationName);
    const known = this.entries.get(key);
    if (known !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, known);
    }
    return known;
  }

  remember(query: string, operationName: string | null | undefined, read: KnownRead): void {
    const key = KnownReads.key(query, operationName);
    if (key.length > KnownReads.MAX_CHARACTERS / 100 || this.entries.has(key)) return;
    this.entries.set(key, read);
    this.characters += key.length;
    for (const [oldest] of this.entries) {
      if (this.entries.size <= KnownReads.MAX_ENTRIES && this.characters <= KnownReads.MAX_CHARACTERS) break;
      this.entries.delete(oldest);
      this.characters -= oldest.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * The operation of a POST body the known reads may answer: `query`, optionally `operationName` and
 * `variables`, nothing else (extensions such as persisted queries are Apollo's). Null otherwise.
 */
export function postedOperation(body: unknown): PostedOperation | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
  const { query, operationName, variables, ...rest } = body as Record<string, unknown>;
  if (typeof query !== 'string' || Object.keys(rest).length > 0) return null;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return null;
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return null;
  return { query, operationName: operationName ?? null, variables: (variables ?? undefined) as Record<string, unknown> | undefined };
}

/** Whether an Accept header lets a compiled read be sent as application/json, as Apollo would send it. */
export function acceptsPlainJson(accept: string | undefined): boolean {
  if (accept === undefined || accept === '') return true;
  return accept.split(',').every((part) => {
    const [type, ...parameters] = part.split(';').map((p) => p.trim().toLowerCase());
    if (parameters.some((p) => /^q=0(\.0*)?$/.test(p))) return false;
    return type === 'application/json' || type === '*/*';
  });
}
