// FIDELITY: every contract says what its page says. Each parameter, response field and error row
// (status+code+message) on the page is in the contract at the cited page line; the contract names no
// parameter the page does not (unless fromProfile). Then the comparison is proven able to fail.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Contract, ProtocolProfile } from '../../core/types.ts';
import { compareContractToPage, schemaFields, type Difference } from '../../importer/compare.ts';
import { parsePage, type ParsedPage } from '../../importer/pages.ts';
import { loadContracts, pageFileOf } from '../../loader/index.ts';
import { byPage, storedPageOf } from '../helpers/pages.ts';

const loaded = loadContracts({ expect: 'page' });
const { paged, pageless } = byPage(loaded.contracts);
const cases = paged.map((c) => [c.id, c] as const);
const pageOf = (c: Contract) => parsePage(storedPageOf(c));
const profileOf = (c: Contract) => loaded.profiles[c.vendor];
const show = (d: Difference[]) => d.map((x) => `${x.kind}: ${x.message}`);
/** The comparison of (an edited copy of) a contract with its page, under the vendor profile. */
const diffsOf = (c: Contract, page: ParsedPage = pageOf(c), profile: ProtocolProfile = profileOf(c)) => compareContractToPage(c, page, { profile });
/** Contracts whose page has error rows / which cite an error-row line (the others have nothing to remove or shift). */
const withPageErrors = cases.filter(([, c]) => pageOf(c).errors.length > 0);
const withErrorLines = cases.filter(([, c]) => c.errors.some((e) => e.line !== undefined));

/** Delete the schema node at a JSON pointer (relative to the contract). */
function deleteAt(root: unknown, pointer: string) {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = parts.pop()!;
  let node = root as Record<string, unknown>;
  for (const p of parts) node = node[p] as Record<string, unknown>;
  delete node[last];
}

describe('fidelity: contract vs vendor page', () => {
  it('covers every stored vendor page: each page beside the contracts is the source of exactly one contract', () => {
    const folders = [...new Set(paged.map((c) => dirname(storedPageOf(c))))];
    const stored = folders.flatMap((d) => readdirSync(d).map((f) => join(d, f))).sort();
    expect(stored.length).toBeGreaterThan(0);
    expect(paged.map((c) => storedPageOf(c)).sort()).toEqual(stored);
  });

  it.each(cases)('%s matches its page', (_id, c) => {
    expect(existsSync(storedPageOf(c))).toBe(true);
    expect(show(diffsOf(c))).toEqual([]);
  });
});

describe('fidelity: contracts that store no page (read calls resting on their ledger)', () => {
  /** Every `line` key in a contract: lines are page lines, so a contract with no page has none. */
  const lineKeys = (v: unknown, at = ''): string[] => (Array.isArray(v) ? v.flatMap((x, i) => lineKeys(x, `${at}/${i}`))
    : v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => (k === 'line' || k === 'x-line' ? [`${at}/${k}`] : k.startsWith('$') ? [] : lineKeys(x, `${at}/${k}`))) : []);

  it('each says why no page is stored, cites no page line, and every expectation rests on its ledger', () => {
    for (const c of pageless) {
      expect(c.source.noPage, c.id).toBeTruthy();
      expect(lineKeys(c), c.id).toEqual([]);
      expect(c.$ledger, `${c.id}: a contract with no page needs its ledger`).toBeDefined();
    }
  });

  it('the line finder sees page lines (it would catch one)', () => {
    expect(lineKeys(cases[0]![1]).length).toBeGreaterThan(0);
  });
});

