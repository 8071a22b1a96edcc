// The deviations catalogue: enough named mutants, spread over every operation, vendor and check
// category; each one's `apply` names only rules and decision points its operation declares (and a
// deviation that does not is refused, naming what is wrong); each acts at its own operation only;
// every mutant changes behaviour on its targeted probe; no mutant means no change; unknown names are
// refused with a suggestion. (The full mutant suite runs in `npm run mutants`.)
import { describe, expect, test } from 'vitest';
import { CATEGORIES, VENDORS } from '../../core/types.ts';
import { main } from '../../cli/main.ts';
import { assertDeviations, createDeviations, deviationProblems, REFERENCE } from '../../emulator/deviations.ts';
import { CATALOGUE, MUTANTS, MUTANT_NAMES, VARIANTS } from '../../emulator/deviations/catalogue.ts';
import { EXPLAINED_SURVIVORS } from '../../emulator/deviations/survivors.ts';
import { ledgerDeviations } from '../../emulator/deviations/ledger.ts';
import { listingDeviations } from '../../emulator/deviations/listing.ts';
import type { Deviation } from '../../emulator/deviations/types.ts';
import { PIPELINE_POINTS, PIPELINE_RULES } from '../../emulator/http/pipeline.ts';
import { HANDLERS } from '../../emulator/ops/index.ts';
import { generateCases } from '../../generators/index.ts';
import { loadContracts } from '../../loader/index.ts';
import { LOADED, newEmulator, observe, PROBES } from './probes.ts';

const LOADED_CURRENT = loadContracts({ expect: 'current' });

