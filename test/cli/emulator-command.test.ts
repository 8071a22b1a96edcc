// `conformance emulator`: serves until stopped, announces endpoints and credentials (a user's
// secrets masked), honours --credentials and --state-file.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emulatorCommand } from '../../cli/commands/emulator.ts';
import { captureIo } from './helpers.ts';

/** Until the banner is out (module loading on first use takes a while), at most 15 s. */
async function listening(io: { out: () => string }): Promise<void> {
  for (let waited = 0; !io.out().includes('Ctrl-C to stop') && waited < 15_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
}

describe('conformance emulator', () => {
  it('prints each vendor endpoint and the built-in test credentials', async () => {
    const io = captureIo();
    let stop!: () => void;
    const stopped = new Promise<void>((r) => { stop = r; });
    const running = emulatorCommand({ port: '0', world: 'demo' }, io, undefined, stopped);
    await listening(io);
    const out = io.out();
    expect(out).toMatch(/emulator listening on http:\/\/127\.0\.0\.1:\d+ {2}\(behaviour: current; world: demo\)/);
    for (const sdk of ['@alicloud/ecs20140526', '@volcengine/openapi', 'huaweicloud-sdk-core']) expect(out).toContain(sdk);
    expect(out).toContain('LTAI5tEmulatorTestKey0001 / EmulatorTestSecretAliyun0000000');
    stop();
    expect(await running).toBe(0);
  });

  it('masks the secrets of a --credentials file and persists to --state-file', async () => {
    const io = captureIo();
    const credentials = join(io.cwd, 'creds.json');
    const stateFile = join(io.cwd, 'state.json');
    writeFileSync(credentials, JSON.stringify({ aliyun: [{ accessKeyId: 'LTAI5tMyOwnTestKey00001', accessKeySecret: 'MyOwnSecretValueForTest123' }] }));
    let stop!: () => void;
    const stopped = new Promise<void>((r) => { stop = r; });
    const running = emulatorCommand({ port: '0', credentials, stateFile }, io, undefined, stopped);
    await listening(io);
    expect(io.out()).toContain('LTAI5tMyOwnTestKey00001 / My**');
    expect(io.out()).not.toContain('MyOwnSecretValueForTest123');
    stop();
    await running;
    expect(existsSync(stateFile)).toBe(true);
    const world = JSON.parse(readFileSync(stateFile, 'utf8')) as { schema: string; huaweicloud: { project: { id: string }[] } };
    expect(world.schema).toBe('cloud-api-conformance/emulator-world@1');
    expect(world.huaweicloud.project.length).toBeGreaterThan(0);
  });

  it('--log prints one line per request, with its request id and no secret', async () => {
    const io = captureIo();
    let stop!: () => void;
    const stopped = new Promise<void>((r) => { stop = r; });
    const running = emulatorCommand({ port: '0', log: true }, io, undefined, stopped);
    await listening(io);
    const url = /listening on (\S+)/.exec(io.out())![1]!;
    await fetch(`${url}/?Action=DeleteSnapshot&SnapshotId=s-1`);
    stop();
    await running;
    expect(io.err()).toMatch(/DeleteSnapshot/);
    expect(io.err()).toMatch(/[0-9A-F]{8}-[0-9A-F]{4}-/i);
    expect(io.err()).not.toContain('EmulatorTestSecret');
  });

  it('rejects an unreadable credentials file in one line', async () => {
    const io = captureIo();
    await expect(emulatorCommand({ port: '0', credentials: join(io.cwd, 'missing.json') }, io, undefined, Promise.resolve()))
      .rejects.toThrow(/--credentials .*missing\.json/);
  });
});
