// What a case's expectation rests on, and what the ledger leaves open: built once per contract view.
// - `expand`: an expected error whose status or code is disputed accepts every disputed value
//   (an Acceptable named after the claim: a match is pass-ambiguous and names the disagreement);
// - `evidenceFor`: the expectation keys a case rests on, the sources backing them, the claims involved.
import { pageLabel } from '../core/page.ts';
import type { Acceptable, CaseEvidence, CaseOrigin, Contract, Expectation, Mutation, ProtocolProfile } from '../core/types.ts';
import { describeSource, openAnswers, type EvidenceSource, type OpenAnswer } from '../core/evidence.ts';
import { alternativesOf, isAcceptable } from '../core/expectations.ts';
import { isDeepStrictEqual } from 'node:util';
import { answerOf, backingOf, type ExpectationKey } from '../loader/index.ts';

export class CaseEvidenceIndex {
  private readonly open: Map<string, OpenAnswer>;
  private readonly roleOfCode = new Map<string, string>();
  private readonly errorCodes: Set<string>;
  private readonly cache = new Map<string, CaseEvidence>();

  constructor(private readonly contract: Contract, private readonly profile: ProtocolProfile | undefined) {
    const roles: Record<string, string> = {};
    for (const [role, e] of Object.entries(profile?.errors ?? {})) { roles[role] = e.code; if (!this.roleOfCode.has(e.code)) this.roleOfCode.set(e.code, role); }
    this.open = openAnswers(contract.$evidence, roles);
    this.errorCodes = new Set(contract.errors.map((e) => e.code));
  }

  /** The expectation with every disputed status/code of its errors accepted. */
  expand(e: Expectation | Acceptable): Expectation | Acceptable {
    if (this.open.size === 0) return e;
    let claim: string | undefined;
    const alts = alternativesOf(e).flatMap((a) => {
      const open = a.kind === 'error' ? this.open.get(a.code) : undefined;
      if (!open || a.kind !== 'error') return [a];
      claim ??= open.claim;
      const codes = open.codes ?? [a.code];
      const statuses = a.status === undefined ? [undefined] : open.statuses ?? [a.status];
      return codes.flatMap((code) => statuses.map((status) => ({ kind: 'error' as const, code, ...(status !== undefined ? { status } : {}) })));
    });
    if (!claim) return e;
    return { note: isAcceptable(e) ? e.note : claim, alternatives: alts };
  }

  /** The keys a case rests on: what its origin names, its mutated parameter's rule, and the answers it expects. */
  evidenceFor(origin: CaseOrigin, mutation: Mutation | undefined, expect: Expectation | Acceptable): CaseEvidence {
    const keys = new Set<string>();
    // a claim may address one scenario of a rule (`rule:<id>/<scenario>.answer`)
    const scenario = origin.kind === 'rule' ? `rule:${origin.rule}/${origin.scenario}` : undefined;
    if (origin.kind === 'parameter') keys.add(`param:${origin.param}`);
    if (origin.kind === 'error-row') keys.add(`error:${origin.code}`);
    if (origin.kind === 'rule') keys.add(`rule:${origin.rule}`);
    // a protocol case names the profile role it provokes: that role, not whichever role shares its code
    const role = origin.kind === 'protocol' && origin.role && this.profile?.errors[origin.role] ? origin.role : undefined;
    if (role) keys.add(`common:${role}`);
    if (mutation?.param) {
      keys.add(`param:${mutation.param}`);
      keys.add(mutation.rule === 'required' ? `param:${mutation.param}.required` : `constraint:${mutation.param}.${mutation.rule}`);
    }
    for (const a of alternativesOf(expect)) {
      if (a.kind !== 'error') continue;
      if (this.errorCodes.has(a.code)) keys.add(`error:${a.code}`);
      const byCode = this.roleOfCode.get(a.code);
      if (byCode && !(role && this.profile?.errors[role]?.code === a.code)) keys.add(`common:${byCode}`);
    }
    const answered = this.answerClaims(expect);
    const id = `${[...keys].sort().join('|')}#${scenario ?? ''}#${answered.join('|')}`;
    let hit = this.cache.get(id);
    if (!hit) { hit = this.build([...keys].sort(), scenario, answered); this.cache.set(id, hit); }
    return hit;
  }

  /**
   * Disputed rule and note answers this expectation accepts in full (the loader widened it with every
   * value of the claim): the claim is what the case rests on, wherever the expectation sits (a
   * parameter's onViolation, a scenario, a dependency).
   */
  private answerClaims(expect: Expectation | Acceptable): string[] {
    const alts = alternativesOf(expect);
    const out: string[] = [];
    for (const [about, d] of Object.entries(this.contract.$evidence?.disputes ?? {})) {
      if (!/^(rule|note):.*\.answer$/.test(about)) continue;
      if (d.values.map(answerOf).every((v) => alts.some((a) => isDeepStrictEqual(a, v)))) out.push(d.claim);
    }
    return out;
  }

  private build(keys: string[], scenario: string | undefined, answered: string[]): CaseEvidence {
    const ledger = this.contract.$ledger;
    const pledger = this.profile?.$ledger;
    const view = this.contract.$evidence;
    const sources = new Map<string, string>();
    const claims = new Set<string>(answered);
    const onPage = (k: string) => this.pageStates(k);
    for (const k of keys) {
      const own: ExpectationKey = { key: k, onPage: onPage(k) };
      const fromContract = backingOf([own], ledger)[0]!;
      const fromProfile = k.startsWith('common:') || !onPage(k) ? backingOf([{ key: k, onPage: false }], pledger)[0]! : undefined;
      for (const id of fromContract.sources) sources.set(`c:${id}`, this.describe(id, ledger?.sources[id]));
      for (const id of fromProfile?.sources ?? []) sources.set(`p:${id}`, this.describe(id, pledger?.sources[id]));
      for (const [about, x] of Object.entries({ ...view?.disputes, ...view?.applied })) if (about === k || about.startsWith(`${k}.`)) claims.add(x.claim);
    }
    for (const [about, x] of Object.entries({ ...view?.disputes, ...view?.applied })) if (scenario && about.startsWith(`${scenario}.`)) claims.add(x.claim);
    return { profile: view?.expect ?? 'current', keys, sources: [...sources.values()], ...(claims.size ? { claims: [...claims] } : {}) };
  }

  private pageStates(key: string): boolean {
    const c = this.contract;
    const [kind, rest = ''] = key.split(/:(.*)/s);
    const name = rest.split('.')[0];
    if (kind === 'param' || kind === 'constraint') { const p = c.request.parameters.find((x) => x.name === name); return !!p && p.line !== undefined && !p.fromProfile; }
    if (kind === 'error') return c.errors.some((e) => e.code === rest && e.line !== undefined);
    if (kind === 'rule') return c.rules.some((r) => r.id === rest && r.line !== undefined);
    if (kind === 'note') return c.notes.some((n) => n.id === rest && n.line !== undefined);
    return false;
  }

  private describe(id: string, s: EvidenceSource | undefined): string {
    if (id === 'page') return `page: ${this.contract.source.url ?? pageLabel(this.contract)}`;
    return s ? describeSource(id, s) : id;
  }
}
