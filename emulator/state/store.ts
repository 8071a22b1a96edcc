// The state store: entities by vendor/kind/id, fixtures' defaults, derived relations, progress.
// Every method is synchronous, so a handler that validates then mutates is atomic in Node.
import { VENDORS, type Vendor } from '../../core/types.ts';
import { isJsonObject, recordOf } from '../../core/json.ts';
import { ENTITY_KINDS } from '../../core/world.ts';
import { withDefaults } from './defaults.ts';
import { advanceProgress } from './progress.ts';
import type { Entity, EntityOf, IdempotencyRecord, WorldData, WorldFile } from './types.ts';

/** The strings of a list field (a fixture may hold anything there). */
const stringsOf = (x: unknown): string[] => (Array.isArray(x) ? x.filter((y): y is string => typeof y === 'string') : []);

export function emptyData(): WorldData {
  const entities = recordOf(VENDORS, (v) => Object.fromEntries(ENTITY_KINDS[v].map((k): [string, Record<string, Entity>] => [k, {}])));
  return { entities, idempotency: {}, clockOffsetMs: 0 };
}

export class Store {
  data: WorldData = emptyData();
  /**
   * Ids of Alibaba snapshots with a numeric `completesAt` (created or patched so): the only ones
   * `tick()` can move, so it visits these instead of every snapshot (the world grows with a run).
   */
  readonly timed = new Set<string>();
  /** Entities being deleted (`deletesAt` on the emulator clock), as `<vendor>|<kind>|<id>`: tick() removes them when it passes. */
  /** Entities being deleted, by `vendor|kind|id`. */
  readonly deleting = new Map<string, { vendor: Vendor; kind: string; id: string }>();
  /** No delete in `deleting` comes due before this (tick() skips the scan until then: every request ticks). */
  private deletingDue = Infinity;
  /** Every snapshot id some Alibaba disk was created or patched with as `sourceSnapshotId` (never shrinks). */
  private readonly diskSources = new Set<string>();
  /** Called after every change (persistence hooks in here). */
  onChange: () => void = () => {};

  constructor(private readonly clock: () => number) {}

  now(): number { return this.clock() + this.data.clockOffsetMs; }

  changed(): void { this.onChange(); }

  table(vendor: Vendor, kind: string): Record<string, Entity> {
    const byVendor = this.data.entities[vendor];
    return (byVendor[kind] ??= {});
  }

  list<V extends Vendor, K extends string>(vendor: V, kind: K): EntityOf<V, K>[] {
    return Object.values(this.table(vendor, kind)) as EntityOf<V, K>[];
  }

  get<V extends Vendor, K extends string>(vendor: V, kind: K, id: string): EntityOf<V, K> | undefined {
    return Object.hasOwn(this.table(vendor, kind), id) ? (this.table(vendor, kind)[id] as EntityOf<V, K>) : undefined;
  }

  /** Insert a complete entity (fills defaults). Snapshot groups adopt their snapshots. */
  create(vendor: Vendor, kind: string, fields: Record<string, unknown>, opts: { silent?: boolean } = {}): Entity {
    if (kind === 'account') fields = { ...fields, id: 'default' };
    const entity = withDefaults(vendor, kind, fields, this.now());
    this.table(vendor, kind)[entity.id] = entity;
    this.track(vendor, kind, entity);
    if (vendor === 'aliyun' && kind === 'snapshotGroup') {
      for (const sid of stringsOf(entity.snapshotIds)) {
        const s = this.get(vendor, 'snapshot', sid);
        if (s) s.groupId = entity.id;
      }
    }
    if (!opts.silent) this.changed();
    return entity;
  }

  patch(vendor: Vendor, kind: string, id: string, fields: Record<string, unknown>): Entity | undefined {
    const e = this.get(vendor, kind, id);
    if (!e) return undefined;
    Object.assign(e, fields, { id });
    this.track(vendor, kind, e);
    this.changed();
    return e;
  }

  remove(vendor: Vendor, kind: string, id: string, opts: { silent?: boolean } = {}): boolean {
    const t = this.table(vendor, kind);
    if (!Object.hasOwn(t, id)) return false;
    delete t[id];
    if (vendor === 'aliyun' && kind === 'snapshot') this.timed.delete(id);
    if (!opts.silent) this.changed();
    return true;
  }

