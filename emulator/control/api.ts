// The control API under /__emulator/: health, reset, state, entities (fixtures), faults, clock, findings.
import { isJsonObject as isObject } from '../../core/json.ts';
import { RefError, resolveRefs } from '../../core/refs.ts';
import { VENDORS, type Vendor, isVendor } from '../../core/types.ts';
import { ENTITY_KINDS } from '../../core/world.ts';
import { isKnownKind } from '../state/defaults.ts';
import { parseFaultRule } from '../http/faults.ts';
import type { Runtime } from '../runtime.ts';
import { errorMessage } from '../../core/errors.ts';

export interface ControlAnswer { status: number; body: unknown }

const ok = (body: unknown, status = 200): ControlAnswer => ({ status, body });
const bad = (message: string, status = 400): ControlAnswer => ({ status, body: { error: message } });

function parseJson(text: string): { value?: unknown; error?: string } {
  if (text.trim() === '') return { value: {} };
  try { return { value: JSON.parse(text) }; } catch (e) { return { error: `body is not JSON: ${errorMessage(e)}` }; }
}


export function serveControl(rt: Runtime, method: string, pathname: string, body: string): ControlAnswer {
  const parts = pathname.replace(/^\/__emulator\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const json = parseJson(body);
  if (json.error && method !== 'GET' && method !== 'DELETE') return bad(json.error);
  const input = json.value;
  const [head, ...rest] = parts;
  rt.store.tick();

  if (head === 'health' && method === 'GET') {
    return ok({
      ok: true, uptimeMs: Date.now() - rt.startedAt, now: new Date(rt.store.now()).toISOString(),
      operations: rt.engine.served().map((c) => c.id), mutants: [...rt.engine.deviations.active],
    });
  }
  if (head === 'state' && method === 'GET') return ok(rt.store.dump());
  if (head === 'findings' && method === 'GET' && rest.length === 1) return ok({ findings: rt.findings.get(rest[0]!) ?? [] });
  if (head === 'reset' && method === 'POST') {
    if (!isObject(input)) return bad('expected a JSON object');
    const world = input.world;
    if (world !== undefined && typeof world !== 'string' && !isObject(world)) return bad('world: expected a name, a file path or an object');
    try { rt.reset(world); } catch (e) { return bad(errorMessage(e)); }
    return ok({ ok: true });
  }
  if (head === 'clock' && method === 'POST') {
    const advance = isObject(input) ? Number(input.advanceMs) : NaN;
    if (!Number.isFinite(advance) || advance < 0) return bad('advanceMs: expected a number >= 0');
    rt.store.data.clockOffsetMs += advance;
    rt.store.tick();
    rt.store.changed();
    return ok({ now: new Date(rt.store.now()).toISOString(), offsetMs: rt.store.data.clockOffsetMs });
  }
  if (head === 'faults') {
    if (method === 'GET') return ok({ faults: rt.faults.rules });
    if (method === 'DELETE') { rt.faults.clear(); return ok({ ok: true }); }
    if (method === 'POST') {
      const rule = parseFaultRule(input);
      if (typeof rule === 'string') return bad(rule);
      rt.faults.add(rule);
      return ok({ ok: true, fault: rule }, 201);
    }
  }
  if (head === 'entities') return entities(rt, method, rest, input);
  return bad(`no control endpoint ${method} /__emulator/${parts.join('/')}`, 404);
}

function entities(rt: Runtime, method: string, rest: string[], input: unknown): ControlAnswer {
  if (rest.length === 1 && rest[0] === 'batch' && method === 'POST') return batch(rt, input);
  // POST entities/remove {vendor, entities: [{kind, id}], cascade?}: a case's clean-up in one request.
  if (rest.length === 1 && rest[0] === 'remove' && method === 'POST') {
    if (!isObject(input) || !Array.isArray(input.entities)) return bad('expected {vendor, entities: [{kind, id}], cascade?}');
    const list = entityList(input.vendor, input.entities);
    if (typeof list === 'string') return bad(list);
    let removed = 0;
    for (const e of list.entities) {
      removed += input.cascade === true ? rt.store.removeCascade(list.vendor, e.kind, e.id) : Number(rt.store.remove(list.vendor, e.kind, e.id, { silent: true }));
    }
    if (removed > 0) rt.store.changed();
    return ok({ ok: true, removed });
  }
  if (rest.length === 0) {
    if (method !== 'POST') return bad(`no control endpoint ${method} /__emulator/entities`, 404);
    if (!isObject(input)) return bad('expected {vendor, kind, fields}');
    const vendor = String(input.vendor);
    const kind = String(input.kind);
    const fields = input.fields ?? {};
    if (!isKnownKind(vendor, kind)) return bad(kindError(vendor, kind));
    if (!isObject(fields)) return bad('fields: expected an object');
    const idError = checkId(fields);
    if (idError) return bad(idError);
    const entity = rt.store.create(vendor, kind, fields);
    return ok({ id: entity.id, entity: rt.store.view(vendor, kind, entity.id) }, 201);
  }
  const [vendor, kind, id] = rest;
  if (rest.length !== 3 || !isKnownKind(vendor!, kind!)) return bad(kindError(vendor ?? '', kind ?? ''), 404);
  const v = vendor;
  if (method === 'GET') {
    const e = rt.store.view(v, kind!, id!);
    return e ? ok(e) : bad(`no ${vendor} ${kind} ${id}`, 404);
  }
  if (method === 'PATCH') {
    if (!isObject(input)) return bad('expected an object of fields');
    const e = rt.store.patch(v, kind!, id!, input.fields && isObject(input.fields) ? input.fields : input);
    return e ? ok(rt.store.view(v, kind!, id!)) : bad(`no ${vendor} ${kind} ${id}`, 404);
  }
  if (method === 'DELETE') {
    // {"cascade": true}: also what hangs off it (an instance's disks and groups, their snapshots).
    if (isObject(input) && input.cascade === true) {
      const removed = rt.store.removeCascade(v, kind!, id!);
      if (removed > 0) rt.store.changed();
      return removed > 0 ? ok({ ok: true, removed }) : bad(`no ${vendor} ${kind} ${id}`, 404);
    }
    return rt.store.remove(v, kind!, id!) ? ok({ ok: true }) : bad(`no ${vendor} ${kind} ${id}`, 404);
  }
  return bad(`no control endpoint ${method} /__emulator/entities/${rest.join('/')}`, 404);
}

/** Why a list of {kind, id} of `vendor` cannot be removed: checked whole, before anything is removed. */
/** A vendor's entity references `[{kind, id}]`, each kind the vendor's, or what is wrong with them. */
function entityList(vendor: unknown, list: unknown[]): { vendor: Vendor; entities: { kind: string; id: string }[] } | string {
  const v = String(vendor);
  const entities: { kind: string; id: string }[] = [];
  for (const e of list) {
    if (!isObject(e) || !isKnownKind(v, String(e.kind))) return kindError(v, isObject(e) ? String(e.kind) : '');
    entities.push({ kind: String(e.kind), id: String(e.id) });
  }
  return isVendor(v) ? { vendor: v, entities } : kindError(v, '');
}

const checkId = (fields: Record<string, unknown>): string | undefined =>
  fields.id !== undefined && (typeof fields.id !== 'string' || fields.id === '') ? 'fields.id: expected a non-empty string' : undefined;

const BATCH_SHAPE = 'expected {remove?: [{vendor, entities: [{kind, id}]}], create?: [{vendor, fixtures: [{as, kind, fields?, ensure?}]}]}';

/**
 * POST entities/batch: many cases' fixtures in one request (the runner's clean-up of earlier cases
 * rides along). Removals first (cascading), then each set in order; `$x.id` in a set's fields names
 * a fixture made earlier in that set, and `ensure` keeps an existing entity with the given id (the
 * caller's own project). A set that fails is rolled back and answers {error}; the others stand.
 */
function batch(rt: Runtime, input: unknown): ControlAnswer {
  if (!isObject(input)) return bad(BATCH_SHAPE);
  const removals = input.remove ?? [];
  const creations = input.create ?? [];
  if (!Array.isArray(removals) || !Array.isArray(creations)) return bad(BATCH_SHAPE);
  const lists: { vendor: Vendor; entities: { kind: string; id: string }[] }[] = [];
  for (const r of removals) {
    if (!isObject(r) || !Array.isArray(r.entities)) return bad(`remove: ${BATCH_SHAPE}`);
    const list = entityList(r.vendor, r.entities);
    if (typeof list === 'string') return bad(`remove: ${list}`);
    lists.push(list);
  }
  const sets: { vendor: string; fixtures: unknown[] }[] = [];
  for (const set of creations) {
    if (!isObject(set) || !Array.isArray(set.fixtures)) return bad(`create: ${BATCH_SHAPE}`);
    sets.push({ vendor: String(set.vendor), fixtures: set.fixtures });
  }
  let removed = 0;
  for (const r of lists) for (const e of r.entities) removed += rt.store.removeCascade(r.vendor, e.kind, e.id);
  const created = sets.map((set) => createSet(rt, set.vendor, set.fixtures));
  if (removed > 0 || created.some((c) => 'ids' in c)) rt.store.changed();
  return ok({ removed, created });
}

function createSet(rt: Runtime, vendor: string, fixtures: unknown[]): { ids: Record<string, string> } | { error: string } {
  const ids: Record<string, string> = {};
  const made: { vendor: Vendor; kind: string; id: string }[] = [];
  const fail = (error: string) => {
    for (const m of made.reverse()) rt.store.removeCascade(m.vendor, m.kind, m.id);
    return { error };
  };
  for (const f of fixtures) {
    if (!isObject(f) || typeof f.as !== 'string' || f.as === '') return fail('each fixture needs {as, kind, fields?}');
    const kind = String(f.kind);
    if (!isKnownKind(vendor, kind)) return fail(kindError(vendor, kind));
    let fields: unknown;
    try { fields = resolveRefs(f.fields ?? {}, ids); } catch (e) { if (e instanceof RefError) return fail(`${f.as}: ${e.message}`); throw e; }
    if (!isObject(fields)) return fail(`${f.as}: fields: expected an object`);
    const idError = checkId(fields);
    if (idError) return fail(`${f.as}: ${idError}`);
    if (f.ensure === true && typeof fields.id === 'string' && rt.store.get(vendor, kind, fields.id)) { ids[f.as] = fields.id; continue; }
    const entity = rt.store.create(vendor, kind, fields, { silent: true });
    ids[f.as] = entity.id;
    made.push({ vendor, kind, id: entity.id });
  }
  return { ids };
}

function kindError(vendor: string, kind: string): string {
  if (!isVendor(vendor)) return `vendor "${vendor}" is not one of ${VENDORS.join(', ')}`;
  return `kind "${kind}" is not one of ${ENTITY_KINDS[vendor].join(', ')} for ${vendor}`;
}
