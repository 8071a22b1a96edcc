// Deviations derived from the evidence ledgers, never written by hand: for every disputed claim
// (`kind: disputed`, loader/evidence.ts), one variant per alternative (the emulator answers that
// alternative; the suite under `current` must not fail) and one mutant that answers outside all of
// them (the suite must fail). This is how accepting alternatives keeps the suite sharp: each
// alternative is proved accepted, and an answer none of the sources gives is proved caught.
//
// They act on the wire answer (a `response` rewrite) at the expectation the emulator's error
// enforces (`ResponseInfo.about`, set by the engine: `common:<role>`, `rule:<id>`,
// `param:<name>.<keyword>`), so an alternative reaches exactly the answers the claim is about.
// A success alternative cannot be made by rewriting an error: the emulator skips the rule, which
// needs the operation's handler to check it (HandlerSpec `rules`); a claim without one is reported,
// never silently dropped.
import { isDeepStrictEqual } from 'node:util';
import type { Acceptable, Contract, ErrorRef, Expectation, ProtocolProfile, Vendor } from '../../core/types.ts';
import { isVendor } from '../../core/types.ts';
import type { LoadedContracts } from '../../loader/index.ts';
import { answerOf } from '../../loader/index.ts';
import { HANDLERS } from '../ops/index.ts';
import { renamed } from './rewrites.ts';
import type { Deviation, ResponseInfo, Rewrite } from './types.ts';

/**
 * A deviation of a disputed claim: `ledger.<vendor>.<claim>.as-<value>` (variant) or
 * `ledger.<vendor>.<claim>.outside` (mutant); `operation` is `*` for a vendor profile's common error.
 */
export type LedgerDeviation = Deviation & { claim: { id: string; about: string } };

/** The ledger deviations' names all start with this. */
export const LEDGER_PREFIX = 'ledger.';

/** Whether the handler of `<vendor>.<operation>` checks rule `id` (and so can skip it to answer success). */
const checksRule = (vendor: Vendor, operation: string, id: string) => HANDLERS[`${vendor}.${operation}`]?.rules.includes(id) ?? false;

/** Statuses a mutant may answer outside a claim's values: client errors no runner retries. */
const OUTSIDE_STATUSES = [401, 409, 422, 418];

/** Why a disputed claim has no deviation of some kind (reported by `npm run mutants`). */
export interface LedgerGap { claim: string; vendor: Vendor; about: string; reason: string }

export interface LedgerDeviations { deviations: LedgerDeviation[]; gaps: LedgerGap[] }

const slug = (v: unknown): string => {
  const a = answerOf(v);
  if (typeof v === 'number' || typeof v === 'string') return String(v);
  return a.kind === 'success' ? 'success' : `${a.code}${a.status !== undefined ? `-${a.status}` : ''}`;
};

const cache = new WeakMap<LoadedContracts, LedgerDeviations>();

/** Every ledger variant and mutant of `loaded` (contracts seen under `current`: disputes are recorded there). */
export function ledgerDeviations(loaded: LoadedContracts): LedgerDeviations {
  const hit = cache.get(loaded);
  if (hit) return hit;
  const out: LedgerDeviations = { deviations: [], gaps: [] };
  for (const [vendor, profile] of Object.entries(loaded.profiles)) {
    if (!isVendor(vendor) || !profile) continue;
    for (const [about, d] of Object.entries(profile.$evidence?.disputes ?? {})) commonDeviations(out, vendor, profile, about, d);
  }
  for (const c of loaded.contracts) {
    for (const [about, d] of Object.entries(c.$evidence?.disputes ?? {})) {
      if (/^(rule|note):.*\.answer$/.test(about)) answerDeviations(out, c, loaded.profiles[c.vendor], about, d);
    }
  }
  cache.set(loaded, out);
  return out;
}

// ---------------------------------------------------------------- common errors (`common:<role>.status|code`)

function commonDeviations(out: LedgerDeviations, vendor: Vendor, profile: ProtocolProfile, about: string, d: { claim: string; values: unknown[] }): void {
  const m = /^common:(.+)\.(status|code)$/.exec(about);
  if (!m) { out.gaps.push({ claim: d.claim, vendor, about, reason: 'only the status and code of a common error can be played' }); return; }
  const [, role = '', matched] = m;
  const prop = matched === 'code' ? 'code' : 'status';
  const at = `common:${role}`;
  const own = profile.errors[role];
  if (!own) { out.gaps.push({ claim: d.claim, vendor, about, reason: `the profile has no role ${role}` }); return; }
  const base = { vendor, operation: '*', claim: { id: d.claim, about } };
  for (const v of d.values) {
    if (isDeepStrictEqual(v, own[prop])) continue; // what the emulator answers already
    const response = prop === 'status' ? (typeof v === 'number' ? setStatus(at, v) : undefined) : typeof v === 'string' ? setCode(at, v) : undefined;
    if (!response) { out.gaps.push({ claim: d.claim, vendor, about, reason: `the value ${JSON.stringify(v)} is no ${prop}` }); continue; }
    out.deviations.push({
      ...base, kind: 'variant', name: `${LEDGER_PREFIX}${vendor}.${d.claim}.as-${slug(v)}`,
      description: `${role} answered with ${prop} ${String(v)} (claim ${d.claim}: ${d.values.join(' or ')})`,
      apply: { response },
    });
  }
  if (prop === 'status') {
    const outside = OUTSIDE_STATUSES.find((s) => !d.values.includes(s))!;
    out.deviations.push({
      ...base, kind: 'mutant', name: `${LEDGER_PREFIX}${vendor}.${d.claim}.outside`,
      description: `${role} answered with status ${outside}, which no source of claim ${d.claim} gives (${d.values.join(' or ')})`,
      apply: { response: setStatus(at, outside) },
    });
  } else {
    const outside = otherCode(profile, d.values.filter((v): v is string => typeof v === 'string'));
    if (!outside) { out.gaps.push({ claim: d.claim, vendor, about, reason: 'no other code in the profile to answer instead' }); return; }
    out.deviations.push({
      ...base, kind: 'mutant', name: `${LEDGER_PREFIX}${vendor}.${d.claim}.outside`,
      description: `${role} answered with code ${outside} (another role's), which no source of claim ${d.claim} gives (${d.values.join(' or ')})`,
      apply: { response: setCode(at, outside) },
    });
  }
}

