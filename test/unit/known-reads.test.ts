import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { acceptsPlainJson, KnownReads, postedOperation } from '../../src/read/known-reads.js';

const read = (query: string) => {
  const document = parse(query);
  const operation = document.definitions[0] as never;
  return { document, operation };
};

describe('KnownReads', () => {
  it('finds a query by its text and operation name only', () => {
    const known = new KnownReads();
    known.remember('query A { parts { totalCount } }', 'A', read('query A { parts { totalCount } }'));
    expect(known.get('query A { parts { totalCount } }', 'A')).toBeDefined();
    expect(known.get('query A { parts { totalCount } }', null)).toBeUndefined();
    expect(known.get('query A { parts { totalCount } } ', 'A')).toBeUndefined();
  });

  it('keeps at most MAX_ENTRIES, dropping the least recently used', () => {
    const known = new KnownReads();
    const texts = Array.from({ length: KnownReads.MAX_ENTRIES + 10 }, (_, i) => `{ a${i}: __typename }`);
    known.remember(texts[0]!, null, read(texts[0]!));
    known.remember(texts[1]!, null, read(texts[1]!));
    expect(known.get(texts[0]!, null)).toBeDefined(); // now the most recent of the two
    for (const text of texts.slice(2)) known.remember(text, null, read('{ __typename }'));
    expect(known.size).toBe(KnownReads.MAX_ENTRIES);
    expect(known.get(texts[1]!, null)).toBeUndefined();
    expect(known.get(texts.at(-1)!, null)).toBeDefined();
  });

  it('keeps at most MAX_CHARACTERS of query text and never a text of more than a hundredth of it', () => {
    const known = new KnownReads();
    const big = (i: number) => `{ __typename }${' '.repeat(KnownReads.MAX_CHARACTERS / 100 - 40)}#${i}`;
    for (let i = 0; i < 150; i++) known.remember(big(i), null, read('{ __typename }'));
    expect(known.size).toBeLessThanOrEqual(100);
    expect(known.get(big(149), null)).toBeDefined();
    const huge = `{ __typename }${' '.repeat(KnownReads.MAX_CHARACTERS / 100)}`;
    known.remember(huge, null, read('{ __typename }'));
    expect(known.get(huge, null)).toBeUndefined();
  });
});

describe('postedOperation', () => {
  it('takes a query with an operation name and variables, nothing else', () => {
    expect(postedOperation({ query: '{ a }' })).toEqual({ query: '{ a }', operationName: null, variables: undefined });
    expect(postedOperation({ query: '{ a }', operationName: 'A', variables: { x: 1 } })).toEqual({ query: '{ a }', operationName: 'A', variables: { x: 1 } });
    expect(postedOperation({ query: '{ a }', variables: null, operationName: null })).toEqual({ query: '{ a }', operationName: null, variables: undefined });
    for (const body of [null, '{ a }', [{ query: '{ a }' }], { query: 1 }, { query: '{ a }', extensions: {} }, { query: '{ a }', variables: [1] }, { query: '{ a }', operationName: 3 }]) {
      expect(postedOperation(body)).toBeNull();
    }
  });
});

describe('acceptsPlainJson', () => {
  it('accepts what Apollo answers with application/json, nothing it would answer otherwise', () => {
    for (const accept of [undefined, '', '*/*', 'application/json', 'application/json; charset=utf-8', 'application/json, */*;q=0.5']) expect(acceptsPlainJson(accept)).toBe(true);
    for (const accept of ['application/graphql-response+json', 'application/graphql-response+json, application/json;q=0.9', 'text/html', 'application/json;q=0']) expect(acceptsPlainJson(accept)).toBe(false);
  });
});
