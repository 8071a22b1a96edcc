// The read-call machinery, on a synthetic read call: the emulator's generic filters and paging
// (emulator/ops/listing.ts) in every paging style, the derived listing mutants switching them off, the
// runner's paging stage (runner/pages.ts) and the `listed` check judging every page together, and the
// meta-schema and semantic checks of `listing`, `listed`, `pages` and no-page contracts. Each mutant is
// shown failing the check that must catch it.
import { describe, expect, it } from 'vitest';
import type { Case, Contract, ContractListing, OperationCall, Target, TargetResponse } from '../../core/types.ts';
import { listed as listedCheck } from '../../checks/listed.ts';
import { judge } from '../../checks/index.ts';
import { listEntities, PAGING } from '../../emulator/ops/listing.ts';
import { newAjv, ParamValidator } from '../../emulator/validate/params.ts';
import { listingMutantName, listingDeviations } from '../../emulator/deviations/listing.ts';
import { decide, decisionsOf } from '../../emulator/deviations.ts';
import type { Values } from '../../emulator/validate/params.ts';
import type { Entity } from '../../emulator/state/types.ts';
import { followPages, MAX_PAGES } from '../../runner/pages.ts';
import { validateShape } from '../../loader/validate.ts';
import { checkContract } from '../../loader/semantic.ts';
import { loadContracts } from '../../loader/index.ts';

const LOADED = loadContracts();
const BASE = LOADED.contracts.find((c) => c.id === 'aliyun.ecs.DeleteSnapshotGroup')!;

/** A read call over snapshot groups: a SnapshotGroupId list, Status and Tag filters, paged as `style` says. */
function readCall(style: 'token' | 'page' | 'offset' | 'marker'): Contract {
  const listing: ContractListing = {
    kind: 'snapshotGroup', items: 'Groups.Group', id: 'GroupId',
    paging: { style, size: 'Size', cursor: 'Cursor', ...(style === 'token' ? { next: 'Next' } : {}) },
    filters: [{ param: 'SnapshotGroupId', field: 'id' }, { param: 'Status', field: 'status' }, { param: 'Tag', field: 'tags', match: 'tags' }],
  };
  const param = (name: string, type: string) => ({ name, docName: name, in: 'query' as const, required: false, schema: { type } });
  return {
    ...BASE, operation: 'DescribeGroups', id: 'aliyun.ecs.DescribeGroups', listing,
    request: { parameters: [...BASE.request.parameters, param('Status', 'array'), param('Tag', 'array'), param('Size', 'integer'), param('Cursor', 'string')] },
  };
}

/**
 * listEntities as a read call's handler calls it, with the derived listing mutants `names` switched
 * on through the engine's own consulting of decisions (emulator/deviations.ts decide): an ignored
 * filter's parameter never reaches it, the paging points are read through `point`.
 */
function list(c: Contract, values: Values, names: string[] = []) {
  const decided = decide(decisionsOf(listingDeviations([c]).filter((d) => names.includes(d.name))), PAGING);
  return listEntities({ contract: c, shows: decided.shows, point: (name) => decided.point(name) as never /* a set point has its reference's shape: deviationProblems */ }, decided.values(values), ENTITIES);
}
const ENTITIES: Entity[] = [
  { id: 'g1', status: 'accomplished', tags: { env: 'prod' } },
  { id: 'g2', status: 'failed', tags: [{ Key: 'env', Value: 'test' }] },
  { id: 'g3', status: 'accomplished', tags: {} },
];
const ids = (es: Entity[]) => es.map((e) => e.id);

describe('emulator: generic filters and paging of a read call', () => {
  const c = readCall('token');
  it.each([
    ['no filter', {}, ['g1', 'g2', 'g3']],
    ['a list of ids', { SnapshotGroupId: ['g3', 'g1'] }, ['g1', 'g3']],
    ['a JSON-array string of ids (as the CSI driver sends SnapshotIds)', { SnapshotGroupId: '["g2"]' }, ['g2']],
    ['a status', { Status: ['accomplished'] }, ['g1', 'g3']],
    ['a tag with its value (map or list form)', { Tag: [{ Key: 'env', Value: 'test' }] }, ['g2']],
    ['a tag key alone', { Tag: [{ Key: 'env' }] }, ['g1', 'g2']],
    ['filters together', { Status: ['accomplished'], Tag: [{ Key: 'env' }] }, ['g1']],
  ])('%s', (_name, values, want) => {
    expect(ids(list(c, values).page)).toEqual(want);
  });

  it('each filter has a derived mutant that switches it off', () => {
    const names = listingDeviations([c]).map((m) => m.name);
    expect(names).toEqual(['SnapshotGroupId', 'Status', 'Tag'].map((p) => listingMutantName(c, `ignores-${p}`)).concat(listingMutantName(c, 'ignores-cursor'), listingMutantName(c, 'ignores-size')));
    expect(ids(list(c, { Status: ['failed'] }).page)).toEqual(['g2']);
    expect(ids(list(c, { Status: ['failed'] }, [listingMutantName(c, 'ignores-Status')]).page)).toEqual(['g1', 'g2', 'g3']);
  });

  it.each(['token', 'page', 'offset', 'marker'] as const)('%s paging walks every entity once, two a page', (style) => {
    const k = readCall(style);
    const first = list(k, { Size: 2 });
    expect(ids(first.page)).toEqual(['g1', 'g2']);
    const cursor = { token: first.next, page: 2, offset: 2, marker: 'g2' }[style];
    const second = list(k, { Size: 2, Cursor: cursor });
    expect(ids(second.page)).toEqual(['g3']);
    expect(second.next).toBeUndefined();
    expect(first.total).toBe(3);
  });

  it('a cursor that names no page is reported to the handler', () => {
    expect(list(readCall('token'), { Cursor: 'nonsense' }).badCursor).toBe(true);
    expect(list(readCall('marker'), { Cursor: 'g9' }).badCursor).toBe(true);
  });
});

