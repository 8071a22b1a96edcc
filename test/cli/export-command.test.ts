// `conformance export openapi|types` writes what the exporter produces: one OpenAPI document per
// vendor+service+version, and one .d.ts per document.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportCommand } from '../../cli/commands/export.ts';
import { loadContracts } from '../../loader/index.ts';
import { exportOpenApi } from '../../openapi/index.ts';
import { captureIo } from './helpers.ts';

describe('conformance export', () => {
  it('openapi: one JSON file per document, equal to the exporter output', async () => {
    const io = captureIo();
    expect(await exportCommand('openapi', { out: 'oa' }, io)).toBe(0);
    const docs = exportOpenApi(loadContracts());
    expect(readdirSync(join(io.cwd, 'oa')).sort()).toEqual(Object.keys(docs).map((k) => `${k}.json`).sort());
    for (const [k, doc] of Object.entries(docs)) expect(JSON.parse(readFileSync(join(io.cwd, 'oa', `${k}.json`), 'utf8'))).toEqual(doc);
    expect(io.err()).toContain(`wrote ${Object.keys(docs).length} file(s)`);
  });

  it('types: one declaration file per document under --out', async () => {
    const io = captureIo();
    expect(await exportCommand('types', { out: 'types' }, io)).toBe(0);
    const files = readdirSync(join(io.cwd, 'types')).sort();
    expect(files).toEqual(['aliyun-ecs.d.ts', 'huaweicloud-evs.d.ts', 'volcengine-ecs.d.ts']);
    expect(readFileSync(join(io.cwd, 'types', 'aliyun-ecs.d.ts'), 'utf8')).toContain('CreateSnapshotGroup');
  });
});
