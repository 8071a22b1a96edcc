// The mutants seam. Switched once, at start: `createDeviations(names)` resolves each name against
// the catalogue (emulator/mutants/catalogue.ts) and the conforming variants
// (emulator/mutants/survivors.ts), and gives the emulator three hooks, all inert when nothing is
// switched on (reference behaviour byte-identical):
// - `on(point)`: handlers and the HTTP pipeline ask at their decision points (DECISION_POINTS,
//   typed, so a misspelt point does not compile); a catalogue entry's `apply.points` switches them;
// - `paramOverrides(vendor, operation)`: patches to the contract's parameter schemas, used only to
//   build the emulator's validators (the contracts the suite reads are never touched);
// - `transform(response, info)`: post-processing of the wire answer (envelope and field mutants).
import type { ContractParam, Vendor, WireResponse } from '../core/types.ts';
import { ConformanceError, didYouMean } from '../core/errors.ts';
import { MUTANTS, type Mutant, type MutantApply, type ParamPatch, type ResponseInfo } from './mutants/catalogue.ts';
import { CONFORMING_VARIANTS } from './mutants/survivors.ts';
import { LEDGER_PREFIX, ledgerDeviations, type LedgerDeviation } from './mutants/ledger.ts';
import { LISTING_PREFIX, listingMutants } from './mutants/listing.ts';
import { loadContracts, type LoadedContracts } from '../loader/index.ts';

export type { ResponseInfo } from './mutants/catalogue.ts';

export interface Deviations {
  /** The names switched on (mutants and conforming variants), as given. */
  readonly active: ReadonlySet<string>;
  /** True when the named decision point is switched on for this emulator. */
  on(point: DecisionPoint): boolean;
  /** Parameter patches for one operation (undefined: none). */
  paramOverrides(vendor: Vendor, operation: string): Record<string, ParamPatch> | undefined;
  /** True when some mutant rewrites answers (the listener then calls `transform`). */
  readonly rewritesResponses: boolean;
  transform(res: WireResponse, info: ResponseInfo): WireResponse;
}

