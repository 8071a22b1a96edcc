// The JSON Schemas (what the loader and readers validate) and the TypeScript types (what the code
// reads) must agree (issue 16 item 5): for each pair below, every property the schema names is a
// property of the type and the other way round, and a property the schema requires is not optional
// in the type. Read with the TypeScript compiler's own checker, so inherited and mapped properties
// count. Loader annotations (`$file`, `$lines`, ...) are the loader's, not the file's, and are left out.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const FILES = ['core/types.ts', 'core/evidence.ts', 'loader/flows.ts'].map((f) => join(ROOT, f));
const program = ts.createProgram(FILES, {
  strict: true, target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true, noEmit: true, skipLibCheck: true,
});
const checker = program.getTypeChecker();

interface Prop { optional: boolean }

/** The properties of an exported interface or type alias, as the checker sees them. */
export function typeProps(name: string): Map<string, Prop> {
  for (const file of FILES) {
    const sf = program.getSourceFile(file)!;
    for (const st of sf.statements) {
      if ((ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) && st.name.text === name) {
        const type = checker.getTypeAtLocation(st.name);
        return new Map(checker.getPropertiesOfType(type).map((p) => [p.name, { optional: (p.flags & ts.SymbolFlags.Optional) !== 0 }]));
      }
    }
  }
  throw new Error(`no type ${name} in ${FILES.join(', ')}`);
}

type Schema = { properties?: Record<string, unknown>; required?: string[]; $defs?: Record<string, Schema>; allOf?: Schema[] };
const schema = (file: string, pointer: string[] = []): Schema => {
  let s = JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Schema;
  for (const p of pointer) s = (s as Record<string, Schema>)[p]!;
  return s;
};

/** What differs between a schema object and a type; `ignore`: names one side has by design, with why. */
export function disagreements(s: Schema, props: Map<string, Prop>, ignore: Record<string, string> = {}): string[] {
  const out: string[] = [];
  const inSchema = new Set(Object.keys(s.properties ?? {}));
  for (const name of inSchema) if (!props.has(name) && !(name in ignore)) out.push(`${name}: in the schema, not the type`);
  for (const [name, p] of props) {
    if (name.startsWith('$') || name in ignore) continue;
    if (!inSchema.has(name)) out.push(`${name}: in the type, not the schema`);
    else if ((s.required ?? []).includes(name) && p.optional) out.push(`${name}: required by the schema, optional in the type`);
  }
  return out;
}

const PAIRS: [string, () => Schema, string, Record<string, string>?][] = [
  ['contract', () => schema('contracts/contract.schema.json'), 'Contract'],
  ['contract parameter', () => schema('contracts/contract.schema.json', ['$defs', 'param']), 'ContractParam'],
  ['contract error row', () => schema('contracts/contract.schema.json', ['$defs', 'errorRow']), 'ContractErrorRow'],
  ['contract rule', () => schema('contracts/contract.schema.json', ['$defs', 'rule']), 'ContractRule'],
  ['contract dependency', () => schema('contracts/contract.schema.json', ['$defs', 'dependency']), 'ContractDependency'],
  ['documented value', () => schema('contracts/contract.schema.json', ['$defs', 'documentedValue']), 'DocumentedValue'],
  ['vendor profile', () => schema('contracts/profile.schema.json'), 'ProtocolProfile'],
  ['request style', () => schema('contracts/profile.schema.json', ['properties', 'requestStyle']), 'RequestStyle'],
  ['flow file', () => schema('contracts/flow.schema.json'), 'FlowFile'],
  ['evidence ledger', () => schema('contracts/evidence.schema.json'), 'Ledger'],
  ...['RunResults', 'CaseResult', 'CheckResult', 'SourceRef', 'Mutation', 'CaseExchange', 'CaseEvidence'].map((t) =>
    [`results ${t}`, () => schema('schemas/results.schema.json', ['definitions', t]), t] as [string, () => Schema, string]),
];

describe('JSON Schemas and TypeScript types agree', () => {
  it.each(PAIRS)('%s', (_name, s, type, ignore) => {
    expect(disagreements(s(), typeProps(type), ignore)).toEqual([]);
  });

  it('the comparison fails on a drifted pair (a property only one side has, a required one optional)', () => {
    const props = new Map<string, Prop>([['id', { optional: true }], ['extra', { optional: false }]]);
    expect(disagreements({ properties: { id: {}, gone: {} }, required: ['id'] }, props)).toEqual([
      'gone: in the schema, not the type', 'id: required by the schema, optional in the type', 'extra: in the type, not the schema',
    ]);
  });
});
