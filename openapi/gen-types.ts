// `npm run gen:types`: export the contracts to OpenAPI and write types/generated/<vendor>-<service>.d.ts.
// With --openapi <dir>, also write the OpenAPI documents there as <vendor>-<service>-<version>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadContracts } from '../loader/index.ts';
import { exportOpenApi } from './export.ts';
import { writeTypes } from './types.ts';

const docs = exportOpenApi(loadContracts());
const at = process.argv.indexOf('--openapi');
if (at > 0 && process.argv[at + 1]) {
  const dir = process.argv[at + 1]!;
  mkdirSync(dir, { recursive: true });
  for (const [key, doc] of Object.entries(docs)) writeFileSync(join(dir, `${key}.json`), `${JSON.stringify(doc, null, 2)}\n`);
}
for (const f of await writeTypes(docs)) console.log(`wrote ${relative(process.cwd(), f)}`);