/** A target answering the synthetic read call from ENTITIES through listEntities, with the mutants given. */
function listingTarget(c: Contract, ...mutants: string[]): Target & { sent: OperationCall[] } {
  const sent: OperationCall[] = [];
  return {
    name: 'listing', kind: 'fake', sent,
    capabilities: { fixtures: true, xml: false, tweaks: false },
    async send(call: OperationCall): Promise<TargetResponse> {
      sent.push(call);
      const r = list(c, call.params, mutants);
      return { outcome: 'answered', status: 200, format: 'json', requestId: 'r', body: { RequestId: 'r', Groups: { Group: r.page.map((e) => ({ GroupId: e.id })) }, ...(r.next ? { Next: r.next } : {}) } };
    },
  };
}

function pagingCase(c: Contract, listed: Case['listed'], pages?: number): Case {
  return {
    id: `${c.id}/paging/x`, contract: c.id, category: 'paging', title: 'x', source: { file: 'x' },
    call: { vendor: 'aliyun', service: 'ecs', version: '2014-05-26', operation: c.operation, params: {} },
    expect: { kind: 'success', status: 200 }, destructive: false, listed, ...(pages !== undefined ? { pages } : {}),
  };
}

/** Run the case as the runner does: first page, the paging stage, then the judge. */
async function run(c: Contract, k: Case, ...mutants: string[]) {
  const target = listingTarget(c, ...mutants);
  const params = { ...k.call.params, ...(k.pages ? { Size: k.pages } : {}) };
  const first = await target.send({ ...k.call, params });
  const pages = await followPages(target, k, params, first, c.listing!, undefined, { retries: 0 });
  const refs = { a: 'g1', b: 'g2', c: 'g3' };
  return { j: judge(k, first, { contract: c, capabilities: target.capabilities, refs, pages, checks: ['status', 'listed'] }), sent: target.sent.length, pages };
}

