// The mutants seam. Handlers consult `deviations.on(name)` at their decision points; a later
// catalogue (emulator/mutants/) names deviations and documents each. Switched once, at start.
export interface Deviations {
  readonly active: ReadonlySet<string>;
  /** True when the named deviation is switched on for this emulator. */
  on(name: string): boolean;
}

export function createDeviations(mutants: readonly string[] = []): Deviations {
  const active = new Set(mutants);
  return { active, on: (name) => active.has(name) };
}

/** Decision points the handlers consult today (the catalogue will map mutant names onto these). */
export const DECISION_POINTS = [
  'aliyun.DeleteSnapshot.unknown-id-ignored',      // answer 200 for an unknown id instead of 404
  'aliyun.DeleteSnapshot.force-ignored',           // Force=true does not override "used by disk"
  'aliyun.DeleteSnapshot.image-check-skipped',     // delete snapshots used by images
  'aliyun.DeleteSnapshotGroup.deletes-image-snapshots',
  'aliyun.CreateSnapshotGroup.no-status-check',
  'volcengine.DeleteInstances.prepaid-allowed',
  'volcengine.DeleteInstances.idempotency-ignored',
  'huaweicloud.DeleteSnapshot.status-check-skipped',
  'validation.skip',                                // contract parameter validation off
] as const;
