// Tests as data: expectations derived from the contracts themselves, not hard-coded lists.
import { describe, expect, it } from 'vitest';
import type { Acceptable, Case, ContractParam, Expectation } from '../../core/types.ts';
import { generateCases, uncoveredRows } from '../../generators/index.ts';
import { isValid } from '../../generators/schema.ts';
import { loadContracts } from '../../loader/index.ts';

const loaded = loadContracts();
const cases = generateCases(loaded, { seed: 7, depth: 'standard' });
const alts = (e: Expectation | Acceptable): Expectation[] => ('alternatives' in e ? e.alternatives : [e]);
const key = (e: Expectation) => (e.kind === 'error' ? `${e.code}/${e.status}` : `ok/${e.status}`);
const isProtocol = (p: ContractParam) => p.fromProfile || p.name === 'Action' || p.name === 'Version';

/** Keywords a parameter's schema asks to be broken, with the mutation rules that break them. */
function keywordsOf(p: ContractParam): [string, string[]][] {
  const s = p.schema;
  const out: [string, string[]][] = [];
  if (p.required) out.push(['required', ['required']]);
  if (s.type === 'boolean' || s.type === 'integer') out.push(['type', ['type']]);
  if (typeof s.minimum === 'number') out.push(['minimum', ['minimum']]);
  if (typeof s.maximum === 'number') out.push(['maximum', ['maximum']]);
  if (!p.refersTo && typeof s.minLength === 'number' && s.minLength > 1) out.push(['minLength', ['minLength']]);
  if (!p.refersTo && typeof s.maxLength === 'number') out.push(['maxLength', ['maxLength']]);
  if (typeof s.pattern === 'string') out.push(['pattern', ['pattern']]);
  if (s.not) out.push(['not', ['not']]);
  if (Array.isArray(s.enum)) out.push(['enum', ['enum']]);
  if (typeof s.maxItems === 'number') out.push(['maxItems', ['maxItems']]);
  if (p.refersTo && p.refersTo !== 'region' && p.refersTo !== 'project') out.push(['refersTo', ['id-format']]);
  return out;
}

describe('every parameter x every schema keyword has its negative case', () => {
  for (const contract of loaded.contracts) {
    for (const p of contract.request.parameters.filter((x) => !isProtocol(x))) {
      for (const [kw, rules] of keywordsOf(p)) {
        it(`${contract.id} ${p.name} ${kw}`, () => {
          const mine = cases.filter((c) => c.contract === contract.id && c.mutation?.param === p.name && rules.includes(c.mutation.rule));
          expect(mine.length).toBeGreaterThan(0);
          // the answer the contract names for that keyword is among the accepted ones
          const named = p.onViolation?.[kw];
          if (named) {
            const want = alts('code' in named ? { kind: 'error', code: named.code, status: named.status } : named).map(key);
            for (const c of mine.filter((x) => x.mutation!.rule === kw && !x.tags?.includes('dependency'))) {
              expect(alts(c.expect).map(key), c.id).toEqual(expect.arrayContaining(want));
            }
          }
          for (const c of mine) {
            const m = c.mutation!;
            // the request really breaks the parameter: left out, empty, or a value its schema refuses
            if (m.rule === 'required') expect(c.call.params[p.name] === undefined || c.call.params[p.name] === '', c.id).toBe(true);
            else if (m.rule !== 'id-format') expect(isValid(p.schema, c.call.params[p.name]), c.id).toBe(false);
            // and is refused (a dependency's "ignored when off" side, and a malformed id where the unknown-id
            // rule itself accepts success, may also be accepted)
            const answers = alts(c.expect);
            if (c.tags?.includes('dependency') || m.rule === 'id-format') expect(answers.some((e) => e.kind === 'error'), c.id).toBe(true);
            else expect(answers.every((e) => e.kind === 'error'), c.id).toBe(true);
          }
        });
      }
    }
  }
});

