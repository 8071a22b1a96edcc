// Volcengine errors carry the numeric CodeN beside Code where a source gives it (the common error
// table, recorded as the profile's `codeN`), and no CodeN where none does: nothing is invented.
import { describe, expect, it } from 'vitest';
import { loadContracts } from '../../loader/index.ts';
import { roleError } from '../../emulator/validate/errors.ts';
import { renderVolcError } from '../../protocols/volcengine/envelope.ts';

const profile = loadContracts().profiles.volcengine;
const ctx = { requestId: 'r-1', action: 'DeleteInstances', version: '2020-04-01', region: 'cn-beijing' } as never;
const errorOf = (role: string) => {
  const e = roleError(profile, role, 'InstanceIds');
  const res = renderVolcError({ status: e.status, code: e.code, message: e.message, ...(e.codeN !== undefined ? { codeN: e.codeN } : {}) }, ctx);
  return (JSON.parse(String(res.body)) as { ResponseMetadata: { Error: Record<string, unknown> } }).ResponseMetadata.Error;
};

describe('Volcengine CodeN', () => {
  it.each([['bad-signature', 100010], ['unknown-key', 100009], ['expired', 100006], ['missing-parameter', 100002], ['unknown-action', 100008]])('%s carries CodeN %i', (role, n) => {
    expect(errorOf(role)).toMatchObject({ Code: profile.errors[role]!.code, CodeN: n });
  });

  it('a code no source gives a CodeN for has none', () => {
    expect(profile.errors['invalid-parameter']!.codeN).toBeUndefined();
    expect(errorOf('invalid-parameter')).not.toHaveProperty('CodeN');
  });
});
