// Globs over ids (core/glob.ts, picomatch in bash mode): `*` crosses `/` and `.`; text without glob
// syntax is matched exactly; the generators' filter falls back to prefix and substring.
import { describe, expect, it } from 'vitest';
import { globMatcher, isGlob } from '../../core/glob.ts';

const ID = 'aliyun.ecs.DeleteSnapshot/positive/doc-example';

describe('globs', () => {
  it.each([
    ['aliyun.*', ID, true],
    ['*/positive/*', ID, true],
    ['aliyun.ecs.DeleteSnapshot/*', ID, true],
    ['*Snapshot', 'DeleteSnapshot', true],
    ['*Snapshot', 'DeleteSnapshotGroup', false],
    ['volcengine.*', ID, false],
    ['aliyun.ecs.Delete{Snapshot,Instances}/*', ID, true],
    ['aliyun.ecs.DeleteSnapshot/positive/doc-exampl?', ID, true],
    [ID, ID, true],
    ['aliyun.ecs.DeleteSnapshot', ID, false], // no glob syntax: exact
  ] as const)('%s ~ %s: %s', (pattern, text, hit) => {
    expect(globMatcher(pattern)(text)).toBe(hit);
  });

  it('only glob syntax makes a glob', () => {
    expect(isGlob('aliyun.ecs.CreateSnapshotGroup/list-limits/ExcludeDiskId.N-over-max-items-17')).toBe(false);
    expect(isGlob('aliyun.*')).toBe(true);
  });
});
