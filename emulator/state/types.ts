// The emulator's world as data: entities per vendor and kind, idempotency records, clock offset.
import type { Vendor } from '../../core/types.ts';

export type Entity = Record<string, unknown> & { id: string };

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
