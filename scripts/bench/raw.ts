// The raw limit of the loopback transport: the same embedded emulator, driven by a plain keep-alive
// undici Pool loop (same client library, same connection count = the suite's concurrency) with the
// suite's request mix, and nothing else: no generation, no checks, no reporting, no signing in the
// timed loop.
//
// The mix: one run of the standard suite over loopback records every signed vendor request
// (adapters' onExchange). Replaying those exact bytes would not be answered identically: Alibaba
// requests carry a SignatureNonce that the emulator refuses the second time. So each recorded
// call is re-signed ahead of time (same call, same tweak, a fresh nonce and timestamp, buildWire
// of adapters/signed.ts, i.e. the suite's own signer) once per replay, and only the send loop is
// timed: signing is client cost the suite pays and the raw loop does not, which is the point of
// the ratio. Fixture control calls (/__emulator/*) are not replayed; stateful calls therefore
// meet the world as the recording left it (e.g. a DeleteSnapshot of a snapshot already deleted
// answers NotFound): the same verification, validation and rendering work, a different branch.
// The JSON output reports how many replayed answers had the recorded status.
// Usage: tsx scripts/bench/raw.ts [--concurrency 4] [--requests 20000] [--seconds 3]
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { createTarget } from '../../adapters/index.ts';
import type { WireExchange } from '../../adapters/options.ts';
import { buildWire } from '../../adapters/signed.ts';
import type { WireRequest } from '../../core/types.ts';
import { createEmulator } from '../../emulator/index.ts';
import { generateCases } from '../../generators/index.ts';
import { loadContracts } from '../../loader/index.ts';
import { runSuite } from '../../runner/index.ts';

const { values: a } = parseArgs({
  options: { concurrency: { type: 'string', default: '4' }, requests: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '3' } },
});
const concurrency = Number(a.concurrency);
const loaded = loadContracts();
const cases = generateCases(loaded, { seed: 1, depth: 'standard' });
const emulator = createEmulator({ contracts: loaded });
const { url } = await emulator.listen({ port: 0, host: '127.0.0.1' });
const host = new URL(url).host;

// 1. Record the suite's signed vendor requests (and their statuses).
const recorded: WireExchange[] = [];
const target = await createTarget(url, { loaded, concurrency, onExchange: (x) => { recorded.push(x); } });
const suite = await runSuite({ cases, target, loaded, concurrency, seed: 1, depth: 'standard' });
await target.close?.();

// 2. Pre-sign enough fresh copies of the mix (outside the timed loop).
const total = Number(a.requests);
const wires: { wire: WireRequest; status?: number }[] = [];
for (let i = 0; wires.length < total; i++) {
  const x = recorded[i % recorded.length]!;
  const w = buildWire(x.call, x.tweak, host, true, { loaded });
  if ('rejected' in w) continue;
  wires.push({ wire: w, status: x.response?.status });
}

// 3. The plain loop: `concurrency` workers, each awaiting one request at a time on a keep-alive Pool.
const pool = new Pool(url, { connections: concurrency, pipelining: 1, keepAliveTimeout: 4_000 });
async function loop(list: typeof wires): Promise<{ ms: number; same: number }> {
  let next = 0;
  let same = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < list.length) {
      const { wire, status } = list[next++]!;
      const res = await pool.request({ method: wire.method as 'GET', path: wire.path, headers: wire.headers, body: wire.body === '' ? undefined : wire.body });
      await res.body.text();
      if (res.statusCode === status) same++;
    }
  }));
  return { ms: performance.now() - t0, same };
}
// Warm-up (JIT, connections) on a slice, then timed rounds on fresh (never sent) copies.
const rounds = Number(a.rounds);
const per = Math.floor(wires.length / (rounds + 1));
await loop(wires.slice(0, per));
const results: number[] = [];
let same = 0;
for (let r = 1; r <= rounds; r++) {
  const out = await loop(wires.slice(r * per, (r + 1) * per));
  results.push(per / (out.ms / 1000));
  same += out.same;
}
await pool.close();
await emulator.close();
const controlCalls = 0;
console.log(JSON.stringify({
  concurrency,
  mix: { vendorRequests: recorded.length, cases: suite.cases.length, requestsPerCase: recorded.length / suite.cases.length, controlCalls },
  requestsPerRound: per,
  rps: results,
  sameStatusShare: same / (per * rounds),
}));
