import { describe, expect, it } from 'vitest';
import { beginWithSettings } from '../../src/db/tenancy.js';

describe('beginWithSettings', () => {
  it('opens the transaction and names the viewer with literals', () => {
    expect(beginWithSettings({ kind: 'supplier', organization: '6f1d2c3b-0000-4000-8000-000000000001' })).toBe(
      "begin; select set_config('role', 'scm_application', true), set_config('scm.viewer_kind', 'supplier', true), set_config('scm.viewer_org', '6f1d2c3b-0000-4000-8000-000000000001', true), set_config('jit', 'off', true)",
    );
    expect(beginWithSettings({ kind: 'staff', organization: '' })).toContain("set_config('scm.viewer_kind', 'staff', true), set_config('scm.viewer_org', '', true)");
  });

  it('refuses an organisation that is not a UUID instead of quoting it', () => {
    expect(() => beginWithSettings({ kind: 'supplier', organization: "x'; drop table orders; --" })).toThrow('organisation ids are UUIDs');
  });
});
