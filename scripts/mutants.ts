// `npm run mutants`: prove the suite catches deviations. Per behaviour profile (current and page:
// the suite expecting what the emulator plays), runs the standard suite against the reference
// emulator, the conforming variants (must pass) and every catalogue mutant in scope for that profile
// (must fail, through a case of its expected category), in worker processes (one per core, at most
// 2 by default), then writes the kill matrix, the score per profile and the survivors to mutants-report/.
// Under `current` it adds the ledger's own deviations (emulator/deviations/ledger.ts): a variant per
// alternative of each disputed claim (must pass) and a mutant answering outside all of them (must
// fail, through the category of the cases that rest on the claim).
//
//   npm run mutants                         everything, both profiles
//   npm run mutants -- --only 'aliyun.*'    a subset (name or * glob, repeatable)
//   npm run mutants -- --profile page       one profile (repeatable)
//   npm run mutants -- --list               the catalogue
//   options: --jobs N, --target inprocess|emulator (default inprocess), --seed N, --out DIR
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXPECT_PROFILES, type ExpectProfile } from '../core/evidence.ts';
import type { Category, RunResults } from '../core/types.ts';
import { globMatcher } from '../core/glob.ts';
import { CATALOGUE, describeDeviations, MUTANTS, VARIANTS } from '../emulator/deviations/catalogue.ts';
import { ledgerDeviations, type LedgerGap } from '../emulator/deviations/ledger.ts';
import { listingDeviations } from '../emulator/deviations/listing.ts';
import { EXPLAINED_SURVIVORS } from '../emulator/deviations/survivors.ts';
import type { Mutant } from '../emulator/deviations/types.ts';
import { generateCases } from '../generators/index.ts';
import { loadContracts, type LoadedContracts } from '../loader/index.ts';
import { runSuite } from '../runner/index.ts';
import { openTarget } from '../compose/open-target.ts';

type JobKind = 'reference' | 'variant' | 'mutant';
interface Job { kind: JobKind; name: string; mutants: string[]; profile: ExpectProfile }
interface Failure { id: string; category: Category; reason: string }
interface JobResult { job: Job; cases: number; failures: Failure[]; inconclusive: string[]; durationMs: number }
interface Options { jobs: number; target: 'inprocess' | 'emulator'; seed: number; out: string; only: string[]; profiles: ExpectProfile[]; list: boolean; worker: boolean }

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

function parseArgs(argv: string[]): Options {
  const o: Options = { jobs: Math.max(1, Math.min(2, availableParallelism())), target: 'inprocess', seed: 1, out: join(ROOT, 'mutants-report'), only: [], profiles: [], list: false, worker: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v!;
    };
    if (a === '--jobs') o.jobs = Math.max(1, Number(value()) || 1);
    else if (a === '--target') {
      const t = value();
      if (t !== 'inprocess' && t !== 'emulator') usage(`--target ${t}: use inprocess or emulator`);
      o.target = t as Options['target'];
    } else if (a === '--seed') o.seed = Number(value());
    else if (a === '--out') o.out = resolve(value());
    else if (a === '--only') o.only.push(value());
    else if (a === '--profile') {
      const p = value() as ExpectProfile;
      if (!EXPECT_PROFILES.includes(p)) usage(`--profile ${p}: use ${EXPECT_PROFILES.join(' or ')}`);
      o.profiles.push(p);
    }
    else if (a === '--list') o.list = true;
    else if (a === '--worker') o.worker = true;
    else usage(`unknown option ${a}`);
  }
  if (!o.profiles.length) o.profiles = [...EXPECT_PROFILES];
  return o;
}

function usage(message: string): never {
  process.stderr.write(`mutants: ${message}\nusage: npm run mutants [-- --only <name|glob>] [--profile current|page] [--jobs N] [--target inprocess|emulator] [--seed N] [--out DIR] [--list]\n`);
  process.exit(2);
}


