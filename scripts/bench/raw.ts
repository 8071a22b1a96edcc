// The suite against its raw limit, in one process, on one emulator, round by round: the suite's
// case rate over loopback, and the rate of a plain keep-alive undici Pool loop (same client
// library, same connection count = the suite's concurrency) sending the suite's own vendor
// requests, with nothing else: no generation, no fixtures, no checks, no reporting, no signing.
//
// The mix: a first (warm-up) run of the suite records every signed vendor request (the adapters'
// onExchange) and every fixture batch (ids included). For the raw loop to meet the same emulator
// branches, each raw round starts from the world the suite's calls met: the emulator is reset and
// every fixture the recording made is put back under its recorded id, untimed. Requests are
// re-signed ahead of time (fresh nonce and timestamp, the suite's own signer), untimed: signing is
// client cost the suite pays and the raw loop does not, which is the point of the ratio. Control
// calls are not replayed. Cases on account-wide state (`exclusive`, 0.5% of a deep run) are left
// out of both sides: their account fixture would change every other answer of the raw world.
// The JSON output says how many raw answers had the recorded status (`sameStatusShare`).
// Usage: node <raw.ts built by bin/compiled.js> [--concurrency 4] [--variations 20] [--rounds 7]
// (No forced collection between segments: a full gc() shrinks the heap and flushes code, and
// slowed the raw loop by a third in trials: it would flatter the ratio.)
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { createTarget } from '../../adapters/index.ts';
import { keepConnection } from '../../adapters/http.ts';
import type { WireExchange } from '../../adapters/options.ts';
import { buildWire } from '../../adapters/signed.ts';
import { resolveRefs } from '../../core/refs.ts';
import type { FixtureBatch, FixtureBatchAnswer, Vendor, WireRequest } from '../../core/types.ts';
import { createEmulator } from '../../emulator/index.ts';
import { generateCases } from '../../generators/index.ts';
import { loadContracts } from '../../loader/index.ts';
import { runSuite } from '../../runner/index.ts';

const { values: a } = parseArgs({
  options: { concurrency: { type: 'string', default: '4' }, variations: { type: 'string', default: '20' }, rounds: { type: 'string', default: '7' } },
});
const concurrency = Number(a.concurrency);
const loaded = loadContracts();
const cases = generateCases(loaded, { seed: 1, depth: 'deep', variations: Number(a.variations) }).filter((c) => !c.exclusive);
const emulator = createEmulator({ contracts: loaded });
const { url } = await emulator.listen({ port: 0, host: '127.0.0.1' });
const host = new URL(url).host;

// 1. The warm-up run records the vendor requests and the fixtures they met.
let recording = true;
const recorded: WireExchange[] = [];
const target = await createTarget(url, { loaded, concurrency, onExchange: (x) => { if (recording) recorded.push(x); } });
const seeds: { vendor: Vendor; kind: string; fields: Record<string, unknown> }[] = [];
const fixtures = target.fixtures!;
const batch = fixtures.batch!.bind(fixtures);
fixtures.batch = async (request: FixtureBatch): Promise<FixtureBatchAnswer[]> => {
  const answers = await batch(request);
  if (recording) {
    request.create.forEach(({ vendor, specs }, i) => {
      const answer = answers[i];
      if (!answer || !('ids' in answer)) return;
      for (const s of specs) seeds.push({ vendor, kind: s.kind, fields: { ...(resolveRefs(s.fields ?? {}, answer.ids) as object), id: answer.ids[s.as] } });
    });
  }
  return answers;
};
const suite = () => runSuite({ cases, target, loaded, concurrency, seed: 1, depth: 'deep' });
emulator.reset();
await suite();
recording = false;

/** The world the recorded calls met: the start world plus every fixture, under its recorded id. */
function rawWorld(): void {
  emulator.reset();
  for (const s of seeds) emulator.state.create(s.vendor, s.kind, s.fields, { silent: true });
}

/** Fresh signatures for one pass over the mix (outside the timed loop). */
const sign = () => recorded.flatMap((x) => {
  const w = buildWire(x.call, x.tweak, host, true, { loaded });
  return 'rejected' in w ? [] : [{ wire: w, status: x.response?.status }];
});

// 2. The plain loop: `concurrency` workers, each awaiting one request at a time on a keep-alive Pool.
const pool = new Pool(url, { connections: concurrency, pipelining: 1, keepAliveTimeout: 4_000 });
async function loop(list: { wire: WireRequest; status?: number }[]): Promise<{ ms: number; same: number }> {
  let next = 0;
  let same = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < list.length) {
      const { wire, status } = list[next++]!;
      const res = await pool.request({ method: wire.method as 'GET', path: wire.path, headers: wire.headers, body: wire.body === '' ? undefined : wire.body, ...keepConnection(wire) });
      await res.body.text();
      if (res.statusCode === status) same++;
    }
  }));
  return { ms: performance.now() - t0, same };
}

// 3. Rounds: the suite, then the raw loop, on the same warm process and emulator.
rawWorld();
await loop(sign()); // warm-up of the raw path (JIT, connections)
const suiteCps: number[] = [];
const rawRps: number[] = [];
let same = 0;
let sent = 0;
for (let r = 0; r < Number(a.rounds); r++) {
  emulator.reset();
  const t0 = performance.now();
  await suite();
  suiteCps.push(cases.length / ((performance.now() - t0) / 1000));
  const wires = sign();
  rawWorld();
  const out = await loop(wires);
  rawRps.push(wires.length / (out.ms / 1000));
  same += out.same;
  sent += wires.length;
}
await pool.close();
await target.close?.();
await emulator.close();
console.log(JSON.stringify({
  concurrency,
  mix: { cases: cases.length, vendorRequests: recorded.length, requestsPerCase: recorded.length / cases.length, fixtures: seeds.length },
  suiteCps, rawRps, ratio: suiteCps.map((s, i) => s / rawRps[i]!),
  sameStatusShare: same / sent,
}));
