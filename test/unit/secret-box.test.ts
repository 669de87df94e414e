import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from '../../src/integration/webhooks/secret-box.js';

describe('webhook secrets at rest', () => {
  it('seal and open under one key, differ every time, and refuse another key or tampering', () => {
    const key = 'k'.repeat(40);
    const a = sealSecret(key, 'whsec_abc');
    expect(a).toMatch(/^enc:v1:/);
    expect(sealSecret(key, 'whsec_abc')).not.toBe(a);
    expect(openSecret(key, a)).toBe('whsec_abc');
    expect(() => openSecret('x'.repeat(40), a)).toThrow();
    // One character of the sealed text changed (not the last, whose low bits base64 may not use).
    const at = a.length - 6;
    expect(() => openSecret(key, `${a.slice(0, at)}${a[at] === 'A' ? 'B' : 'A'}${a.slice(at + 1)}`)).toThrow();
    // Stored before encryption: read as it is.
    expect(openSecret(key, 'whsec_legacy')).toBe('whsec_legacy');
  });
});
