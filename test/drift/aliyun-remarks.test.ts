// Alibaba's TypeScript models mark every field optional (`regionId?: string`): required, limits,
// enums and deprecation are read from each field's @remarks. Tests as data: remark text -> facts,
// including the forms that must NOT be read as a limit. The phrasings in the table are the
// installed @alicloud/ecs20140526 model's own.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { factsOfRemarks, remarksOfDeclarations, type RemarkFacts } from '../../drift/aliyun-remarks.ts';
import type { FieldType } from '../../drift/model-facts.ts';
import { installedPackage } from '../../drift/sdk-models.ts';

// remark text, field type (item type for arrays), request model?, expected facts
const TABLE: [string, FieldType | `array of ${FieldType}`, boolean, RemarkFacts][] = [
  ['The region ID.\n\nThis parameter is required.', 'string', true, { required: true, deprecated: false }],
  ['The instance ID.', 'string', true, { required: false, deprecated: false }],
  ['The request ID.', 'string', false, { deprecated: false }],
  ['The name must be 2 to 128 characters in length. It must start with a letter.', 'string', true, { required: false, deprecated: false, limits: { minLength: 2, maxLength: 128 } }],
  ['The tag key can be up to 128 characters in length. Valid values of N: 1 to 20.', 'string', true, { required: false, deprecated: false, limits: { maxLength: 128 } }],
  ['The value can contain only ASCII characters and cannot exceed 64 characters in length.', 'string', true, { required: false, deprecated: false, limits: { maxLength: 64 } }],
  ['The ID of a disk. Valid values of N: 1 to 128. A group can contain up to 128 disks.', 'array of string', true, { required: false, deprecated: false, limits: { minItems: 1, maxItems: 128 } }],
  ['The number of days. Valid values: 1 to 65535.', 'number', true, { required: false, deprecated: false, limits: { minimum: 1, maximum: 65535 } }],
  ['Valid values:\n\n- true: Enabled.\n- false: Disabled.\n\n> This parameter is deprecated. Standard snapshots are upgraded.', 'boolean', true, { required: false, deprecated: true }],
  ['> **[Deprecated]** Use another parameter.', 'string', true, { required: false, deprecated: true }],
  ['> This parameter is about to be deprecated.', 'string', true, { required: false, deprecated: false }],
  ['The type. Valid values:\n\n- system: system disk.\n- data: data disk.\n\n> The values are case-insensitive.', 'string', true, { required: false, deprecated: false, enum: ['system', 'data'] }],
  ['The type. Valid values:\n- Standard: normal.\n- Flash: local. This value is about to be deprecated:\n  - If you used it before, you can.\n- archive: archive.', 'string', true, { required: false, deprecated: false, enum: ['Standard', 'Flash', 'archive'] }],
  ['The automatic creation type. Valid values:\n\n- auto: automatic.\n- all (default): all types.', 'string', true, { required: false, deprecated: false, enum: ['auto', 'all'] }],
  ['Valid values of N: 1 to 16.', 'string', true, { required: false, deprecated: false }],
];

describe('factsOfRemarks', () => {
  it.each(TABLE)('%j (%s, request %s)', (text, type, request, expected) => {
    const [t, item] = type.startsWith('array of ') ? ['array' as const, type.slice(9) as FieldType] : [type as FieldType, undefined];
    expect(factsOfRemarks(text, t, { request, itemType: item })).toEqual(expected);
  });

  it('a field without any doc comment: optional in a request, nothing else said', () => {
    expect(factsOfRemarks(undefined, 'number', { request: true })).toEqual({ required: false });
    expect(factsOfRemarks(undefined, 'string', { request: false })).toEqual({});
  });
});

describe('remarksOfDeclarations', () => {
  const dts = [
    'export declare class FooRequest extends $dara.Model {',
    '    /**',
    '     * @remarks',
    '     * The region.',
    '     *',
    '     * This parameter is required.',
    '     *',
    '     * @example',
    '     * cn-hangzhou',
    '     */',
    '    regionId?: string;',
    '    ownerId?: number;',
    '}',
  ].join('\n');

  it('gives each field its remarks (not its example) and its declaration line', () => {
    const foo = remarksOfDeclarations(dts).get('FooRequest')!;
    expect(foo.get('regionId')).toEqual({ text: 'The region.\n\nThis parameter is required.', line: 11 });
    expect(foo.get('ownerId')).toEqual({ text: '', line: 12 }); // the previous comment does not leak
  });
});

describe('the installed model', () => {
  const pkg = installedPackage('@alicloud/ecs20140526')!;

  it('marks RegionId optional in TypeScript although its remarks say required: `?` proves nothing', () => {
    const text = readFileSync(join(pkg.dir, 'dist/models/CreateSnapshotGroupRequest.d.ts'), 'utf8');
    const cls = remarksOfDeclarations(text).get('CreateSnapshotGroupRequest')!;
    expect(text).toMatch(/^ {4}regionId\?: string;$/m);
    expect(factsOfRemarks(cls.get('regionId')!.text, 'string', { request: true }).required).toBe(true);
    expect(factsOfRemarks(cls.get('instanceId')!.text, 'string', { request: true }).required).toBe(false);
  });

  it('its validate() code checks no required flag or limit, so the remarks are the only source (fails if a version adds such checks)', () => {
    const CHECK = /\bvalidate(?!Array\b|Map\b)([A-Z]\w*)\(/g;
    const checksIn = (js: string) => [...js.matchAll(CHECK)].map((m) => m[1]);
    expect(checksIn('$dara.Model.validateArray(this.diskId); $dara.Model.validateRequired(this.regionId, "regionId");')).toEqual(['Required']);
    const dir = join(pkg.dir, 'dist/models');
    const checks = readdirSync(dir).filter((f) => f.endsWith('.js')).flatMap((f) => checksIn(readFileSync(join(dir, f), 'utf8')));
    expect([...new Set(checks)]).toEqual([]);
  });
});
