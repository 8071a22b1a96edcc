// The page importer against the hand-checked contracts: for the five pages, every field the importer
// covers agrees with contracts/**.yaml, and each place where the hand contract deliberately differs
// is asserted as a difference, with the reason.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Contract } from '../../core/types.ts';
import { checkDraft } from '../../drift/draft-check.ts';
import { constraintKeywords } from '../../drift/diff-contracts.ts';
import { schemaFields } from '../../importer/compare.ts';
import { draftContract } from '../../importer/draft.ts';
import { readConstraints } from '../../importer/draft-constraints.ts';
import { draftToYaml } from '../../importer/draft-yaml.ts';
import { parsePage } from '../../importer/pages.ts';
import { loadContracts } from '../../loader/index.ts';
import { ALL_PAGES, PAGES, pagePath } from './helpers.ts';

const loaded = loadContracts({ expect: 'page' });
const handOf = (page: string): Contract => loaded.contracts.find((c) => c.source.file === page)!;
const draftOf = (page: string) => draftContract(parsePage(pagePath(page)));

/** Deliberate differences of the hand contracts, by page. */
const EXCEPTIONS = {
  // Volcengine's scraped table has blank 是否必填 cells (lines 28, 35, 42, 50): the hand contract decided
  // from the prose (Action/Version are protocol-required, deleting no instance is meaningless); the draft
  // cannot, says false and lists them as unstated.
  volcRequired: { Action: true, Version: true, ClientToken: false, InstanceIds: true },
  // Huawei's page has no error table (line 121 only links one): the hand contract took the two wrapper
  // kinds the page names in its examples (lines 100, 104); the draft has no rows.
  huaweiErrors: ['400 badRequest', '404 itemNotFound'],
  // Volcengine's table lists only OperationDetails; the hand contract added the envelope and the item
  // fields from the (corrected, invalid-as-printed) response example, lines 87-100.
  volcExampleFields: ['ResponseMetadata', 'ResponseMetadata.Action', 'ResponseMetadata.Region', 'ResponseMetadata.RequestId', 'ResponseMetadata.Service',
    'ResponseMetadata.Version', 'Result.OperationDetails.Error', 'Result.OperationDetails.Error.Code', 'Result.OperationDetails.Error.Message', 'Result.OperationDetails.InstanceId'],
};

describe('import-doc: drafts pass the contract checks and are deterministic', () => {
  it.each(ALL_PAGES)('%s', (page) => {
    const { contract } = draftOf(page);
    expect(checkDraft(contract).map((p) => p.message)).toEqual([]);
    expect(draftToYaml(draftOf(page).contract)).toBe(draftToYaml(contract));
    expect(parse(draftToYaml(contract))).toEqual(JSON.parse(JSON.stringify(contract))); // reads back as written
    expect(contract.rules).toEqual([]);
    expect(contract.id).toBe(handOf(page).id);
    expect(contract.protocol).toBe(handOf(page).protocol);
  });
});

