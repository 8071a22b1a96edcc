// Drift test helpers: the vendor pages, and modified copies of them in a temp dir (same file name,
// so the stored contract is found by source.file).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';

export const PAGES = {
  csg: 'aliyun-ecs-2014-05-26-CreateSnapshotGroup.md',
  ds: 'aliyun-ecs-2014-05-26-DeleteSnapshot.md',
  dsg: 'aliyun-ecs-2014-05-26-DeleteSnapshotGroup.md',
  hw: 'huaweicloud-evs-v2-DeleteSnapshot.md',
  volc: 'volcengine-ecs-2020-04-01-DeleteInstances.txt',
} as const;
export { pagePath } from '../helpers/pages.ts';
import { pagePath } from '../helpers/pages.ts';
import { loadContracts } from '../../loader/index.ts';

/** Every stored page, from the contracts that cite them (an added contract is picked up). */
export const ALL_PAGES = loadContracts().contracts.flatMap((c) => (c.source.file ? [c.source.file] : []));

/** A copy of a real page with `edit` applied; the edit must change the text. */
export function modifiedPage(name: string, edit: (text: string) => string): string {
  const text = readFileSync(pagePath(name), 'utf8');
  const changed = edit(text);
  expect(changed, 'the edit changes the page').not.toBe(text);
  const file = join(mkdtempSync(join(tmpdir(), 'drift-page-')), name);
  writeFileSync(file, changed);
  return file;
}

/** Replace exactly one occurrence (fails the test when the needle is missing or ambiguous). */
export function replaceOnce(text: string, from: string, to: string): string {
  const parts = text.split(from);
  expect(parts.length - 1, `occurrences of ${JSON.stringify(from)}`).toBe(1);
  return parts.join(to);
}

/** Remove the whole line holding `needle` (exactly one). */
export function deleteLine(text: string, needle: string): string {
  const lines = text.split('\n');
  const hits = lines.filter((l) => l.includes(needle));
  expect(hits.length, `lines with ${JSON.stringify(needle)}`).toBe(1);
  return lines.filter((l) => !l.includes(needle)).join('\n');
}
