// A client-side refusal passes only when it is the refusal the case provokes (issue 17 item 3): the
// client declares that constraint, or its error names the violated parameter. Table-driven.
import { describe, expect, it } from 'vitest';
import { clientRejected } from '../../checks/client-rejected.ts';
import type { CheckInput } from '../../checks/types.ts';
import type { CaseOrigin } from '../../core/types.ts';

const REQUIRED: CaseOrigin = { kind: 'parameter', param: 'SnapshotId', keyword: 'required' };
const PATH: CaseOrigin = { kind: 'parameter', param: 'snapshot_id', keyword: 'required' };
const ROW: CaseOrigin = { kind: 'error-row', code: 'MissingParameter', stimulus: REQUIRED };
const RULE: CaseOrigin = { kind: 'rule', rule: 'disk-or-instance', scenario: 'both' };

const ROWS: { name: string; origin?: CaseOrigin; refusal: string; enforced?: string[]; kind?: 'error' | 'success'; ok: boolean; says: RegExp }[] = [
  { name: 'names the parameter', origin: REQUIRED, refusal: 'ValidationError: SnapshotId is required', ok: true, says: /naming SnapshotId/ },
  { name: 'names it in the SDK\'s own spelling', origin: PATH, refusal: 'RequiredError: Required parameter snapshotId was null or undefined', ok: true, says: /naming snapshot_id/ },
  { name: 'a generic error, nothing declared', origin: REQUIRED, refusal: 'Error: Request failed', ok: false, says: /does not name what the case breaks/ },
  { name: 'a generic error, the constraint declared', origin: REQUIRED, refusal: 'Error: invalid request', enforced: ['SnapshotId.required'], ok: true, says: /as the client declares \(SnapshotId\.required\)/ },
  { name: 'another constraint declared', origin: REQUIRED, refusal: 'Error: invalid request', enforced: ['InstanceId.required', 'SnapshotId.maxLength'], ok: false, says: /does not name/ },
  { name: 'an error row provoked through a parameter', origin: ROW, refusal: 'SnapshotId must be set', ok: true, says: /naming SnapshotId/ },
  { name: 'a rule case: no single parameter a client checks', origin: RULE, refusal: 'DiskId is not allowed with InstanceId', ok: false, says: /does not name/ },
  { name: 'no provenance', refusal: 'SnapshotId is required', ok: false, says: /does not name/ },
  { name: 'a valid request refused', origin: REQUIRED, refusal: 'SnapshotId is required', kind: 'success', ok: false, says: /refused a valid request/ },
];

describe('client-rejected', () => {
  it.each(ROWS)('$name', ({ origin, refusal, enforced, kind = 'error', ok, says }) => {
    const r = clientRejected({
      response: { outcome: 'client-rejected', message: refusal, ...(enforced ? { enforced } : {}) },
      expectation: { kind },
      testCase: { origin, source: { file: 'c.yaml', line: 1 } },
    } as unknown as CheckInput);
    expect(r).toMatchObject({ name: 'client-rejected', ok });
    expect((r as { message: string }).message).toMatch(says);
  });

  it('does not apply when the request was sent', () => {
    expect(clientRejected({ response: { outcome: 'answered', status: 400 }, expectation: { kind: 'error' }, testCase: {} } as unknown as CheckInput)).toBeUndefined();
  });
});