describe('import-doc: drafts agree with the hand-checked contracts', () => {
  it.each(ALL_PAGES)('%s: parameters (name, docName, in, style, type, constraints, defaults)', (page) => {
    const hand = handOf(page).request.parameters.filter((p) => !p.fromProfile);
    const draft = draftOf(page).contract.request.parameters;
    expect(draft.map((p) => [p.name, p.docName, p.in, p.style, p.line])).toEqual(hand.map((p) => [p.name, p.docName, p.in, p.style, p.line]));
    for (const [i, d] of draft.entries()) {
      const h = hand[i]!;
      expect(d.schema.type, d.name).toEqual(h.schema.type);
      expect(Object.fromEntries(constraintKeywords(d.schema)), d.name).toEqual(Object.fromEntries(constraintKeywords(h.schema)));
      expect(d.default ?? d.schema.default, d.name).toEqual(h.default ?? h.schema.default);
    }
  });

  it.each(ALL_PAGES)('%s: required, where the page states it', (page) => {
    const { contract, requiredUnstated } = draftOf(page);
    const hand = new Map(handOf(page).request.parameters.map((p) => [p.name, p.required]));
    for (const p of contract.request.parameters) {
      if (requiredUnstated.includes(p.name)) continue;
      expect(p.required, p.name).toBe(hand.get(p.name));
    }
    if (page !== PAGES.volc) expect(requiredUnstated).toEqual([]);
  });

  it('Volcengine blank required cells: the draft says false and flags them; the hand contract decided', () => {
    const { contract, requiredUnstated } = draftOf(PAGES.volc);
    expect(requiredUnstated).toEqual(Object.keys(EXCEPTIONS.volcRequired));
    expect(Object.fromEntries(contract.request.parameters.map((p) => [p.name, p.required]))).toEqual({ Action: false, Version: false, ClientToken: false, InstanceIds: false });
    expect(Object.fromEntries(handOf(PAGES.volc).request.parameters.map((p) => [p.name, p.required]))).toEqual(EXCEPTIONS.volcRequired);
    expect(contract.notes.filter((n) => n.kind === 'silence').map((n) => n.line)).toEqual([26, 33, 40, 48]);
  });

  it.each(ALL_PAGES)('%s: error rows (status, code, message, line)', (page) => {
    const rows = (c: Contract) => c.errors.map((e) => [e.status, e.code, e.message, e.line]);
    const draft = draftOf(page).contract;
    if (page === PAGES.hw) {
      expect(rows(draft)).toEqual([]);
      expect(handOf(page).errors.map((e) => `${e.status} ${e.code}`).sort()).toEqual(EXCEPTIONS.huaweiErrors);
      return;
    }
    expect(rows(draft)).toEqual(rows(handOf(page)));
  });

  it.each(ALL_PAGES)('%s: response status, field names and types', (page) => {
    // Sorted: the hand contracts order properties freely (RequestId first), the draft keeps page order.
    const fields = (c: Contract) => schemaFields(c.response.schema).map((f) => [f.path.join('.'), f.node.type, f.node['x-line']] as const).sort(([a], [b]) => a.localeCompare(b));
    const draft = draftOf(page).contract;
    const hand = handOf(page);
    expect(draft.response.status).toBe(hand.response.status);
    if (page === PAGES.volc) {
      const handFields = fields(hand).filter(([p]) => !EXCEPTIONS.volcExampleFields.includes(p));
      // The Result wrapper is the profile's envelope: the draft has no page line for it, the hand
      // contract cites the example's "Result" (line 94).
      expect(fields(draft)).toEqual(handFields.filter(([p]) => p.startsWith('Result')).map(([p, t, l]) => [p, t, p === 'Result' ? undefined : l]));
      expect(fields(hand).find(([p]) => p === 'Result')![2]).toBe(94);
      expect(fields(hand).map(([p]) => p).filter((p) => !fields(draft).some(([q]) => q === p)).sort()).toEqual(EXCEPTIONS.volcExampleFields);
      return;
    }
    expect(fields(draft)).toEqual(fields(hand));
    if (page === PAGES.hw) expect(draft.response.schema).toBeNull(); // the table is the error body (出现错误时)
  });

  it('Alibaba wrapper lists and XML roots follow the aliyun-rpc convention', () => {
    expect(draftOf(PAGES.dsg).contract.response.xml).toEqual(handOf(PAGES.dsg).response.xml);
    expect(draftOf(PAGES.csg).contract.response.xml).toEqual(handOf(PAGES.csg).response.xml);
  });

  it('examples are unescaped and lists split', () => {
    const csg = draftOf(PAGES.csg).contract.request.parameters;
    expect(csg.find((p) => p.name === 'InstanceId')!.example).toBe('i-j6ca469urv8ei629****');
    expect(csg.find((p) => p.name === 'ExcludeDiskId')!.example).toEqual(['d-j6cf7l0ewidb78lq****']);
    expect(csg.find((p) => p.name === 'InstantAccessRetentionDays')!.example).toBe(1);
    expect(draftOf(PAGES.volc).contract.request.parameters.find((p) => p.name === 'InstanceIds')!.example).toEqual(handOf(PAGES.volc).request.parameters.find((p) => p.name === 'InstanceIds')!.example);
    expect(draftOf(PAGES.ds).contract.errors[0]!.message).toBe('The snapshot has been used to create user defined image(s).');
  });

  it('behavioural prose goes into notes (kind other) with its page line', () => {
    const notes = draftOf(PAGES.csg).contract.notes;
    expect(notes).toContainEqual(expect.objectContaining({ kind: 'other', line: 11, doc: expect.stringContaining('最多包括10块云盘') }));
    expect(notes).toContainEqual(expect.objectContaining({ kind: 'other', line: 34, doc: expect.stringContaining('仅当`InstantAccess=true`时') }));
    expect(draftOf(PAGES.hw).contract.notes).toContainEqual(expect.objectContaining({ kind: 'other', line: 13, doc: expect.stringContaining('available、error') }));
    expect(draftOf(PAGES.volc).contract.notes).toContainEqual(expect.objectContaining({ kind: 'other', line: 10 }));
  });
});

describe('import-doc: constraint readers, one wording each', () => {
  it.each([
    ['取值范围：1~65535。', 'integer', undefined, { minimum: 1, maximum: 65535 }],
    ['长度为2~128个英文或中文字符。', 'string', undefined, { minLength: 2, maxLength: 128 }],
    ['长度为2～256个字符', 'string', undefined, { minLength: 2, maxLength: 256 }],
    ['实例ID,最多支持100个ID。', 'array', 'string', { maxItems: 100 }],
    ['N的取值范围：1~16', 'array', 'string', { minItems: 1, maxItems: 16 }],
    ['不能以 http:// 开头', 'string', undefined, { not: { pattern: '^http://' } }],
    ['不能以`http://`和`https://`开头', 'string', undefined, { not: { pattern: '^https?://' } }],
    ['必须以大小字母或中文开头', 'string', undefined, { pattern: '^[A-Za-z\\u4e00-\\u9fa5]' }],
    ['必须以字母开头，可以包含数字、下划线（_）、短划线（-）。', 'string', undefined, { pattern: '^[A-Za-z][A-Za-z0-9_-]*$' }],
    ['取值:仅支持ASCII字符,且不能超过64个字符。', 'string', undefined, { maxLength: 64, pattern: '^[\\u0000-\\u007F]*$' }],
    ['默认值：false', 'boolean', undefined, { default: false }],
    ['默认值：空，表示不限。', 'string', undefined, {}],
    ['系统规定参数。取值：DeleteSnapshot', 'string', undefined, { const: 'DeleteSnapshot' }],
    ['磁盘种类。取值范围：\n- cloud_essd：ESSD云盘\n- cloud_ssd：SSD云盘', 'string', undefined, { enum: ['cloud_essd', 'cloud_ssd'] }],
  ] as const)('%s', (text, type, items, expected) => {
    expect(readConstraints(text, type, items).schema).toEqual(expected);
  });

  it('a default of 空 is recorded as wording, not as a value', () => {
    const r = readConstraints('默认值：空，表示和快照释放时间一致。', 'integer');
    expect(r.default).toBeUndefined();
    expect(r.wording.default).toBe('默认值：空，表示和快照释放时间一致。');
  });
});
