// The emulator's findings header is read only when every finding has the shape the `request` check judges.
import { describe, expect, it } from 'vitest';
import { readFindings } from '../../checks/request.ts';

const header = (v: unknown) => ({ 'x-emulator-findings': encodeURIComponent(JSON.stringify(v)) });
const FINDING = { kind: 'boolean-spelling', parameter: 'Force', sent: 'True', verdict: 'rejected', why: 'spelt true / false' };

describe('readFindings', () => {
  it('reads a list of findings', () => {
    expect(readFindings(header([FINDING]))).toEqual([FINDING]);
    expect(readFindings(undefined)).toBeUndefined();
  });
  it('ignores a header that is not a list of findings (a verdict it does not know, a missing field, not JSON)', () => {
    expect(readFindings(header([{ ...FINDING, verdict: 'maybe' }]))).toBeUndefined();
    expect(readFindings(header([FINDING, { kind: 'x', parameter: 'P', sent: 1, verdict: 'listed', why: 'w' }]))).toBeUndefined();
    expect(readFindings(header({ findings: [FINDING] }))).toBeUndefined();
    expect(readFindings({ 'x-emulator-findings': '%7Bnot json' })).toBeUndefined();
  });
});
