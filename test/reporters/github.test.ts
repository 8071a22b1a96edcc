// The github reporter: one workflow-command annotation per failure, pinned to the contract line,
// escaped by the Actions toolkit's rules so case data cannot forge a second command; warnings for
// a vendor the preflight stopped and an interrupted run; a notice past the annotation cap.
import { describe, expect, it } from 'vitest';
import type { CaseResult, RunResults } from '../../core/types.ts';
import { MAX_ANNOTATIONS, render } from '../../reporters/github.ts';
import { loadFixture } from '../fixtures/results/index.ts';

const emu = loadFixture('emulator.json');
const parse = (line: string) => /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(line);

describe('github reporter', () => {
  it('one ::error per failing case, at its contract file and line, with the re-run command', () => {
    const lines = render(emu).trimEnd().split('\n');
    const failing = emu.cases.filter((c) => c.verdict === 'fail');
    expect(lines).toHaveLength(failing.length);
    lines.forEach((line, i) => {
      const m = parse(line)!;
      expect(m[1]).toBe('error');
      const props = Object.fromEntries(m[2]!.split(',').map((p) => p.split('=')));
      expect(props.file).toBe(failing[i]!.source.file);
      expect(props.line).toBe(String(failing[i]!.source.line));
      expect(decodeURIComponent(props.title!)).toContain(failing[i]!.id);
      expect(decodeURIComponent(m[3]!)).toContain(`re-run: npx conformance run --case '${failing[i]!.id}'`);
    });
  });

  it('case data cannot break out: newlines, percent signs, colons and commas are escaped', () => {
    const evil: CaseResult = { ...emu.cases.find((c) => c.verdict === 'fail')!, id: 'x/y,z:w', title: 'line one\n::error::forged\r100%' };
    const out = render({ ...emu, cases: [evil] });
    expect(out.trimEnd().split('\n')).toHaveLength(1);
    expect(out).toContain('title=x/y%2Cz%3Aw');
    expect(out).toContain('line one%0A::error::forged%0D100%25');
  });

  it('warns about a vendor the preflight stopped and an interrupted run; caps the annotations with a notice', () => {
    const fail = emu.cases.find((c) => c.verdict === 'fail')!;
    const run: RunResults = {
      ...emu, interrupted: true,
      preflight: [{ vendor: 'huaweicloud', kind: 'no-envelope', message: 'huaweicloud: the target answered with no huaweicloud envelope' }],
      cases: Array.from({ length: MAX_ANNOTATIONS + 3 }, (_, i) => ({ ...fail, id: `${fail.id}-${i}` })),
    };
    const lines = render(run).trimEnd().split('\n');
    expect(lines[0]).toBe('::warning title=preflight%3A huaweicloud not run::huaweicloud: the target answered with no huaweicloud envelope');
    expect(lines[1]).toMatch(/^::warning title=conformance run interrupted::emulator: the run was interrupted; the results hold the 53 cases that finished$/);
    expect(lines.filter((l) => l.startsWith('::error'))).toHaveLength(MAX_ANNOTATIONS);
    expect(lines.at(-1)).toBe('::notice title=more failures::3 more failures are not annotated: see results.json or report.html');
  });

  it('nothing to say, nothing printed', () => {
    expect(render({ ...emu, cases: emu.cases.filter((c) => c.verdict === 'pass') })).toBe('');
  });
});
