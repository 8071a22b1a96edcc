// JSON results: the source of truth. Every other format is a rendering of these; `merge` and
// `matrix` read them back. Validated against schemas/results.schema.json (writes schemaVersion 2, reads 1 and 2).
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { ConformanceError, errnoCode, errorMessage, readFailure } from '../core/errors.ts';
import { isJsonObject, isOneOf } from '../core/json.ts';
import { READABLE_SCHEMA_VERSIONS, type ReportableRun, type RunResults } from '../core/types.ts';

const require = createRequire(import.meta.url);
export const RESULTS_SCHEMA = require('../schemas/results.schema.json') as Record<string, unknown>;

/** Typed as what the results schema describes (test/architecture/schema-types.test.ts holds the two together). */
let validator: ValidateFunction<RunResults | RunResults[]> | undefined;
function validate(): ValidateFunction<RunResults | RunResults[]> {
  // Compiled once, on first use.
  return (validator ??= new Ajv({ allErrors: false, strict: false }).compile<RunResults | RunResults[]>(RESULTS_SCHEMA));
}

/** Readable reason for the most specific ajv error: `cases/0/verdict: must be one of fail, ... (got "passed")`. */
function describeSchemaErrors(errors: ErrorObject[] | null | undefined, data: unknown): string {
  if (!errors?.length) return 'does not match the results schema';
  // The top-level oneOf hides the real cause: prefer the deepest error under the single-run branch.
  const useful = errors.filter((e) => e.keyword !== 'oneOf' && !e.schemaPath.startsWith('#/oneOf/1'));
  const e = [...(useful.length ? useful : errors)].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
  const where = e.instancePath ? e.instancePath.slice(1) : '(top level)';
  const got = valueAt(data, e.instancePath);
  let what = e.message ?? 'is invalid';
  // ajv's params per keyword: enum { allowedValues }, additionalProperties { additionalProperty }, required { missingProperty }
  if (e.keyword === 'enum' && Array.isArray(e.params.allowedValues)) what = `must be one of ${e.params.allowedValues.join(', ')}`;
  if (e.keyword === 'additionalProperties') what = `has unknown property "${String(e.params.additionalProperty)}"`;
  if (e.keyword === 'required') what = `is missing "${String(e.params.missingProperty)}"`;
  const shown = e.keyword === 'required' || e.keyword === 'additionalProperties' || got === undefined ? '' : ` (got ${JSON.stringify(got)?.slice(0, 60)})`;
  return `${where}: ${what}${shown}`;
}

function valueAt(data: unknown, pointer: string): unknown {
  let cur: unknown = data;
  for (const part of pointer.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Reflect.get(cur, part.replace(/~1/g, '/').replace(/~0/g, '~'));
  }
  return cur;
}

/** Throws E_RESULTS with a readable reason unless `data` is one run or an array of runs. */
export function validateResults(data: unknown, file = 'results'): RunResults[] {
  if (isJsonObject(data) && !isOneOf(READABLE_SCHEMA_VERSIONS, data.schemaVersion)) {
    const v = data.schemaVersion;
    throw new ConformanceError('E_RESULTS', `${file}: schemaVersion ${JSON.stringify(v)} is not supported (this version reads ${READABLE_SCHEMA_VERSIONS.join(' and ')})`);
  }
  const check = validate();
  if (!check(data)) throw new ConformanceError('E_RESULTS', `${file}: ${describeSchemaErrors(check.errors, data)}`);
  return Array.isArray(data) ? data : [data];
}

/** Parse results text (one run or an array of runs) and validate it. */
export function parseResults(text: string, file = 'results'): RunResults[] {
  let data: unknown;
  try { data = JSON.parse(text); } catch (e) {
    throw new ConformanceError('E_RESULTS', `${file}: not valid JSON (${errorMessage(e)})`);
  }
  return validateResults(data, file);
}

/** Read and validate a results file; always a list (a file may hold one run per target). `label` names it in errors. */
export function readResults(file: string, label = file): RunResults[] {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) {
    throw new ConformanceError('E_RESULTS', `${label}: cannot read (${errnoCode(e) === 'ENOENT' ? 'no such file' : readFailure(e)})`);
  }
  return parseResults(text, label);
}