describe('boundaries are exact', () => {
  const valueOf = (c: Case, p: string) => c.call.params[p];
  for (const contract of loaded.contracts) {
    for (const p of contract.request.parameters.filter((x) => !isProtocol(x))) {
      const s = p.schema;
      if (typeof s.maxLength === 'number' && !p.refersTo) {
        it(`${contract.id} ${p.name}: ${s.maxLength} characters accepted, ${s.maxLength + 1} refused`, () => {
          const ok = cases.find((c) => c.id === `${contract.id}/range-length/${p.name}-maxLength-${s.maxLength}`)!;
          const bad = cases.find((c) => c.id === `${contract.id}/range-length/${p.name}-too-long-${(s.maxLength as number) + 1}`)!;
          expect([...String(valueOf(ok, p.name))].length).toBe(s.maxLength);
          expect(isValid(s, valueOf(ok, p.name))).toBe(true);
          expect(ok.expect).toEqual({ kind: 'success', status: contract.response.status });
          expect([...String(valueOf(bad, p.name))].length).toBe((s.maxLength as number) + 1);
          expect(alts(bad.expect).every((e) => e.kind === 'error')).toBe(true);
        });
      }
      if (typeof s.maxItems === 'number') {
        it(`${contract.id} ${p.name}: ${s.maxItems} items accepted, ${s.maxItems + 1} refused`, () => {
          const ok = cases.find((c) => c.id === `${contract.id}/list-limits/${p.name}-maxItems-${s.maxItems}`)!;
          const bad = cases.find((c) => c.id.startsWith(`${contract.id}/list-limits/${p.name}-over-max-items-`))!;
          expect((valueOf(ok, p.name) as unknown[]).length).toBe(s.maxItems);
          if (p.refersTo) expect(ok.setup!.length).toBeGreaterThanOrEqual(s.maxItems as number); // every id from a fixture
          expect((valueOf(bad, p.name) as unknown[]).length).toBe((s.maxItems as number) + 1);
        });
      }
      for (const k of ['minimum', 'maximum'] as const) {
        if (typeof s[k] !== 'number') continue;
        it(`${contract.id} ${p.name}: ${k} ${s[k]} accepted, one step outside refused`, () => {
          const n = s[k] as number;
          const ok = cases.find((c) => c.id === `${contract.id}/range-length/${p.name}-${k}-${n}`)!;
          expect(valueOf(ok, p.name)).toBe(n);
          const outside = k === 'minimum' ? n - 1 : n + 1;
          const bad = cases.find((c) => c.mutation?.param === p.name && c.mutation.rule === k && c.mutation.value === outside);
          expect(bad).toBeDefined();
        });
      }
    }
  }
  it('CreateSnapshotGroup Name: 2 and 128 accepted, 1 and 129 refused, Chinese start and allowed specials accepted', () => {
    const id = (s: string) => cases.find((c) => c.id === `aliyun.ecs.CreateSnapshotGroup/${s}`);
    expect(String(id('range-length/Name-minLength-2')!.call.params.Name)).toHaveLength(2);
    expect(String(id('range-length/Name-too-short-1')!.call.params.Name)).toHaveLength(1);
    expect(String(id('pattern-format/Name-starts-with-chinese')!.call.params.Name)).toMatch(/^[\u4e00-\u9fa5]/);
    expect(String(id('pattern-format/Name-all-allowed-special-chars')!.call.params.Name)).toContain('._-:');
    for (const s of ['leading-digit', 'http-prefix', 'https-prefix', 'forbidden-char-at']) expect(id(`pattern-format/Name-${s}`), s).toBeDefined();
  });
  it('DeleteInstances ClientToken: 64 accepted, 65 and non-ASCII refused', () => {
    const id = (s: string) => cases.find((c) => c.id === `volcengine.ecs.DeleteInstances/${s}`)!;
    expect(String(id('range-length/ClientToken-maxLength-64').call.params.ClientToken)).toHaveLength(64);
    expect(String(id('range-length/ClientToken-too-long-65').call.params.ClientToken)).toHaveLength(65);
    expect(String(id('pattern-format/ClientToken-non-ascii').call.params.ClientToken)).toMatch(/[^\x00-\x7f]/);
  });
  it('integers: non-integer and 32/64-bit overflows', () => {
    const slugs = cases.filter((c) => c.id.startsWith('aliyun.ecs.CreateSnapshotGroup/type/InstantAccessRetentionDays')).map((c) => c.id.split('/')[2]);
    expect(slugs).toEqual(expect.arrayContaining(['InstantAccessRetentionDays-type-fraction', 'InstantAccessRetentionDays-overflow-int32', 'InstantAccessRetentionDays-overflow-int64']));
  });
});