describe('runner + listed check: paging through, judged over every page', () => {
  it.each(['token', 'page', 'offset', 'marker'] as const)('%s: one a page, every fixture once: pass; broken paging fails', async (style) => {
    const c = readCall(style);
    const k = pagingCase(c, { includes: ['a', 'b', 'c'] }, 1);
    const ok = await run(c, k);
    expect(ok.j.verdict, ok.j.reason).toBe('pass');
    expect(ok.sent).toBeGreaterThanOrEqual(3);
    expect(ok.j.checks.find((x) => x.name === 'listed')?.ok).toBe(true);

    const big = await run(c, k, listingMutantName(c, 'ignores-size'));
    expect(big.j.verdict).toBe('fail');
    expect(big.j.reason).toMatch(/page 1 lists 3 items, more than the 1 asked for \(Size\)/);

    const stuck = await run(c, k, listingMutantName(c, 'ignores-cursor'));
    expect(stuck.j.verdict).toBe('fail');
    expect(stuck.j.reason).toMatch(style === 'token' ? /same Next as the page before|listed on more than one page/ : /listed on more than one page: g1/);
    expect(stuck.sent).toBeLessThanOrEqual(MAX_PAGES + 1);
  });

  it('a filter case: the excluded fixture listed fails, naming it; the included one missing fails', async () => {
    const c = readCall('token');
    const k = { ...pagingCase(c, { includes: ['b'], excludes: ['a'] }), call: { ...pagingCase(c, {}).call, params: { Status: ['failed'] } } };
    expect((await run(c, k)).j.verdict).toBe('pass');
    const ignored = await run(c, k, listingMutantName(c, 'ignores-Status'));
    expect(ignored.j.verdict).toBe('fail');
    expect(ignored.j.reason).toMatch(/listed, but the request's filters leave it out: a \(g1\)/);
    const missing = listedCheck({ testCase: k, response: { outcome: 'answered', status: 200, body: { Groups: { Group: [] } } }, expectation: { kind: 'success' }, contract: c, capabilities: { fixtures: true, xml: false, tweaks: false }, refs: { a: 'g1', b: 'g2' } });
    expect(missing?.ok).toBe(false);
    expect(missing?.message).toMatch(/not listed: b \(g2\)/);
  });

  it('an XML-style answer with one item as the element itself is read as a list of one', () => {
    const c = readCall('token');
    const k = pagingCase(c, { includes: ['a'] });
    const r = listedCheck({ testCase: k, response: { outcome: 'answered', status: 200, body: { Groups: { Group: { GroupId: 'g1' } } } }, expectation: { kind: 'success' }, contract: c, capabilities: { fixtures: true, xml: true, tweaks: false }, refs: { a: 'g1' } });
    expect(r?.ok).toBe(true);
  });

  it('an error answer is not listed (the check does not apply to an expected error)', () => {
    const c = readCall('token');
    const r = listedCheck({ testCase: pagingCase(c, { includes: ['a'] }), response: { outcome: 'answered', status: 400 }, expectation: { kind: 'error', code: 'X' }, contract: c, capabilities: { fixtures: true, xml: false, tweaks: false } });
    expect(r).toBeUndefined();
  });
});

describe('contracts: listing, listed, pages and contracts with no stored page', () => {
  const noPage = (over: Record<string, unknown> = {}) => JSON.parse(JSON.stringify({
    ...Object.fromEntries(Object.entries(readCall('token')).filter(([k]) => !k.startsWith('$'))),
    source: { file: null, title: 'DescribeGroups', url: 'https://example.invalid/describe-groups', retrieved: '2026-12-05', noPage: 'no page text is stored: the SDK model and the clients are its sources' },
    rules: [{ id: 'filter-status', kind: 'filter', doc: 'Status filters', entity: 'snapshotGroup', scenarios: [{
      name: 'status', given: [{ as: 'a', kind: 'snapshotGroup' }, { as: 'b', kind: 'snapshotGroup' }], params: { Status: ['failed'] },
      expect: { kind: 'success', status: 200 }, listed: { includes: ['a'], excludes: ['b'] }, pages: 1,
    }] }],
    notes: [],
    ...over,
  }));
  const CTX = { profiles: new Map([[BASE.protocol, LOADED.profiles.aliyun]]), relPath: 'aliyun/ecs/2014-05-26/DescribeGroups.yaml' };
  const lineless = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (k, x) => (k === 'line' || k === 'x-line' ? undefined : x)));

  it('the meta-schema accepts a read call with no page, and its semantic checks pass', () => {
    const k = lineless(noPage()) as Contract;
    expect(validateShape('contract', k, {}).map((p) => p.reason)).toEqual([]);
    expect(checkContract(k, {}, CTX).map((p) => p.reason)).toEqual([]);
  });

  it('a no-page contract must say why, and name its url and retrieval date (null where none)', () => {
    const k = noPage();
    delete k.source.noPage;
    delete k.source.retrieved;
    const reasons = validateShape('contract', lineless(k), {}).map((p) => p.reason).join('\n');
    expect(reasons).toMatch(/noPage/);
    expect(reasons).toMatch(/retrieved/);
  });

  it('listed names unknown fixtures, listing misses, paging without listing.paging: each reported', () => {
    const k = noPage();
    k.rules[0].scenarios[0].listed = { includes: ['zz'] };
    const { paging: _p, ...rest } = k.listing;
    k.listing = { ...rest, kind: 'nosuchkind', filters: [{ param: 'Nope', field: 'x' }] };
    const reasons = checkContract(lineless(k) as Contract, {}, CTX).map((p) => p.reason);
    expect(reasons.join('\n')).toMatch(/'zz' names no fixture/);
    expect(reasons.join('\n')).toMatch(/kind 'nosuchkind' is not a aliyun world kind/);
    expect(reasons.join('\n')).toMatch(/'Nope' names no parameter/);
    expect(reasons.join('\n')).toMatch(/pages needs listing.paging/);
  });
});

describe('emulator: a list of structs on the wire (Tag.N.Key / Tag.N.Value)', () => {
  const c = LOADED.byId('aliyun.ecs.DescribeSnapshotGroups');
  const validator = new ParamValidator(c, LOADED.profiles.aliyun, newAjv());
  it('reads Tag.N.Field into items ordered by N', () => {
    const r = validator.validate({ RegionId: 'cn-hangzhou', 'Tag.2.Key': 'b', 'Tag.1.Key': 'a', 'Tag.1.Value': 'x' });
    expect(r.ok && r.values.Tag).toEqual([{ Key: 'a', Value: 'x' }, { Key: 'b' }]);
  });
  it.each([
    ['an item with no field', { 'Tag.1': 'a' }],
    ['an item numbered from 0', { 'Tag.0.Key': 'a' }],
    ['a list of scalars where structs are asked for', { 'Tag.1': 'a', 'Tag.2': 'b' }],
  ])('refuses %s', (_name, wire) => {
    const r = validator.validate({ RegionId: 'cn-hangzhou', ...wire });
    expect(r.ok).toBe(false);
  });
});
