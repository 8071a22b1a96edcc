// The emulator's own inputs (--world, --credentials-file, --state-file) answer a ConformanceError
// (E_OPTION: the CLI prints the message alone, exit 2) naming the file and what is wrong (issue 16 item 5).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConformanceError } from '../../core/errors.ts';
import { loadCredentialsFile } from '../../emulator/credentials.ts';
import { resolveWorld } from '../../emulator/state/worlds.ts';
import { readState } from '../../emulator/state/persist.ts';

const dir = mkdtempSync(join(tmpdir(), 'emu-inputs-'));
const file = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };

describe('a wrong emulator input is a ConformanceError naming the problem', () => {
  it('a well-formed credentials file is read as given (single object or list, optional fields kept)', () => {
    expect(loadCredentialsFile(file('c0.json', '{"aliyun": {"accessKeyId": "a", "accessKeySecret": "b"}, "huaweicloud": [{"accessKeyId": "x", "accessKeySecret": "y", "projectId": "p"}]}'))).toEqual({
      aliyun: [{ accessKeyId: 'a', accessKeySecret: 'b' }],
      huaweicloud: [{ accessKeyId: 'x', accessKeySecret: 'y', projectId: 'p' }],
    });
  });

  it.each([
    ['an unknown world name', () => resolveWorld('nosuch'), /world "nosuch": not one of/],
    ['a world file that is a list', () => resolveWorld(file('w.json', '[]')), /expected a JSON object/],
    ['credentials not keyed by vendor', () => loadCredentialsFile(file('c1.json', '[]')), /c1\.json: expected a JSON object keyed by vendor/],
    ['credentials for no vendor', () => loadCredentialsFile(file('c2.json', '{"aws": []}')), /c2\.json: "aws" is not one of/],
    ['a credential without its secret', () => loadCredentialsFile(file('c3.json', '{"aliyun": [{"accessKeyId": "x"}]}')), /each entry needs accessKeyId and accessKeySecret/],
    ['a project id that is no string', () => loadCredentialsFile(file('c4.json', '{"huaweicloud": [{"accessKeyId": "x", "accessKeySecret": "y", "projectId": 7}]}')), /huaweicloud: securityToken and projectId, when given, are strings/],
    ['a state file that is a list', () => readState(file('s.json', '[]')), /state file .*s\.json: expected a JSON object/],
  ])('%s', (_name, run, message) => {
    let err: unknown;
    try { run(); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ConformanceError);
    expect((err as ConformanceError).code).toBe('E_OPTION');
    expect((err as Error).message).toMatch(message);
  });
});
