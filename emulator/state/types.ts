// The emulator's world as data: entities per vendor and kind, idempotency records, clock offset.
import type { Vendor } from '../../core/types.ts';
import type { WorldEntities } from '../../core/world.ts';

export type Entity = Record<string, unknown> & { id: string };

/**
 * An entity as stored: its kind's typed fields (core/world.ts) over the open record that defaults and
 * lifecycles add to (`completesAt`, `deletesAt`, tags, tokens).
 */
export type EntityOf<V extends Vendor, K extends string> = K extends keyof WorldEntities[V] ? Entity & WorldEntities[V][K] : Entity;

export interface IdempotencyRecord {
  /** Canonical form of the first request (operation + params without the token). */
  fingerprint: string;
  status: number;
  body: unknown;
  at: number;
}

export interface WorldData {
  /** vendor -> kind -> id -> entity (insertion ordered). */
  entities: Record<Vendor, Record<string, Record<string, Entity>>>;
  idempotency: Record<string, IdempotencyRecord>;
  /** Added by POST /__emulator/clock. */
  clockOffsetMs: number;
}

/** World file (emulator/worlds/*.json, --state-file): lists of entities per vendor and kind. */
export interface WorldFile {
  schema?: string;
  description?: string;
  aliyun?: Record<string, unknown>;
  volcengine?: Record<string, unknown>;
  huaweicloud?: Record<string, unknown>;
  idempotency?: Record<string, IdempotencyRecord>;
  clockOffsetMs?: number;
}
