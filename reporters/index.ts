// Reporter registry: a reporter is a pure `render(results) -> string` plus the file it writes.
// Names are config keys (`--reporter html`); unknown names are rejected with the valid list.
import { notOneOf } from '../core/errors.ts';
import type { ReportableRun } from '../core/types.ts';
import * as github from './github.ts';
import * as html from './html.ts';
import * as json from './json.ts';
import * as junit from './junit.ts';
import * as markdown from './markdown.ts';
import * as terminal from './terminal.ts';
import * as triage from './triage.ts';

export interface Reporter {
  render(results: ReportableRun | ReportableRun[], opts?: Record<string, unknown>): string;
  /** File extension of the output (no dot). */
  extension: string;
  /** File name under the output directory (`run --out`). */
  file: string;
  description: string;
}

export const REPORTERS = {
  terminal: { render: terminal.render, extension: 'txt', file: 'report.txt', description: 'coloured matrix and failures on stdout' },
  json: { render: json.render, extension: 'json', file: 'results.json', description: 'the raw results, source of truth (schemas/results.schema.json)' },
  markdown: { render: markdown.render, extension: 'md', file: 'report.md', description: 'matrix, failures and uncovered error rows; GitHub step summary' },
  html: { render: html.render, extension: 'html', file: 'report.html', description: 'one self-contained interactive page' },
  junit: { render: junit.render, extension: 'xml', file: 'junit.xml', description: 'JUnit XML for CI test tabs' },
  triage: { render: triage.render, extension: 'md', file: 'triage.md', description: 'failures grouped by likely root cause' },
  github: { render: github.render, extension: 'txt', file: 'annotations.txt', description: 'GitHub Actions annotations of the failures, on stdout (file and line of the contract)' },
} satisfies Record<string, Reporter>;

export type ReporterName = keyof typeof REPORTERS;
export const REPORTER_NAMES = Object.keys(REPORTERS) as ReporterName[];

/** The reporter named `name`, or E_OPTION listing the valid names with a "did you mean". */
export function getReporter(name: string): Reporter {
  if (!Object.hasOwn(REPORTERS, name)) throw notOneOf('reporter', name, REPORTER_NAMES);
  return REPORTERS[name as ReporterName];
}

