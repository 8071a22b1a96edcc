import { describe, expect, it } from 'vitest';
import { normalizeVolatile, render, triage } from '../../reporters/triage.ts';
import { loadFixture } from '../fixtures/results/index.ts';

const emu = loadFixture('emulator.json');

describe('triage', () => {
  it('groups the 5 same-cause failures (different request ids) into one group, largest first', () => {
    const groups = triage(emu);
    expect(groups.map((g) => g.cases.length)).toEqual([5, 1, 1, 1]);
    expect(groups[0]).toMatchObject({
      check: 'status',
      expected: '{"code":"InvalidParameter","status":400}',
      actual: '{"status":200,"requestId":"<uuid>"}',
      contracts: ['aliyun.ecs.DeleteSnapshot', 'aliyun.ecs.CreateSnapshotGroup'],
      categories: ['range-length', 'pattern-format'],
    });
    expect(groups.reduce((n, g) => n + g.cases.length, 0)).toBe(8);
  });

  it('normalises volatile ids, timestamps and long numbers', () => {
    expect(normalizeVolatile('snapshot s-bp1abc2def3ghi4jk5lm at 2025-01-01T00:00:00Z, req 6D3B1C1A-2F4E-4B7C-9A11-0D5E7C3B2A10, n 1234567'))
      .toBe('snapshot <id> at <time>, req <uuid>, n <n>');
    expect(normalizeVolatile('InvalidParameter')).toBe('InvalidParameter');
  });

  it('renders markdown with the groups in order', () => {
    const md = render(emu);
    expect(md).toContain('8 failures in 4 likely root causes, largest first.');
    expect(md.indexOf('## 1. `status`: 5 cases')).toBeGreaterThan(0);
    expect(md).not.toContain('<script>');
  });

  it('groups by the answered error code: one signing bug failing different expectations is one group', () => {
    const failing = emu.cases.find((c) => c.verdict === 'fail')!;
    const expectations = ['InvalidSnapshotId.NotFound', 'MissingParameter', 'InvalidParameter'];
    const cases = expectations.map((code, i) => ({
      ...failing, id: `sig-${i}`,
      checks: [{ name: 'error-code', ok: false, expected: code, actual: 'SignatureDoesNotMatch' }],
      actual: { status: 400, code: 'SignatureDoesNotMatch', requestId: `6D3B1C1A-2F4E-4B7C-9A11-0D5E7C3B2A1${i}` },
    }));
    const groups = triage({ ...emu, cases });
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ key: 'code SignatureDoesNotMatch', actualCode: 'SignatureDoesNotMatch', expected: '(varies by case)' });
    expect(groups[0]!.cases.map((c) => c.id)).toEqual(['sig-0', 'sig-1', 'sig-2']);
    expect(render({ ...emu, cases })).toContain('## 1. answered `SignatureDoesNotMatch`: 3 cases');
  });
});
