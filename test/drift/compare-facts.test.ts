// Tests as data: one parameter or response field as the page states it (the contract) and as the SDK
// model states it, and the change the audit must report, with whom it breaks. A model's silence
// (no `required`, no limit) is never a change.
import { describe, expect, it } from 'vitest';
import type { Change } from '../../drift/classify.ts';
import { compareFacts } from '../../drift/compare-facts.ts';
import type { FieldFacts, OperationModel } from '../../drift/model-facts.ts';

const model = (request: Record<string, FieldFacts>, response: Record<string, FieldFacts> = {}): OperationModel =>
  ({ operation: 'Op', source: 'test', scope: 'test', request, response });
const str: FieldFacts = { type: 'string' };
const list = (extra: Partial<FieldFacts> = {}): FieldFacts => ({ type: 'array', items: { type: 'string' }, ...extra });

type Row = [string, FieldFacts | undefined, FieldFacts | undefined, [Change['kind'], string, Change['classification']][]];
const B_CLIENTS = 'breaking-for-clients', B_EMULATORS = 'breaking-for-emulators', COMPATIBLE = 'compatible';

// what, contract (page) fact, model fact, expected [kind, subject, classification] list
const PARAMS: Row[] = [
  ['required -> optional', { ...str, required: true }, { ...str, required: false }, [['required-changed', 'param P', B_EMULATORS]]],
  ['optional -> required', { ...str, required: false }, { ...str, required: true }, [['required-changed', 'param P', B_CLIENTS]]],
  ['required in both', { ...str, required: true }, { ...str, required: true }, []],
  ['the model does not say', { ...str, required: true }, str, []],
  ['narrower maxLength', { ...str, limits: { maxLength: 128 } }, { ...str, limits: { maxLength: 64 } }, [['constraint-changed', 'param P maxLength', B_CLIENTS]]],
  ['wider maxLength', { ...str, limits: { maxLength: 64 } }, { ...str, limits: { maxLength: 128 } }, [['constraint-changed', 'param P maxLength', B_EMULATORS]]],
  ['higher minLength', { ...str, limits: { minLength: 1 } }, { ...str, limits: { minLength: 2 } }, [['constraint-changed', 'param P minLength', B_CLIENTS]]],
  ['lower minimum', { type: 'number', limits: { minimum: 1 } }, { type: 'number', limits: { minimum: 0 } }, [['constraint-changed', 'param P minimum', B_EMULATORS]]],
  ['lower maximum', { type: 'number', limits: { maximum: 65535 } }, { type: 'number', limits: { maximum: 365 } }, [['constraint-changed', 'param P maximum', B_CLIENTS]]],
  ['more items allowed', list({ limits: { maxItems: 16 } }), list({ limits: { maxItems: 128 } }), [['constraint-changed', 'param P maxItems', B_EMULATORS]]],
  ['fewer items allowed', list({ limits: { maxItems: 100 } }), list({ limits: { maxItems: 50 } }), [['constraint-changed', 'param P maxItems', B_CLIENTS]]],
  ['minItems stated by the model only', list(), list({ limits: { minItems: 1 } }), [['constraint-changed', 'param P minItems', B_CLIENTS]]],
  ['a limit the model does not state', list({ limits: { maxItems: 16 } }), list(), []],
  ['item length narrower', list({ items: { type: 'string', limits: { maxLength: 64 } } }), list({ items: { type: 'string', limits: { maxLength: 32 } } }), [['constraint-changed', 'param P items.maxLength', B_CLIENTS]]],
  ['item type changed', list(), { type: 'array', items: { type: 'number' } }, [['type-changed', 'param P items.type', B_CLIENTS]]],
  ['enum value removed', { ...str, enum: ['a', 'b'] }, { ...str, enum: ['a'] }, [['constraint-changed', 'param P enum', B_CLIENTS]]],
  ['enum value added', { ...str, enum: ['a'] }, { ...str, enum: ['b', 'a'] }, [['constraint-changed', 'param P enum', B_EMULATORS]]],
  ['enum reordered', { ...str, enum: ['a', 'b'] }, { ...str, enum: ['b', 'a'] }, []],
  ['deprecated by the model', { ...str }, { ...str, deprecated: true }, [['deprecation-changed', 'param P', COMPATIBLE]]],
  ['deprecated on the page only', { ...str, deprecated: true }, { ...str, deprecated: false }, [['deprecation-changed', 'param P', COMPATIBLE]]],
  ['deprecation unknown to the model', { ...str, deprecated: true }, str, []],
  ['type changed', str, { type: 'boolean' }, [['type-changed', 'param P', B_CLIENTS]]],
  ['integer and number are one type', { type: 'number' }, { type: 'number' }, []],
  ['location changed', { ...str, in: 'query' }, { ...str, in: 'path' }, [['location-changed', 'param P', B_CLIENTS]]],
  ['removed from the model', str, undefined, [['contract-only', 'param P', B_CLIENTS]]],
  ['a new optional parameter', undefined, { ...str, required: false }, [['sdk-only', 'param P', COMPATIBLE]]],
  ['a new required parameter', undefined, { ...str, required: true }, [['sdk-only', 'param P', B_CLIENTS]]],
];

