// The mutant catalogue: enough named deviations, spread over every operation, vendor and check
// category; every mutant changes behaviour on its targeted probe; no mutant means no change;
// unknown names are refused with a suggestion. (The full mutant suite runs in `npm run mutants`.)
import { describe, expect, test } from 'vitest';
import { CATEGORIES, VENDORS } from '../../core/types.ts';
import { main } from '../../cli/main.ts';
import { createDeviations, DECISION_POINTS } from '../../emulator/deviations.ts';
import { MUTANTS, MUTANT_NAMES } from '../../emulator/mutants/catalogue.ts';
import { CONFORMING_VARIANTS, EXPLAINED_SURVIVORS } from '../../emulator/mutants/survivors.ts';
import { ledgerDeviations } from '../../emulator/mutants/ledger.ts';
import { listingMutants } from '../../emulator/mutants/listing.ts';
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
    const all = [...MUTANTS, ...listingMutants(LOADED.contracts)];
    for (const c of LOADED.contracts) {
      expect(all.some((m) => m.vendor === c.vendor && m.operation === c.operation), c.id).toBe(true);
    }
    for (const v of VENDORS) expect(MUTANTS.some((m) => m.vendor === v), v).toBe(true);
    const generated = new Set(generateCases(LOADED, { seed: 1, depth: 'standard' }).map((c) => c.category));
    expect([...generated].length).toBeGreaterThan(10);
    for (const cat of CATEGORIES) if (generated.has(cat)) expect(all.some((m) => m.expectedCategory === cat), cat).toBe(true);
  });

  // (`apply.points` are typed DecisionPoint: a misspelt point does not compile.)
  test('every mutant is well formed: operation and parameter patches exist', () => {
    for (const m of MUTANTS) {
      expect(m.description.length, m.name).toBeGreaterThan(10);
      expect(m.name.startsWith(`${m.vendor}.`), m.name).toBe(true);
      const contract = LOADED.contracts.find((c) => c.vendor === m.vendor && c.operation === m.operation);
      if (m.operation !== '*') expect(contract, m.name).toBeDefined();
      const kinds = [m.apply.points, m.apply.params, m.apply.response].filter(Boolean);
      expect(kinds.length, m.name).toBeGreaterThan(0);
      for (const name of Object.keys(m.apply.params ?? {})) {
        expect(contract?.request.parameters.some((p) => p.name === name), `${m.name}: ${name}`).toBe(true);
      }
    }
  });

  test('explained survivors name mutants; conforming variants switch their decision points on', () => {
    for (const name of Object.keys(EXPLAINED_SURVIVORS)) expect(MUTANT_NAMES, name).toContain(name);
    for (const v of CONFORMING_VARIANTS) {
      expect(MUTANT_NAMES, v.name).not.toContain(v.name);
      expect(v.apply.points?.length, v.name).toBeGreaterThan(0);
      const d = createDeviations([v.name]);
      for (const p of v.apply.points ?? []) expect(d.on(p), `${v.name}: ${p}`).toBe(true);
    }
  });

  test('every decision point is switched on by some mutant or conforming variant (none is dead)', () => {
    const used = new Set([...MUTANTS, ...CONFORMING_VARIANTS, ...ledgerDeviations(LOADED_CURRENT).deviations].flatMap((m) => m.apply.points ?? []));
    expect(DECISION_POINTS.filter((p) => !used.has(p))).toEqual([]);
  });

  test('a mutant switches on exactly its own decision points', () => {
    for (const m of MUTANTS.filter((x) => x.apply.points)) {
      const d = createDeviations([m.name]);
      expect(DECISION_POINTS.filter((p) => d.on(p)), m.name).toEqual([...m.apply.points!]);
    }
  });
});

describe('no mutant: reference behaviour unchanged', () => {
  test('createDeviations() with no names is inert', () => {
    const d = createDeviations([]);
    expect(d.active.size).toBe(0);
    expect(DECISION_POINTS.some((p) => d.on(p))).toBe(false);
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
    // Decision points are the handlers' seam, not names to switch on: only catalogue entries are.
    expect(() => newEmulator(['aliyun.CreateSnapshotGroup.no-status-check'])).toThrow(/unknown mutant "aliyun\.CreateSnapshotGroup\.no-status-check"/);
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