describe('error table', () => {
  it('every row with a trigger is aimed at by a case (exact code and status)', () => {
    for (const contract of loaded.contracts) {
      // rows superseded under the current profile are no longer provoked by their trigger (untriggerable, with the claim)
      for (const row of contract.errors.filter((r) => r.trigger && !r.untriggerable)) {
        const hit = cases.some((c) => c.contract === contract.id && [...alts(c.expect), ...(c.then ? alts(c.then.expect) : [])]
          .some((e) => e.kind === 'error' && e.code === row.code && e.status === row.status));
        expect(hit, `${contract.id} ${row.code} ${row.status}`).toBe(true);
      }
    }
  });
  it('the error-table column is the page\'s table: one case per triggered row, pointing at the row, accepting it', () => {
    for (const contract of loaded.contracts) {
      const column = cases.filter((c) => c.contract === contract.id && c.category === 'error-table' && c.source.line !== undefined
        && contract.errors.some((_, i) => contract.$lines?.[`/errors/${i}`] === c.source.line));
      // the page's rows (with their page line); rows a ledger adds are aimed at too (test above), without a page line
      // (a read call that stores no page: its own rows, which have no page line)
      const rows = contract.errors.filter((r) => r.trigger && !r.untriggerable && (r.line !== undefined || contract.source.file === null));
      expect(column, contract.id).toHaveLength(rows.length);
      for (const row of rows) {
        const i = contract.errors.indexOf(row);
        const c = column.find((x) => x.source.line === contract.$lines?.[`/errors/${i}`]);
        expect(c, `${contract.id} ${row.code}`).toBeDefined();
        expect(c!.id).toMatch(new RegExp(`/error-table/${row.code.replace(/\./g, '\\.')}(-${i})?$`));
        expect(c!.docSource?.line).toBe(row.line);
        expect([...alts(c!.expect), ...(c!.then ? alts(c!.then.expect) : [])].some((e) => e.kind === 'error' && e.code === row.code && e.status === row.status), c!.id).toBe(true);
        // the stimulus is the row's own trigger: its rule's scenario, or a violation of its parameter
        if (row.trigger!.param) expect(c!.mutation?.param, c!.id).toBe(row.trigger!.param);
        if (row.trigger!.rule) expect(c!.tags, c!.id).toContain('stateful');
      }
    }
  });
  it('a service error (a rule the service enforces) gets its own envelope case, reusing that rule\'s stimulus', () => {
    for (const contract of loaded.contracts) {
      const mine = cases.filter((c) => c.contract === contract.id);
      const stimulus = mine.find((k) => k.category === 'state-rules' && !k.then && !('alternatives' in k.expect) && k.expect.kind === 'error');
      const env = mine.find((c) => c.id === `${contract.id}/envelope/service-error`);
      if (!stimulus) { expect(env, contract.id).toBeUndefined(); continue; }
      expect(env, contract.id).toBeDefined();
      expect(env!.category).toBe('envelope');
      expect(env!.tags).toContain('envelope');
      expect({ call: env!.call, setup: env!.setup, expect: env!.expect }).toEqual({ call: stimulus.call, setup: stimulus.setup, expect: stimulus.expect });
    }
    expect(cases.filter((c) => c.id.endsWith('/envelope/service-error')).length).toBeGreaterThan(0);
  });
  it('untriggerable rows are reported uncovered with their reason, and nothing else is', () => {
    const rows = uncoveredRows(loaded, cases);
    const untriggerable = loaded.contracts.flatMap((c) => c.errors.filter((r) => r.untriggerable).map((r) => ({ contract: c.id, code: r.code, status: r.status, reason: r.untriggerable })));
    expect(rows).toEqual(untriggerable);
  });
  it('only contracts present in the cases are reported', () => {
    const one = cases.filter((c) => c.contract === 'aliyun.ecs.DeleteSnapshot');
    expect(new Set(uncoveredRows(loaded, one).map((r) => r.contract))).toEqual(new Set(['aliyun.ecs.DeleteSnapshot']));
  });
});

