// --state-file: state survives a restart; writes are atomic (a process killed mid-write leaves a
// valid file, never a torn one, and no temp files once it finishes normally).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createEmulator } from '../../emulator/index.ts';
import { writeAtomic } from '../../emulator/state/persist.ts';
import { call, LOADED } from './scenario.ts';

describe('state file', () => {
  test('changes persist and survive a restart (world option ignored when the file exists)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-state-'));
    const file = join(dir, 'state.json');
    const a = createEmulator({ world: 'demo', stateFile: file, contracts: LOADED });
    const created = a.state.create('aliyun', 'snapshot', { id: 's-persisted', status: 'accomplished' });
    const r = call(a.runtime.engine, LOADED.byId('volcengine.ecs.DeleteInstances'), { InstanceIds: ['i-demopostpaidrun001'], ClientToken: 'persist-1' });
    expect(r.status).toBe(200);
    const b = createEmulator({ world: 'empty', stateFile: file, contracts: LOADED });
    expect(b.state.get('aliyun', 'snapshot', created.id)).toMatchObject({ status: 'accomplished' });
    // the deleted instance persisted DELETING, with the clock time it goes (the lifecycle survives a restart too)
    expect(b.state.get('volcengine', 'instance', 'i-demopostpaidrun001')).toMatchObject({ status: 'DELETING' });
    b.state.settleDeletions();
    expect(b.state.get('volcengine', 'instance', 'i-demopostpaidrun001')).toBeUndefined();
    // idempotency records survive too
    const again = call(b.runtime.engine, LOADED.byId('volcengine.ecs.DeleteInstances'), { InstanceIds: ['i-demopostpaidrun001'], ClientToken: 'persist-1' });
    expect(again).toEqual(r);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('a writer killed mid-stream leaves the old or the new file, always valid JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-crash-'));
    const file = join(dir, 'state.json');
    writeAtomic(file, JSON.stringify({ n: 0 }));
    const script = join(dir, 'writer.mts');
    const persist = resolve('emulator/state/persist.ts');
    writeFileSync(script, `import { writeAtomic } from ${JSON.stringify(persist)};
const big = 'x'.repeat(2_000_000);
for (let n = 1; ; n++) writeAtomic(${JSON.stringify(file)}, JSON.stringify({ n, big }));\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: 'ignore' });
    // wait until the writer has replaced the file a few times, then kill it at a random moment
    const seen = () => { try { return (JSON.parse(readFileSync(file, 'utf8')) as { n: number }).n; } catch { return -1; } };
    for (let i = 0; i < 150 && seen() < 3; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 37));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { n: number };
    expect(parsed.n).toBeGreaterThanOrEqual(3);
  }, 20_000);
});
