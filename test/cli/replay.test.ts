// `conformance replay <case-id>`: the one case re-signed and sent with the run's options, its whole
// exchange printed with the verdict; the exit code follows the verdict.
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { captureIo } from './helpers.ts';

const FORCE = 'aliyun.ecs.DeleteSnapshot/state-rules/snapshot-used-by-disk--used-by-disk-force';

describe('conformance replay', () => {
  it('prints the verdict and the whole exchange; under the mutant the run named, the case fails again (exit 1)', { timeout: 30_000 }, async () => {
    const io = captureIo();
    expect(await main(['replay', FORCE, '--seed', '1', '--depth', 'standard', '--target', 'emulator', '--mutant', 'aliyun.DeleteSnapshot.force-ignored'], io)).toBe(1);
    const out = io.out();
    expect(out.split('\n')[0]).toBe(`${FORCE} on emulator: fail  [status]`);
    expect(out).toMatch(/^ {2}> POST http:\/\/127\.0\.0\.1:\d+\/\?Force=true&SnapshotId=s-\w+$/m);
    expect(out).toMatch(/^ {2}> [Aa]uthorization: ACS3-HMAC-SHA256 Credential=<access-key-id>,SignedHeaders=[^,]+,Signature=<signature>$/m);
    expect(out).toMatch(/^ {2}< 403$/m);
    expect(out).toMatch(/^ {2}< {3}"Code": "SnapshotCreatedDisk",$/m);
  });

  it('the reference emulator passes the same case: exit 0, the exchange still shown', { timeout: 30_000 }, async () => {
    const io = captureIo();
    expect(await main(['replay', FORCE], io)).toBe(0);
    expect(io.out()).toMatch(/on emulator: pass\n/);
    expect(io.out()).toMatch(/^ {2}< 200$/m);
  });

  it('an unknown id is one line with a did-you-mean; a pattern matching several is refused', async () => {
    const io = captureIo();
    expect(await main(['replay', 'aliyun.ecs.DeleteSnapshot/required/SnapshotId-emty'], io)).toBe(2);
    expect(io.err()).toBe('error [E_NO_CASES] --case "aliyun.ecs.DeleteSnapshot/required/SnapshotId-emty" matches no case (did you mean "aliyun.ecs.DeleteSnapshot/required/SnapshotId-empty"?)\n');
    const many = captureIo();
    expect(await main(['replay', 'aliyun.ecs.DeleteSnapshot/required/*'], many)).toBe(2);
    expect(many.err()).toMatch(/^error \[E_NO_CASES\] replay takes one case: "aliyun\.ecs\.DeleteSnapshot\/required\/\*" selects \d+; give the exact case id a report printed\n$/);
  });
});