  /**
   * Remove an entity and what hangs off it, so a long run that removes its fixtures keeps the world
   * (and the snapshot quota) bounded: an instance takes its disks and snapshot groups with it, a disk
   * or a group its snapshots. Returns how many entities went.
   */
  removeCascade(vendor: Vendor, kind: string, id: string): number {
    if (!this.get(vendor, kind, id)) return 0;
    let n = 0;
    if (vendor === 'aliyun' && kind === 'instance') {
      for (const d of this.list('aliyun', 'disk')) if (d.instanceId === id) n += this.removeCascade('aliyun', 'disk', d.id);
      for (const g of this.list('aliyun', 'snapshotGroup')) if (g.instanceId === id) n += this.removeCascade('aliyun', 'snapshotGroup', g.id);
    } else if (vendor === 'aliyun' && kind === 'disk') {
      for (const sn of this.list('aliyun', 'snapshot')) if (sn.diskId === id) n += this.removeCascade('aliyun', 'snapshot', sn.id);
    } else if (vendor === 'aliyun' && kind === 'snapshotGroup') {
      const group = this.get('aliyun', 'snapshotGroup', id)!;
      for (const sid of group.snapshotIds ?? []) n += this.removeCascade('aliyun', 'snapshot', sid);
    }
    return n + (this.remove(vendor, kind, id, { silent: true }) ? 1 : 0);
  }

  private track(vendor: Vendor, kind: string, e: Entity): void {
    if (typeof e.deletesAt === 'number') {
      this.deleting.set(`${vendor}|${kind}|${e.id}`, { vendor, kind, id: e.id });
      this.deletingDue = Math.min(this.deletingDue, e.deletesAt);
    }
    if (vendor !== 'aliyun') return;
    if (kind === 'snapshot' && typeof e.completesAt === 'number') this.timed.add(e.id);
    if (kind === 'disk' && typeof e.sourceSnapshotId === 'string') this.diskSources.add(e.sourceSnapshotId);
  }

  /** An entity with its derived relations filled in (snapshot usedBy*, group status). */
  view(vendor: Vendor, kind: string, id: string): Entity | undefined {
    const e = this.get(vendor, kind, id);
    if (!e) return undefined;
    if (vendor === 'aliyun' && kind === 'snapshot') {
      return { ...e, usedByImageIds: this.imagesUsing(id), usedByDiskIds: this.disksUsing(id) };
    }
    if (vendor === 'aliyun' && kind === 'snapshotGroup') {
      return { ...e, status: this.groupStatus(e) };
    }
    return { ...e };
  }

  // ------------------------------------------------------------ Alibaba relations

  account(): { balance: number; snapshotServiceEnabled: boolean; snapshotQuota: number } {
    if (!this.get('aliyun', 'account', 'default')) this.create('aliyun', 'account', {}, { silent: true });
    const a = this.get('aliyun', 'account', 'default');
    if (!a) throw new Error('the Alibaba account was not created');
    return a;
  }

  /** Images that use a snapshot: images' snapshotIds plus the snapshot's own usedByImageIds. */
  imagesUsing(snapshotId: string): string[] {
    const s = this.get('aliyun', 'snapshot', snapshotId);
    const own = (s?.usedByImageIds ?? []).filter((x) => typeof x === 'string');
    const derived = this.list('aliyun', 'image')
      .filter((img) => Array.isArray(img.snapshotIds) && img.snapshotIds.includes(snapshotId))
      .map((img) => img.id);
    return [...new Set([...own, ...derived])];
  }

  /** Disks created from a snapshot: disks' sourceSnapshotId plus the snapshot's own usedByDiskIds. */
  disksUsing(snapshotId: string): string[] {
    const s = this.get('aliyun', 'snapshot', snapshotId);
    const own = (s?.usedByDiskIds ?? []).filter((x) => typeof x === 'string');
    // No disk ever named this snapshot as its source: skip the scan of every disk (same answer).
    const derived = this.diskSources.has(snapshotId) ? this.list('aliyun', 'disk').filter((d) => d.sourceSnapshotId === snapshotId).map((d) => d.id) : [];
    return [...new Set([...own, ...derived])];
  }