const FIELDS: Row[] = [
  ['a field the model lacks', str, undefined, [['contract-only', 'field P', B_CLIENTS]]],
  ['a field only the model has', undefined, str, [['sdk-only', 'field P', COMPATIBLE]]],
  ['a field retyped', str, { type: 'number' }, [['response-field-retyped', 'field P', B_CLIENTS]]],
  ['required is not compared on response fields', { ...str, required: true }, { ...str, required: false }, []],
  ['a nested field inside an array', { type: 'array', items: { type: 'object', fields: { A: str } } }, { type: 'array', items: { type: 'object', fields: { A: str, B: str } } }, [['sdk-only', 'field P.B', COMPATIBLE]]],
];

const row = (f: FieldFacts | undefined): Record<string, FieldFacts> => (f ? { P: f } : {});
const found = (changes: Change[]) => changes.map((c) => [c.kind, c.subject, c.classification]);

describe('compareFacts: page fact vs model fact -> classified change', () => {
  it.each(PARAMS)('param: %s', (_what, page, sdk, expected) => {
    expect(found(compareFacts({ request: row(page), response: null }, model(row(sdk))))).toEqual(expected);
  });

  it.each(FIELDS)('response: %s', (_what, page, sdk, expected) => {
    expect(found(compareFacts({ request: {}, response: row(page) }, model({}, row(sdk))))).toEqual(expected);
  });

  it('before is the page, after the model; the model citation and the page line are kept', () => {
    const [c] = compareFacts({ request: { InstanceId: { ...str, required: true, line: 26 } }, response: null }, model({ InstanceId: { ...str, required: false, at: 'X.d.ts:76' } }));
    expect(c).toMatchObject({ subject: 'param InstanceId', before: true, after: false, line: 26, modelAt: 'X.d.ts:76' });
  });

  it('a parameter the SDK client fills itself is compatible, with the reason', () => {
    const m = { ...model({}), clientFilled: { Action: 'sent by the client' } };
    expect(compareFacts({ request: { Action: str, Other: str }, response: null }, m).map((c) => [c.subject, c.classification, c.why]))
      .toEqual([['param Action', COMPATIBLE, 'sent by the client'], ['param Other', B_CLIENTS, expect.any(String)]]);
  });

  it('http: the same method and path agree; another path is breaking for clients', () => {
    const page = { http: { method: 'DELETE', path: '/v2/{project_id}/x/{id}' }, request: {}, response: null };
    expect(compareFacts(page, { ...model({}), http: { method: 'DELETE', path: '/v2/{project_id}/x/{id}' } })).toEqual([]);
    expect(found(compareFacts(page, { ...model({}), http: { method: 'DELETE', path: '/v3/{project_id}/x/{id}' } }))).toEqual([['http-changed', 'http', B_CLIENTS]]);
  });

  it('no body on the page and none in the model agree', () => {
    expect(compareFacts({ request: {}, response: null }, model({}, {}))).toEqual([]);
  });
});