describe('fidelity: the comparison can fail', () => {
  it.each(cases)('%s: a removed parameter is reported', (_id, c) => {
    const page = pageOf(c);
    for (const pp of page.params) {
      const copy = structuredClone(c);
      copy.request.parameters = copy.request.parameters.filter((p) => p.docName !== pp.name);
      expect(diffsOf(copy, page)).toContainEqual(expect.objectContaining({ kind: 'missing-param', subject: `param ${pp.name}`, pageLine: pp.line }));
    }
  });

  it.each(cases)('%s: an invented parameter is reported, unless fromProfile', (_id, c) => {
    const copy = structuredClone(c);
    copy.request.parameters.push({ name: 'Bogus', docName: 'Bogus', in: 'query', required: false, schema: { type: 'string' } });
    expect(diffsOf(copy)).toContainEqual(expect.objectContaining({ kind: 'extra-param', subject: 'param Bogus' }));
    copy.request.parameters.at(-1)!.fromProfile = true;
    expect(diffsOf(copy)).toEqual([]);
  });

  it('has error rows to remove on three pages', () => {
    expect(withPageErrors.map(([id]) => id)).toEqual(['aliyun.ecs.CreateSnapshotGroup', 'aliyun.ecs.DeleteSnapshot', 'volcengine.ecs.DeleteInstances']);
  });

  it.each(withPageErrors)('%s: a removed error row is reported (each row of the page)', (_id, c) => {
    const page = pageOf(c);
    for (const e of page.errors) {
      const copy = structuredClone(c);
      copy.errors = copy.errors.filter((r) => !(r.status === e.status && r.code === e.code && r.message === e.message));
      expect(diffsOf(copy, page)).toContainEqual(expect.objectContaining({ kind: 'missing-error', subject: `error ${e.status} ${e.code}`, pageLine: e.line }));
    }
  });

  it.each(withPageErrors)('%s: a changed message is a different row', (_id, c) => {
    const page = pageOf(c);
    const copy = structuredClone(c);
    const row = copy.errors.find((r) => page.errors.some((e) => e.code === r.code))!;
    const pageRow = page.errors.find((e) => e.status === row.status && e.code === row.code && e.message === row.message)!;
    row.message += ' (edited)';
    expect(diffsOf(copy, page)).toContainEqual(expect.objectContaining({ kind: 'missing-error', subject: `error ${row.status} ${row.code}`, pageLine: pageRow.line }));
  });

  it.each(cases)('%s: a removed response field is reported (each field of the page)', (_id, c) => {
    const page = pageOf(c);
    for (const f of page.responseFields) {
      const copy = structuredClone(c);
      const inContract = schemaFields(copy.response.schema, '/response/schema').filter((x) => x.path.join('.').endsWith(f.path.join('.')));
      let profile: ProtocolProfile = profileOf(c);
      if (inContract.length > 0) inContract.reverse().forEach((x) => deleteAt(copy, x.pointer));
      else {
        // Described by the vendor envelope (Huawei's error body): remove it from a copy of the profile.
        profile = structuredClone(profile);
        schemaFields(profile.envelopes.error).filter((x) => x.path.join('.').endsWith(f.path.join('.'))).reverse()
          .forEach((x) => deleteAt(profile.envelopes.error, x.pointer));
      }
      expect(diffsOf(copy, page, profile)).toContainEqual(expect.objectContaining({ kind: 'missing-response-field', pageLine: f.line }));
    }
  });

  it.each(cases)('%s: a wrong parameter line is reported', (_id, c) => {
    const copy = structuredClone(c);
    const p = copy.request.parameters.find((x) => x.line !== undefined && !x.fromProfile)!;
    p.line! += 1;
    expect(diffsOf(copy)).toContainEqual(expect.objectContaining({ kind: 'bad-line', subject: `param ${p.docName}`, pageLine: p.line }));
  });

  it.each(withErrorLines)('%s: a wrong error-row line is reported', (_id, c) => {
    const copy = structuredClone(c);
    const e = copy.errors.find((x) => x.line !== undefined)!;
    e.line = 1;
    expect(diffsOf(copy)).toContainEqual(expect.objectContaining({ kind: 'bad-line', subject: `error ${e.status} ${e.code}`, pageLine: 1 }));
  });

  it.each(cases.filter(([, c]) => (c.response.examples ?? []).some((ex) => ex.line !== undefined)))('%s: a wrong example line names the page line(s) where the examples are', (_id, c) => {
    const copy = structuredClone(c);
    const ex = copy.response.examples!.find((x) => x.line !== undefined)!;
    const kind = ex.format === 'json' ? 'response-json' : 'response-xml';
    const onPage = pageOf(c).examples.filter((p) => p.kind === kind).map((p) => p.line);
    ex.line = 1;
    const d = diffsOf(copy).find((x) => x.kind === 'bad-line' && x.subject === `example ${ex.format}`);
    expect(d?.message).toBe(`example ${ex.format}: the contract cites page line 1, the page has it at line ${onPage.join(' or ')}`);
  });

  it('a required flag that disagrees with 是/否 is reported', () => {
    const c = structuredClone(loaded.byId('aliyun.ecs.DeleteSnapshot'));
    c.request.parameters.find((p) => p.name === 'SnapshotId')!.required = false;
    expect(diffsOf(c).map((d) => d.kind)).toEqual(['required-mismatch']);
  });
});
