// OpenAPI 3.1 export: one document per vendor+service+version, clean under Redocly's recommended
// ruleset, and openapi-typescript turns each into types.
import { describe, expect, it } from 'vitest';
import { loadContracts } from '../../loader/index.ts';
import { exportOpenApi } from '../../openapi/export.ts';
import { lintOpenApi } from '../../openapi/lint.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TYPES_DIR, generateTypes, typesFileName } from '../../openapi/types.ts';

const loaded = loadContracts();
const docs = exportOpenApi(loaded);
type Doc = { paths: Record<string, Record<string, { operationId: string; parameters: { name: string; in: string; schema: Record<string, unknown> }[]; responses: Record<string, { content?: Record<string, { examples?: Record<string, { value: unknown }> }> }> }>> };

describe('OpenAPI export', () => {
  it('makes one document per vendor+service+version, with every operation once', () => {
    expect(Object.keys(docs).sort()).toEqual([...new Set(loaded.contracts.map((c) => `${c.vendor}-${c.service}-${c.version}`))].sort());
    const ops = Object.values(docs).flatMap((d) => Object.values((d as unknown as Doc).paths).flatMap((p) => Object.values(p).map((o) => o.operationId)));
    expect(ops.sort()).toEqual(loaded.contracts.map((c) => c.operation).sort());
  });

  it.each(Object.entries(docs))('%s passes the Redocly recommended ruleset with zero errors', async (key, doc) => {
    const problems = await lintOpenApi(doc, `${key}.json`);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('represents an RPC operation as a fragment path with a const Action, a REST one by its path', () => {
    const ali = docs['aliyun-ecs-2014-05-26'] as unknown as Doc;
    const del = Object.values(ali.paths['/#DeleteSnapshot']!)[0]!;
    expect(del.parameters.find((p) => p.name === 'Action')).toMatchObject({ in: 'query', schema: { const: 'DeleteSnapshot' } });
    expect(del.parameters.find((p) => p.name === 'Format')).toMatchObject({ 'x-from-profile': true });
    expect(Object.keys(del.responses).sort()).toEqual(['200', '400', '403', '404', '500']);
    expect(Object.keys(del.responses['403']!.content!['application/json']!.examples!).sort()).toEqual(['Operation.Conflict', 'SnapshotCreatedDisk', 'SnapshotCreatedImage']);
    expect(del.responses['404']!.content!['application/json']!.examples!['InvalidSnapshotId.NotFound']!.value).toMatchObject({ Code: 'InvalidSnapshotId.NotFound', Message: 'The specified snapshot is not found' });
    const hw = docs['huaweicloud-evs-v2'] as unknown as Doc;
    expect(Object.keys(hw.paths).sort()).toEqual(['/v2/{project_id}/cloudsnapshots/detail', '/v2/{project_id}/cloudsnapshots/{snapshot_id}']);
    // one path, two methods: the delete and the read of one snapshot
    expect(Object.keys(hw.paths['/v2/{project_id}/cloudsnapshots/{snapshot_id}']!).sort()).toEqual(['delete', 'get']);
  });

  it('keeps both InternalError rows of CreateSnapshotGroup as separate examples', () => {
    const ali = docs['aliyun-ecs-2014-05-26'] as unknown as Doc;
    const op = Object.values(ali.paths['/#CreateSnapshotGroup']!)[0]!;
    expect(Object.keys(op.responses['500']!.content!['application/json']!.examples!)).toEqual(['InternalError', 'InternalError-2']);
  });

  it('generates TypeScript types for every document', async () => {
    for (const [key, doc] of Object.entries(docs)) {
      const dts = await generateTypes(doc);
      expect(dts).toContain('export interface paths');
      expect(dts).toContain('export interface operations');
      expect(typesFileName(doc, key)).toMatch(/^(aliyun|volcengine|huaweicloud)-[a-z0-9-]+\.d\.ts$/);
    }
    expect(await generateTypes(docs['aliyun-ecs-2014-05-26']!)).toContain('"/#DeleteSnapshot"');
  });

  it('the committed types/generated/ files are what the contracts generate today (run `npm run gen:types` after a contract change)', async () => {
    for (const [key, doc] of Object.entries(docs)) {
      const committed = readFileSync(join(DEFAULT_TYPES_DIR, typesFileName(doc, key)), 'utf8');
      expect(committed, `${typesFileName(doc, key)} is stale: npm run gen:types`).toBe(await generateTypes(doc));
    }
  });
});
