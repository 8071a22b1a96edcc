// results.ndjson: a run's results streamed to disk as they come, one JSON value a line:
//   {"run": {header known at the start}}                 first line
//   {"index": N, "case": {CaseResult}}                  one a case, in completion order
//   {"end": {the whole header, as results.json has it}}  last line, when the run ends (also on Ctrl-C)
// The writer is also the run's CaseList (core/types.ts): it keeps only where each case's JSON lies in
// the file (two numbers a case) and reads the cases back in run order, one at a time, for each
// reporter that asks. So a deep run's memory stays flat however many cases it has; results.json is
// then written from this file, byte for byte what it would have been from an array.
import { closeSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { ConformanceError, errorMessage } from '../core/errors.ts';
import { RESULTS_SCHEMA_VERSION, type CaseList, type CaseResult, type RunResults } from '../core/types.ts';
import { readResults, validateResults } from './json.ts';

export const NDJSON_FILE = 'results.ndjson';

type Header = Omit<RunResults, 'cases'>;
type StartHeader = Pick<RunResults, 'target' | 'seed' | 'depth' | 'expect' | 'startedAt'> & { toolVersion: string };

/** Writes results.ndjson as the run goes, and serves its cases back in run order. */
export class NdjsonCases implements CaseList {
  private fd: number;
  private at = 0;
  /** Byte offset and length of each case's JSON, by run index (-1: not run, e.g. interrupted). */
  private offsets = new Float64Array(1024).fill(-1);
  private lengths = new Uint32Array(1024);
  private count = 0;
  private highest = -1;
  private buf = Buffer.alloc(64 * 1024);

  constructor(readonly file: string) {
    this.fd = openSync(file, 'w+');
  }

  get length(): number { return this.count; }

  readonly fromJson = true;

  private write(text: string): number {
    const bytes = Buffer.from(text);
    writeSync(this.fd, bytes, 0, bytes.length, this.at);
    const start = this.at;
    this.at += bytes.length;
    return start;
  }

  start(header: StartHeader): void {
    this.write(`${JSON.stringify({ run: header })}\n`);
  }

  /** One result, written at once (an interrupted or killed run leaves every finished case on disk). */
  put(result: CaseResult, index: number): void {
    const prefix = `{"index":${index},"case":`;
    const json = JSON.stringify(result);
    const start = this.write(`${prefix}${json}}\n`) + Buffer.byteLength(prefix);
    if (index >= this.offsets.length) this.grow(index);
    if (this.offsets[index] === -1) this.count++;
    this.offsets[index] = start;
    this.lengths[index] = Buffer.byteLength(json);
    if (index > this.highest) this.highest = index;
  }

  end(header: Header): void {
    this.write(`${JSON.stringify({ end: header })}\n`);
  }

  private grow(index: number): void {
    let size = this.offsets.length;
    while (size <= index) size *= 2;
    const offsets = new Float64Array(size).fill(-1);
    offsets.set(this.offsets);
    const lengths = new Uint32Array(size);
    lengths.set(this.lengths);
    this.offsets = offsets;
    this.lengths = lengths;
  }

  *[Symbol.iterator](): Iterator<CaseResult> {
    for (let i = 0; i <= this.highest; i++) {
      const at = this.offsets[i]!;
      if (at < 0) continue;
      const len = this.lengths[i]!;
      if (len > this.buf.length) this.buf = Buffer.alloc(len * 2);
      readSync(this.fd, this.buf, 0, len, at);
      // written by put() from a CaseResult, and validated before results.json is written
      yield JSON.parse(this.buf.toString('utf8', 0, len));
    }
  }

  close(): void {
    closeSync(this.fd);
  }
}

/**
 * Reads a results.ndjson back into results (cases in run order). A file without its end line (the
 * process was killed) is read too: what the header line knew, the cases that finished, `interrupted`.
 * A line that is not JSON, or not one of the three kinds, is an E_RESULTS naming file and line.
 */
export function readNdjson(file: string, label = file): RunResults {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) {
    throw new ConformanceError('E_RESULTS', `${label}: cannot read (${errorMessage(e)})`);
  }
  let start: Record<string, unknown> | undefined;
  let end: unknown;
  const cases: { index: number; result: unknown }[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${label}:${i + 1}`;
    let value: unknown;
    try { value = JSON.parse(line); } catch (e) {
      throw new ConformanceError('E_RESULTS', `${where}: not valid JSON (${errorMessage(e)})`);
    }
    if (value === null || typeof value !== 'object') throw new ConformanceError('E_RESULTS', `${where}: expected an object`);
    if (i === 0 && 'run' in value && value.run !== null && typeof value.run === 'object') start = { ...value.run };
    else if ('end' in value) end = value.end;
    else if ('index' in value && 'case' in value && typeof value.index === 'number') cases.push({ index: value.index, result: value.case });
    else throw new ConformanceError('E_RESULTS', `${where}: expected {"run"} (first line), {"index","case"} or {"end"}`);
  });
  if (!start) throw new ConformanceError('E_RESULTS', `${label}:1: the first line is not the run header {"run": ...}`);
  cases.sort((a, b) => a.index - b.index);
  // killed before its end line: the header as the first line knew it; no contracts or uncovered rows are known
  const { toolVersion, ...known } = start;
  const header = end !== null && typeof end === 'object' ? end : {
    schemaVersion: RESULTS_SCHEMA_VERSION, tool: { name: 'cloud-api-conformance', version: toolVersion }, ...known,
    durationMs: 0, contracts: [], uncovered: [], interrupted: true,
  };
  return validateResults({ ...header, cases: cases.map((c) => c.result) }, label)[0]!;
}

/** Results from a file of either form: `.ndjson` (streamed) or JSON (one run or an array of runs). */
export function readRuns(file: string, label = file): RunResults[] {
  return file.endsWith('.ndjson') ? [readNdjson(file, label)] : readResults(file, label);
}
