import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendToStepSummary, render } from '../../reporters/markdown.ts';
import { loadFixture, withEvidence } from '../fixtures/results/index.ts';

const emu = loadFixture('emulator.json');

describe('markdown reporter', () => {
  const md = render(emu);

  it('has the matrix with one row per operation, icons by worst verdict', () => {
    expect(md).toContain('| operation | pos | req | type | range | pattern | enum | list | errors | state | filter | pages | env | auth | idem | flows | total |');
    expect(md).toContain('| `aliyun.ecs.DeleteSnapshot` | ✅ 2/2 | ✅ 1/1 | ☑️ 1/1 | ❌ 0/1 | ❌ 0/1 | · | · | · | ❌ 1/3 | · | · | ✅ 1/1 | ⚠️ 1/2 | · | · | ❌ 7/12 |');
  });

  it('lists failures with expected/actual, source and re-run, escaping HTML in titles', () => {
    expect(md).toContain('## Failures (8)');
    expect(md).toContain('- expected: `IncorrectSnapshotStatus`');
    expect(md).toContain('- source: `contracts/aliyun/ecs/2014-05-26/DeleteSnapshot.yaml:59`');
    expect(md).toContain("- re-run: `npx conformance run --case 'aliyun.ecs.DeleteSnapshot/state-rules/used-by-image' --seed 1`");
    expect(md).not.toContain('<script>');
    expect(md).toContain('&lt;script&gt;');
  });

  it('lists uncovered error rows', () => {
    expect(md).toContain('## Uncovered error rows (2)');
    expect(md).toContain('| `aliyun.ecs.DeleteSnapshot` | 403 | `InvalidAccountStatus.NotEnoughBalance` | no documented parameter or rule provokes it |');
  });

  it('several targets: a target column, each uncovered row once, parity per target', () => {
    const http = loadFixture('http.json');
    const differs = { ...http, cases: http.cases.map((c, i) => (i < 2 ? { ...c, parity: i ? { verdict: 'agrees' as const } : { verdict: 'differs' as const, diff: 'code | A -> B' } } : c)) };
    const both = render([emu, differs]);
    expect(both).toContain('| operation | target | pos |');
    expect(both).toContain('## Uncovered error rows (2)');
    expect(both).not.toContain('## Parity with the reference (emulator)');
    expect(both).toContain('## Parity with the reference (http://127.0.0.1:4566)\n\n1 agree, 1 differ, 0 no reference.\n\n| case | first difference |\n| --- | --- |\n' +
      `| \`${http.cases[0].id}\` | code \\| A -&gt; B |`);
  });

  it('appends to $GITHUB_STEP_SUMMARY only when set', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'summary-')), 'summary.md');
    writeFileSync(file, 'before\n');
    expect(appendToStepSummary('# hi', { GITHUB_STEP_SUMMARY: file })).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('before\n# hi\n');
    expect(appendToStepSummary('# hi', {})).toBe(false);
  });
});

describe('markdown reporter: expectation profile and sources', () => {
  it('names the profile per target and lists what backs each failure', () => {
    const md2 = render(withEvidence(emu));
    expect(md2).toContain('depth standard, expect current, started');
    expect(md2).toMatch(/- backed by: page: https:\/\/vendor\.example\/docs\/api-page\?x=1; sdk-req: @alicloud\/ecs20140526@7\.11\.6 src\/models\/DeleteSnapshotRequest\.ts; csi: /);
    expect(md2).toContain('- ledger claims: `signature-status`');
    expect(render(emu)).toContain('no expectation profile (results v1)');
  });
});

describe('markdown reporter: runs that did not run everything', () => {
  it('says a run was interrupted and which vendor the preflight stopped', () => {
    const md = render({ ...emu, interrupted: true, preflight: [{ vendor: 'huaweicloud', kind: 'credentials-rejected', message: 'huaweicloud: the target rejected the credentials (APIGW.0301 401)' }] });
    expect(md).toContain('; **interrupted**: the cases that finished');
    expect(md).toContain('  - preflight: huaweicloud: the target rejected the credentials (APIGW.0301 401); its cases were skipped');
  });
});
