import { describe, expect, it } from 'vitest';
import { getReporter, REPORTER_NAMES, REPORTERS } from '../../reporters/index.ts';
import { loadFixture } from '../fixtures/results/index.ts';

describe('reporter registry', () => {
  it('has every reporter, in the order the CLI lists them', () => {
    expect(REPORTER_NAMES).toEqual(['terminal', 'json', 'markdown', 'html', 'junit', 'triage', 'github']);
  });

  const runs = [loadFixture('emulator.json'), loadFixture('http.json')];
  it.each(REPORTER_NAMES)('%s writes its file and renders one target, or several side by side', (name) => {
    const r = REPORTERS[name];
    expect(r.file.endsWith(`.${r.extension}`)).toBe(true);
    const one = r.render(runs[0]);
    const both = r.render(runs);
    // A failing case of the fixture is in every rendering (triage and failures lists included).
    expect(one).toContain('aliyun.ecs.DeleteSnapshot/state-rules/used-by-image');
    expect(one).not.toContain('127.0.0.1:4566');
    expect(both).toContain('127.0.0.1:4566');
    expect(both).toContain('emulator');
  });

  it('rejects unknown names with the valid list and a did-you-mean', () => {
    expect(() => getReporter('htlm')).toThrowError('reporter "htlm" is not one of terminal, json, markdown, html, junit, triage, github (did you mean "html"?)');
    expect(() => getReporter('toString')).toThrowError(/is not one of/);
    expect(getReporter('junit')).toBe(REPORTERS.junit);
  });
});
