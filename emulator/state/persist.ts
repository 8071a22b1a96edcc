// --state-file: atomic writes (temp file + fsync + rename + directory fsync), so a crash mid-write
// leaves either the old file or the new one, never a torn one.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import type { WorldFile } from './types.ts';

export function writeAtomic(file: string, text: string): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, file);
  } catch (err) {
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw err;
  }
  try {
    const dfd = openSync(dir, 'r');
    try { fsyncSync(dfd); } finally { closeSync(dfd); }
  } catch { /* some platforms cannot fsync a directory */ }
}

export function saveState(file: string, world: WorldFile): void {
  writeAtomic(file, JSON.stringify(world, null, 1) + '\n');
}

/** The saved world, or undefined when the file does not exist. Throws on a corrupt file. */
export function readState(file: string): WorldFile | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`state file ${file}: expected a JSON object`);
  return parsed as WorldFile;
}
