// Flow files (flows/<vendor>/*.yaml): a broken flow names its file, line and reason, every problem at once.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadFlows } from '../../loader/flows.ts';
import { ContractError } from '../../loader/errors.ts';
import { loadContracts } from '../../loader/index.ts';

const loaded = loadContracts({ expect: 'current' });

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'flows-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const GOOD = `id: group-lifecycle
vendor: aliyun
operation: CreateSnapshotGroup
title: create a group, wait until accomplished
source: "a test fixture, not a client: repo@0000000 path"
given:
  - { as: inst, kind: instance }
steps:
  - title: create
    call: CreateSnapshotGroup
    params: { RegionId: cn-hangzhou, InstanceId: $inst.id }
    expect: { kind: success }
    save: { group: SnapshotGroupId }
  - title: wait
    poll: { ref: group, kind: snapshotGroup, until: { status: accomplished } }
`;

describe('flow files', () => {
  test('a valid flow loads, with its file and line', () => {
    const flows = loadFlows(loaded, dirWith({ 'aliyun/good.yaml': GOOD }));
    expect(flows).toHaveLength(1);
    expect(flows[0]).toMatchObject({ id: 'group-lifecycle', $line: 1, steps: [{ call: 'CreateSnapshotGroup' }, { poll: { kind: 'snapshotGroup' } }] });
    expect(flows[0]!.$file).toMatch(/good\.yaml$/);
  });

  test('every problem is named with its file and line', () => {
    const bad = GOOD
      .replace('call: CreateSnapshotGroup', 'call: CreateSnapshotGroupz')
      .replace('kind: snapshotGroup', 'kind: image')
      .replace('ref: group', 'ref: nothing');
    const shape = GOOD.replace('title: create a group, wait until accomplished\n', '');
    let err: unknown;
    try { loadFlows(loaded, dirWith({ 'aliyun/bad.yaml': bad, 'aliyun/shape.yaml': shape })); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ContractError);
    const where = (err as ContractError).problems.map((p) => p.where);
    expect(where).toEqual(expect.arrayContaining([
      expect.stringMatching(/bad\.yaml:10: call: aliyun CreateSnapshotGroupz has no contract in scope/),
      expect.stringMatching(/bad\.yaml:15: poll: the aliyun profile has no stateReads for image/),
      expect.stringMatching(/bad\.yaml:15: poll: ref nothing is neither a given fixture nor saved/),
      expect.stringMatching(/shape\.yaml:\d*:? ?.*title/),
    ]));
  });

  test('a flow of an operation out of scope is left out, not an error', () => {
    const other = GOOD.replace('operation: CreateSnapshotGroup', 'operation: NotInScope');
    expect(loadFlows(loaded, dirWith({ 'aliyun/other.yaml': other }))).toEqual([]);
  });
});
