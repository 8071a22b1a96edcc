// --state-file: atomic writes (temp file + fsync + rename + directory fsync), so a crash mid-write
// leaves either the old file or the new one, never a torn one.
import { closeSync, existsSync, readdirSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import type { WorldFile } from './types.ts';
import { ConformanceError, errnoCode } from '../../core/errors.ts';

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

/** Temp files a killed writer left beside `file` (its own pid gone), removed at start. Returns their names. */
export function removeStaleTemps(file: string): string[] {
  const dir = dirname(file);
  const prefix = `.${basename(file)}.`;
  let names: string[];
  try { names = readdirSync(dir); } catch { return []; }
  const removed: string[] = [];
  for (const name of names) {
    const m = name.startsWith(prefix) ? /^(\d+)\.\d+\.tmp$/.exec(name.slice(prefix.length)) : null;
    if (!m || alive(Number(m[1]))) continue;
    try { unlinkSync(join(dir, name)); removed.push(name); } catch { /* raced with another cleaner */ }
  }
  return removed;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return false; // this process has not written yet: any temp of ours is older
  try { process.kill(pid, 0); return true; } catch (err) { return errnoCode(err) === 'EPERM'; }
}

/** The saved world, or undefined when the file does not exist. Throws on a corrupt file. */
export function readState(file: string): WorldFile | undefined {
  removeStaleTemps(file);
  if (!existsSync(file)) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConformanceError('E_OPTION', `state file ${file}: expected a JSON object`);
  return parsed;
}