/** One run as an object, several as an array; validated so a bad model never reaches disk. */
export function render(results: RunResults | RunResults[]): string {
  const data = Array.isArray(results) && results.length === 1 ? results[0] : results;
  // Round-trip drops undefined values exactly as the file will.
  validateResults(JSON.parse(JSON.stringify(data)), 'results (about to be written)');
  return `${JSON.stringify(data, null, 2)}\n`;
}

let caseValidator: ValidateFunction | undefined;
function validateCase(): ValidateFunction {
  return (caseValidator ??= new Ajv({ allErrors: false, strict: false }).addSchema(RESULTS_SCHEMA).compile({ $ref: `${String(RESULTS_SCHEMA.$id)}#/definitions/CaseResult` }));
}

/**
 * The text of render(), written to `file` piece by piece: each run's header, then one case at a
 * time, so a 100k-case report never exists in memory as one string (nor as a parsed copy, which
 * render's validation makes). Validation is the same schema, split: every run with its cases left
 * out, then each case against the CaseResult definition as it is written. One pass over the cases
 * (a streamed run reads each back from disk once): the text goes to a temporary file that takes
 * `file`'s place only when every case validated, so nothing is written for a run that does not.
 * Same bytes as render() on success.
 */
/**
 * Writes gathered in one buffer, flushed when full: each case's text dies young, where a string
 * built up over a megabyte of cases outlived the young generation and grew the old one.
 */
class BufferedWrites {
  private readonly buf = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  constructor(private readonly fd: number) {}

  write(text: string): void {
    if (this.used + text.length * 3 > this.buf.length) this.flush();
    if (text.length * 3 > this.buf.length) { writeSync(this.fd, text); return; }
    this.used += this.buf.write(text, this.used);
  }

  flush(): void {
    if (this.used) writeSync(this.fd, this.buf, 0, this.used);
    this.used = 0;
  }
}

export function writeFile(results: ReportableRun | ReportableRun[], file: string): void {
  const data = Array.isArray(results) && results.length === 1 ? results[0]! : results;
  const runs = Array.isArray(data) ? data : [data];
  const marker = `\u0000cases-${process.pid}-${Date.now()}\u0000`;
  validateResults(JSON.parse(JSON.stringify(runs.map((r) => ({ ...r, cases: [] })))), 'results (about to be written)');
  const check = validateCase();
  const skeleton = JSON.stringify(Array.isArray(data) ? data.map((r) => ({ ...r, cases: marker })) : { ...data, cases: marker }, null, 2);
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  let done = false;
  try {
    let at = 0;
    runs.forEach((run, r) => {
      const hit = skeleton.indexOf(JSON.stringify(marker), at);
      const lineStart = skeleton.lastIndexOf('\n', hit) + 1;
      const indent = `${/^ */.exec(skeleton.slice(lineStart))![0]}  `;
      writeSync(fd, skeleton.slice(at, hit));
      if (!run.cases.length) writeSync(fd, '[]');
      else {
        writeSync(fd, '[\n');
        const out = new BufferedWrites(fd);
        let i = 0;
        for (const c of run.cases) {
          // a case read back from JSON holds no undefined to drop: validated as it is
          if (!check(run.cases.fromJson ? c : JSON.parse(JSON.stringify(c ?? null)))) {
            const where = `${Array.isArray(data) ? `${r}/` : ''}cases/${i}`;
            throw new ConformanceError('E_RESULTS', `results (about to be written): ${where}/${describeSchemaErrors(check.errors, c).replace(/^\(top level\): /, '').replace(/^\//, '')}`);
          }
          out.write(`${indent}${(JSON.stringify(c, null, 2) ?? 'null').replace(/\n/g, `\n${indent}`)}${++i < run.cases.length ? ',\n' : '\n'}`);
        }
        out.flush();
        writeSync(fd, `${indent.slice(2)}]`);
      }
      at = hit + JSON.stringify(marker).length;
    });
    writeSync(fd, `${skeleton.slice(at)}\n`);
    done = true;
  } finally {
    closeSync(fd);
    if (done) renameSync(temp, file); else rmSync(temp, { force: true });
  }
}
