// Documented values under a ledger: a `value:<path>` claim replaces the documented values under
// `current` (the page's under `page`), `adds.values` documents a value the page lacks (current only),
// and the checks follow the profile: a code only the newer source gives passes under current, fails under page.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTRACTS_DIR, loadContracts } from '../../loader/index.ts';
import { CHECKS } from '../../checks/index.ts';
import { generateCases } from '../../generators/index.ts';
import { FULL } from '../runner/fakes.ts';

const LEDGER = `for: volcengine.ecs.DeleteInstances
sources:
  newer:
    kind: newer-page
    url: https://example.invalid/delete-instances
    retrieved: 2026-12-04
    facts: ["per-instance codes: InvalidInstance.NotFound, InvalidInstanceStatus, MissingParameter.InstanceId"]
  model:
    kind: sdk-model
    package: "@example/volc-model"
    version: 1.0.0
    path: models/DeleteInstancesResponse.ts
    facts: ["ResponseMetadata.Region is documented as a lower-case region id"]
backing:
  value:Result.OperationDetails[].Error.Code: [newer]
claims:
  - id: per-instance-codes
    about: value:Result.OperationDetails[].Error.Code
    kind: superseded
    says:
      - { value: [InvalidInstanceStatus, InvalidInstance.NotFound], sources: [page] }
      - { value: [InvalidInstanceStatus, InvalidInstance.NotFound, MissingParameter.InstanceId], sources: [newer] }
    current: [InvalidInstanceStatus, InvalidInstance.NotFound, MissingParameter.InstanceId]
    doc: the newer page lists a third per-instance code
adds:
  values:
    - { path: ResponseMetadata.Service, equals: ecs, sources: [model] }
`;

function dir(): string {
  const d = join(mkdtempSync(join(tmpdir(), 'values-ledger-')), 'contracts');
  cpSync(DEFAULT_CONTRACTS_DIR, d, { recursive: true });
  writeFileSync(join(d, 'volcengine/ecs/2020-04-01/DeleteInstances.evidence.yaml'), LEDGER);
  return d;
}

describe('documented values under a ledger', () => {
  const d = dir();
  const cur = loadContracts({ dir: d, expect: 'current' });
  const page = loadContracts({ dir: d, expect: 'page' });
  const id = 'volcengine.ecs.DeleteInstances';

  it('a value claim replaces the documented values under current only; adds.values are merged under current only', () => {
    expect(cur.byId(id).response.values).toEqual([
      { path: 'Result.OperationDetails[].Error.Code', oneOf: ['InvalidInstanceStatus', 'InvalidInstance.NotFound', 'MissingParameter.InstanceId'], line: 99 },
      { path: 'ResponseMetadata.Service', equals: 'ecs' },
    ]);
    expect(page.byId(id).response.values).toEqual([{ path: 'Result.OperationDetails[].Error.Code', oneOf: ['InvalidInstanceStatus', 'InvalidInstance.NotFound'], line: 99 }]);
  });

  it('the check follows the profile', () => {
    const caseOf = (loaded: typeof cur) => generateCases(loaded, { seed: 1, depth: 'standard', filter: { case: [`${id}/envelope/success`] } })[0]!;
    const body = (code: string, service = 'ecs') => ({
      ResponseMetadata: { RequestId: 'r', Action: 'DeleteInstances', Version: '2020-04-01', Service: service },
      Result: { OperationDetails: [{ InstanceId: 'i-1', Error: { Code: code, Message: 'm' } }] },
    });
    const judge = (loaded: typeof cur, b: unknown) => {
      const c = caseOf(loaded);
      return CHECKS['documented-values']!({ testCase: c, expectation: { kind: 'success', status: 200 }, contract: loaded.byId(id), profile: loaded.profiles.volcengine, capabilities: FULL, response: { outcome: 'answered', status: 200, body: b, format: 'json' } })!;
    };
    expect(judge(cur, body('MissingParameter.InstanceId')).ok).toBe(true);
    expect(judge(page, body('MissingParameter.InstanceId')).ok).toBe(false);
    expect(judge(cur, body('InvalidInstanceStatus', 'ECS')).message).toBe('ResponseMetadata.Service is "ECS"; documented: "ecs"');
    expect(judge(page, body('InvalidInstanceStatus', 'ECS')).ok).toBe(true);
  });
});
