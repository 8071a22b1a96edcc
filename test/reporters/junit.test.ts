import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { render } from '../../reporters/junit.ts';
import { loadFixture } from '../fixtures/results/index.ts';

const emu = loadFixture('emulator.json');
const http = loadFixture('http.json');
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) });

type Case = { name: string; classname: string; failure?: { message: string; '#text': string }; error?: { type: string }; skipped?: { message: string }; 'system-out'?: string };
type Suite = { name: string; tests: string; failures: string; errors: string; skipped: string; testcase: Case[] };

describe('junit reporter', () => {
  const xml = render(emu);

  it('is well-formed XML even with <script>, quotes, ]]> and control characters in case data', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('\u0001');
  });

  it('has one testsuite per operation and one testcase per case, with the right counts', () => {
    const doc = parser.parse(xml) as { testsuites: { tests: string; failures: string; errors: string; skipped: string; testsuite: Suite[] } };
    expect(doc.testsuites).toMatchObject({ tests: '28', failures: '8', errors: '2', skipped: '2' });
    const suites = doc.testsuites.testsuite;
    expect(suites.map((s) => s.name)).toEqual(['aliyun.ecs.DeleteSnapshot', 'aliyun.ecs.CreateSnapshotGroup', 'volcengine.ecs.DeleteInstances', 'huaweicloud.evs.DeleteSnapshot']);
    expect(suites.reduce((n, s) => n + s.testcase.length, 0)).toBe(28);
    const all = suites.flatMap((s) => s.testcase);
    expect(all.filter((c) => c.failure)).toHaveLength(8);
    expect(all.filter((c) => c.skipped)).toHaveLength(2);
    expect(all.filter((c) => c.error?.type === 'inconclusive')).toHaveLength(2);
    expect(suites[0]).toMatchObject({ tests: '12', failures: '3', errors: '1', skipped: '1' });
  });

  it('puts expected/actual in the failure and the payload comes back as text', () => {
    const doc = parser.parse(xml) as { testsuites: { testsuite: Suite[] } };
    const evil = doc.testsuites.testsuite[2].testcase.find((c) => c.failure)!;
    expect(evil.name).toBe('volcengine.ecs.DeleteInstances/error-table/InvalidInstanceIds.Malformed');
    expect(evil.failure!.message).toBe('error-code: expected InvalidInstanceIds.Malformed, got InvalidParameter');
    const used = doc.testsuites.testsuite[0].testcase.find((c) => c.name.endsWith('used-by-image'))!;
    expect(used.failure!['#text']).toContain('expected:\nIncorrectSnapshotStatus\nactual:\nOperationDenied');
    expect(used.failure!['#text']).toContain("re-run: npx conformance run --case 'aliyun.ecs.DeleteSnapshot/state-rules/used-by-image' --seed 1");
    // Attributes and text round-trip whatever they hold; characters XML cannot carry are dropped.
    const evilRun = { ...emu, cases: [{ ...emu.cases[0]!, id: 'x/y/<script>alert("x")</script> & ]]>', verdict: 'skipped' as const, reason: "it's <b>\u0001" }] };
    const back = (parser.parse(render(evilRun)) as { testsuites: { testsuite: Suite[] } }).testsuites.testsuite[0]!.testcase[0]!;
    expect(back.name).toBe('x/y/<script>alert("x")</script> & ]]>');
    expect(back.skipped!.message).toBe("it's <b>");
  });

  it('names suites per target when several targets are rendered', () => {
    const doc = parser.parse(render([emu, http])) as { testsuites: { tests: string; failures: string; testsuite: Suite[] } };
    expect(doc.testsuites).toMatchObject({ tests: '55', failures: '12' });
    expect(doc.testsuites.testsuite.map((s) => s.name)).toContain('http://127.0.0.1:4566 › aliyun.ecs.DeleteSnapshot');
  });
});
