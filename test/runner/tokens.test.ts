// Idempotency tokens: unique per run, stable within a run, same length and charset, and never
// touched when the case's mutation is the token itself.
import { describe, expect, it } from 'vitest';
import type { Case } from '../../core/types.ts';
import { loadContracts } from '../../loader/index.ts';
import { saltTokens } from '../../runner/tokens.ts';

const contract = loadContracts().byId('volcengine.ecs.DeleteInstances');
const base = { id: 'x', call: { params: {} } } as unknown as Case;
const token = 'idem-token-0001-abcdefghijklmnop';

describe('saltTokens', () => {
  it('rewrites the token per run and keeps it within the run', () => {
    const a1 = saltTokens({ ClientToken: token }, base, contract, 'run-a').ClientToken;
    const a2 = saltTokens({ ClientToken: token }, base, contract, 'run-a').ClientToken;
    const b = saltTokens({ ClientToken: token }, base, contract, 'run-b').ClientToken;
    expect(a1).toBe(a2);
    expect(a1).not.toBe(b);
    expect(a1).not.toBe(token);
  });
  it('keeps length and ASCII charset (a 64-character boundary token stays 64)', () => {
    const long = 'x'.repeat(64);
    const out = saltTokens({ ClientToken: long }, base, contract, 'run-a').ClientToken as string;
    expect(out).toHaveLength(64);
    expect(out).toMatch(/^[\x21-\x7e]+$/);
  });
  it('leaves the value alone when the case mutates the token, when it is short, or without a salt', () => {
    const mutating = { ...base, mutation: { param: 'ClientToken', rule: 'maxLength', description: '' } } as Case;
    expect(saltTokens({ ClientToken: token }, mutating, contract, 'run-a').ClientToken).toBe(token);
    expect(saltTokens({ ClientToken: 'short' }, base, contract, 'run-a').ClientToken).toBe('short');
    expect(saltTokens({ ClientToken: token }, base, contract, undefined).ClientToken).toBe(token);
  });
  it('touches only parameters the contract marks as idempotency tokens', () => {
    const params = { InstanceIds: ['i-aaaaaaaaaaaaaaaaaaaa'], ClientToken: token };
    expect(saltTokens(params, base, contract, 'run-a').InstanceIds).toBe(params.InstanceIds);
  });
});

describe('saltTokens across cases', () => {
  it('two cases with the same literal token get different tokens in one run', () => {
    const a = saltTokens({ ClientToken: token }, { ...base, id: 'case-a' } as Case, contract, 'run-a').ClientToken;
    const b = saltTokens({ ClientToken: token }, { ...base, id: 'case-b' } as Case, contract, 'run-a').ClientToken;
    expect(a).not.toBe(b);
  });
});
