// The four commands through `main()`: output, exit codes (0 none, 1 drift/regression, 2 usage).
import { dropRowEvidence, withoutRowText } from '../helpers/contracts-copy.ts';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import type { RunResults } from '../../core/types.ts';
import { buildFixtures } from '../fixtures/results/build.ts';
import { captureIo } from '../cli/helpers.ts';
import { PAGES, deleteLine, modifiedPage, pagePath, replaceOnce } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** A copy of contracts/ with one Alibaba contract edited (the edit must change it). */
function contractsWith(edit: (t: string) => string, operation = 'DeleteSnapshot'): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'contracts-copy-')), 'contracts');
  cpSync(join(ROOT, 'contracts'), dir, { recursive: true });
  const file = join(dir, `aliyun/ecs/2014-05-26/${operation}.yaml`);
  const text = readFileSync(file, 'utf8');
  expect(edit(text)).not.toBe(text);
  writeFileSync(file, edit(text));
  for (const [, code] of text.matchAll(/code: ([\w.]+)/g)) if (!edit(text).includes(`code: ${code}`)) dropRowEvidence(file, code!);
  return dir;
}
async function cli(...argv: string[]) {
  const io = captureIo();
  const code = await main(argv, { ...io, cwd: io.cwd });
  return { code, out: io.out(), err: io.err(), cwd: io.cwd };
}

describe('conformance import-doc', () => {
  it('writes a draft to --out that loads as a contract', async () => {
    const r = await cli('import-doc', pagePath(PAGES.csg), '--out', 'draft/CreateSnapshotGroup.yaml');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^drafted aliyun\.ecs\.CreateSnapshotGroup: 8 parameters, 37 error rows, \d+ notes .*passes the contract checks -> draft\/CreateSnapshotGroup\.yaml\n$/);
    const yaml = readFileSync(join(r.cwd, 'draft/CreateSnapshotGroup.yaml'), 'utf8');
    expect(yaml).toMatch(/^# DRAFT contract imported from aliyun-ecs-2014-05-26-CreateSnapshotGroup\.md/);
    expect(yaml).toContain('docName: ExcludeDiskId.N');
  });

  it('prints to stdout without --out; the same bytes each time', async () => {
    const [a, b] = [await cli('import-doc', pagePath(PAGES.volc)), await cli('import-doc', pagePath(PAGES.volc))];
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(a.out).toContain('pattern: ^[\\u0000-\\u007F]*$');
  });

  it('a missing page or an unnamed page is a usage error', async () => {
    expect((await cli('import-doc', 'nope.md')).code).toBe(2);
    const io = captureIo();
    writeFileSync(join(io.cwd, 'page.md'), readFileSync(pagePath(PAGES.ds)));
    const r = { code: await main(['import-doc', 'page.md'], io), err: io.err() };
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error \[E_USAGE\] .*cannot tell vendor, service, version and operation/);
  });
});

describe('conformance drift', () => {
  it('no drift: exit 0', async () => {
    const r = await cli('drift', pagePath(PAGES.dsg));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/no drift\n$/);
  });

  it('drift: text and JSON, exit 1', async () => {
    const page = modifiedPage(PAGES.csg, (t) => replaceOnce(t, '长度为2~128个', '长度为2~64个'));
    const text = await cli('drift', page);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/breaking-for-clients\s+constraint-changed\s+param Name maxLength: 128 -> 64\s+\[page line 39\]/);
    expect(text.out).toContain('1 change: 1 breaking-for-clients, 0 breaking-for-emulators, 0 compatible');
    const json = await cli('drift', page, '--format', 'json');
    expect(json.code).toBe(1);
    const data = JSON.parse(json.out);
    expect(data.contractId).toBe('aliyun.ecs.CreateSnapshotGroup');
    expect(data.changes).toEqual([expect.objectContaining({ kind: 'constraint-changed', classification: 'breaking-for-clients', line: 39, before: 128, after: 64 })]);
  });

  it('usage errors exit 2', async () => {
    expect((await cli('drift')).code).toBe(2);
    const bad = await cli('drift', pagePath(PAGES.ds), '--format', 'yaml');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('error [E_OPTION] --format "yaml" is not one of text, json');
    expect((await cli('drift', '--sdk', 'aliyn')).err).toContain('(did you mean "aliyun"?)');
    expect((await cli('drift', pagePath(PAGES.ds), '--sdk', 'aliyun')).code).toBe(2);
  });

  it('--sdk aliyun reports InstanceId required (page) -> optional (model), breaking for emulators: exit 1', async () => {
    const r = await cli('drift', '--sdk', 'aliyun');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/aliyun\.ecs\.CreateSnapshotGroup vs @alicloud\/ecs20140526@[\d.]+ dist\/models\/CreateSnapshotGroupRequest\.d\.ts/);
    expect(r.out).toMatch(/breaking-for-emulators\s+required-changed\s+param InstanceId: true -> false\s+\[page line 26; model dist\/models\/CreateSnapshotGroupRequest\.d\.ts:\d+\]\n\s+now optional: an emulator still refuses requests without it/);
    expect(r.out).toMatch(/compatible\s+sdk-only\s+param Tag "array of object"/);
    expect(r.out).toMatch(/\n\d+ changes: 0 breaking-for-clients, 2 breaking-for-emulators, \d+ compatible\n$/);
    const json = JSON.parse((await cli('drift', '--sdk', 'aliyun', '--format', 'json')).out);
    expect(json.compared[0].changes).toContainEqual(expect.objectContaining({ kind: 'required-changed', subject: 'param InstanceId', before: true, after: false, classification: 'breaking-for-emulators' }));
  });

  it('--sdk volcengine and huaweicloud compare with the committed snapshots: compatible only, so exit 0 unless --fail-on any', async () => {
    for (const vendor of ['volcengine', 'huaweicloud']) {
      const r = await cli('drift', '--sdk', vendor);
      expect(r.code, vendor).toBe(0);
      expect(r.out).toContain('no limits, enums or deprecation (the generated Go structs carry none): those are not compared');
      expect(r.out).toMatch(/changes?: 0 breaking-for-clients, 0 breaking-for-emulators, [12] compatible\n$/);
      expect((await cli('drift', '--sdk', vendor, '--fail-on', 'any')).code, vendor).toBe(1);
    }
  });
});

