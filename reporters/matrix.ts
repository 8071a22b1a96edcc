// The conformance matrix model: operations (grouped by vendor/service) x categories x targets.
// Every human-facing reporter renders this model; nothing here formats text.
import { CATEGORIES, VERDICTS, type CaseResult, type Category, type ReportableRun, type RunResults, type Vendor, type Verdict } from '../core/types.ts';

export interface Cell {
  /** pass + pass-ambiguous. */
  passed: number;
  total: number;
  /** Worst verdict of the cell's cases (VERDICTS order); undefined for an empty cell. */
  worst?: Verdict;
  counts: Record<Verdict, number>;
  /** Case ids in the cell, in run order. */
  cases: string[];
}

export interface MatrixRow {
  contract: string;
  vendor: Vendor;
  service: string;
  operation: string;
  /** cells[category][targetIndex]. */
  cells: Record<Category, Cell[]>;
  /** Row total per target. */
  total: Cell[];
}

export interface MatrixGroup { vendor: Vendor; service: string; rows: MatrixRow[] }

/** A case whose verdict is not the same on every target (undefined: the target did not run it). */
export interface Disagreement {
  id: string;
  contract: string;
  category: Category;
  title: string;
  verdicts: (Verdict | undefined)[];
}

export interface Matrix {
  targets: { name: string; kind: string }[];
  categories: readonly Category[];
  groups: MatrixGroup[];
  /** Column totals: totals[category][targetIndex]. */
  totals: Record<Category, Cell[]>;
  /** Grand total per target. */
  overall: Cell[];
  disagreements: Disagreement[];
}

function emptyCell(): Cell {
  return { passed: 0, total: 0, counts: Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>, cases: [] };
}

/** The worst verdict (first in VERDICTS order) among `verdicts`. */
export function worstOf(verdicts: Iterable<Verdict | undefined>): Verdict | undefined {
  let worst: Verdict | undefined;
  for (const v of verdicts) if (v && (worst === undefined || VERDICTS.indexOf(v) < VERDICTS.indexOf(worst))) worst = v;
  return worst;
}

function addToCell(cell: Cell, c: CaseResult): void {
  cell.total++;
  cell.counts[c.verdict]++;
  if (c.verdict === 'pass' || c.verdict === 'pass-ambiguous') cell.passed++;
  cell.worst = worstOf([cell.worst, c.verdict]);
  cell.cases.push(c.id);
}

export function asList<R extends ReportableRun>(results: R | R[]): R[] {
  return Array.isArray(results) ? results : [results];
}

/** `aliyun.ecs.DeleteSnapshot` -> service `ecs` (falls back to the vendor when the id is short). */
export function serviceOf(c: Pick<CaseResult, 'contract' | 'vendor'>): string {
  const parts = c.contract.split('.');
  return parts.length >= 3 ? parts[1] : c.vendor;
}

const perTarget = (n: number): Cell[] => Array.from({ length: n }, emptyCell);
const perCategory = (n: number): Record<Category, Cell[]> =>
  Object.fromEntries(CATEGORIES.map((c) => [c, perTarget(n)])) as Record<Category, Cell[]>;

export function buildMatrix(results: ReportableRun | ReportableRun[]): Matrix {
  const runs = asList(results);
  const n = runs.length;
  const rows = new Map<string, MatrixRow>();
  const totals = perCategory(n);
  const overall = perTarget(n);
  runs.forEach((run, t) => {
    for (const c of run.cases) {
      let row = rows.get(c.contract);
      if (!row) {
        row = { contract: c.contract, vendor: c.vendor, service: serviceOf(c), operation: c.operation, cells: perCategory(n), total: perTarget(n) };
        rows.set(c.contract, row);
      }
      addToCell(row.cells[c.category][t], c);
      addToCell(row.total[t], c);
      addToCell(totals[c.category][t], c);
      addToCell(overall[t], c);
    }
  });
  const groups = new Map<string, MatrixGroup>();
  const sorted = [...rows.values()].sort((a, b) => a.contract.localeCompare(b.contract));
  for (const row of sorted) {
    const key = `${row.vendor}.${row.service}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { vendor: row.vendor, service: row.service, rows: [] }));
    g.rows.push(row);
  }
  return {
    targets: runs.map((r) => ({ name: r.target.name, kind: r.target.kind })),
    categories: CATEGORIES,
    groups: [...groups.values()],
    totals,
    overall,
    disagreements: n > 1 ? disagreements(runs) : [],
  };
}

/** Cases whose verdicts differ between targets, in first-seen order. */
export function disagreements(runs: ReportableRun[]): Disagreement[] {
  const byId = new Map<string, { c: CaseResult; verdicts: (Verdict | undefined)[] }>();
  runs.forEach((run, t) => {
    for (const c of run.cases) {
      let e = byId.get(c.id);
      if (!e) byId.set(c.id, (e = { c, verdicts: new Array(runs.length).fill(undefined) }));
      e.verdicts[t] = c.verdict;
    }
  });
  const out: Disagreement[] = [];
  for (const [id, { c, verdicts }] of byId) {
    if (new Set(verdicts).size > 1) out.push({ id, contract: c.contract, category: c.category, title: c.title, verdicts });
  }
  return out;
}

/** Uncovered error rows of all runs, each (contract, code, status) once, in first-seen order. */
export function uncoveredRows(runs: ReportableRun[]): RunResults['uncovered'] {
  const rows = new Map<string, RunResults['uncovered'][number]>();
  for (const run of runs) for (const u of run.uncovered) rows.set(`${u.contract}\u0000${u.code}\u0000${u.status}`, u);
  return [...rows.values()];
}

/** Differential mode (`--reference`): parity counts and the differing cases; undefined when the run has none. */
export function parityOf(run: ReportableRun): { agrees: number; noReference: number; differs: CaseResult[] } | undefined {
  let agrees = 0;
  let noReference = 0;
  let seen = false;
  const differs: CaseResult[] = [];
  for (const c of run.cases) {
    if (!c.parity) continue;
    seen = true;
    if (c.parity.verdict === 'agrees') agrees++;
    else if (c.parity.verdict === 'no-reference') noReference++;
    else if (c.parity.verdict === 'differs') differs.push(c);
  }
  return seen ? { agrees, noReference, differs } : undefined;
}

export type Outcome = 'conformant' | 'nonconformant' | 'inconclusive';

/** nonconformant if any case failed, inconclusive if any was inconclusive (and none failed). */
export function outcomeOf(results: ReportableRun | ReportableRun[]): Outcome {
  let inconclusive = false;
  for (const run of asList(results)) {
    for (const c of run.cases) {
      if (c.verdict === 'fail') return 'nonconformant';
      if (c.verdict === 'inconclusive') inconclusive = true;
    }
  }
  return inconclusive ? 'inconclusive' : 'conformant';
}

/** Short column labels for narrow renderings (terminal, markdown). */
export const CATEGORY_LABELS: Record<Category, string> = {
  positive: 'pos', required: 'req', type: 'type', 'range-length': 'range', 'pattern-format': 'pattern',
  enum: 'enum', 'list-limits': 'list', 'error-table': 'errors', 'state-rules': 'state', filters: 'filter', paging: 'pages', envelope: 'env',
  'auth-signing': 'auth', idempotency: 'idem', 'client-flows': 'flows',
};
