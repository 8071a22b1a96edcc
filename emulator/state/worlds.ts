// Named worlds (emulator/worlds/<name>.json), a path to a world JSON file, or a world object.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorldFile } from './types.ts';
import { ConformanceError } from '../../core/errors.ts';

export const WORLDS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../worlds');
export const NAMED_WORLDS = ['empty', 'demo'] as const;

export function resolveWorld(world: string | object | undefined): WorldFile {
  if (world === undefined) return readWorld(join(WORLDS_DIR, 'empty.json'));
  if (typeof world === 'object') {
    if (world === null || Array.isArray(world)) throw new ConformanceError('E_OPTION', 'world: expected a JSON object');
    return world;
  }
  if (/^[a-z][a-z0-9-]*$/.test(world) && existsSync(join(WORLDS_DIR, `${world}.json`))) {
    return readWorld(join(WORLDS_DIR, `${world}.json`));
  }
  if (existsSync(world)) return readWorld(world);
  throw new ConformanceError('E_OPTION', `world "${world}": not one of ${NAMED_WORLDS.join(', ')} and not a readable file`);
}

function readWorld(file: string): WorldFile {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConformanceError('E_OPTION', `world file ${file}: expected a JSON object`);
  return parsed;
}
