// Read a vendor SDK's own metadata into a plain shape tree. Alibaba's Tea models expose, per class,
// static names() (field -> wire name) and types() (field -> 'string' | 'number' | 'boolean' | a model
// class | { type: 'array', itemType } | { type: 'map', ... }). Wire names are what contracts use.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface Shape { type: string; items?: Shape; props?: Map<string, Shape> }

interface TeaModel { names(): Record<string, string>; types(): Record<string, unknown> }
const isModel = (v: unknown): v is TeaModel => typeof v === 'function' && typeof (v as Partial<TeaModel>).names === 'function' && typeof (v as Partial<TeaModel>).types === 'function';

function shapeOfType(t: unknown, depth = 0): Shape {
  if (depth > 12) return { type: 'object' }; // self-referencing models: stop
  if (typeof t === 'string') return { type: t };
  if (isModel(t)) return shapeOfModel(t, depth + 1);
  if (t && typeof t === 'object') {
    const o = t as { type?: string; itemType?: unknown; valueType?: unknown };
    if (o.type === 'array') return { type: 'array', items: shapeOfType(o.itemType, depth + 1) };
    if (o.type === 'map') return { type: 'object' };
  }
  return { type: 'any' };
}

export function shapeOfModel(model: unknown, depth = 0): Shape {
  if (!isModel(model)) return { type: 'any' };
  const names = model.names();
  const types = model.types();
  const props = new Map<string, Shape>();
  for (const field of Object.keys(names).sort()) props.set(names[field]!, shapeOfType(types[field], depth));
  return { type: 'object', props };
}

const req = createRequire(import.meta.url);

/** name@version of an installed package, or undefined (package.json found by walking up from its entry). */
export function installedPackage(name: string): { name: string; version: string; dir: string } | undefined {
  let entry: string;
  try { entry = req.resolve(name); } catch { return undefined; }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const pj = join(dir, 'package.json');
    if (!existsSync(pj)) continue;
    const data = JSON.parse(readFileSync(pj, 'utf8')) as { name?: string; version?: string };
    if (data.name === name) return { name, version: data.version ?? '?', dir };
  }
  return undefined;
}

export function loadPackage(name: string): Record<string, unknown> {
  return req(name) as Record<string, unknown>;
}
