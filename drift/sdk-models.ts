// Read an installed Alibaba Tea SDK package into model facts. Each model class exposes static
// names() (field -> wire name) and types() (field -> 'string' | 'number' | 'boolean' | a model class
// | { type: 'array', itemType } | { type: 'map', ... }); its .d.ts carries each field's remarks,
// from which required, limits, enums and deprecation are read (aliyun-remarks.ts).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { factsOfRemarks, remarksOfDeclarations, type Remark } from './aliyun-remarks.ts';
import type { FieldFacts, FieldType, OperationModel } from './model-facts.ts';
import { isJsonObject } from '../core/json.ts';

interface TeaModel { name: string; names(): Record<string, string>; types(): Record<string, unknown> }
const isModel = (v: unknown): v is TeaModel => typeof v === 'function' && 'names' in v && typeof v.names === 'function' && 'types' in v && typeof v.types === 'function';

const req = createRequire(import.meta.url);

/** name@version of an installed package, or undefined (package.json found by walking up from its entry). */
export function installedPackage(name: string): { name: string; version: string; dir: string } | undefined {
  let entry: string;
  try { entry = req.resolve(name); } catch { return undefined; }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const pj = join(dir, 'package.json');
    if (!existsSync(pj)) continue;
    const data: unknown = JSON.parse(readFileSync(pj, 'utf8'));
    if (isJsonObject(data) && data.name === name) return { name, version: typeof data.version === 'string' ? data.version : '?', dir };
  }
  return undefined;
}

export function loadPackage(name: string): Record<string, unknown> {
  return req(name) as Record<string, unknown>;
}

/** Remarks of every class declared in one model file (`dist/models/<Model>.d.ts`), with the file's path. */
interface Declarations { path: string; classes: Map<string, Map<string, Remark>> }

function declarationsOf(pkgDir: string, model: string): Declarations {
  const path = `dist/models/${model}.d.ts`;
  const file = join(pkgDir, path);
  return { path, classes: existsSync(file) ? remarksOfDeclarations(readFileSync(file, 'utf8')) : new Map() };
}

const primitive = (t: string): FieldType => (t === 'string' || t === 'number' || t === 'boolean' ? t : 'any');

/** Facts of one field of `cls`, its type from types() and its remarks from the declarations. */
function fieldFacts(cls: TeaModel, field: string, t: unknown, decl: Declarations, where: string, request: boolean, depth: number): FieldFacts {
  const remark = decl.classes.get(cls.name)?.get(field);
  const at = remark ? { at: `${where}:${remark.line}` } : {};
  const shape = typeFacts(t, decl, where, request, depth);
  const facts = factsOfRemarks(remark?.text, shape.type, { request, itemType: shape.items?.type });
  const { items: itemFacts, ...own } = facts;
  const items = shape.items && itemFacts?.limits ? { ...shape.items, limits: { ...shape.items.limits, ...itemFacts.limits } } : shape.items;
  return { ...shape, ...own, ...(items ? { items } : {}), ...at };
}

function typeFacts(t: unknown, decl: Declarations, where: string, request: boolean, depth: number): FieldFacts {
  if (depth > 12) return { type: 'object' }; // self-referencing models: stop
  if (typeof t === 'string') return { type: primitive(t) };
  if (isModel(t)) return { type: 'object', fields: fieldsOf(t, decl, where, request, depth + 1) };
  if (isJsonObject(t)) {
    if (t.type === 'array') return { type: 'array', items: typeFacts(t.itemType, decl, where, request, depth + 1) };
    if (t.type === 'map') return { type: 'object' };
  }
  return { type: 'any' };
}

function fieldsOf(cls: TeaModel, decl: Declarations, where: string, request: boolean, depth = 0): Record<string, FieldFacts> {
  const names = cls.names();
  const types = cls.types();
  const out: Record<string, FieldFacts> = {};
  for (const field of Object.keys(names).sort()) out[names[field]!] = fieldFacts(cls, field, types[field], decl, where, request, depth);
  return out;
}

/** The model of `operation` in an installed Tea package, or undefined when it has none. */
export function teaOperationModel(pkg: { name: string; version: string; dir: string }, operation: string): OperationModel | undefined {
  const models = loadPackage(pkg.name);
  const [request, response] = [models[`${operation}Request`], models[`${operation}ResponseBody`]];
  if (!isModel(request)) return undefined;
  const reqDecl = declarationsOf(pkg.dir, `${operation}Request`);
  const resDecl = declarationsOf(pkg.dir, `${operation}ResponseBody`);
  return {
    operation,
    source: `${pkg.name}@${pkg.version} ${reqDecl.path}, ${resDecl.path}`,
    // The SDK client sends the action itself (x-acs-action / Action), never as a model field.
    clientFilled: { Action: 'the SDK client sends the action itself, not as a model field' },
    request: fieldsOf(request, reqDecl, reqDecl.path, true),
    response: isModel(response) ? fieldsOf(response, resDecl, resDecl.path, false) : {},
    scope: 'presence and types; required, limits (lengths, ranges, N), enums and deprecation as the field remarks state them: a fact the remarks do not state is not compared; response fields: presence, types and deprecation',
  };
}