  groupStatus(group: Entity): string {
    if (typeof group.status === 'string' && !Array.isArray(group.snapshotIds)) return group.status;
    const snaps = stringsOf(group.snapshotIds).map((id) => this.get('aliyun', 'snapshot', id)).filter(Boolean);
    // a group with no snapshot left (or a fixture made without any) keeps the status it was given
    if (snaps.length === 0) return typeof group.status === 'string' ? group.status : 'accomplished';
    if (snaps.some((s) => s!.status === 'failed')) return 'failed';
    if (snaps.some((s) => s!.status === 'progressing')) return 'progressing';
    return group.status === 'failed' ? 'failed' : 'accomplished';
  }

  // ------------------------------------------------------------ idempotency

  idempotent(key: string): IdempotencyRecord | undefined { return this.data.idempotency[key]; }

  remember(key: string, rec: IdempotencyRecord): void { this.data.idempotency[key] = rec; }

  // ------------------------------------------------------------ time

  /** Move progressing snapshots forward to `now`; true when something changed. */
  /**
   * Start deleting an entity: it shows `status` (Huawei `deleting`, Volcengine `DELETING`) until
   * `afterMs` have passed on the emulator clock, then it is gone. 0 ms: gone at once.
   */
  startDeleting(vendor: Vendor, kind: string, id: string, status: string, afterMs: number): void {
    const e = this.get(vendor, kind, id);
    if (!e) return;
    if (afterMs <= 0) { this.remove(vendor, kind, id, { silent: true }); return; }
    e.status = status;
    const due = this.now() + afterMs;
    e.deletesAt = due;
    e.deletingStatus = status;
    this.deleting.set(`${vendor}|${kind}|${id}`, { vendor, kind, id });
    this.deletingDue = Math.min(this.deletingDue, due);
  }

  /** Finish every delete in progress now (the state a reader sees once deletes have settled: tests of the engine). */
  settleDeletions(): void {
    for (const { vendor, kind, id } of this.deleting.values()) {
      const e = this.get(vendor, kind, id);
      if (e && e.status === e.deletingStatus) e.deletesAt = this.now();
    }
    this.deletingDue = -Infinity;
    this.tick();
  }

  tick(): boolean {
    let removed = false;
    const now = this.now();
    if (now >= this.deletingDue) {
      let due = Infinity;
      for (const [key, { vendor, kind, id }] of this.deleting) {
        const e = this.get(vendor, kind, id);
        // gone already, or moved out of its deleting status through the control API (error_deleting): no longer timed
        if (!e || typeof e.deletesAt !== 'number' || e.status !== e.deletingStatus) { this.deleting.delete(key); continue; }
        if (now >= e.deletesAt) { this.remove(vendor, kind, id, { silent: true }); this.deleting.delete(key); removed = true; } else due = Math.min(due, e.deletesAt);
      }
      this.deletingDue = due;
    }
    const changed = advanceProgress(this, now) || removed;
    if (changed) this.changed();
    return changed;
  }

  // ------------------------------------------------------------ load / dump

  load(file: WorldFile): void {
    const data = emptyData();
    data.idempotency = { ...(file.idempotency ?? {}) };
    data.clockOffsetMs = typeof file.clockOffsetMs === 'number' ? file.clockOffsetMs : 0;
    this.data = data;
    this.timed.clear();
    this.deleting.clear();
    this.deletingDue = Infinity;
    this.diskSources.clear();
    for (const vendor of VENDORS) {
      const kinds = file[vendor];
      if (!kinds || typeof kinds !== 'object') continue;
      for (const [kind, value] of Object.entries(kinds)) {
        const items = Array.isArray(value) ? value : value && typeof value === 'object' ? [value] : [];
        for (const item of items) {
          if (isJsonObject(item)) this.create(vendor, kind, item, { silent: true });
        }
      }
    }
    this.changed();
  }

  dump(): WorldFile {
    const out: WorldFile = { schema: 'cloud-api-conformance/emulator-world@1' };
    for (const vendor of VENDORS) {
      const kinds: Record<string, unknown> = {};
      for (const [kind, table] of Object.entries(this.data.entities[vendor])) kinds[kind] = Object.values(table);
      out[vendor] = kinds;
    }
    out.idempotency = this.data.idempotency;
    out.clockOffsetMs = this.data.clockOffsetMs;
    return out;
  }
}