/** Decision points the handlers and the HTTP pipeline consult (catalogue entries switch them on). */
export const DECISION_POINTS = [
  // conforming variants (the contract accepts either answer; see emulator/README.md)
  'aliyun.DeleteSnapshot.unknown-id-ignored',      // answer 200 for an unknown id instead of 404
  // Alibaba DeleteSnapshot
  'aliyun.DeleteSnapshot.force-ignored',           // Force=true does not override "used by disk"
  'aliyun.DeleteSnapshot.image-check-skipped',     // delete snapshots used by images
  'aliyun.DeleteSnapshot.force-overrides-image',   // Force=true also deletes snapshots used by images
  'aliyun.DeleteSnapshot.disk-check-skipped',      // delete snapshots used by disks without Force
  // Alibaba DeleteSnapshotGroup
  'aliyun.DeleteSnapshotGroup.deletes-image-snapshots',
  'aliyun.DeleteSnapshotGroup.group-kept',         // snapshots deleted, the group itself stays
  'aliyun.DeleteSnapshotGroup.region-unchecked',   // unknown RegionId not reported
  // Alibaba CreateSnapshotGroup
  'aliyun.CreateSnapshotGroup.no-status-check',
  'aliyun.CreateSnapshotGroup.essd-unchecked',
  'aliyun.CreateSnapshotGroup.multi-attach-unchecked',
  'aliyun.CreateSnapshotGroup.lock-unchecked',
  'aliyun.CreateSnapshotGroup.eleven-disks',       // the 10-disk limit is off by one (11 accepted)
  'aliyun.CreateSnapshotGroup.exclude-ignored',    // ExcludeDiskId has no effect
  'aliyun.CreateSnapshotGroup.quota-unchecked',
  'aliyun.CreateSnapshotGroup.client-token-ignored', // a retry with the same ClientToken creates another group
  'aliyun.CreateSnapshotGroup.token-mismatch-replayed', // same token, other request: replays the first answer
  'aliyun.CreateSnapshotGroup.disk-id-ignored',    // DiskId.N ignored: the instance's disks are snapshotted
  'aliyun.CreateSnapshotGroup.capacity-unchecked', // groups over 32 TiB created (the TypeScript model's 256 TiB; a ledger variant)
  'aliyun.snapshots.never-complete',               // snapshots (and so groups) stay progressing forever
  // Alibaba read calls
  'aliyun.DescribeSnapshotGroups.hides-progressing', // a group being created is not listed (a client takes it for gone)
  'aliyun.DescribeSnapshots.hides-progressing',      // a snapshot being created is not listed
  // Volcengine DeleteInstances
  'volcengine.DeleteInstances.prepaid-allowed',
  'volcengine.DeleteInstances.idempotency-ignored',
  'volcengine.DeleteInstances.token-mismatch-replayed', // same token, other request: replays the first answer
  'volcengine.DeleteInstances.item-errors-fail-request', // a per-instance error becomes a request error
  'volcengine.DeleteInstances.dedicated-host-unchecked',
  // Volcengine read calls and lifecycle
  'volcengine.instances.never-deleted',            // a deleted instance stays DELETING forever
  'volcengine.DescribeInstances.hides-deleting',   // an instance being deleted is not listed (a client takes it for gone)
  // Huawei DeleteSnapshot
  'huaweicloud.DeleteSnapshot.status-check-skipped',
  'huaweicloud.DeleteSnapshot.autobk-unchecked',
  'huaweicloud.DeleteSnapshot.autobk-anywhere',    // rejects names containing autobk_snapshot_ anywhere
  'huaweicloud.DeleteSnapshot.unknown-id-accepted',
  'huaweicloud.ShowSnapshot.hides-deleting',       // a snapshot being deleted answers 404 at once (Terraform's wait ends early)
  'huaweicloud.DeleteSnapshot.stays-deleting',     // an accepted delete never completes: the snapshot stays listed, deleting
  // HTTP pipeline, per vendor: `<vendor>.http.<point>`
  'aliyun.http.signature-unchecked', 'volcengine.http.signature-unchecked', 'huaweicloud.http.signature-unchecked',
  'aliyun.http.expired-accepted', 'volcengine.http.expired-accepted', 'huaweicloud.http.expired-accepted',
  'aliyun.http.nonce-unchecked',
  'aliyun.http.unknown-key-as-bad-signature',
  'aliyun.http.rpc-v1-rejected',
  'aliyun.http.unknown-action-accepted', 'volcengine.http.unknown-action-accepted',
  'aliyun.http.version-unchecked', 'volcengine.http.version-unchecked',
  'aliyun.http.method-unchecked',
] as const;
export type DecisionPoint = (typeof DECISION_POINTS)[number];
/** The `<point>` of the HTTP pipeline's `<vendor>.http.<point>` decision points. */
export type HttpDecisionPoint = DecisionPoint extends infer P ? (P extends `${string}.http.${infer S}` ? S : never) : never;

/** Every name `--mutant` accepts, with what it switches on: the catalogue's mutants and the conforming variants. */
const DEVIATIONS: ReadonlyMap<string, { apply: MutantApply }> = new Map<string, { apply: MutantApply }>([
  ...MUTANTS.map((m) => [m.name, m] as const),
  ...CONFORMING_VARIANTS.map((v) => [v.name, { apply: v.apply }] as const),
]);

/** The ledger's deviations by name (contracts seen under `current`, where disputes are recorded). */
function ledgerByName(loaded?: LoadedContracts): ReadonlyMap<string, LedgerDeviation> {
  const view = loaded?.expect === 'current' ? loaded : loadContracts({ ...(loaded ? { dir: loaded.dir } : {}), expect: 'current' });
  return new Map(ledgerDeviations(view).deviations.map((d) => [d.name, d] as const));
}

