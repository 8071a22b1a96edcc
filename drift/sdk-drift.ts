// `drift --sdk <vendor>`: each contract (the page's claims) against the vendor SDK's own model of the
// operation: Alibaba's installed Tea package (sdk-models.ts), or for vendors whose SDK models are not
// installable as readable packages, a committed snapshot of their published Go SDK models
// (model-snapshot.ts). An operation with no model says so, rather than being skipped in silence.
import { basename } from 'node:path';
import type { Contract, ProtocolProfile, Vendor } from '../core/types.ts';
import type { LoadedContracts } from '../loader/index.ts';
import type { Change } from './classify.ts';
import { compareFacts } from './compare-facts.ts';
import { contractFacts, type OperationModel } from './model-facts.ts';
import { MODELS_DIR, readSnapshot, snapshotFile, snapshotOperationModel } from './model-snapshot.ts';
import { installedPackage, teaOperationModel } from './sdk-models.ts';

export interface SdkDrift {
  vendor: Vendor;
  /** `model`: what was read; `scope`: what was compared and what the model never states. */
  compared: { contract: string; model: string; scope: string; changes: Change[] }[];
  notCompared: { contract: string; message: string }[];
}

type Found = { model: OperationModel } | { missing: string };

function aliyunModel(c: Contract): Found {
  const name = `@alicloud/${c.service}${c.version.replace(/-/g, '')}`;
  const pkg = installedPackage(name);
  const model = pkg && teaOperationModel(pkg, c.operation);
  return model ? { model } : { missing: `no machine-readable models for ${c.operation} in ${name}@${pkg?.version ?? '(not installed)'}: not compared` };
}

function snapshotModel(c: Contract, dir: string): Found {
  const found = readSnapshot(c.vendor, c.service, c.version, dir);
  const file = dir === MODELS_DIR ? `drift/models/${basename(snapshotFile(c.vendor, c.service, c.version, dir))}` : snapshotFile(c.vendor, c.service, c.version, dir);
  if (!found) return { missing: `no SDK model snapshot for ${c.vendor} ${c.service} ${c.version} (${file} is not committed): not compared` };
  const model = snapshotOperationModel(found.snapshot, c.operation);
  return model ? { model } : { missing: `the SDK model snapshot ${file} holds no ${c.operation}: not compared` };
}

/** Notes on SDK-only parameters: a profile's common parameter, or one the page's own error rows name. */
function annotate(changes: Change[], c: Contract, profile: ProtocolProfile | undefined) {
  const common = new Set((profile?.commonParameters ?? []).map((p) => p.name));
  for (const ch of changes) {
    if (ch.kind !== 'sdk-only' || !ch.subject.startsWith('param ')) continue;
    const name = ch.subject.slice('param '.length);
    if (common.has(name)) { ch.why = `informational: a common parameter of the ${profile!.name} profile`; continue; }
    // The page's error rows may name a parameter its table leaves out (Tag.N.Key, clientToken).
    const named = c.errors.filter((e) => `${e.message} ${e.description ?? ''}`.toLowerCase().includes(name.toLowerCase())).map((e) => e.code);
    if (named.length) ch.why += `; the page's error rows name it (${[...new Set(named)].join(', ')})`;
  }
}

export function sdkDrift(vendor: Vendor, loaded: LoadedContracts, opts: { modelsDir?: string } = {}): SdkDrift {
  const result: SdkDrift = { vendor, compared: [], notCompared: [] };
  for (const c of loaded.contracts.filter((x) => x.vendor === vendor).sort((a, b) => a.id.localeCompare(b.id))) {
    const found = vendor === 'aliyun' ? aliyunModel(c) : snapshotModel(c, opts.modelsDir ?? MODELS_DIR);
    if ('missing' in found) { result.notCompared.push({ contract: c.id, message: found.missing }); continue; }
    const changes = compareFacts(contractFacts(c), found.model).map((ch) => ({ ...ch, contract: c.id }));
    annotate(changes, c, loaded.profiles[vendor]);
    result.compared.push({ contract: c.id, model: found.model.source, scope: found.model.scope, changes });
  }
  return result;
}
