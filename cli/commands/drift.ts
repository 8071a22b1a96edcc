// `conformance drift <page>` (a newer vendor page vs its stored contract) and
// `conformance drift --sdk <vendor>` (contracts vs the vendor SDK's own models).
// Exit 1 when a change counts under --fail-on (breaking by default; any), 0 otherwise, 2 on usage errors.
import { resolve } from 'node:path';
import { ConformanceError, notOneOf } from '../../core/errors.ts';
import { VENDORS, type Vendor, isVendor } from '../../core/types.ts';
import { driftExitCode, FAIL_ON, type FailOn } from '../../drift/classify.ts';
import { pageDrift } from '../../drift/page-drift.ts';
import { groupedText, summaryLine, toJson } from '../../drift/render.ts';
import { sdkDrift } from '../../drift/sdk-drift.ts';
import { loadContracts } from '../../loader/index.ts';
import type { Io } from '../io.ts';
import { isOneOf } from '../../core/json.ts';

export interface DriftFlags { contract?: string; format?: string; sdk?: string; contracts?: string; failOn?: string }

export function driftFormat(format: string | undefined): 'text' | 'json' {
  const f = format ?? 'text';
  if (f !== 'text' && f !== 'json') throw notOneOf('--format', f, ['text', 'json']);
  return f;
}

export function driftFailOn(failOn: string | undefined): FailOn {
  const f = failOn ?? 'breaking';
  if (!isOneOf(FAIL_ON, f)) throw notOneOf('--fail-on', f, FAIL_ON);
  return f;
}

export function driftCommand(pageArg: string | undefined, flags: DriftFlags, io: Io): number {
  const format = driftFormat(flags.format);
  const failOn = driftFailOn(flags.failOn);
  const contractsDir = flags.contracts ? resolve(io.cwd, flags.contracts) : undefined;
  if (flags.sdk !== undefined) {
    if (pageArg) throw new ConformanceError('E_USAGE', 'drift: give either a page or --sdk <vendor>, not both');
    if (!isVendor(flags.sdk)) throw notOneOf('--sdk', flags.sdk, VENDORS);
    const result = sdkDrift(flags.sdk, loadContracts({ dir: contractsDir, expect: 'page' }));
    const changes = result.compared.flatMap((c) => c.changes);
    // With no models at all, "no drift" would claim a comparison that never happened.
    const summary = result.compared.length ? summaryLine(changes) : `nothing compared (${result.notCompared.length} contract(s) without SDK models)`;
    if (format === 'json') io.stdout.write(toJson({ ...result, summary }));
    else {
      const lines = [`sdk drift: ${flags.sdk} contracts (as their pages give them) vs the vendor SDK models`];
      for (const c of result.compared) {
        lines.push('', `${c.contract} vs ${c.model}:`, `  compared: ${c.scope}`);
        lines.push(...(c.changes.length ? groupedText(c.changes.map(({ contract: _c, ...x }) => x)) : ['  no drift']));
      }
      for (const n of result.notCompared) lines.push('', `${n.contract}: ${n.message}`);
      lines.push('', summary);
      io.stdout.write(`${lines.join('\n')}\n`);
    }
    return driftExitCode(changes, failOn);
  }
  if (!pageArg) throw new ConformanceError('E_USAGE', 'drift: give a vendor page (a newer copy) or --sdk <vendor>', 'e.g. conformance drift contracts/aliyun/ecs/2014-05-26/pages/aliyun-ecs-2014-05-26-DeleteSnapshot.md');
  const result = pageDrift(resolve(io.cwd, pageArg), { contract: flags.contract ? resolve(io.cwd, flags.contract) : undefined, contractsDir, cwd: io.cwd });
  if (format === 'json') io.stdout.write(toJson({ ...result, summary: summaryLine(result.changes) }));
  else io.stdout.write(`${[`drift: ${result.page} vs ${result.contract}`, ...groupedText(result.changes), summaryLine(result.changes)].join('\n')}\n`);
  return driftExitCode(result.changes, failOn);
}
