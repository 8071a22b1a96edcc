import { describe, expect, it } from 'vitest';
import { getReporter, REPORTER_NAMES, REPORTERS } from '../../reporters/index.ts';
import { loadFixture } from '../fixtures/results/index.ts';

describe('reporter registry', () => {
  it('has every reporter with a file and extension, each rendering one or several targets', () => {
    expect(REPORTER_NAMES).toEqual(['terminal', 'json', 'markdown', 'html', 'junit', 'triage']);
    const runs = [loadFixture('emulator.json'), loadFixture('http.json')];
    for (const name of REPORTER_NAMES) {
      const r = REPORTERS[name];
      expect(r.file.endsWith(`.${r.extension}`)).toBe(true);
      expect(r.render(runs[0]).length).toBeGreaterThan(100);
      expect(r.render(runs).length).toBeGreaterThan(100);
    }
  });

  it('rejects unknown names with the valid list and a did-you-mean', () => {
    expect(() => getReporter('htlm')).toThrowError('reporter "htlm" is not one of terminal, json, markdown, html, junit, triage (did you mean "html"?)');
    expect(() => getReporter('toString')).toThrowError(/is not one of/);
    expect(getReporter('junit')).toBe(REPORTERS.junit);
  });
});