// ---------------------------------------------------------------- worker side

/** Whether a mutant deviates under a profile (its `profiles`, else both). */
const inScope = (m: Mutant, profile: ExpectProfile) => !m.profiles || m.profiles.includes(profile);

interface Suite { loaded: LoadedContracts; cases: ReturnType<typeof generateCases> }

async function runJob(job: Job, suite: Suite, opts: Options): Promise<JobResult> {
  const t0 = performance.now();
  const target = await openTarget(opts.target, { loaded: suite.loaded, mutants: job.mutants, behaviour: job.profile });
  let results: RunResults;
  try {
    results = await runSuite({ cases: suite.cases, target, loaded: suite.loaded, concurrency: 8, seed: opts.seed, depth: 'standard', retries: 0 });
  } finally {
    await target.close?.();
  }
  return {
    job,
    cases: results.cases.length,
    failures: results.cases.filter((c) => c.verdict === 'fail').map((c) => ({ id: c.id, category: c.category, reason: (c.reason ?? '').slice(0, 240) })),
    inconclusive: results.cases.filter((c) => c.verdict === 'inconclusive').map((c) => c.id),
    durationMs: performance.now() - t0,
  };
}

async function worker(opts: Options): Promise<void> {
  // The suite of each profile: contracts as that profile sees them, cases generated from them.
  const suites = new Map<ExpectProfile, Suite>();
  const suiteOf = (profile: ExpectProfile): Suite => {
    let s = suites.get(profile);
    if (!s) {
      const loaded = loadContracts({ expect: profile });
      s = { loaded, cases: generateCases(loaded, { seed: opts.seed, depth: 'standard' }) };
      suites.set(profile, s);
    }
    return s;
  };
  process.on('message', (msg: { jobs?: Job[] }) => {
    void (async () => {
      for (const job of msg.jobs ?? []) process.send!({ result: await runJob(job, suiteOf(job.profile), opts) });
      process.send!({ done: true });
      process.disconnect();
    })().catch((e: unknown) => { process.send!({ error: String((e as Error)?.stack ?? e) }); process.exit(1); });
  });
  process.send!({ ready: true });
}

// ---------------------------------------------------------------- parent side

/** The ledger's deviations for the `current` profile, each mutant expected to die in the category of the cases resting on its claim. */
interface LedgerPlan {
  variants: { name: string; description: string }[];
  mutants: Mutant[];
  /** Disputed claims no generated case rests on: nothing could kill a deviation of them. */
  unexercised: { claim: string; vendor: string; about: string }[];
  gaps: LedgerGap[];
}

function ledgerPlan(seed: number): LedgerPlan {
  const loaded = loadContracts({ expect: 'current' });
  const byClaim = new Map<string, Map<Category, number>>();
  for (const c of generateCases(loaded, { seed, depth: 'standard' })) {
    for (const claim of c.evidence?.claims ?? []) {
      const cats = byClaim.get(claim) ?? new Map<Category, number>();
      cats.set(c.category, (cats.get(c.category) ?? 0) + 1);
      byClaim.set(claim, cats);
    }
  }
  const { deviations, gaps } = ledgerDeviations(loaded);
  const exercised = deviations.filter((d) => byClaim.has(d.claim.id));
  const unexercised = [...new Map(deviations.filter((d) => !byClaim.has(d.claim.id)).map((d) => [d.claim.id, { claim: d.claim.id, vendor: d.vendor, about: d.claim.about }])).values()];
  const top = (claim: string) => [...byClaim.get(claim)!].sort((a, b) => b[1] - a[1])[0]![0];
  return {
    variants: exercised.filter((d) => d.kind === 'variant').map((d) => ({ name: d.name, description: d.description })),
    mutants: exercised.filter((d) => d.kind === 'mutant').map((d): Mutant => ({ ...d, kind: 'mutant', expectedCategory: top(d.claim.id), profiles: ['current'] })),
    unexercised, gaps,
  };
}

