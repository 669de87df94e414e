import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64urlBytes, fromGlobalId, nodeTypes, toGlobalId } from '../../src/domain/shared/ids.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const alphabetText = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 120 }).map((chars) => chars.join(''));

/** The decoding of global ids through Buffer and UTF-8, as they were decoded before base64urlBytes. */
function referenceDecode(globalId: string): { type: string; id: string } | null {
  if (globalId.length > 200 || !/^[A-Za-z0-9_-]+$/.test(globalId)) return null;
  const text = Buffer.from(globalId, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return null;
  const type = text.slice(0, colon);
  const id = text.slice(colon + 1);
  if (!(nodeTypes as readonly string[]).includes(type)) return null;
  const valid = type === 'Activity' ? /^[1-9]\d{0,18}$/.test(id) && BigInt(id) <= 2n ** 63n - 1n : /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);
  return valid ? { type, id } : null;
}

/** Texts that are global ids, nearly ids, bytes of any kind, or no base64url at all. */
const candidate = fc.oneof(
  fc.tuple(fc.constantFrom(...nodeTypes, 'Nothing', 'supplier'), fc.oneof(fc.uuid(), fc.bigInt({ min: 0n, max: 2n ** 64n }).map(String), fc.string({ maxLength: 40 }))).map(([type, id]) => toGlobalId(type as (typeof nodeTypes)[number], id)),
  fc.uint8Array({ maxLength: 80 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
  fc.tuple(fc.constantFrom(...nodeTypes), fc.uint8Array({ maxLength: 40 })).map(([type, bytes]) => Buffer.concat([Buffer.from(`${type}:`), Buffer.from(bytes)]).toString('base64url')),
  alphabetText,
  fc.string({ maxLength: 80 }),
  fc.string({ maxLength: 80, unit: 'grapheme' }),
);

describe('base64urlBytes', () => {
  it("gives Buffer's bytes of any base64url text", () => {
    fc.assert(
      fc.property(alphabetText, (text) => {
        expect(base64urlBytes(text)).toBe(Buffer.from(text, 'base64url').toString('latin1'));
      }),
      { numRuns: 3_000 },
    );
  });

  it('decodes a text of any length, longer than an id', () => {
    fc.assert(
      // Compared as strings, and not shrunk: a diff of texts this long, made again at every step of
      // shrinking, would take minutes to say that they differ.
      fc.property(fc.uint8Array({ minLength: 150, maxLength: 20_000, size: 'max' }), (bytes) => base64urlBytes(Buffer.from(bytes).toString('base64url')) === Buffer.from(bytes).toString('latin1')),
      { numRuns: 200, endOnFailure: true },
    );
  });

  it('refuses a character outside the alphabet, padding included', () => {
    for (const text of ['QQ==', 'a+b', 'a/b', 'a b', 'é', '\u0000', 'ab\ud83d\ude00']) expect(base64urlBytes(text)).toBeNull();
  });
});

describe('fromGlobalId', () => {
  it('decodes what Buffer and UTF-8 decode, and refuses what they refuse', () => {
    fc.assert(
      fc.property(candidate, (text) => {
        expect(fromGlobalId(text)).toEqual(referenceDecode(text));
      }),
      { numRuns: 5_000 },
    );
  });
});
