// `drift --sdk <vendor>`: each contract against the vendor SDK's own request and response models.
// Only Alibaba ships machine-readable models here; the other vendors say so, per operation, rather
// than being skipped in silence.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Contract, ProtocolProfile, Vendor } from '../core/types.ts';
import type { LoadedContracts } from '../loader/index.ts';
import { classify, type Change } from './classify.ts';
import { installedPackage, loadPackage, shapeOfModel, type Shape } from './sdk-models.ts';

export interface SdkDrift {
  vendor: Vendor;
  compared: { contract: string; package: string; changes: Change[] }[];
  notCompared: { contract: string; message: string }[];
}

/** Contract JSON Schema -> Shape (integer and number are one `number` in the SDK). */
function shapeOfSchema(s: unknown): Shape {
  const o = (s ?? {}) as Record<string, unknown>;
  const t = o.type === 'integer' ? 'number' : String(o.type ?? 'any');
  if (t === 'array') return { type: 'array', items: shapeOfSchema(o.items) };
  if (t === 'object') {
    const props = new Map<string, Shape>();
    for (const [k, v] of Object.entries((o.properties ?? {}) as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) props.set(k, shapeOfSchema(v));
    return { type: 'object', props };
  }
  return { type: t };
}

const typeName = (s: Shape): string => (s.type === 'array' ? `array of ${typeName(s.items!)}` : s.type);

/** Walk contract and SDK shapes side by side; `prefix` is `param` or `field`. */
function compareShapes(contract: Shape, sdk: Shape, path: string[], prefix: 'param' | 'field', out: Change[], skip: (name: string) => string | undefined, lines: Map<string, number>) {
  if (contract.type === 'array' && sdk.type === 'array') return compareShapes(contract.items!, sdk.items!, path, prefix, out, skip, lines);
  if (contract.type !== sdk.type && contract.type !== 'any' && sdk.type !== 'any') {
    const kind = prefix === 'param' ? 'type-changed' : 'response-field-retyped';
    out.push({ kind, subject: `${prefix} ${path.join('.')}`, before: typeName(contract), after: typeName(sdk), line: lines.get(path.join('.')), ...classify(kind) });
    return;
  }
  if (contract.type !== 'object' || !contract.props || !sdk.props) return;
  for (const [name, c] of contract.props) {
    const at = [...path, name];
    const s = sdk.props.get(name);
    if (s) { compareShapes(c, s, at, prefix, out, skip, lines); continue; }
    const reason = path.length === 0 ? skip(name) : undefined;
    const v = classify('contract-only');
    out.push({ kind: 'contract-only', subject: `${prefix} ${at.join('.')}`, before: typeName(c), line: lines.get(at.join('.')),
      ...(reason ? { classification: 'compatible', why: reason } : v) });
  }
  for (const [name, s] of sdk.props) {
    if (contract.props.has(name)) continue;
    const at = [...path, name];
    out.push({ kind: 'sdk-only', subject: `${prefix} ${at.join('.')}`, after: typeName(s), ...classify('sdk-only') });
  }
}

function compareAliyun(c: Contract, models: Record<string, unknown>, profile: ProtocolProfile | undefined): Change[] {
  const out: Change[] = [];
  const common = new Set((profile?.commonParameters ?? []).map((p) => p.name));
  const params = c.request.parameters.filter((p) => !p.fromProfile);
  const reqShape: Shape = { type: 'object', props: new Map(params.map((p) => [p.name, shapeOfSchema(p.schema)])) };
  const lines = new Map(params.map((p) => [p.name, p.line!]));
  // The SDK client sends the action itself (x-acs-action / Action), never as a model field.
  const skip = (name: string) => (params.find((p) => p.name === name)?.schema.const === c.operation ? 'the SDK client sends the action itself, not as a model field' : undefined);
  const reqChanges: Change[] = [];
  compareShapes(reqShape, shapeOfModel(models[`${c.operation}Request`]), [], 'param', reqChanges, skip, lines);
  for (const ch of reqChanges) {
    const name = ch.subject.replace(/^param /, '');
    if (ch.kind !== 'sdk-only') continue;
    if (common.has(name)) { ch.why = `informational: a common parameter of the ${profile!.name} profile`; continue; }
    // The page's own error rows may name the parameter its table leaves out (Tag.N.Key, clientToken).
    const named = c.errors.filter((e) => `${e.message} ${e.description ?? ''}`.toLowerCase().includes(name.toLowerCase())).map((e) => e.code);
    if (named.length) ch.why += `; the page's error rows name it (${[...new Set(named)].join(', ')})`;
  }
  out.push(...reqChanges);
  const fieldLines = new Map<string, number>();
  const walk = (s: unknown, path: string[]) => {
    const o = (s ?? {}) as Record<string, unknown>;
    if (typeof o['x-line'] === 'number' && path.length) fieldLines.set(path.join('.'), o['x-line']);
    if (o.items) walk(o.items, path);
    for (const [k, v] of Object.entries((o.properties ?? {}) as Record<string, unknown>)) walk(v, [...path, k]);
  };
  walk(c.response.schema, []);
  compareShapes(shapeOfSchema(c.response.schema ?? { type: 'object' }), shapeOfModel(models[`${c.operation}ResponseBody`]), [], 'field', out, () => undefined, fieldLines);
  return out;
}

/** Why a vendor's contracts cannot be compared (its SDK has no machine-readable models here). */
function noModels(c: Contract): string {
  if (c.vendor === 'volcengine') {
    const pkg = installedPackage('@volcengine/openapi');
    const has = pkg && existsSync(join(pkg.dir, 'lib', 'services', c.service));
    return `no machine-readable models for ${c.operation} in @volcengine/openapi@${pkg?.version ?? '(not installed)'}: not compared (${has ? 'the service has no typed request models' : `the package has no ${c.service} service`})`;
  }
  const evs = installedPackage(`@huaweicloud/huaweicloud-sdk-${c.service}`);
  if (evs) return `no machine-readable models for ${c.operation} in ${evs.name}@${evs.version}: not compared (its models carry no names()/types() metadata)`;
  const core = installedPackage('@huaweicloud/huaweicloud-sdk-core');
  return `no machine-readable models for ${c.operation} in @huaweicloud/huaweicloud-sdk-core@${core?.version ?? '(not installed)'}: not compared (no ${c.service.toUpperCase()} package is installed; the core package only signs requests)`;
}

export function sdkDrift(vendor: Vendor, loaded: LoadedContracts): SdkDrift {
  const result: SdkDrift = { vendor, compared: [], notCompared: [] };
  for (const c of loaded.contracts.filter((x) => x.vendor === vendor).sort((a, b) => a.id.localeCompare(b.id))) {
    if (vendor !== 'aliyun') { result.notCompared.push({ contract: c.id, message: noModels(c) }); continue; }
    const name = `@alicloud/${c.service}${c.version.replace(/-/g, '')}`;
    const pkg = installedPackage(name);
    const models = pkg ? loadPackage(name) : undefined;
    if (!pkg || !models?.[`${c.operation}Request`]) {
      result.notCompared.push({ contract: c.id, message: `no machine-readable models for ${c.operation} in ${name}@${pkg?.version ?? '(not installed)'}: not compared` });
      continue;
    }
    const changes = compareAliyun(c, models, loaded.profiles[vendor]).map((ch) => ({ ...ch, contract: c.id }));
    result.compared.push({ contract: c.id, package: `${name}@${pkg.version}`, changes });
  }
  return result;
}