describe('catalogue', () => {
  test('at least 40 mutants, unique names', () => {
    expect(MUTANTS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(MUTANT_NAMES).size).toBe(MUTANT_NAMES.length);
  });

  test('covers every operation, vendor and every category the suite generates (with the read calls\' derived mutants)', () => {
    const all = [...MUTANTS, ...listingDeviations(LOADED.contracts)];
    for (const c of LOADED.contracts) {
      expect(all.some((m) => m.vendor === c.vendor && m.operation === c.operation), c.id).toBe(true);
    }
    for (const v of VENDORS) expect(MUTANTS.some((m) => m.vendor === v), v).toBe(true);
    const generated = new Set(generateCases(LOADED, { seed: 1, depth: 'standard' }).map((c) => c.category));
    expect([...generated].length).toBeGreaterThan(10);
    for (const cat of CATEGORIES) if (generated.has(cat)) expect(all.some((m) => m.expectedCategory === cat), cat).toBe(true);
  });

  test('every mutant is well formed: a description, its vendor in its name, its operation served, its parameters the contract\'s', () => {
    for (const m of MUTANTS) {
      expect(m.description.length, m.name).toBeGreaterThan(10);
      expect(m.name.startsWith(`${m.vendor}.`), m.name).toBe(true);
      const contract = LOADED.contracts.find((c) => c.vendor === m.vendor && c.operation === m.operation);
      if (m.operation !== '*') expect(contract, m.name).toBeDefined();
      for (const name of [...Object.keys(m.apply.params ?? {}), ...(m.apply.ignores ?? [])]) {
        expect(contract?.request.parameters.some((p) => p.name === name), `${m.name}: ${name}`).toBe(true);
      }
    }
  });

  test('every deviation (catalogue, ledger, listing) names only rules and points its operation or the HTTP pipeline declares', () => {
    const derived = [...ledgerDeviations(LOADED_CURRENT).deviations, ...listingDeviations(LOADED.contracts)];
    for (const d of [...CATALOGUE, ...derived]) expect(deviationProblems(d), d.name).toEqual([]);
    expect(() => assertDeviations([...CATALOGUE, ...derived])).not.toThrow();
  });

  // What a misspelt or misplaced deviation gets: an error naming the deviation and what is wrong, not a silent no-op.
  const bad = (apply: Deviation['apply'], operation = 'CreateSnapshotGroup'): Deviation =>
    ({ name: 'test.bad', kind: 'mutant', vendor: 'aliyun', operation, description: 'a deviation under test', expectedCategory: 'state-rules', apply });
  test.each([
    ['a rule the handler does not check', bad({ skips: ['instance-stauts'] }), /names rule "instance-stauts", which aliyun.CreateSnapshotGroup does not check \(did you mean "instance-status"\?\)/],
    ['a limit on a rule the handler does not check', bad({ limits: { 'max-eleven-disks': 1 } }), /names rule "max-eleven-disks"/],
    ['a point the handler does not have', bad({ set: { nothing: true } }, 'DeleteSnapshot'), /sets point "nothing", which aliyun.DeleteSnapshot does not have/],
    ['a point set to a value of another shape', bad({ set: { cursor: 1 } }, 'DescribeSnapshots'), /sets point "cursor" to a number, where its reference value is a string/],
    ['hidden statuses on a call that reads nothing', bad({ hides: ['progressing'] }), /hides statuses, but aliyun.CreateSnapshotGroup is not a read call/],
    ['ignored parameters on the HTTP pipeline', bad({ ignores: ['RegionId'] }, '*'), /ignores parameters, but names no operation/],
    ['a pipeline rule that does not exist', bad({ skips: ['bad-signatur'] }, '*'), /names rule "bad-signatur", which the aliyun HTTP pipeline does not check \(did you mean "bad-signature"\?\)/],
    ['an operation without a handler', bad({ skips: ['x'] }, 'DeleteSnapshots'), /names operation aliyun.DeleteSnapshots, which has no handler \(did you mean "aliyun.DeleteSnapshot"\?\)/],
    ['an empty apply', bad({}), /changes nothing/],
  ])('refused: %s', (_what, d, message) => {
    expect(deviationProblems(d).join('; ')).toMatch(message);
    expect(() => assertDeviations([d])).toThrow(/deviation "test.bad" /);
  });

  test('explained survivors name mutants; variants are no mutants and each deviates at its operation', () => {
    for (const name of Object.keys(EXPLAINED_SURVIVORS)) expect(MUTANT_NAMES, name).toContain(name);
    for (const v of VARIANTS) {
      expect(v.kind, v.name).toBe('variant');
      expect(MUTANT_NAMES, v.name).not.toContain(v.name);
      expect(createDeviations([v.name]).at(v.vendor, v.operation), v.name).not.toEqual(REFERENCE);
    }
  });

  /** Rules a handler checks under an id of its own (no contract rule, profile role or deviation names it), and why. */
  const OWN_RULE_IDS: Record<string, string> = {
    'aliyun.CreateSnapshotGroup no-disk': 'no disk left to snapshot (all excluded): the error table\'s IncorrectInstanceStatus, which no contract rule names',
    'volcengine.DeleteInstances instance-status': 'the status half of the per-instance refusal (the contract names only billing-deletable)',
    'volcengine.DeleteInstance instance-status': 'the status half of the contract\'s deletable-status, shared with DeleteInstances',
    'pipeline missing-auth': 'the profile role asked first for an unsigned request (none defines it today: bad-signature answers)',
    'pipeline malformed-auth': 'the profile role asked first for an unreadable Authorization (none defines it today: bad-signature answers)',
  };

  test('every decision point is set by some deviation (none is dead); every declared rule is a contract rule, a profile role or a deviation\'s', () => {
    const all = [...CATALOGUE, ...ledgerDeviations(LOADED_CURRENT).deviations, ...listingDeviations(LOADED.contracts)];
    const set = new Set(all.flatMap((d) => Object.keys(d.apply.set ?? {}).map((k) => `${d.vendor}.${d.operation}.${k}`)));
    const skipped = new Set(all.flatMap((d) => [...(d.apply.skips ?? []), ...Object.keys(d.apply.limits ?? {})].map((r) => `${d.vendor}.${d.operation}.${r}`)));
    const unexplained: string[] = [];
    for (const [place, spec] of Object.entries(HANDLERS)) {
      const [vendor = '', operation = ''] = place.split('.');
      for (const p of Object.keys(spec.points)) if (!set.has(`${place}.${p}`)) unexplained.push(`${place} point ${p}`);
      const contract = LOADED.contracts.find((c) => c.vendor === vendor && c.operation === operation);
      const roles = Object.keys(LOADED.profiles[contract?.vendor ?? 'aliyun']?.errors ?? {});
      for (const r of spec.rules) {
        if (contract?.rules.some((x) => x.id === r) || roles.includes(r) || skipped.has(`${place}.${r}`)) continue;
        if (!OWN_RULE_IDS[`${place} ${r}`]) unexplained.push(`${place} rule ${r}`);
      }
    }
    for (const p of Object.keys(PIPELINE_POINTS)) if (![...set].some((k) => k.endsWith(`.*.${p}`))) unexplained.push(`pipeline point ${p}`);
    for (const r of PIPELINE_RULES) {
      if (VENDORS.some((v) => LOADED.profiles[v]?.errors[r]) || [...skipped].some((k) => k.endsWith(`.*.${r}`))) continue;
      if (!OWN_RULE_IDS[`pipeline ${r}`]) unexplained.push(`pipeline rule ${r}`);
    }
    expect(unexplained).toEqual([]);
  });

  test('a deviation acts at its own operation only (a pipeline one at the pipeline), and changes what its apply says', () => {
    const places = [...Object.keys(HANDLERS).map((k) => k.split('.') as [string, string]), ...VENDORS.map((v) => [v, '*'] as [string, string])];
    for (const d of CATALOGUE) {
      const on = createDeviations([d.name]);
      for (const [vendor, operation] of places) {
        const decided = on.at(vendor as typeof d.vendor, operation);
        if (vendor === d.vendor && operation === d.operation) {
          expect([...decided.skips], d.name).toEqual([...(d.apply.skips ?? [])]);
          expect(Object.fromEntries(decided.limits), d.name).toEqual(d.apply.limits ?? {});
          expect(Object.fromEntries(decided.set), d.name).toEqual(d.apply.set ?? {});
          expect([...decided.ignores], d.name).toEqual([...(d.apply.ignores ?? [])]);
          expect([...decided.hides], d.name).toEqual([...(d.apply.hides ?? [])]);
        } else {
          expect(decided, `${d.name} at ${vendor}.${operation}`).toBe(REFERENCE);
        }
      }
      for (const v of VENDORS) for (const l of ['creation', 'deletion'] as const) expect(on.neverSettles(v, l), `${d.name} ${v} ${l}`).toBe(v === d.vendor && (d.apply.neverSettles ?? []).includes(l));
    }
  });
});