// ---------------------------------------------------------------- rule and note answers

function answerDeviations(out: LedgerDeviations, c: Contract, profile: ProtocolProfile | undefined, about: string, d: { claim: string; values: unknown[] }): void {
  const [prefix = '', rest = ''] = about.replace(/\.answer$/, '').split(/:(.*)/s);
  const kind = prefix === 'rule' ? 'rule' : 'note';
  const id = rest.split('/')[0] ?? '';
  const places = kind === 'rule' ? [`rule:${id}`] : placesOfNote(c, id);
  const base = { vendor: c.vendor, operation: c.operation, claim: { id: d.claim, about } };
  if (places.length === 0) { out.gaps.push({ claim: d.claim, vendor: c.vendor, about, reason: `nothing in ${c.operation} answers with note ${id}` }); return; }
  const accepted = acceptedAnswers(c, kind, id, d.values);
  for (const v of d.values) {
    const a = answerOf(v);
    if (a.kind === 'success') {
      // the rule skipped; a note's success is played where one of its places is a rule the handler checks
      const rule = places.filter((p) => p.startsWith('rule:')).map((p) => p.slice('rule:'.length)).find((r) => checksRule(c.vendor, c.operation, r));
      if (!rule) { out.gaps.push({ claim: d.claim, vendor: c.vendor, about, reason: `its success alternative needs the ${c.operation} handler to check the rule (HandlerSpec rules), so that it can skip it` }); continue; }
      out.deviations.push({ ...base, kind: 'variant', name: `${LEDGER_PREFIX}${c.vendor}.${d.claim}.as-success`, description: `${about} answered with success (claim ${d.claim})`, apply: { skips: [rule] } });
      continue;
    }
    out.deviations.push({
      ...base, kind: 'variant', name: `${LEDGER_PREFIX}${c.vendor}.${d.claim}.as-${slug(v)}`,
      description: `${about} answered with ${a.code}${a.status !== undefined ? ` ${a.status}` : ''} (claim ${d.claim})`,
      apply: { response: setAnswer(places, a.code, a.status) },
    });
  }
  const codes = new Set(accepted.flatMap((a) => (a.kind === 'error' ? [a.code] : [])));
  // another role's code, its status kept: one thing wrong, and no answer any source gives for this claim
  const code = otherCode(profile, [...codes]);
  if (!code) { out.gaps.push({ claim: d.claim, vendor: c.vendor, about, reason: 'no other code in the profile to answer instead' }); return; }
  out.deviations.push({
    ...base, kind: 'mutant', name: `${LEDGER_PREFIX}${c.vendor}.${d.claim}.outside`,
    description: `${about} answered with code ${code} (another role's), outside every answer its sources give`,
    apply: { response: setAnswer(places, code, undefined) },
  });
}

/** The expectation keys whose answers name note `id`: rules whose scenarios expect it, parameters whose violations do. */
function placesOfNote(c: Contract, id: string): string[] {
  const names = (e: Expectation | Acceptable | ErrorRef | undefined) => !!e && 'alternatives' in e && e.note === id;
  return [
    ...c.rules.filter((r) => r.scenarios.some((s) => names(s.expect))).map((r) => `rule:${r.id}`),
    ...c.request.parameters.flatMap((p) => Object.entries(p.onViolation ?? {}).filter(([, e]) => names(e)).map(([kw]) => `param:${p.name}.${kw}`)),
  ];
}

/** Every answer a case about this claim accepts: the claim's values, the note's, the scenarios'. */
function acceptedAnswers(c: Contract, kind: 'rule' | 'note', id: string, values: unknown[]): Expectation[] {
  const all: Expectation[] = values.map(answerOf);
  const add = (e: Expectation | Acceptable | undefined) => { if (e) all.push(...('alternatives' in e ? e.alternatives : [e])); };
  if (kind === 'note') all.push(...(c.notes.find((n) => n.id === id)?.acceptable ?? []));
  else for (const s of c.rules.find((r) => r.id === id)?.scenarios ?? []) add(s.expect);
  return all;
}

/** A code of another role of the profile, none of `codes` (an implementation mixing up its errors). */
function otherCode(profile: ProtocolProfile | undefined, codes: string[]): string | undefined {
  return Object.values(profile?.errors ?? {}).map((e) => e.code).find((code) => !codes.includes(code));
}

// ---------------------------------------------------------------- rewrites

const at = (places: string | string[], info: ResponseInfo) => info.code !== undefined && info.about !== undefined && [places].flat().includes(info.about);

function setStatus(places: string | string[], status: number): Rewrite {
  return (res, info) => (at(places, info) ? { ...res, status } : res);
}

function setCode(places: string | string[], code: string): Rewrite {
  return (res, info) => (at(places, info) && info.code !== undefined ? { ...res, body: renamed(res.body, info.code, code) } : res);
}

function setAnswer(places: string[], code: string, status: number | undefined): Rewrite {
  return (res, info) => (at(places, info) && info.code !== undefined ? { ...res, ...(status !== undefined ? { status } : {}), body: renamed(res.body, info.code, code) } : res);
}