describe('--fail-on breaking|any on every drift command', () => {
  const compatibleOnlyPage = () => modifiedPage(PAGES.csg, (t) => deleteLine(t, '|InvalidParameter.Name|'));
  const breakingPage = () => modifiedPage(PAGES.csg, (t) => replaceOnce(t, '长度为2~128个', '长度为2~64个'));

  // command line, expected exit code under the default, --fail-on breaking, --fail-on any
  const CASES: [string, () => string[], number, number, number][] = [
    ['drift <page>: no drift', () => ['drift', pagePath(PAGES.dsg)], 0, 0, 0],
    ['drift <page>: compatible only (an error row removed)', () => ['drift', compatibleOnlyPage()], 0, 0, 1],
    ['drift <page>: breaking (a narrower limit)', () => ['drift', breakingPage()], 1, 1, 1],
    ['drift --sdk huaweicloud: compatible only', () => ['drift', '--sdk', 'huaweicloud'], 0, 0, 1],
    ['drift --sdk aliyun: breaking', () => ['drift', '--sdk', 'aliyun'], 1, 1, 1],
    ['contracts diff: the same set', () => ['contracts', 'diff', join(ROOT, 'contracts'), join(ROOT, 'contracts')], 0, 0, 0],
    ['contracts diff: compatible only (an error row removed)', () => ['contracts', 'diff', join(ROOT, 'contracts'), contractsWith((t) => withoutRowText(t, 'Operation.Conflict'))], 0, 0, 1],
    ['contracts diff: breaking (a narrower limit)', () => ['contracts', 'diff', join(ROOT, 'contracts'), contractsWith((t) => t.replace('maxLength: 128', 'maxLength: 64'), 'CreateSnapshotGroup')], 1, 1, 1],
  ];

  it.each(CASES)('%s', async (_what, argv, byDefault, breaking, any) => {
    const args = argv();
    const codes = [(await cli(...args)).code, (await cli(...args, '--fail-on', 'breaking')).code, (await cli(...args, '--fail-on', 'any')).code];
    expect(codes).toEqual([byDefault, breaking, any]);
  });

  it('compatible-only drift still prints its changes when it exits 0', async () => {
    const r = await cli('drift', compatibleOnlyPage());
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/compatible\s+error-removed\s+error 400 InvalidParameter\.Name/);
    expect(r.out).toContain('1 change: 0 breaking-for-clients, 0 breaking-for-emulators, 1 compatible');
  });

  it('any other value is a usage error on each command', async () => {
    for (const argv of [['drift', pagePath(PAGES.ds)], ['drift', '--sdk', 'aliyun'], ['contracts', 'diff', join(ROOT, 'contracts')]]) {
      const r = await cli(...argv, '--fail-on', 'all');
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toContain('error [E_OPTION] --fail-on "all" is not one of breaking, any');
    }
  });
});

describe('conformance contracts diff and diff', () => {
  it('contracts diff of a folder with itself: exit 0', async () => {
    const r = await cli('contracts', 'diff', join(ROOT, 'contracts'), join(ROOT, 'contracts'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/no drift\n$/);
  });

  it('diff of two results files: markdown, exit 1 on a regression; JSON', async () => {
    const io = captureIo();
    const fx = buildFixtures() as Record<string, RunResults>;
    writeFileSync(join(io.cwd, 'a.json'), JSON.stringify(fx['emulator.json']));
    writeFileSync(join(io.cwd, 'b.json'), JSON.stringify(fx['http.json']));
    expect(await main(['diff', 'a.json', 'b.json'], io)).toBe(1);
    expect(io.out()).toContain('### Regressions');
    const j = captureIo(io.cwd);
    expect(await main(['diff', 'a.json', 'a.json', '--format', 'json'], j)).toBe(0);
    expect(JSON.parse(j.out())).toMatchObject({ regression: false, targets: [{ target: 'emulator', regressions: [] }] });
    const bad = captureIo(io.cwd);
    expect(await main(['diff', 'a.json', 'missing.json'], bad)).toBe(2);
    expect(bad.err()).toContain('error [E_RESULTS] missing.json: cannot read (no such file)');
  });
});