/** The read calls' derived listing mutants by name (emulator/mutants/listing.ts). */
function listingByName(loaded?: LoadedContracts): ReadonlyMap<string, Mutant> {
  return new Map(listingMutants((loaded ?? loadContracts()).contracts).map((m) => [m.name, m] as const));
}

/** Throws a one-line E_OPTION error (with "did you mean") for a name that is neither. */
export function checkDeviationNames(names: readonly string[], loaded?: LoadedContracts): void {
  const ledger = names.some((n) => n.startsWith(LEDGER_PREFIX)) ? ledgerByName(loaded) : new Map();
  const listing = names.some((n) => n.startsWith(LISTING_PREFIX)) ? listingByName(loaded) : new Map();
  const known = [...DEVIATIONS.keys(), ...ledger.keys(), ...listing.keys()];
  for (const n of names) {
    if (known.includes(n)) continue;
    const tail = n.split('.').slice(-1)[0]!;
    const guess = didYouMean(n, known) ?? known.find((k) => k.endsWith(`.${tail}`) && k.startsWith(n.split('.')[0]!));
    throw new ConformanceError('E_OPTION', `unknown mutant "${n}"${guess ? ` (did you mean "${guess}"?)` : ''}; \`npm run mutants -- --list\` or emulator/mutants/catalogue.ts lists them`);
  }
}

const NONE: Deviations = Object.freeze({
  active: new Set<string>(),
  on: () => false,
  paramOverrides: () => undefined,
  rewritesResponses: false,
  transform: (res: WireResponse) => res,
});

/**
 * `loaded`: the contracts the emulator plays; ledger deviations (`ledger.*`, emulator/mutants/ledger.ts)
 * are derived from their disputes.
 */
export function createDeviations(names: readonly string[] = [], loaded?: LoadedContracts): Deviations {
  if (names.length === 0) return NONE;
  checkDeviationNames(names, loaded);
  const ledger = names.some((n) => n.startsWith(LEDGER_PREFIX)) ? ledgerByName(loaded) : new Map<string, LedgerDeviation>();
  const listing = names.some((n) => n.startsWith(LISTING_PREFIX)) ? listingByName(loaded) : new Map<string, Mutant>();
  const resolve = (n: string) => DEVIATIONS.get(n) ?? ledger.get(n) ?? listing.get(n)!;
  const active = new Set(names);
  const points = new Set<string>(names.flatMap((n) => resolve(n).apply.points ?? []));
  // ledger rewrites select answers by `ResponseInfo.about`, in the claim's operation (`*`: a common error)
  const fromLedger: Mutant[] = names.flatMap((n) => { const d = ledger.get(n); return d ? [{ ...d, expectedCategory: 'state-rules' as const }] : []; });
  const mutants = [...names.flatMap((n) => MUTANTS.filter((m) => m.name === n)), ...fromLedger];
  const rewriting = mutants.filter((m) => m.apply.response);
  const scoped = (m: Mutant, vendor: Vendor, operation: string | undefined) =>
    m.vendor === vendor && (m.operation === '*' || m.operation === operation);
  return {
    active,
    on: (point) => points.has(point),
    paramOverrides(vendor, operation) {
      let out: Record<string, ParamPatch> | undefined;
      for (const m of mutants) {
        if (!m.apply.params || !scoped(m, vendor, operation)) continue;
        out = { ...(out ?? {}), ...m.apply.params };
      }
      return out;
    },
    rewritesResponses: rewriting.length > 0,
    transform(res, info) {
      let out = res;
      for (const m of rewriting) if (scoped(m, info.vendor, info.operation)) out = m.apply.response!(out, info);
      return out;
    },
  };
}

/** A parameter with a mutant's patch applied (schema keys set to undefined are removed). */
export function patchParam(p: ContractParam, patch: ParamPatch): ContractParam {
  const schema: Record<string, unknown> = { ...p.schema };
  for (const [k, v] of Object.entries(patch.schema ?? {})) {
    if (v === undefined) delete schema[k]; else schema[k] = v;
  }
  return { ...p, schema, ...(patch.required !== undefined ? { required: patch.required } : {}) };
}