function runWorkers(jobs: Job[], opts: Options, onResult: (r: JobResult) => void): Promise<void> {
  const n = Math.max(1, Math.min(opts.jobs, jobs.length));
  // Reference first (alone in worker 0's queue head), then the rest dealt round-robin.
  const queues: Job[][] = Array.from({ length: n }, () => []);
  jobs.forEach((j, i) => queues[i % n]!.push(j));
  const args = ['--worker', '--target', opts.target, '--seed', String(opts.seed)];
  return Promise.all(queues.map((queue) => new Promise<void>((done, fail) => {
    const child = fork(fileURLToPath(import.meta.url), args, { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('message', (m: { ready?: boolean; result?: JobResult; done?: boolean; error?: string }) => {
      if (m.ready) child.send({ jobs: queue });
      if (m.result) onResult(m.result);
      if (m.error) fail(new Error(`worker failed: ${m.error}`));
      if (m.done) done();
    });
    child.on('exit', (code) => (code ? fail(new Error(`worker exited with ${code}`)) : done()));
  }))).then(() => undefined);
}

interface MutantRow {
  name: string; vendor: string; operation: string; expectedCategory: Category; description: string;
  outcome: 'killed' | 'weak' | 'survived';
  explained?: string;
  killedByCategory: Record<string, number>;
  failures: Failure[];
  inconclusive: string[];
}

/** A mutant is killed by the cases that fail on it but pass on the reference (`baseline`). */
function classify(m: Mutant, r: JobResult, baseline: Set<string>): MutantRow {
  const byCat: Record<string, number> = {};
  const failures = r.failures.filter((f) => !baseline.has(f.id));
  for (const f of failures) byCat[f.category] = (byCat[f.category] ?? 0) + 1;
  const outcome = failures.length === 0 ? 'survived' : byCat[m.expectedCategory] ? 'killed' : 'weak';
  const ex = EXPLAINED_SURVIVORS[m.name];
  return {
    name: m.name, vendor: m.vendor, operation: m.operation, expectedCategory: m.expectedCategory, description: m.description,
    outcome, ...(ex && outcome !== 'killed' ? { explained: ex.reason } : {}),
    killedByCategory: byCat, failures, inconclusive: r.inconclusive,
  };
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

interface Summary { mutants: number; killed: number; weak: number; survived: number; explained: number; score: number; strongScore: number }

/** One profile's run: the suite expecting `profile` against the emulator playing it. */
interface ProfileReport {
  profile: ExpectProfile; cases: number;
  summary: Summary;
  ok: boolean; problems: string[];
  reference: { failures: Failure[]; inconclusive: string[]; durationMs: number };
  variants: { name: string; description: string; failures: Failure[] }[];
  mutants: MutantRow[];
  /** Catalogue mutants scoped to the other profile (not run here). */
  outOfScope: string[];
  staleExplanations: string[];
  /** Under `current`: how many deviations the ledger's disputes gave, and the claims none could be built or killed for. */
  ledger?: { variants: number; mutants: number; unexercised: LedgerPlan['unexercised']; gaps: LedgerGap[] };
}

interface Report {
  generatedAt: string; seed: number; target: string; jobs: number; wallMs: number;
  ok: boolean;
  profiles: ProfileReport[];
}

function profileMarkdown(p: ProfileReport): string[] {
  const L: string[] = [];
  const s = p.summary;
  L.push(`## Profile \`${p.profile}\` (suite --expect ${p.profile}, emulator --behaviour ${p.profile})`, '');
  L.push(`${p.cases} cases against the reference emulator and ${s.mutants} mutants${p.outOfScope.length ? ` (${p.outOfScope.length} scoped to the other profile: ${p.outOfScope.map((n) => `\`${n}\``).join(', ')})` : ''}.`, '');
  L.push(`- **Mutation score: ${s.score}%** (${s.killed + s.weak}/${s.mutants} killed; ${s.killed} by their expected category, ${s.weak} weak, ${s.survived} survived; ${s.explained} explained)`);
  L.push(`- Reference: ${p.reference.failures.length} failed, ${p.reference.inconclusive.length} inconclusive`);
  for (const v of p.variants) L.push(`- Conforming variant \`${v.name}\`: ${v.failures.length} failed (must be 0)`);
  if (p.ledger) {
    L.push(`- From the evidence ledgers: ${p.ledger.variants} variants (one per alternative of a disputed claim) and ${p.ledger.mutants} mutants (an answer outside all alternatives)`);
    for (const u of p.ledger.unexercised) L.push(`  - disputed claim \`${u.claim}\` (${u.vendor}, ${u.about}): no generated case rests on it, so no deviation of it can be judged`);
    for (const g of p.ledger.gaps) L.push(`  - disputed claim \`${g.claim}\` (${g.vendor}, ${g.about}): ${g.reason}`);
  }
  L.push(`- Verdict: **${p.ok ? 'OK' : 'FAIL'}**${p.problems.length ? ` — ${p.problems.join('; ')}` : ''}`, '');
  const open = p.mutants.filter((m) => m.outcome !== 'killed');
  if (open.length) {
    L.push('### Survivors and weak mutants', '', '| mutant | outcome | what it changes | expected | killed by | explained |', '|---|---|---|---|---|---|');
    for (const m of open) {
      L.push(`| \`${m.name}\` | ${m.outcome} | ${cell(m.description)} | ${m.expectedCategory} | ${Object.entries(m.killedByCategory).map(([c, n]) => `${c} ${n}`).join(', ') || '-'} | ${cell(m.explained ?? '**no**')} |`);
    }
    L.push('');
  }
  L.push('### Kill matrix', '', 'One row per mutant: the failing cases per category (the expected category in bold) and the first failing cases.', '');
  L.push('| mutant | expected | outcome | failing cases by category | first failing cases |', '|---|---|---|---|---|');
  for (const m of p.mutants) {
    const cats = Object.entries(m.killedByCategory).sort((a, b) => b[1] - a[1]).map(([c, n]) => (c === m.expectedCategory ? `**${c} ${n}**` : `${c} ${n}`)).join(', ') || '-';
    const first = [...m.failures].sort((a, b) => Number(b.category === m.expectedCategory) - Number(a.category === m.expectedCategory)).slice(0, 3).map((f) => `\`${f.id}\``).join('<br>') || '-';
    L.push(`| \`${m.name}\` | ${m.expectedCategory} | ${m.outcome} | ${cats} | ${first} |`);
  }
  L.push('');
  return L;
}

function markdown(report: Report): string {
  const L: string[] = ['# Mutation report', ''];
  L.push(`Standard suite (seed ${report.seed}) per behaviour profile; target \`${report.target}\`, ${report.jobs} workers, ${(report.wallMs / 1000).toFixed(1)} s wall.`, '');
  for (const p of report.profiles) L.push(`- \`${p.profile}\`: **${p.summary.score}%** (${p.summary.killed + p.summary.weak}/${p.summary.mutants}), ${p.ok ? 'OK' : 'FAIL'}`);
  L.push(`- Verdict: **${report.ok ? 'OK' : 'FAIL'}**`, '');
  for (const p of report.profiles) L.push(...profileMarkdown(p));
  L.push('The full list of failing cases per mutant is in report.json (`profiles[].mutants[].failures`).', '');
  return L.join('\n');
}

const key = (profile: ExpectProfile, kind: JobKind, name: string) => `${profile}:${kind}:${name}`;

/** The conforming variants run under a profile: the hand-written ones, and under `current` the ledger's. */
function variantsFor(profile: ExpectProfile, ledger: LedgerPlan | undefined): { name: string; description: string }[] {
  return [...VARIANTS, ...(profile === 'current' ? ledger?.variants ?? [] : [])];
}

function profileReport(profile: ExpectProfile, selected: Mutant[], results: Map<string, JobResult>, ledger: LedgerPlan | undefined): ProfileReport {
  const scoped = selected.filter((m) => inScope(m, profile));
  const ref = results.get(key(profile, 'reference', 'reference'))!;
  const baseline = new Set(ref.failures.map((f) => f.id));
  const rows = scoped.map((m) => classify(m, results.get(key(profile, 'mutant', m.name))!, baseline));
  const variants = variantsFor(profile, ledger).map((v) => ({ name: v.name, description: v.description, failures: results.get(key(profile, 'variant', v.name))!.failures.filter((f) => !baseline.has(f.id)) }));
  const killed = rows.filter((r) => r.outcome === 'killed').length;
  const weak = rows.filter((r) => r.outcome === 'weak').length;
  const survived = rows.filter((r) => r.outcome === 'survived').length;
  const unexplained = rows.filter((r) => r.outcome !== 'killed' && (!EXPLAINED_SURVIVORS[r.name] || EXPLAINED_SURVIVORS[r.name]!.outcome !== (r.outcome === 'weak' ? 'weak' : 'survives')));
  const problems: string[] = [];
  if (ref.failures.length) problems.push(`the reference emulator fails ${ref.failures.length} case(s)`);
  for (const v of variants) if (v.failures.length) problems.push(`conforming variant ${v.name} fails ${v.failures.length} case(s)`);
  if (unexplained.length) problems.push(`${unexplained.length} unexplained survivor/weak mutant(s): ${unexplained.map((r) => r.name).join(', ')}`);
  const pct = (n: number) => (rows.length ? Math.round((1000 * n) / rows.length) / 10 : 100);
  return {
    profile, cases: ref.cases,
    summary: { mutants: rows.length, killed, weak, survived, explained: rows.filter((r) => r.explained).length, score: pct(killed + weak), strongScore: pct(killed) },
    ok: problems.length === 0, problems,
    reference: { failures: ref.failures, inconclusive: ref.inconclusive, durationMs: Math.round(ref.durationMs) },
    variants, mutants: rows,
    outOfScope: selected.filter((m) => !inScope(m, profile)).map((m) => m.name),
    staleExplanations: Object.keys(EXPLAINED_SURVIVORS).filter((n) => rows.find((r) => r.name === n)?.outcome === 'killed'),
    ...(profile === 'current' && ledger ? { ledger: { variants: ledger.variants.length, mutants: ledger.mutants.length, unexercised: ledger.unexercised, gaps: ledger.gaps } } : {}),
  };
}

function printProfile(p: ProfileReport, out: NodeJS.WriteStream): void {
  const tag = `[${p.profile}]`;
  if (p.reference.failures.length) {
    out.write(`${tag} reference emulator FAILS ${p.reference.failures.length} case(s) (the suite or the emulator is wrong):\n`);
    for (const f of p.reference.failures.slice(0, 20)) out.write(`  ${f.id}: ${f.reason}\n`);
  }
  for (const v of p.variants) if (v.failures.length) out.write(`${tag} conforming variant ${v.name} fails: ${v.failures.map((f) => f.id).join(', ')}\n`);
  for (const r of p.mutants.filter((x) => x.outcome !== 'killed')) {
    out.write(`${tag} ${r.outcome.toUpperCase()} ${r.name} [${r.expectedCategory}]: ${r.description}${r.outcome === 'weak' ? ` (killed only by ${Object.keys(r.killedByCategory).join(', ')})` : ''}${r.explained ? `\n  explained: ${r.explained}` : '\n  NOT explained in emulator/deviations/survivors.ts'}\n`);
  }
  if (p.staleExplanations.length) out.write(`${tag} note: explained survivors now killed (remove them from survivors.ts): ${p.staleExplanations.join(', ')}\n`);
  if (p.ledger) {
    out.write(`${tag} from the evidence ledgers: ${p.ledger.variants} variants, ${p.ledger.mutants} mutants\n`);
    for (const u of [...p.ledger.unexercised, ...p.ledger.gaps]) out.write(`${tag}   disputed claim ${u.claim} (${u.about}) not judged: ${'reason' in u ? u.reason : 'no generated case rests on it'}\n`);
  }
  const s = p.summary;
  out.write(`${tag} mutation score ${s.score}% (${s.killed + s.weak}/${s.mutants} killed: ${s.killed} by the expected category, ${s.weak} weak; ${s.survived} survived) — ${p.cases} cases\n`);
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.worker) { await worker(opts); return -1; }
  if (opts.list) {
    const fromLedger = ledgerDeviations(loadContracts({ expect: 'current' })).deviations;
    const lines = fromLedger.map((d) => `${d.name}  [${d.kind}, current] ${d.description}`);
    const fromListing = listingDeviations(loadContracts().contracts).map((m) => `${m.name}  [${m.expectedCategory}] ${m.description}`);
    process.stdout.write(`${describeDeviations(CATALOGUE).join('\n')}\n${MUTANTS.length} mutants, ${VARIANTS.length} variant${VARIANTS.length === 1 ? '' : 's'} (the catalogue)\n${lines.join('\n')}\n${fromLedger.length} derived from the evidence ledgers' disputed claims\n${fromListing.join('\n')}${fromListing.length ? '\n' : ''}${fromListing.length} derived from the read calls' filters and paging\n`);
    return 0;
  }
  const ledger = opts.profiles.includes('current') ? ledgerPlan(opts.seed) : undefined;
  const all = [...MUTANTS, ...listingDeviations(loadContracts().contracts), ...(ledger?.mutants ?? [])];
  const selected = opts.only.length ? all.filter((m) => opts.only.some((p) => globMatcher(p)(m.name))) : all;
  if (opts.only.length && selected.length === 0) usage(`--only ${opts.only.join(', ')} matches no mutant`);
  const jobs: Job[] = opts.profiles.flatMap((profile) => [
    { kind: 'reference' as const, name: 'reference', mutants: [], profile },
    ...variantsFor(profile, ledger).map((v) => ({ kind: 'variant' as const, name: v.name, mutants: [v.name], profile })),
    ...selected.filter((m) => inScope(m, profile)).map((m) => ({ kind: 'mutant' as const, name: m.name, mutants: [m.name], profile })),
  ]);
  const t0 = performance.now();
  const results = new Map<string, JobResult>();
  let doneCount = 0;
  await runWorkers(jobs, opts, (r) => {
    results.set(key(r.job.profile, r.job.kind, r.job.name), r);
    doneCount++;
    if (process.stderr.isTTY) process.stderr.write(`\r${doneCount}/${jobs.length} runs`);
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  const wallMs = performance.now() - t0;

  const profiles = opts.profiles.map((p) => profileReport(p, selected, results, ledger));
  const report: Report = {
    generatedAt: new Date().toISOString(), seed: opts.seed, target: opts.target, jobs: Math.min(opts.jobs, jobs.length), wallMs: Math.round(wallMs),
    ok: profiles.every((p) => p.ok), profiles,
  };
  mkdirSync(opts.out, { recursive: true });
  writeFileSync(join(opts.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(opts.out, 'report.md'), markdown(report));

  for (const p of profiles) printProfile(p, process.stdout);
  process.stdout.write(`${jobs.length} runs in ${(wallMs / 1000).toFixed(1)} s on ${report.jobs} workers (${opts.target}); ${report.ok ? 'OK' : 'FAIL'}\n`);
  process.stdout.write(`report: ${join(opts.out, 'report.md')} and report.json\n`);
  return report.ok ? 0 : 1;
}

main().then((code) => { if (code >= 0) process.exitCode = code; }, (e: unknown) => {
  process.stderr.write(`mutants: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exitCode = 1;
});
