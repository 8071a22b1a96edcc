// The committed SDK model snapshots (drift/models/*.json): facts only, well formed, each fact cited
// by path:line in a file of a named repository commit, one snapshot operation per contract in
// scope. The checker is shown refusing broken copies, so a green run means something.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSnapshot, MODELS_DIR, readSnapshot } from '../../drift/model-snapshot.ts';
import { loadContracts } from '../../loader/index.ts';

const files = readdirSync(MODELS_DIR).filter((f) => f.endsWith('.json')).sort();
const read = (f: string) => JSON.parse(readFileSync(join(MODELS_DIR, f), 'utf8'));

describe('committed SDK model snapshots', () => {
  it('one for Volcengine ECS and one for Huawei EVS', () => {
    expect(files).toEqual(['huaweicloud-evs-v2.json', 'volcengine-ecs-2020-04-01.json']);
  });

  it.each(files)('%s is well formed and every fact is cited', (f) => {
    expect(checkSnapshot(read(f))).toEqual([]);
  });

  it.each(files)('%s: named after what it holds, from the vendor\'s own SDK repository', (f) => {
    const s = read(f);
    expect(f).toBe(`${s.vendor}-${s.service}-${s.version}.json`);
    expect(s.source.repo).toBe({ volcengine: 'volcengine/volcengine-go-sdk', huaweicloud: 'huaweicloud/huaweicloud-sdk-go-v3' }[s.vendor as string]);
  });

  it('holds an operation for every contract of those vendors', () => {
    // the seed contracts (the read calls, no stored page, are transcribed from these models: not audited against them)
    for (const c of loadContracts({ expect: 'page' }).contracts.filter((x) => x.vendor !== 'aliyun' && x.source.file !== null)) {
      expect(readSnapshot(c.vendor, c.service, c.version)?.snapshot.operations[c.operation], c.id).toBeDefined();
    }
  });
});

describe('checkSnapshot refuses a malformed or uncited snapshot', () => {
  const good = read('volcengine-ecs-2020-04-01.json');
  const op = (s: any) => s.operations.DeleteInstances;
  // what is broken, the edit, a fragment of the problem it must produce
  const BROKEN: [string, (s: any) => void, string][] = [
    ['a short commit', (s) => { s.source.commit = 'cf20b61'; }, 'source.commit: a full 40-hex commit'],
    ['no repository', (s) => { delete s.source.repo; }, 'source.repo: owner/name'],
    ['no read date', (s) => { delete s.source.read; }, 'source.read: a YYYY-MM-DD date'],
    ['no scope statement', (s) => { delete s.scope; }, 'scope: a non-empty string'],
    ['a field without a citation', (s) => { delete op(s).request.ClientToken.at; }, 'request.ClientToken.at: a citation'],
    ['a citation in a file the operation does not name', (s) => { op(s).request.ClientToken.at = 'service/ecs/other.go:1'; }, 'service/ecs/other.go is not one of'],
    ['a citation without a line', (s) => { op(s).request.ClientToken.at = 'service/ecs/api_delete_instances.go'; }, 'a citation `path:line`'],
    ['an unknown type', (s) => { op(s).request.ClientToken.type = 'str'; }, 'ClientToken.type: one of'],
    ['required as text', (s) => { op(s).request.ClientToken.required = 'yes'; }, 'ClientToken.required: a boolean'],
    ['an unknown limit', (s) => { op(s).request.ClientToken.limits = { maxlen: 64 }; }, 'limits.maxlen'],
    ['an empty enum', (s) => { op(s).request.ClientToken.enum = []; }, 'ClientToken.enum'],
    ['an array without items', (s) => { delete op(s).request.InstanceIds.items; }, 'InstanceIds.items: items is required'],
    ['a misspelt key', (s) => { op(s).request.ClientToken.requried = true; }, 'ClientToken.requried: unknown key'],
    ['a file path leaving the repository', (s) => { op(s).files.push('../x.go'); }, 'files: the repository paths'],
    ['a client-filled parameter without a reason', (s) => { delete op(s).clientFilled.Action.why; }, 'clientFilled.Action: why is required'],
    ['no operations', (s) => { s.operations = {}; }, 'operations: at least one'],
  ];

  it.each(BROKEN)('%s', (_what, edit, problem) => {
    const copy = structuredClone(good);
    edit(copy);
    expect(checkSnapshot(copy).join('\n')).toContain(problem);
  });
});
