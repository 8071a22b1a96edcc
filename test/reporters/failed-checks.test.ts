// Every failed check of a case, and the vendor's own code and message, in every text report (issue 17
// item 5): an SDK author sees all that went wrong with one request, not only the first check.
import { describe, expect, it } from 'vitest';
import type { RunResults } from '../../core/types.ts';
import { render as terminal } from '../../reporters/terminal.ts';
import { render as markdown } from '../../reporters/markdown.ts';
import { render as junit } from '../../reporters/junit.ts';
import { loadFixture } from '../fixtures/results/index.ts';

const base = loadFixture('emulator.json');
const failing = base.cases.find((c) => c.verdict === 'fail')!;
const MESSAGE = 'The request signature we calculated does not match the signature you provided. Server string to sign is:GET&%2F&AccessKeyId%3Dtestid';
const run: RunResults = {
  ...base,
  cases: [{
    ...failing,
    expected: { kind: 'success', status: 200 }, actual: { status: 400, code: 'SignatureDoesNotMatch', message: MESSAGE, requestId: 'REQ-1' },
    checks: [
      { name: 'status', ok: false, expected: 200, actual: 400, message: 'expected HTTP 200, got 400' },
      { name: 'error-code', ok: false, expected: '(none)', actual: 'SignatureDoesNotMatch', message: 'an error answered a valid request: SignatureDoesNotMatch' },
      { name: 'request', ok: false, message: 'the SDK sent ExcludeDiskId.0; the contract\'s lists start at 1' },
      { name: 'envelope', ok: true },
    ],
  }],
};

describe('every failed check and the vendor\'s answer, in each report', () => {
  it.each([
    ['terminal', () => terminal(run)],
    ['markdown', () => markdown(run)],
    ['junit', () => junit(run)],
  ])('%s', (_name, render) => {
    const out = render();
    for (const check of ['status: expected HTTP 200, got 400', 'error-code: an error answered a valid request', 'request: the SDK sent ExcludeDiskId.0']) {
      expect(out.replace(/&apos;|&#39;/g, "'")).toContain(check);
    }
    expect(out).not.toContain('envelope: '); // passing checks are not listed as failures
    expect(out).toContain('400 SignatureDoesNotMatch: The request signature we calculated');
    expect(out).toContain('REQ-1');
  });

  it('a replayed case shows both answers', () => {
    const replay: RunResults = { ...run, cases: [{ ...run.cases[0]!, actual: { first: { status: 200 }, then: { status: 409, code: 'IdempotentParameterMismatch', message: 'token reused' } } }] };
    expect(terminal(replay)).toContain('first: 200; replay: 409 IdempotentParameterMismatch: token reused');
  });

  it.each([
    ['terminal', terminal],
    ['markdown', markdown],
    ['junit', junit],
  ])('%s: what a check listed on a passing case, without failing it', (_name, render) => {
    const passing = base.cases.find((c) => c.verdict === 'pass')!;
    const note = "listed, not failed: Description carries '+' (form encoding for a space)";
    const withNote: RunResults = { ...base, cases: [{ ...passing, checks: [{ name: 'status', ok: true }, { name: 'request', ok: true, message: note }] }] };
    const out = render(withNote).replace(/&apos;|&#39;/g, "'");
    expect(out).toContain(`request: ${note}`);
    expect(out).toContain(passing.id);
    // nothing listed, nothing shown
    const plain = render({ ...base, cases: [{ ...passing, checks: [{ name: 'request', ok: true }] }] });
    expect(plain).not.toMatch(/listed, not failed|listed: /i);
  });
});
