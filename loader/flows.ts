// Real clients' flows (flows/<vendor>/*.yaml beside contracts/, contracts/flow.schema.json): checked
// against the contracts they call and the read calls they poll. A broken flow names file, line, reason.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Flow, FlowStep, FixtureSpec, Vendor } from '../core/types.ts';
import { DEFAULT_EXPECT, type ExpectProfile } from '../core/evidence.ts';
import { ContractError } from './errors.ts';
import { flowShape, type Problem } from './validate.ts';
import { lineOf, parseYamlWithLines } from './yaml-lines.ts';
import type { LoadedContracts } from './index.ts';
import { errorMessage } from '../core/errors.ts';

/** A flow as its file gives it, placed in the matrix row of `operation`. */
export interface FlowFile extends Flow {
  vendor: Vendor;
  operation: string;
  title: string;
  /** The expectation profiles it holds under (absent: both). */
  profiles?: ExpectProfile[];
  given?: FixtureSpec[];
  /** Repository-relative file and line, for the case's source. */
  $file: string;
  $line: number;
}

/** The flows directory of a contracts directory: `flows/` beside it. */
export const flowsDirOf = (contractsDir: string) => join(dirname(contractsDir), 'flows');

const cache = new WeakMap<LoadedContracts, FlowFile[]>();

/** Every flow whose calls and polls are in scope of `loaded`; throws a ContractError listing every problem. */
export function loadFlows(loaded: LoadedContracts, dir = flowsDirOf(loaded.dir)): FlowFile[] {
  const hit = cache.get(loaded);
  if (hit && dir === flowsDirOf(loaded.dir)) return hit;
  const out: FlowFile[] = [];
  const problems: ContractError[] = [];
  for (const file of existsSync(dir) ? yamlFiles(dir) : []) {
    const shown = relative(dirname(dir), file);
    let parsed;
    try {
      parsed = parseYamlWithLines(readFileSync(file, 'utf8'), shown);
    } catch (e) {
      problems.push(e instanceof ContractError ? e : new ContractError(shown, undefined, errorMessage(e)));
      continue;
    }
    const shape = flowShape(parsed.data, parsed.lines);
    if (shape.problems) { problems.push(...shape.problems.map((p) => new ContractError(shown, p.line, p.reason))); continue; }
    const flow = shape.value;
    // a flow of an operation not in scope (`--operation`, a contracts subset) is left out, not an error
    if (!loaded.contracts.some((c) => c.vendor === flow.vendor && c.operation === flow.operation)) continue;
    if (flow.profiles && !flow.profiles.includes(loaded.expect ?? DEFAULT_EXPECT)) continue;
    const found = semantic(flow, loaded, parsed.lines);
    if (found.length) { problems.push(...found.map((p) => new ContractError(shown, p.line, p.reason))); continue; }
    out.push({ ...flow, $file: shown, $line: lineOf(parsed.lines, '/id') ?? 1 });
  }
  if (problems.length) throw ContractError.aggregate(problems);
  if (dir === flowsDirOf(loaded.dir)) cache.set(loaded, out);
  return out;
}

/** What the schema cannot say: every call in scope, every poll readable, every `$x.id` known by then. */
function semantic(flow: FlowFile, loaded: LoadedContracts, lines: Record<string, number>): Problem[] {
  const problems: Problem[] = [];
  const vendorOps = new Set(loaded.contracts.filter((c) => c.vendor === flow.vendor).map((c) => c.operation));
  const reads = loaded.profiles[flow.vendor]?.stateReads ?? {};
  const known = new Set((flow.given ?? []).map((g) => g.as));
  flow.steps.forEach((step: FlowStep, i) => {
    const at = (reason: string, key = '') => problems.push({ line: lineOf(lines, `/steps/${i}${key}`), reason });
    if ('call' in step) {
      if (!vendorOps.has(step.call)) at(`call: ${flow.vendor} ${step.call} has no contract in scope (known: ${[...vendorOps].join(', ')})`, '/call');
      for (const ref of refsIn(step.params)) if (!known.has(ref)) at(`params: $${ref}.id is neither a given fixture nor saved by an earlier step`, '/params');
      for (const name of Object.keys(step.save ?? {})) known.add(name);
    } else if ('same' in step) {
      for (const ref of step.same) if (!known.has(ref)) at(`same: ${ref} is neither a given fixture nor saved by an earlier step`, '/same');
    } else {
      if (!reads[step.poll.kind]) at(`poll: the ${flow.vendor} profile has no stateReads for ${step.poll.kind} (contracts/${flow.vendor}/_protocol.yaml)`, '/poll/kind');
      if (!known.has(step.poll.ref)) at(`poll: ref ${step.poll.ref} is neither a given fixture nor saved by an earlier step`, '/poll/ref');
    }
  });
  return problems;
}

function refsIn(v: unknown): string[] {
  if (typeof v === 'string') { const m = /^\$([A-Za-z_][\w-]*)\.id$/.exec(v); return m ? [m[1]!] : []; }
  if (Array.isArray(v)) return v.flatMap(refsIn);
  if (v && typeof v === 'object') return Object.values(v).flatMap(refsIn);
  return [];
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(name) ? [p] : [];
  });
}
