// Documented values and per-item results are checked when a contract loads: a value must name a
// response field (and its condition a sibling), per-item results a list with its id and code fields,
// and a scenario's per-item codes must be documented ones. One edit of a real contract per row.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContracts, DEFAULT_CONTRACTS_DIR } from '../../loader/index.ts';

const DI = 'volcengine/ecs/2020-04-01/DeleteInstances.yaml';
const DSG = 'aliyun/ecs/2014-05-26/DeleteSnapshotGroup.yaml';

/** Problems of the contract file itself (its ledger then names a contract that did not load). */
const ofContract = (dir: string, file: string) => checkContracts({ dir }).problems.filter((p) => p.file.endsWith(file));

function edited(file: string, from: string, to: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'values-')), 'contracts');
  cpSync(DEFAULT_CONTRACTS_DIR, dir, { recursive: true });
  const text = readFileSync(join(dir, file), 'utf8');
  expect(text).toContain(from);
  writeFileSync(join(dir, file), text.replace(from, to));
  return dir;
}

const ROWS: [string, string, string, string, RegExp][] = [
  ['a value naming no field', DSG, 'OperationProgress[].OperationStatus", equals', 'OperationProgress[].OpStatus", equals', /response\/values\/0\/path: 'OperationProgressSet\.OperationProgress\[\]\.OpStatus' names no field/],
  ['a condition on no sibling', DSG, 'whenEmpty: ErrorCode', 'whenEmpty: ErrCode', /response\/values\/0\/whenEmpty: 'ErrCode' is no sibling field/],
  ['per-item results on no list', DI, 'perItem: { list: Result.OperationDetails,', 'perItem: { list: Result.Details,', /response\/perItem\/list: 'Result\.Details' names no field/],
  ['a per-item code no value documents', DI, 'items: { $inst.id: "*" }', 'items: { $inst.id: InvalidInstanceChargeType.Unsupported }', /items\/\$inst\.id: per-item code 'InvalidInstanceChargeType\.Unsupported' is none of the documented ones/],
  ['a per-item id naming no fixture', DI, 'items: { $inst.id: "*" }', 'items: { $other.id: "*" }', /\$other\.id refers to no fixture/],
];

describe('documented values in contracts', () => {
  it('the real contracts load clean', () => expect(checkContracts().problems).toEqual([]));

  it.each(ROWS)('%s is refused with its line', (_what, file, from, to, reason) => {
    const problems = ofContract(edited(file, from, to), file);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.reason).toMatch(reason);
    expect(problems[0]!.line).toBeGreaterThan(0);
  });

  it('items without per-item results in the contract are refused', () => {
    const problems = ofContract(edited(DI, '  perItem: { list: Result.OperationDetails, id: InstanceId, code: Error.Code, line: 64 }', ''), DI);
    expect(problems.map((p) => p.reason).every((r) => /items needs response\.perItem/.test(r))).toBe(true);
    expect(problems.length).toBeGreaterThan(2);
  });
});
