// Every scenario of every rule in every contract the emulator serves behaves as the contract says.
import { describe, expect, test } from 'vitest';
import { LOADED, newEngine, runScenario } from './scenario.ts';

const { engine } = newEngine();
const rows = engine.served().flatMap((c) => c.rules.flatMap((r) => r.scenarios.map((sc) => ({ id: `${c.id}/${r.id}/${sc.name}`, c, r, sc }))));

describe('contract rule scenarios on the emulator engine', () => {
  test('the emulator serves every contract', () => {
    expect(engine.served().map((c) => c.id).sort()).toEqual(LOADED.contracts.map((c) => c.id).sort());
  });
  test.each(rows.map((r) => [r.id, r] as const))('%s', (_id, { c, r, sc }) => {
    expect(runScenario(c, r.entity, sc)).toEqual([]);
  });
});