describe('rules, dependencies and protocol', () => {
  it('one case per rule scenario, idempotency rules in their own column', () => {
    for (const contract of loaded.contracts) {
      for (const rule of contract.rules) {
        for (const s of rule.scenarios) {
          const c = cases.find((x) => x.contract === contract.id && x.id.endsWith(s.name === rule.id ? `/${s.name}` : `/${rule.id}--${s.name}`));
          expect(c, `${rule.id}/${s.name}`).toBeDefined();
          expect(c!.category).toBe({ idempotency: 'idempotency', filter: 'filters', paging: 'paging' }[rule.kind as string] ?? 'state-rules');
          expect(c!.setup ?? []).toEqual(s.given);
          expect(c!.expect).toEqual(s.expect);
          if (s.then) expect(c!.then?.expect).toEqual(s.then.expect);
        }
      }
    }
  });
  it('$response refs in state assertions get a world kind', () => {
    for (const c of cases) for (const a of c.after ?? []) if (a.ref.startsWith('$response.')) expect(a.kind, c.id).toBeTruthy();
    const group = cases.find((c) => c.id.endsWith('multi-attach-disk--multi-attach-disk-excluded'))!;
    expect(group.after![0]!.kind).toBe('snapshotGroup');
  });
  it('only-effective-when dependencies generate both sides', () => {
    const dep = 'aliyun.ecs.CreateSnapshotGroup';
    const on = cases.find((c) => c.id === `${dep}/range-length/instant-access-retention-days--validated-when-on`)!;
    const off = cases.find((c) => c.id === `${dep}/positive/instant-access-retention-days--ignored-when-off`)!;
    expect(on.call.params.InstantAccess).toBe(true);
    expect(alts(on.expect).every((e) => e.kind === 'error')).toBe(true);
    expect(off.call.params.InstantAccess).toBe(false);
    expect(off.expect).toEqual({ kind: 'success', status: 200 });
  });
  it('profile protocol cases, minus the roles a vendor marks not applicable', () => {
    for (const contract of loaded.contracts) {
      const profile = loaded.profiles[contract.vendor];
      const na = (profile.requestStyle.rolesNotApplicable ?? {}) as Record<string, string>;
      const slugs = cases.filter((c) => c.contract === contract.id && c.tweak).map((c) => c.id.split('/')[2]);
      expect(slugs).toEqual(expect.arrayContaining(['unsigned', 'bad-signature', 'unknown-access-key', 'expired-timestamp']));
      expect(slugs.includes('reused-nonce')).toBe(!na['nonce-reused']);
      for (const c of cases.filter((x) => x.contract === contract.id && x.tweak?.auth === 'bad-signature' && !x.tweak.scheme)) {
        // the profile's answer is among those accepted (a disputed status widens it: pass-ambiguous)
        expect(alts(c.expect)).toContainEqual({ kind: 'error', code: profile.errors['bad-signature']!.code, status: profile.errors['bad-signature']!.status });
        expect(c.category).toBe('auth-signing');
      }
    }
  });
  it('positive calls take every id from a fixture, never from the doc\'s masked examples', () => {
    for (const c of cases.filter((x) => x.tags?.includes('positive') && x.category !== 'auth-signing' || x.category === 'envelope' && x.expect && !('alternatives' in x.expect) && x.expect.kind === 'success')) {
      const contract = loaded.byId(c.contract);
      for (const p of contract.request.parameters.filter((x) => x.refersTo && x.refersTo !== 'region' && x.name in c.call.params)) {
        const v = c.call.params[p.name];
        for (const id of Array.isArray(v) ? v : [v]) {
          expect(String(id), `${c.id} ${p.name}`).toMatch(/^\$\w+\.id$/);
          expect(c.setup?.some((f) => `$${f.as}.id` === id), `${c.id} ${p.name}`).toBe(true);
        }
      }
      expect(JSON.stringify(c.call.params), c.id).not.toContain('*');
    }
  });
  it('aliyun operations with an XML response get XML envelope cases', () => {
    for (const contract of loaded.contracts) {
      const xml = cases.filter((c) => c.contract === contract.id && c.call.format === 'XML');
      expect(xml.length > 0, contract.id).toBe(!!contract.response.xml);
    }
  });
});
