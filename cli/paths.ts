// Paths a command will write or read, checked before any case runs or any port opens: one line
// naming the flag and the path (never a raw errno as E_INTERNAL after minutes of work).
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConformanceError, errorMessage, readFailure } from '../core/errors.ts';
import type { Io } from './io.ts';
import type { RunOptions } from './options.ts';

const shown = (label: string, path: string) => `${label} ${path}`;

/**
 * Can a file be created in this directory? Tried for real (a temporary directory made and removed):
 * permission bits say yes on /proc and read-only mounts, where creating fails (and Node's
 * recursive mkdir there never returns).
 */
function writable(dir: string): boolean {
  try { rmdirSync(mkdtempSync(join(dir, '.conformance-write-check-'))); return true; } catch { return false; }
}

/** The deepest part of `path` that exists (the directory a later mkdir -p starts from). */
function existingAncestor(path: string): string {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return p;
}

/** Where a directory would be made: its nearest existing ancestor must be a directory one can write in. */
function checkCreatable(abs: string, label: string, path: string): void {
  const base = existingAncestor(abs);
  if (!statSync(base).isDirectory()) throw new ConformanceError('E_OPTION', `${shown(label, path)}: cannot be created (${base} is a file)`);
  if (!writable(base)) throw new ConformanceError('E_OPTION', `${shown(label, path)}: cannot be created (${base} is not writable)`);
}

/** A directory the command will create if needed and write into. */
export function checkOutputDir(path: string, label: string, cwd: string): void {
  const abs = resolve(cwd, path);
  if (!existsSync(abs)) return checkCreatable(abs, label, path);
  if (!statSync(abs).isDirectory()) throw new ConformanceError('E_OPTION', `${shown(label, path)}: is a file, not a directory`, `${label} names a directory everywhere`);
  if (!writable(abs)) throw new ConformanceError('E_OPTION', `${shown(label, path)}: the directory is not writable`);
}

/** A file the command will write, atomically beside itself (its directory created if needed). */
export function checkOutputFile(path: string, label: string, cwd: string): void {
  const abs = resolve(cwd, path);
  const dir = dirname(abs);
  if (existsSync(abs) && statSync(abs).isDirectory()) throw new ConformanceError('E_OPTION', `${shown(label, path)}: is a directory, not a file`);
  if (existsSync(abs)) { try { accessSync(abs, constants.W_OK); } catch { throw new ConformanceError('E_OPTION', `${shown(label, path)}: the file is not writable`); } }
  if (!existsSync(dir)) return checkCreatable(dir, label, path);
  if (!statSync(dir).isDirectory()) throw new ConformanceError('E_OPTION', `${shown(label, path)}: cannot be created (${dir} is a file)`);
  if (!writable(dir)) throw new ConformanceError('E_OPTION', `${shown(label, path)}: its directory ${dir} is not writable`);
}

/** A directory the command reads (the contracts). */
export function checkInputDir(path: string, label: string, cwd: string): void {
  const abs = resolve(cwd, path);
  if (!existsSync(abs)) throw new ConformanceError('E_OPTION', `${shown(label, path)}: no such directory`);
  if (!statSync(abs).isDirectory()) throw new ConformanceError('E_OPTION', `${shown(label, path)}: is a file, not a directory`);
  try { accessSync(abs, constants.R_OK | constants.X_OK); } catch {
    throw new ConformanceError('E_OPTION', `${shown(label, path)}: the directory is not readable`);
  }
}

/** The emulator's state file: read at start when present (a JSON object), written atomically beside itself. */
export function checkStateFile(path: string, cwd: string): void {
  const abs = resolve(cwd, path);
  checkOutputFile(path, '--state-file', cwd);
  if (!existsSync(abs)) return;
  let text: string;
  try { text = readFileSync(abs, 'utf8'); } catch (e) {
    throw new ConformanceError('E_OPTION', `--state-file ${path}: cannot be read (${readFailure(e)})`);
  }
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch (e) {
    throw new ConformanceError('E_OPTION', `--state-file ${path}: not valid JSON (${errorMessage(e)})`, 'fix it, or remove it to start from the world');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConformanceError('E_OPTION', `--state-file ${path}: must hold a JSON object (a saved world)`);
}

/** `run`: the report directory, a recording directory and a journal file (the contracts folder: where they load). */
export function checkRunPaths(opts: RunOptions, io: Io): void {
  if (!opts.plan) checkOutputDir(opts.out, '--out', io.cwd);
  if (opts.record) checkOutputDir(opts.record, '--record', io.cwd);
  if (opts.journal) checkOutputFile(opts.journal, '--journal', io.cwd);
}
