import { describe, expect, it } from 'vitest';
import { checkDownloadLink, csvField, csvLine, downloadLink, foreignFilterFields, progressStep, signDownloadLink } from '../../src/domain/integration/bulk-export-rules.js';

describe('bulk export rules', () => {
  it('writes CSV fields as RFC 4180 says, and defuses spreadsheet formulas', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', null, 3, -2.5, true])).toBe('a,"b,c","say ""hi""","two\nlines",,3,-2.5,true\r\n');
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1 555')).toBe("'+1 555");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    // Decimals as the API sends them stay numbers.
    expect(csvField('-12.5')).toBe('-12.5');
    expect(csvField(['x', 1])).toBe('"[""x"",1]"');
  });

  it('signs a link for one export until a time, and refuses it forged, moved or late', () => {
    const secret = 'k'.repeat(32);
    const now = Date.parse('2026-05-04T10:00:20Z');
    const link = downloadLink(secret, 'e1', now, 900);
    // Rounded up to the minute: the same link within a minute.
    expect(link.expiresAt.toISOString()).toBe('2026-05-04T10:16:00.000Z');
    expect(downloadLink(secret, 'e1', now + 30_000, 900).path).toBe(link.path);
    const url = new URL(link.path, 'http://x');
    const expires = url.searchParams.get('expires');
    const signature = url.searchParams.get('signature');
    expect(checkDownloadLink(secret, 'e1', expires, signature, now)).toBe('valid');
    expect(checkDownloadLink(secret, 'e2', expires, signature, now)).toBe('bad-signature');
    expect(checkDownloadLink('other'.repeat(8), 'e1', expires, signature, now)).toBe('bad-signature');
    expect(checkDownloadLink(secret, 'e1', String(Number(expires) + 60), signature, now)).toBe('bad-signature');
    expect(checkDownloadLink(secret, 'e1', expires, null, now)).toBe('bad-signature');
    expect(checkDownloadLink(secret, 'e1', '1e9', signature, now)).toBe('bad-signature');
    expect(checkDownloadLink(secret, 'e1', expires, signature, link.expiresAt.getTime() + 1)).toBe('expired');
    expect(signDownloadLink(secret, 'e1', 1)).not.toBe(signDownloadLink(secret, 'e1', 2));
  });

  it('takes only the filter entry of the type', () => {
    expect(foreignFilterFields('ORDERS', { orders: { status: ['ISSUED'] }, deliveries: null })).toEqual([]);
    expect(foreignFilterFields('ORDERS', { deliveries: { late: true }, activity: {} })).toEqual(['deliveries', 'activity']);
    expect(foreignFilterFields('SCORECARDS', null)).toEqual([]);
  });

  it('reports progress in tenths, never 100% before the end', () => {
    expect(progressStep(0, 1000)).toBe(0);
    expect(progressStep(99, 1000)).toBe(0);
    expect(progressStep(100, 1000)).toBe(10);
    expect(progressStep(1000, 1000)).toBe(90);
    expect(progressStep(5000, 1000)).toBe(90);
    expect(progressStep(10, 0)).toBeNull();
    expect(progressStep(10, null)).toBeNull();
  });
});
