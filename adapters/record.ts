// `--record <dir>`: save a run's traffic as cassettes (format: cassette-format.ts), one file per
// vendor, for `--target cassette:<dir>` (offline replay) and `--reference cassette:<dir>`.
// Scrubbed: only routing headers are kept of a request (no Authorization, dates, tokens), volatile
// query params (signatures, nonces, timestamps, AccessKeyId, SecurityToken, ClientToken) are
// dropped, bodies are kept as a hash; response headers lose dates, cookies and credentials; every
// remaining string passes the redactor (secrets, access key ids, tokens, signatures; the Huawei
// project id becomes `{project_id}`). The fixtures the run used are kept (ids and state reads), so
// a replay can serve them; record with --concurrency 1 for a replay that hands them out in order.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FixtureSpec, Fixtures, Target, Vendor } from '../core/types.ts';
import { byKey, CASSETTE_FORMAT, toInteraction, type Cassette, type CassetteFixtures } from './cassette-format.ts';
import type { Redactor } from './credentials-env.ts';
import type { WireExchange } from './options.ts';

export interface Recorder {
  onExchange(x: WireExchange): void;
  /** The target with its fixtures recorded and close() saving the cassettes. */
  attach<T extends Target>(target: T): T;
  /** Write the cassettes now; returns the files written. */
  save(): string[];
}

/** Canonical JSON (sorted keys): the replay key of a fixture's resolved fields. */
export function fixtureKey(fields: unknown): string {
  const canon = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canon);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(byKey).map(([k, x]) => [k, canon(x)]));
    return v;
  };
  return JSON.stringify(canon(fields ?? {}));
}

export function createRecorder(dir: string, opts: { redactor: Redactor; projectIds?: Partial<Record<Vendor, string>>; target?: string }): Recorder {
  const cassettes = new Map<Vendor, Cassette & { fixtures: CassetteFixtures }>();
  const r = opts.redactor;
  const of = (vendor: Vendor) => {
    let c = cassettes.get(vendor);
    if (!c) {
      c = { format: CASSETTE_FORMAT, vendor, recordedAt: new Date().toISOString(), target: opts.target ? r.text(opts.target) : undefined, interactions: [], fixtures: { creates: [], reads: [] } };
      cassettes.set(vendor, c);
    }
    return c;
  };
  let saved = false;
  const recorder: Recorder = {
    onExchange(x) {
      if (!x.response) return; // no answer, nothing to replay: the replay answers "no interaction" (inconclusive too)
      const it = toInteraction(x.wire, x.response, { projectId: opts.projectIds?.[x.call.vendor], tweak: x.tweak });
      of(x.call.vendor).interactions.push(r.value(it));
    },
    attach(target) {
      const inner = target.fixtures;
      let fixtures: Fixtures | undefined;
      if (inner) {
        // Not `batch`: every creation must pass through create() below to be recorded (the runner
        // then makes fixtures one case at a time, as a replay will).
        const { batch: _unrecorded, ...rest } = inner;
        fixtures = {
          ...rest,
          async create(vendor: Vendor, spec: FixtureSpec, resolved: Record<string, unknown>) {
            const id = await inner.create(vendor, spec, resolved);
            of(vendor).fixtures.creates.push({ kind: spec.kind, key: r.text(fixtureKey(resolved)), id: r.text(id) });
            return id;
          },
          async get(vendor, kind, id) {
            const entity = await inner.get(vendor, kind, id);
            of(vendor).fixtures.reads.push({ kind, id: r.text(id), entity: entity === undefined ? null : r.value(entity) });
            return entity;
          },
        };
        if (inner.reset) fixtures.reset = inner.reset.bind(inner);
      }
      const close = target.close?.bind(target);
      return Object.assign(target, {
        fixtures,
        async close() {
          try { await close?.(); } finally { recorder.save(); }
        },
      });
    },
    save() {
      if (saved) return [];
      saved = true;
      mkdirSync(dir, { recursive: true });
      const files: string[] = [];
      for (const [vendor, c] of cassettes) {
        const file = join(dir, `${vendor}.json`);
        const out: Cassette = { ...c };
        if (!c.fixtures.creates.length && !c.fixtures.reads.length) delete out.fixtures;
        writeFileSync(file, `${JSON.stringify(out, null, 1)}\n`);
        files.push(file);
      }
      return files;
    },
  };
  return recorder;
}
