import { describe, expect, it } from 'vitest';
import { createProgress, render, renderMatrix } from '../../reporters/terminal.ts';
import { buildMatrix } from '../../reporters/matrix.ts';
import { loadFixture, withEvidence } from '../fixtures/results/index.ts';

const emu = loadFixture('emulator.json');
const http = loadFixture('http.json');
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/;

describe('terminal reporter', () => {
  it('renders the matrix with short column labels, rows per operation and a total row', () => {
    const out = renderMatrix(buildMatrix(emu));
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^operation\s+pos\s+req\s+type\s+range\s+pattern\s+enum\s+list\s+errors\s+state\s+filter\s+pages\s+env\s+auth\s+idem\s+flows\s+total$/);
    expect(out).toMatch(/ {2}DeleteSnapshot\s+2\/2\s+1\/1\s+1\/1\s+0\/1\s+0\/1\s+·\s+·\s+·\s+1\/3\s+·\s+·\s+1\/1\s+1\/2\s+·\s+·\s+7\/12/);
    expect(out).toMatch(/^all\s+5\/5 .* 16\/28$/m);
  });

  it('is plain without colour and coloured with it', () => {
    expect(render(emu, { color: false })).not.toMatch(ANSI);
    expect(render(emu, { color: true })).toMatch(ANSI);
  });

  it('lists failures with expected/actual, source file:line and a re-run command', () => {
    const out = render(emu);
    expect(out).toContain('Failures on emulator (8):');
    expect(out).toContain('✖ aliyun.ecs.DeleteSnapshot/state-rules/used-by-image  [error-code]');
    expect(out).toContain('    expected: IncorrectSnapshotStatus\n    actual:   OperationDenied');
    expect(out).toContain('    source:   contracts/aliyun/ecs/2014-05-26/DeleteSnapshot.yaml:59');
    expect(out).toContain("    re-run:   npx conformance run --case 'aliyun.ecs.DeleteSnapshot/state-rules/used-by-image' --seed 1");
    expect(out).toContain('Inconclusive on emulator (2, not failures');
    expect(out).toContain('emulator: 28 cases in 2.0s (seed 1, standard, no expectation profile (results v1)): 13 pass, 3 pass-ambiguous, 8 fail, 2 inconclusive, 2 skipped');
  });

  it('never lets control characters from case data reach the terminal', () => {
    const c = { ...emu.cases[6], title: 'evil \u001b[2J title' };
    expect(render({ ...emu, cases: [c] })).not.toContain('\u001b[2J');
  });

  it('limits failures and shows targets side by side with their disagreements', () => {
    const out = render([emu, http], { maxFailures: 10 });
    expect(out).toContain('DeleteSnapshot @ http://127.0.0.1:4566');
    expect(out).toContain('Targets disagree on 7 cases:');
    expect(out).toContain('... and 2 more failures');
    expect(out).toContain('--target http://127.0.0.1:4566');
  });
});

describe('terminal reporter: parity with a reference (--reference)', () => {
  const withParity = {
    ...emu,
    cases: emu.cases.map((c, i) => ({ ...c, parity: i === 0 ? { verdict: 'differs' as const, diff: 'status: 200 -> 400' } : i < 4 ? { verdict: 'agrees' as const } : i === 4 ? { verdict: 'no-reference' as const } : undefined })),
  };

  it('counts agree/differ/no-reference and lists the differing cases', () => {
    const out = render(withParity);
    expect(out).toContain('Parity of emulator with the reference: 3 agree, 1 differ, 1 no reference\n' +
      `  ${emu.cases[0].id}: status: 200 -> 400\n`);
  });

  it('says nothing about parity when no case has it', () => {
    expect(render(emu)).not.toContain('Parity');
  });
});

describe('progress line', () => {
  const stream = (isTTY: boolean) => {
    const chunks: string[] = [];
    return { isTTY, columns: 200, chunks, write: (s: string) => { chunks.push(s); return true; } };
  };

  it('prints nothing until done when the stream is not a TTY', () => {
    const s = stream(false);
    const p = createProgress(s, 3);
    for (const c of emu.cases.slice(5, 8)) p.update(c);
    expect(s.chunks).toEqual([]);
    p.done();
    p.done();
    expect(s.chunks).toHaveLength(1);
    expect(s.chunks[0]).toMatch(/^3\/3 cases in \d+ms, 2 failed\n$/);
  });

  it('redraws one line on a TTY with done/total, the operation and failures so far', () => {
    const s = stream(true);
    const p = createProgress(s, emu.cases.length, { perOperation: { 'aliyun.ecs.DeleteSnapshot': 12 } });
    p.update(emu.cases[0]);
    expect(s.chunks[0]).toBe('\r\u001b[K1/28 · aliyun.ecs.DeleteSnapshot 1/12');
    for (const c of emu.cases.slice(1)) p.update(c);
    // The last update always redraws, whatever the throttle.
    expect(s.chunks.at(-1)).toBe('\r\u001b[K28/28 · huaweicloud.evs.DeleteSnapshot 4 · 8 failed · 2 inconclusive');
    p.done();
    expect(s.chunks.at(-1)).toMatch(/^28\/28 cases in \d+ms, 8 failed, 2 inconclusive\n$/);
  });
});

describe('terminal reporter: expectation profile and sources', () => {
  it('names the profile and cites the sources of each failure (version 1 results say they predate profiles)', () => {
    const out = render(withEvidence(emu, 'page'));
    expect(out).toContain('emulator: 28 cases in 2.0s (seed 1, standard, expect page)');
    expect(out).toContain('    backed by: page: https://vendor.example/docs/api-page?x=1\n               sdk-req: @alicloud/ecs20140526@7.11.6');
    expect(out).toContain('... and 1 more sources');
    expect(out).toContain('    claims:   signature-status');
    expect(render(emu)).toContain('(seed 1, standard, no expectation profile (results v1))');
    expect(render(emu)).not.toContain('backed by');
  });
});
