// The one classifier every drift command shares: each kind of change, and each direction of a
// constraint change, lands on the side it breaks.
import { describe, expect, it } from 'vitest';
import { classify, classifyConstraint, driftExitCode, summarize, type Change } from '../../drift/classify.ts';

describe('classify', () => {
  // kind, detail, classification
  it.each<[Parameters<typeof classify>[0], Parameters<typeof classify>[1], Change['classification']]>([
    ['param-added', { required: true }, 'breaking-for-clients'],
    ['param-added', { required: false }, 'breaking-for-emulators'],
    ['param-removed', {}, 'breaking-for-clients'],
    ['required-changed', { after: true }, 'breaking-for-clients'],
    ['required-changed', { after: false }, 'breaking-for-emulators'],
    ['type-changed', {}, 'breaking-for-clients'],
    ['location-changed', {}, 'breaking-for-clients'],
    ['default-changed', { before: undefined, after: 1 }, 'breaking-for-emulators'],
    ['default-changed', { before: 1, after: undefined }, 'compatible'],
    ['default-changed', { before: 1, after: 2 }, 'breaking-for-clients'],
    ['error-added', {}, 'breaking-for-emulators'],
    ['error-removed', {}, 'compatible'],
    ['error-changed', { statusChanged: true }, 'breaking-for-clients'],
    ['error-changed', { statusChanged: false }, 'breaking-for-emulators'],
    ['response-field-added', {}, 'breaking-for-emulators'],
    ['response-field-removed', {}, 'breaking-for-clients'],
    ['response-field-retyped', {}, 'breaking-for-clients'],
    ['status-changed', {}, 'breaking-for-clients'],
    ['http-changed', {}, 'breaking-for-clients'],
    ['contract-added', {}, 'breaking-for-emulators'],
    ['contract-removed', {}, 'breaking-for-clients'],
    ['rule-added', {}, 'breaking-for-emulators'],
    ['rule-removed', {}, 'compatible'],
    ['sdk-only', {}, 'compatible'],
    ['sdk-only', { required: false }, 'compatible'],
    ['sdk-only', { required: true }, 'breaking-for-clients'],
    ['deprecation-changed', { before: false, after: true }, 'compatible'],
    ['deprecation-changed', { before: true, after: false }, 'compatible'],
    ['contract-only', {}, 'breaking-for-clients'],
  ])('%s %j is %s', (kind, detail, classification) => {
    const v = classify(kind, detail);
    expect(v.classification).toBe(classification);
    expect(v.why).toMatch(/\w/);
  });

  it('hands out a fresh verdict each time (callers may edit the why)', () => {
    const a = classify('sdk-only');
    a.why = 'edited';
    expect(classify('sdk-only').why).not.toBe('edited');
  });
});

describe('classifyConstraint', () => {
  // keyword, before, after, classification
  it.each<[string, unknown, unknown, Change['classification']]>([
    ['maxLength', 128, 64, 'breaking-for-clients'],
    ['maxLength', 64, 128, 'breaking-for-emulators'],
    ['items.maxLength', 64, 32, 'breaking-for-clients'],
    ['minimum', 1, 2, 'breaking-for-clients'],
    ['minItems', 2, 1, 'breaking-for-emulators'],
    ['pattern', undefined, '^a', 'breaking-for-clients'],
    ['pattern', '^a', undefined, 'breaking-for-emulators'],
    ['pattern', '^a', '^b', 'breaking-for-clients'],
    ['uniqueItems', undefined, false, 'breaking-for-emulators'],
    ['uniqueItems', undefined, true, 'breaking-for-clients'],
    ['enum', ['a', 'b'], ['a'], 'breaking-for-clients'],
    ['enum', ['a'], ['a', 'b'], 'breaking-for-emulators'],
    ['enum', ['a', 'b'], ['b', 'c'], 'breaking-for-clients'],
  ])('%s %j -> %j is %s', (keyword, before, after, classification) => {
    expect(classifyConstraint(keyword, before, after).classification).toBe(classification);
  });
});

it('summarize counts every classification, zeros included', () => {
  const change = (classification: Change['classification']): Change => ({ kind: 'rule-added', classification, subject: 's', why: 'w' });
  expect(summarize([])).toEqual({ 'breaking-for-clients': 0, 'breaking-for-emulators': 0, compatible: 0 });
  expect(summarize([change('compatible'), change('compatible'), change('breaking-for-clients')]))
    .toEqual({ 'breaking-for-clients': 1, 'breaking-for-emulators': 0, compatible: 2 });
});

describe('driftExitCode: --fail-on breaking (the default) and any', () => {
  const of = (...cs: Change['classification'][]) => cs.map((classification) => ({ classification }));
  // changes, exit under breaking, exit under any
  it.each<[string, { classification: Change['classification'] }[], number, number]>([
    ['none', of(), 0, 0],
    ['compatible only', of('compatible', 'compatible'), 0, 1],
    ['breaking for clients', of('compatible', 'breaking-for-clients'), 1, 1],
    ['breaking for emulators', of('breaking-for-emulators'), 1, 1],
  ])('%s', (_what, changes, breaking, any) => {
    expect([driftExitCode(changes), driftExitCode(changes, 'breaking'), driftExitCode(changes, 'any')]).toEqual([breaking, breaking, any]);
  });
});
