import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript, linkSegments, render, type LinkedText } from '../../reporters/html.ts';
import { lineDiff } from '../../reporters/diff.ts';
import { loadFixture, withEvidence } from '../fixtures/results/index.ts';

const emu = loadFixture('emulator.json');
const http = loadFixture('http.json');

describe('html reporter', () => {
  const html = render([emu, http]);

  it('is one self-contained file: no external scripts, styles, images or fetches', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/\bfetch\(|XMLHttpRequest|https?:\/\/(?!127\.0\.0\.1|aliyun\.example|volcengine\.example|huaweicloud\.example)/);
    expect(html).toContain("default-src 'none'");
  });

  it('escapes a <script> payload from case data everywhere', () => {
    // Exactly the two scripts of the report: the inert JSON data and the inline client script.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('</script> &');
    // The payload is still there, as data.
    const data = JSON.parse(html.match(/<script type="application\/json" id="report-data">(.*?)<\/script>/s)![1]) as { cases: { title: string }[] };
    expect(data.cases.some((c) => c.title.includes('<script>alert("xss")</script>'))).toBe(true);
    expect(escapeHtml('<a href="x">\'&')).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
    expect(jsonForScript({ s: '</script><!-- \u2028' })).toBe('{"s":"\\u003c/script\\u003e\\u003c!-- \\u2028"}');
  });

  it('renders the matrix with one badge per target in each cell', () => {
    expect(html.match(/<tr data-vendor=/g)).toHaveLength(4);
    expect(html).toContain('data-contract="aliyun.ecs.CreateSnapshotGroup" data-category="range-length" data-t="0" title="emulator: 2 fail">0/2</button>');
    expect(html).toContain('data-contract="aliyun.ecs.CreateSnapshotGroup" data-category="range-length" data-t="1" title="http://127.0.0.1:4566: 2 pass">2/2</button>');
    expect(html).toContain('Targets disagree (7)');
    expect(html).toContain('Uncovered error rows (2)');
    expect(html).toContain('<option value="volcengine">volcengine</option>');
  });

  it('diffs expected against actual line by line', () => {
    expect(lineDiff('{\n  "a": 1,\n  "b": 2\n}', '{\n  "a": 1,\n  "b": 3\n}')).toEqual([
      ['=', '{'], ['=', '  "a": 1,'], ['-', '  "b": 2'], ['+', '  "b": 3'], ['=', '}'],
    ]);
    expect(lineDiff('same', 'same')).toEqual([['=', 'same']]);
  });
});

describe('html reporter: expectation profile and sources', () => {
  const html = render(withEvidence(emu));
  const data = JSON.parse(html.match(/<script type="application\/json" id="report-data">(.*?)<\/script>/s)![1]) as {
    cases: { id: string; b?: number }[]; backings: { sources: LinkedText[]; claims: string[] }[];
  };

  it('names the profile on the target card', () => {
    expect(html).toContain('· standard · expect current</div>');
    expect(render(emu)).toContain('no expectation profile (results v1)');
  });

  it('lists each case\'s sources once per distinct set, URLs as links and nothing else', () => {
    expect(data.cases.every((c) => c.b !== undefined)).toBe(true);
    // with or without a claim x two source lists: four distinct backings for 28 cases
    expect(data.backings).toHaveLength(4);
    const first = data.backings[data.cases[0]!.b!]!;
    expect(first.claims).toEqual(['signature-status']);
    expect(first.sources[0]).toEqual([{ t: 'page: ' }, { t: 'https://vendor.example/docs/api-page?x=1', href: 'https://vendor.example/docs/api-page?x=1' }]);
    expect(first.sources[3]).toEqual([{ t: 'evil: javascript:alert(1)' }]);
    expect(linkSegments('u: https://a.example/x (read 2026-12-04)')).toEqual([
      { t: 'u: ' }, { t: 'https://a.example/x', href: 'https://a.example/x' }, { t: ' (read 2026-12-04)' },
    ]);
    expect(render(emu)).toContain('"backings":[]');
  });
});

describe('html reporter: the wire of a failure', () => {
  it('carries each exchange as inert text with the replay command, and says what did not run', () => {
    const fail = emu.cases.find((c) => c.verdict === 'fail')!;
    const withWire = {
      ...fail,
      exchanges: [{ request: { method: 'POST', url: 'http://127.0.0.1:4566/?Action=DeleteSnapshot', headers: { 'x-acs-action': 'DeleteSnapshot' }, body: '<script>alert(1)</script>' }, response: { status: 403, headers: {}, body: '{"Code":"SnapshotCreatedDisk"}' } }],
    };
    const page = render({ ...emu, interrupted: true, preflight: [{ vendor: 'huaweicloud', kind: 'no-envelope', message: 'huaweicloud: the target answered with no huaweicloud envelope' }], cases: [withWire] });
    const data = JSON.parse(page.match(/<script type="application\/json" id="report-data">(.*?)<\/script>/s)![1]!) as { cases: { wire?: string[]; replay?: string }[] };
    expect(data.cases[0]!.wire).toEqual([['> POST http://127.0.0.1:4566/?Action=DeleteSnapshot', '> x-acs-action: DeleteSnapshot', '>', '> <script>alert(1)</script>', '< 403', '<', '< {', '<   "Code": "SnapshotCreatedDisk"', '< }'].join('\n')]);
    expect(data.cases[0]!.replay).toBe(`npx conformance replay '${fail.id}' --seed 1`);
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('<p>emulator: interrupted; the results hold the 1 cases that finished</p>');
    expect(page).toContain('<p>preflight: huaweicloud: the target answered with no huaweicloud envelope; its cases were skipped</p>');
  });
});
