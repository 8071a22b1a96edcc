// The CLI as prebuilt ES modules. Run from source, tsx resolves and transforms ~150 TypeScript files
// through loader hooks on every start, and its hooks also sit in front of every module vitest loads;
// an esbuild build (code-split, so lazy imports stay lazy), cached and keyed by the size and mtime of
// every file it was built from, starts `run --runner direct` about 0.3 s sooner and `npm start`
// about 0.6 s sooner. Each module keeps its own `import.meta.url` (the plugin below), so paths to
// contracts, worlds and schemas resolve exactly as from source. Any problem (esbuild missing, a
// read-only install, a build error) falls back to the sources through tsx: never stale code, at
// worst the slower start. CONFORMANCE_FROM_SOURCE=1 forces the sources.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Builds older than this, and not current, are removed (a run still using one has had time to load it). */
const PRUNE_AFTER_MS = 60 * 60 * 1000;

/** A key over the files a build was made from: any edit, rename or deletion changes it. */
function keyOf(root, files) {
  const h = createHash('sha256');
  for (const f of files) {
    const s = statSync(join(root, f), { throwIfNoEntry: false });
    h.update(`${f}\0${s ? `${s.size}:${s.mtimeMs}` : 'gone'}\n`);
  }
  return h.digest('hex');
}

/** Each TypeScript module outside node_modules keeps its own file URL as `import.meta.url`. */
const sourceUrls = {
  name: 'source-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (/[\\/]node_modules[\\/]/.test(args.path)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
  },
};

function current(root, cache) {
  try {
    const c = JSON.parse(readFileSync(join(cache, 'current.json'), 'utf8'));
    const entry = join(cache, 'builds', c.dir, 'main.mjs');
    if (Array.isArray(c.files) && c.key === keyOf(root, c.files) && statSync(entry, { throwIfNoEntry: false })) return entry;
  } catch { /* no build yet, or an unreadable one: rebuild */ }
  return undefined;
}

async function rebuild(root, cache, entry) {
  const { build } = await import('esbuild');
  mkdirSync(join(cache, 'builds'), { recursive: true });
  // Each build gets its own folder; current.json is swapped in by one rename. A run started on an
  // older build keeps loading its lazy chunks from that build's folder.
  const dir = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const outdir = join(cache, 'builds', dir);
  const out = await build({
    entryPoints: { main: join(root, entry) }, outdir, bundle: true, splitting: true,
    platform: 'node', format: 'esm', target: 'node20', packages: 'external', metafile: true, logLevel: 'silent',
    outExtension: { '.js': '.mjs' }, sourcemap: 'linked', plugins: [sourceUrls],
  });
  const files = Object.keys(out.metafile.inputs).map((f) => relative(root, resolve(process.cwd(), f))).sort();
  const tmp = join(cache, `current.json.${dir}.tmp`);
  writeFileSync(tmp, JSON.stringify({ dir, key: keyOf(root, files), files }));
  renameSync(tmp, join(cache, 'current.json'));
  for (const old of readdirSync(join(cache, 'builds'))) {
    const s = statSync(join(cache, 'builds', old), { throwIfNoEntry: false });
    if (old !== dir && s && Date.now() - s.mtimeMs > PRUNE_AFTER_MS) rmSync(join(cache, 'builds', old), { recursive: true, force: true });
  }
  return join(outdir, 'main.mjs');
}

/**
 * The URL of an up-to-date build of `entry` (a TypeScript module under `root`), built if needed;
 * undefined to run from source. The CLI uses cli/main.ts; the benchmark builds its in-process
 * scripts the same way, so they measure the code users run. `root` and `cache` exist for the tests.
 */
export async function compiled(entry, {
  env = process.env, root = PACKAGE_ROOT, cache = join(root, 'node_modules', '.cache', 'cloud-api-conformance', 'build', entry.replace(/\.ts$/, '').replace(/[^\w.-]+/g, '-')),
} = {}) {
  if (env.CONFORMANCE_FROM_SOURCE) return undefined;
  try {
    return pathToFileURL(current(root, cache) ?? await rebuild(root, cache, entry)).href;
  } catch (e) {
    if (env.DEBUG && /conformance/.test(env.DEBUG)) process.stderr.write(`conformance: running ${entry} from source (no build: ${e.message})\n`);
    return undefined;
  }
}

export const compiledCli = (opts) => compiled('cli/main.ts', opts);