describe('no mutant: reference behaviour unchanged', () => {
  test('createDeviations() with no names is inert', () => {
    const d = createDeviations([]);
    expect(d.active.size).toBe(0);
    for (const place of [...Object.keys(HANDLERS), ...VENDORS.map((v) => `${v}.*`)]) {
      const [vendor = '', operation = ''] = place.split(/\.(.*)/s);
      expect(d.at(vendor as (typeof VENDORS)[number], operation), place).toBe(REFERENCE);
    }
    for (const v of VENDORS) expect(d.neverSettles(v, 'creation') || d.neverSettles(v, 'deletion'), v).toBe(false);
    expect(d.rewritesResponses).toBe(false);
    expect(d.paramOverrides('aliyun', 'CreateSnapshotGroup')).toBeUndefined();
  });

  // Every probe, byte for byte (request ids and generated ids aside): no option, an empty list,
  // and a mutant of another vendor all answer as the reference does.
  const seen = new Set<string>();
  const sample = Object.entries(PROBES).filter(([, p]) => {
    const key = JSON.stringify([p.op, p.params, p.format, p.tweak, p.before, p.replay, !!p.setup]);
    return !seen.has(key) && !!seen.add(key);
  });
  test.each(sample)('%s probe: identical without mutants', async (_name, probe) => {
    const reference = await observe(probe);
    expect(await observe(probe, [])).toEqual(reference);
    const vendor = LOADED.byId(probe.op).vendor;
    const other = MUTANTS.find((m) => m.vendor !== vendor)!;
    expect(await observe(probe, [other.name])).toEqual(reference);
  });
});

describe('each mutant changes behaviour on its probe', () => {
  test('every mutant has a probe', () => {
    expect(MUTANT_NAMES.filter((n) => !PROBES[n])).toEqual([]);
  });
  test('a mutant scoped to one profile is probed under it', () => {
    for (const m of MUTANTS) expect(PROBES[m.name]!.behaviour ?? 'current', m.name).toBe(m.profiles?.length === 1 ? m.profiles[0] : 'current');
  });
  test.each(MUTANTS.map((m) => [m.name, m.expectedCategory] as const))('%s [%s]', async (name) => {
    const probe = PROBES[name]!;
    const reference = await observe(probe);
    const mutant = await observe(probe, [name]);
    expect(mutant).not.toEqual(reference);
  });
});

describe('unknown names', () => {
  test('createEmulator refuses an unknown mutant with a suggestion', () => {
    expect(() => newEmulator(['aliyun.DeleteSnapshot.force-ignord'])).toThrow(/unknown mutant "aliyun\.DeleteSnapshot\.force-ignord" \(did you mean "aliyun\.DeleteSnapshot\.force-ignored"\?\)/);
    expect(() => newEmulator(['nothing-like-it'])).toThrow(/unknown mutant "nothing-like-it"/);
    // Rules and decision points are the handlers' seam, not names to switch on: only deviations are.
    expect(() => newEmulator(['aliyun.CreateSnapshotGroup.instance-status'])).toThrow(/unknown mutant "aliyun\.CreateSnapshotGroup\.instance-status"/);
  });

  test('conformance emulator --mutant <unknown>: one line, exit 2', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: { write: (s: string) => { out.push(s); return true; } }, stderr: { write: (s: string) => { err.push(s); return true; } } };
    const code = await main(['emulator', '--port', '0', '--mutant', 'aliyun.signature-unchecke'], io as never);
    expect(code).toBe(2);
    const text = err.join('');
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(text).toMatch(/error \[E_OPTION\] unknown mutant "aliyun.signature-unchecke" \(did you mean "aliyun.signature-unchecked"\?\)/);
  });

  test('a mutant on a non-emulator target is refused', async () => {
    const { openTarget } = await import('../../compose/open-target.ts');
    await expect(openTarget('http://127.0.0.1:9', { loaded: LOADED, mutants: ['aliyun.signature-unchecked'] })).rejects.toThrow(/--mutant .*--target emulator/);
  });
});
