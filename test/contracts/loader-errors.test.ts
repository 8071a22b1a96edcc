// Broken contracts fail with the right file, line and a readable reason; the real contracts load clean.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContracts, ContractError, loadContracts } from '../../loader/index.ts';

const ROOT = 'test/fixtures/contracts-broken';
const FILE = 'aliyun/ecs/2014-05-26/DeleteSnapshot.yaml';

// [case dir, line, reason] — one problem each; lines are lines of the fixture file.
const CASES: [string, number, string][] = [
  ['invalid-yaml', 25, 'invalid YAML: Missing closing "quote (the quote opened here is never closed)'],
  ['missing-required-key', 21, "errors/1: must have required property 'code'"],
  ['wrong-type', 20, 'errors/0/status: must be integer (got string)'],
  ['enum-violation', 13, 'request/parameters/0/in: must be one of query, form, path, header, body (got "querystring")'],
  ['unknown-key', 15, "request/parameters/0/requried: unknown key 'requried' (allowed: name, docName, in, style, required, schema, example, default, wording, description, line, onViolation, fromProfile, idempotencyToken, refersTo)"],
  ['schema-keyword-typo', 15, "request/parameters/0/schema/minLenght: unknown JSON Schema keyword 'minLenght' (annotations must start with x-)"],
  ['schema-does-not-compile', 15, 'request/parameters/0/schema: schema does not compile: Invalid regular expression: /([a-z/u: Unterminated character class'],
  ['unknown-rule', 21, "errors/1/trigger/rule: 'used-by-imgae' names no rule (known: used-by-image)"],
  ['unknown-param', 20, "errors/0/trigger/param: 'SnapshotID' names no parameter (known: SnapshotId)"],
  ['bad-fixture-ref', 31, 'rules/0/scenarios/0/params/SnapshotId: $snap2.id refers to no fixture (known: snap, img)'],
  ['unknown-error-code', 32, "rules/0/scenarios/0/expect/code: error code 'SnapshotInUse' is neither in the contract's error table nor in the aliyun-rpc profile's errors"],
  ['unknown-protocol', 7, "protocol: protocol 'aliyun-roa' names no loaded profile (known: aliyun-rpc)"],
  ['duplicate-rule-id', 33, "rules/1/id: duplicate rule id 'used-by-image' (first at rules/0)"],
];

describe('broken contracts', () => {
  it('the fixture base itself is valid (every case differs from it by one edit)', () => {
    expect(checkContracts({ dir: join(ROOT, 'valid') }).problems.map((p) => p.where)).toEqual([]);
  });

  it.each(CASES)('%s -> line %i', (dir, line, reason) => {
    let thrown: unknown;
    try { loadContracts({ dir: join(ROOT, dir) }); } catch (e) { thrown = e; }
    expect(thrown).toBeInstanceOf(ContractError);
    const err = thrown as ContractError;
    expect(err.code).toBe('E_CONTRACT');
    expect({ file: err.file, line: err.line, reason: err.reason, count: err.problems.length })
      .toEqual({ file: join(ROOT, dir, FILE), line, reason, count: 1 });
    expect(err.message).toBe(`${join(ROOT, dir, FILE)}:${line}: ${reason}`);
  });

  it('collects every problem before throwing: the first one, with all in `problems`', () => {
    const dir = join(ROOT, 'many-problems');
    let err: ContractError | undefined;
    try { loadContracts({ dir }); } catch (e) { err = e as ContractError; }
    expect(err).toBeInstanceOf(ContractError);
    expect(err!.line).toBe(21);
    expect(err!.problems.map((p) => [p.line, p.reason.split(':')[0]])).toEqual([
      [21, 'errors/1/trigger/rule'],
      [31, 'rules/0/scenarios/0/params/SnapshotId'],
      [32, 'rules/0/scenarios/0/expect/code'],
    ]);
    expect(err!.message.split('\n')).toHaveLength(4);
    expect(err!.message).toMatch(/^3 contract problems:\n {2}test\/fixtures\/contracts-broken\/many-problems\/.*DeleteSnapshot\.yaml:21: /);
  });

  it('checkContracts reports problems without throwing and still returns the good files', () => {
    const r = checkContracts({ dir: join(ROOT, 'unknown-rule') });
    expect(r.problems).toHaveLength(1);
    expect(r.loaded.contracts).toEqual([]);
    expect(Object.keys(r.loaded.profiles)).toEqual(['aliyun']);
  });
});

describe('the real contracts', () => {
  it('all load with zero problems', () => {
    const { problems, loaded } = checkContracts();
    expect(problems.map((p) => p.where)).toEqual([]);
    expect(loaded.contracts.length).toBeGreaterThanOrEqual(1);
    expect(Object.keys(loaded.profiles).sort()).toEqual(['aliyun', 'huaweicloud', 'volcengine']);
  });

  it('every contract is indexed by id and carries its file, line map and hash', () => {
    const loaded = loadContracts();
    for (const c of loaded.contracts) {
      expect(loaded.byId(c.id)).toBe(c);
      expect(c.$file).toMatch(/\.yaml$/);
      expect(c.$lines?.['/errors']).toBeGreaterThan(0);
      expect(c.$sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(() => loaded.byId('aliyun.ecs.Nope')).toThrow(ContractError);
  });

  it('is fast once warm (meta-schema compiled once)', () => {
    loadContracts();
    const t = performance.now();
    loadContracts();
    expect(performance.now() - t).toBeLessThan(1000);
  });
});
