// What every read call does with the entities its handler scoped (region, project, account): the
// contract's `listing.filters` and `listing.paging`, applied generically, so a handler only maps an
// entity to the vendor's item and builds the envelope. Its decision points (PAGING) are every paging
// read call's; a filter's parameter is read like any other (a deviation may ignore it).
import type { ListingFilter, ListingPaging } from '../../core/types.ts';
import { isJsonObject } from '../../core/json.ts';
import type { Entity } from '../state/types.ts';
import type { Values } from '../validate/params.ts';
import type { OpContext } from './types.ts';

export type PagingPoints = {
  /** The cursor asked for (rule paging-*): the page it names. */
  cursor: 'honoured' | 'ignored';
  /** The page size asked for: pages of that size. */
  pageSize: 'honoured' | 'unbounded';
}
export const PAGING: PagingPoints = { cursor: 'honoured', pageSize: 'honoured' };

export interface Listed {
  page: Entity[];
  /** Token style: the next page's token (absent on the last page). */
  next?: string;
  /** Every entity the filters keep (before paging). */
  total: number;
  /** The page size used, and the 1-based page number (page style). */
  size: number;
  pageNumber: number;
  /** The cursor given names no page (an unknown token or marker): the handler answers the vendor's error. */
  badCursor?: boolean;
}

const DEFAULT_PAGE_SIZE = 10;

export function listEntities(ctx: Pick<OpContext<string, PagingPoints>, 'contract' | 'shows' | 'point'>, v: Values, entities: Entity[]): Listed {
  const l = ctx.contract.listing;
  if (!l) throw new Error(`${ctx.contract.id} has no listing: not a read call`);
  const kept = entities.filter((e) => ctx.shows(e) && (l.filters ?? []).every((f) => matches(e, f, v[f.param])));
  const total = kept.length;
  // the paging the request uses (its size or cursor given), else the contract's own
  const paging = [l.paging, ...(l.alsoPaging ?? [])].find((p) => p && (isGiven(v[p.size]) || isGiven(v[p.cursor]))) ?? l.paging;
  if (!paging) return { page: kept, total, size: total, pageNumber: 1 };
  const size = ctx.point('pageSize') === 'unbounded' ? Number.MAX_SAFE_INTEGER : pageSize(ctx.contract.request.parameters, paging, v);
  const cursor = ctx.point('cursor') === 'honoured' ? v[paging.cursor] : undefined;
  const start = startOf(paging, cursor, kept, size);
  if (start === undefined) return { page: [], total, size, pageNumber: 1, badCursor: true };
  const page = kept.slice(start, start + size);
  const more = start + size < total;
  return { page, total, size, pageNumber: Math.floor(start / Math.max(1, size)) + 1, ...(paging.style === 'token' && more ? { next: tokenFor(start + size) } : {}) };
}

const isGiven = (x: unknown) => x !== undefined && x !== null && x !== '';

/** The size asked (raised to the paging's `min`), else the parameter's default. */
function pageSize(params: { name: string; default?: unknown }[], paging: ListingPaging, v: Values): number {
  const given = Number(v[paging.size]);
  const dflt = Number(params.find((p) => p.name === paging.size)?.default);
  const size = Number.isInteger(given) && given > 0 ? given : Number.isInteger(dflt) && dflt > 0 ? dflt : DEFAULT_PAGE_SIZE;
  return Math.max(size, paging.min ?? 1);
}

/** Where the asked page starts; undefined for a cursor that names no page. */
function startOf(paging: ListingPaging, cursor: unknown, kept: Entity[], size: number): number | undefined {
  if (cursor === undefined || cursor === null || cursor === '') return 0;
  switch (paging.style) {
    case 'token': return offsetOf(String(cursor));
    case 'page': { const n = Number(cursor); return Number.isInteger(n) && n >= 1 ? (n - 1) * size : undefined; }
    case 'offset': { const n = Number(cursor); return Number.isInteger(n) && n >= 0 ? n : undefined; }
    case 'marker': { const i = kept.findIndex((e) => e.id === String(cursor)); return i < 0 ? undefined : i + 1; }
  }
}

// The emulator's next tokens are opaque to clients; inside they carry the offset of the next page.
const TOKEN = /^e1([0-9a-f]{8})$/;
const tokenFor = (offset: number) => `e1${offset.toString(16).padStart(8, '0')}`;
const offsetOf = (token: string) => { const m = TOKEN.exec(token); return m ? parseInt(m[1]!, 16) : undefined; };

/** A JSON-array string (`SnapshotIds: '["s-1","s-2"]'`, as the CSI driver sends it) filters as its list. */
function valuesOf(given: unknown): unknown[] | undefined {
  if (given === undefined || given === null || given === '') return undefined;
  if (Array.isArray(given)) return given.length ? given : undefined;
  if (typeof given === 'string' && given.trim().startsWith('[')) {
    try { const list: unknown = JSON.parse(given); if (Array.isArray(list)) return list.length ? list : undefined; } catch { /* a plain string */ }
  }
  return [given];
}

function matches(e: Entity, f: ListingFilter, given: unknown): boolean {
  const wanted = valuesOf(given);
  if (!wanted) return true;
  if (f.match === 'tags') return wanted.every((t) => hasTag(e[f.field], t));
  const value = e[f.field];
  return wanted.some((w) => String(w) === String(value));
}

/** Tags as the world keeps them (`{ key: value }` or `[{ Key, Value }]`); a wanted tag without a value matches any value. */
function hasTag(tags: unknown, wanted: unknown): boolean {
  const w = isJsonObject(wanted) ? wanted : {};
  const key = String(w.Key ?? w.key ?? '');
  const value = w.Value ?? w.value;
  const pairs: [string, string][] = Array.isArray(tags)
    ? tags.map((t) => [String(t?.Key ?? t?.key ?? ''), String(t?.Value ?? t?.value ?? '')])
    : tags && typeof tags === 'object' ? Object.entries(tags).map(([k, x]) => [k, String(x)]) : [];
  return pairs.some(([k, x]) => k === key && (value === undefined || value === '' || x === String(value)));
}
