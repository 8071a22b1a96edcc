// Which error rows no case aims at, with the reason: rows the contract marks untriggerable, and rows
// with a trigger that no generated case expects (exact code and status, or as one accepted alternative).
import type { Case, RunResults } from '../core/types.ts';
import type { LoadedContracts } from '../loader/index.ts';
import { alternativesOf } from '../core/expectations.ts';

export type UncoveredRow = RunResults['uncovered'][number];

export type Targeted = Map<string, Set<string>>;

/** Add the codes (`code:status`) one case aims at: coverage can be gathered while cases stream by. */
export function addTargeted(out: Targeted, c: Case): void {
  let set = out.get(c.contract);
  if (!set) out.set(c.contract, (set = new Set()));
  const all = c.then ? [...alternativesOf(c.expect), ...alternativesOf(c.then.expect)] : alternativesOf(c.expect);
  // `code:` (no status) aims at every row with that code: see isTargeted
  for (const e of all) if (e.kind === 'error') set.add(`${e.code}:${e.status ?? ''}`);
}

/** Codes (`code:status`) the cases aim at, per contract. */
export function targetedCodes(cases: Iterable<Case>): Targeted {
  const out: Targeted = new Map();
  for (const c of cases) addTargeted(out, c);
  return out;
}

const isTargeted = (set: Set<string> | undefined, code: string, status: number) =>
  !!set && (set.has(`${code}:${status}`) || set.has(`${code}:`));

/** Rows of the contracts present in `cases` that no case aims at. */
export function uncoveredRows(loaded: LoadedContracts, cases: Iterable<Case>): UncoveredRow[] {
  return uncoveredFrom(loaded, targetedCodes(cases));
}

/** The same, from coverage gathered with addTargeted. */
export function uncoveredFrom(loaded: LoadedContracts, targeted: Targeted): UncoveredRow[] {
  const out: UncoveredRow[] = [];
  for (const c of loaded.contracts) {
    const set = targeted.get(c.id);
    if (!set) continue;
    for (const row of c.errors) {
      if (row.untriggerable) out.push({ contract: c.id, code: row.code, status: row.status, reason: row.untriggerable });
      else if (!isTargeted(set, row.code, row.status)) {
        const t = row.trigger;
        const how = t?.rule ? `rule ${t.rule}` : t?.param ? `${t.param} ${t.keyword ?? ''}`.trim() : t?.dependency ? `dependency ${t.dependency}` : 'no trigger';
        out.push({ contract: c.id, code: row.code, status: row.status, reason: `no case in this run aims at it (trigger: ${how})` });
      }
    }
  }
  return out;
}
