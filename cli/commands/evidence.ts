// `conformance evidence [<operation>]`: where each expectation comes from. Every expectation with its
// sources, every disagreement with the choice each profile makes, then the counts: expectations in
// all, how many rest on two or more independent sources, how many on one, how many disagreements.
import { resolve } from 'node:path';
import { ConformanceError, didYouMean } from '../../core/errors.ts';
import type { Io } from '../io.ts';
import { engine as defaultEngine, type Engine } from '../engine.ts';
import { evidenceSummaries, totals, type LedgerSummary } from '../../loader/evidence-summary.ts';

export interface EvidenceFlags { contracts?: string; format?: string }

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
const pct = (n: number, of: number) => (of === 0 ? '0%' : `${Math.round((100 * n) / of)}%`);

export async function evidenceCommand(operation: string | undefined, flags: EvidenceFlags, io: Io, eng: Engine = defaultEngine): Promise<number> {
  const format = flags.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new ConformanceError('E_OPTION', `--format "${format}" must be text or json`);
  const { checkContracts, ContractError } = await eng.loader();
  const { loaded, problems } = checkContracts(flags.contracts ? { dir: resolve(io.cwd, flags.contracts) } : {});
  if (problems.length) throw ContractError.aggregate(problems);
  const all = evidenceSummaries(loaded.contracts, Object.values(loaded.profiles));
  const picked = operation ? select(all, operation) : all;
  const sum = totals(picked);
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify({ ledgers: picked, totals: sum }, null, 2)}\n`);
    return 0;
  }
  for (const s of picked) io.stdout.write(render(s));
  io.stdout.write(`summary: ${sum.expectations} expectations; ${sum.twoOrMore} (${pct(sum.twoOrMore, sum.expectations)}) rest on two or more independent sources, `
    + `${sum.one} on one, ${sum.none} on none; ${sum.disagreements} disagreements\n`);
  return 0;
}

/** An operation name (`DeleteSnapshot` matches every vendor's), a contract id, or `profile:<vendor>`. */
function select(all: LedgerSummary[], name: string): LedgerSummary[] {
  const hit = all.filter((s) => s.subject === name || s.subject.endsWith(`.${name}`));
  if (hit.length) return hit;
  const guess = didYouMean(name, all.map((s) => s.subject.split('.').pop()!));
  throw new ConformanceError('E_USAGE', `no contract or profile "${name}"${guess ? ` (did you mean "${guess}"?)` : ''}`, `known: ${all.map((s) => s.subject).join(', ')}`);
}

function render(s: LedgerSummary): string {
  const out: string[] = [`${s.subject}`, '  sources:', ...s.sources.map((x) => `    ${x}`)];
  const width = Math.min(56, Math.max(0, ...s.expectations.map((e) => e.key.length)));
  out.push(`  expectations (${s.expectations.length}):`);
  for (const e of s.expectations) {
    const where = e.sources.length ? e.sources.join(', ') : 'no source';
    const mark = e.families.length >= 2 ? '  ' : e.families.length === 1 ? '1 ' : '! ';
    out.push(`  ${mark}${e.key.padEnd(width)}  ${where}${e.single ? `  (single: ${e.single})` : ''}`);
  }
  if (s.claims.length) out.push(`  disagreements (${s.claims.length}):`);
  for (const c of s.claims) {
    out.push(`    ${c.id}  ${c.kind}  ${c.about}`);
    for (const say of c.says) out.push(`      ${show(say.value).padEnd(40)} <- ${say.sources.join(', ')}`);
    out.push(`      current expects ${c.choice.current.map(show).join(' or ')}; page expects ${c.choice.page.map(show).join(' or ')}`);
    out.push(`      ${c.doc}`);
  }
  return `${out.join('\n')}\n\n`;
}
