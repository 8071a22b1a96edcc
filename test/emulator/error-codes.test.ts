// No invented codes: every error code the emulator can answer, found statically in its handlers
// and HTTP pipeline (the literals given to ctx.fail / check / exceeds / perInstance, the roles given to ctx.role /
// roleError), is in a contract's error table or a note's acceptable answers (the note cites its
// sources), a vendor profile role, or a ledger claim or add, under either profile. Exceptions are listed by name with their reason.
// The catalogue's mutants act on such codes too (what they rename a code to is deliberately wrong).
import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { malformedAnswer } from '../../emulator/http/limits.ts';
import { describe, expect, test } from 'vitest';
import { EXPECT_PROFILES } from '../../core/evidence.ts';
import type { Vendor } from '../../core/types.ts';
import { VENDORS } from '../../core/types.ts';
import { loadContracts } from '../../loader/index.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const EMULATOR = join(ROOT, 'emulator');

/** Codes no table, role or ledger gives, with the source that does. */
// (InvalidInstanceStatus and InvalidInstance.NotFound were exceptions while only DeleteInstances' per-instance
// example gave them; DeleteInstance's error table now does)
const EXCEPTIONS: Record<string, string> = {};

const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
const SOURCES = walk(EMULATOR).filter((f) => !f.includes(`${join('emulator', 'deviations')}`)).map((f) => ({ file: relative(ROOT, f), text: readFileSync(f, 'utf8') }));
const CATALOGUE = readFileSync(join(EMULATOR, 'deviations', 'catalogue.ts'), 'utf8');

/** A literal, or a file-level `const NAME = 'literal'` the argument names. */
function literal(arg: string, text: string): string | undefined {
  const quoted = /^'([^']+)'$/.exec(arg.trim());
  if (quoted) return quoted[1];
  return new RegExp(`const ${arg.trim()} = '([^']+)'`).exec(text)?.[1];
}

/** The vendor a handler file answers for (ops/<vendor>/...), or every vendor (pipeline, engine, validators). */
const vendorsOf = (file: string): readonly Vendor[] => VENDORS.filter((v) => file.includes(`ops/${v}/`)).length ? VENDORS.filter((v) => file.includes(`ops/${v}/`)) : VENDORS;

/** Which argument of each call is the error code it answers with. */
const CODE_ARG: Record<string, number> = { 'ctx.fail': 1, 'ctx.check': 2, 'ctx.exceeds': 4, perInstance: 2, codeError: 2 };

/** Every (vendor, code) the handlers answer with a literal code (a TypeScript parse: conditions hold commas and calls). */
function handlerCodes(): { vendor: Vendor; code: string; at: string }[] {
  const out: { vendor: Vendor; code: string; at: string }[] = [];
  for (const { file, text } of SOURCES) {
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ESNext, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const index = CODE_ARG[node.expression.getText(sf)];
        const arg = index === undefined ? undefined : node.arguments[index];
        const code = arg && (ts.isStringLiteral(arg) ? arg.text : ts.isIdentifier(arg) ? literal(arg.text, text) : undefined);
        // (a variable passed through, the helper's own parameter, is found where the helper is called)
        if (code !== undefined) for (const vendor of vendorsOf(file)) out.push({ vendor, code, at: `${file}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}` });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

/** Every role the emulator names: ctx.role / roleError literals, the fault roles, the auth roles. */
function namedRoles(): { vendors: readonly Vendor[]; role: string; at: string; fallback?: string }[] {
  const out: { vendors: readonly Vendor[]; role: string; at: string; fallback?: string }[] = [];
  for (const { file, text } of SOURCES) {
    const at = (i: number) => `${file}:${text.slice(0, i).split('\n').length}`;
    for (const m of text.matchAll(/(?:ctx\.role|roleError)\(\s*(?:[^,()]+(?:\([^)]*\))?,\s*)?'([a-z-]+)'/g)) out.push({ vendors: vendorsOf(file), role: m[1]!, at: at(m.index!) });
    for (const m of text.matchAll(/const role = ([^;]+);/g)) for (const r of m[1]!.matchAll(/[?:]\s*'([a-z-]+)'/g)) out.push({ vendors: vendorsOf(file), role: r[1]!, at: at(m.index!) });
    const auth = /const AUTH_ROLE[^=]*= \{([^}]+)\}/.exec(text);
    if (auth) for (const r of auth[1]!.matchAll(/\[([^\]]+)\]/g)) {
      const [first, ...rest] = [...r[1]!.matchAll(/'([a-z-]+)'/g)].map((x) => x[1]!);
      out.push({ vendors: VENDORS, role: first!, at: at(auth.index), ...(rest.length ? { fallback: rest[rest.length - 1] } : {}) });
    }
  }
  return out;
}

/** Codes the sources give per vendor: error tables, profile roles, ledger claims and adds, under both profiles. */
function sourcedCodes(): Record<Vendor, Set<string>> {
  const out = Object.fromEntries(VENDORS.map((v) => [v, new Set<string>()])) as Record<Vendor, Set<string>>;
  const codesIn = (x: unknown, into: Set<string>): void => {
    if (Array.isArray(x)) x.forEach((y) => codesIn(y, into));
    else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) (k === 'code' && typeof v === 'string' ? into.add(v) : codesIn(v, into));
  };
  for (const expect of EXPECT_PROFILES) {
    const loaded = loadContracts({ expect });
    for (const c of loaded.contracts) {
      codesIn(c.errors, out[c.vendor]);
      codesIn(c.notes, out[c.vendor]); // a recorded silence's acceptable answers, each note citing its sources
      codesIn(c.$ledger?.claims.map((cl) => cl.says), out[c.vendor]);
      codesIn(c.$ledger?.adds?.errors, out[c.vendor]);
      for (const cl of c.$ledger?.claims ?? []) if (cl.about.endsWith('.code')) for (const s of cl.says) if (typeof s.value === 'string') out[c.vendor].add(s.value);
    }
    for (const v of VENDORS) {
      const p = loaded.profiles[v];
      codesIn(Object.values(p.errors), out[v]);
      codesIn(p.$ledger?.claims.map((cl) => cl.says), out[v]);
      codesIn(p.$ledger?.adds?.errors, out[v]);
    }
  }
  return out;
}

const SOURCED = sourcedCodes();
const PROFILE_ROLES = Object.fromEntries(VENDORS.map((v) => [v, new Set(Object.keys(loadContracts().profiles[v].errors))])) as Record<Vendor, Set<string>>;

describe('no invented error codes', () => {
  test('the static scan finds the handlers\' codes and roles (it is not empty or blind)', () => {
    const codes = handlerCodes().map((c) => `${c.vendor}:${c.code}`);
    expect(codes).toEqual(expect.arrayContaining(['aliyun:IdempotentParameterMismatch', 'volcengine:InvalidInstanceStatus', 'huaweicloud:EVS.2019', 'aliyun:InvalidDiskId.NotFound']));
    expect(new Set(namedRoles().map((r) => r.role))).toEqual(new Set(['unknown-region', 'invalid-parameter', 'bad-method', 'unknown-action', 'bad-signature', 'missing-parameter', 'bad-version', 'internal', 'throttled', 'missing-auth', 'malformed-auth', 'unknown-key', 'expired', 'nonce-reused']));
  });

  test('every literal code a handler answers is in a table, a profile role or a ledger (else an exception with its reason)', () => {
    const invented = handlerCodes().filter((c) => !SOURCED[c.vendor].has(c.code) && !EXCEPTIONS[`${c.vendor}:${c.code}`]);
    expect(invented.map((c) => `${c.at}: ${c.vendor} ${c.code}`)).toEqual([]);
    // an exception that no longer applies is removed, not kept as a blanket pass
    const used = new Set(handlerCodes().map((c) => `${c.vendor}:${c.code}`));
    expect(Object.keys(EXCEPTIONS).filter((k) => !used.has(k) || SOURCED[k.split(':')[0] as Vendor].has(k.split(':').slice(1).join(':')))).toEqual([]);
  });

  test('every role the emulator names is a role of the vendor profiles it answers for (or falls back to one)', () => {
    const missing = namedRoles().flatMap((r) => r.vendors.filter((v) => !PROFILE_ROLES[v].has(r.role) && !(r.fallback && PROFILE_ROLES[v].has(r.fallback)))
      .map((v) => `${r.at}: ${v} has no role ${r.role}`));
    expect(missing).toEqual([]);
  });

  test('the mutants act on sourced codes (statusOf / renameCode / onCode)', () => {
    const acted = [...CATALOGUE.matchAll(/(?:statusOf\(\s*\d+,|renameCode\(|onCode\()\s*((?:'[^']+'(?:,\s*)?)+)/g)]
      .flatMap((m) => [...m[1]!.matchAll(/'([^']+)'/g)].map((x) => x[1]!));
    // renameCode(from, to): only `from` is an answer of the reference; `to` is the deliberate deviation
    const renamedTo = new Set([...CATALOGUE.matchAll(/renameCode\(\s*'[^']+',\s*'([^']+)'\)/g)].map((m) => m[1]!));
    const all = new Set(VENDORS.flatMap((v) => [...SOURCED[v]]));
    expect(acted.length).toBeGreaterThan(8);
    expect(acted.filter((c) => !renamedTo.has(c) && !all.has(c))).toEqual([]);
    expect([...renamedTo].filter((c) => all.has(c))).toEqual([]);
  });

  test('the one answer without a vendor code: a request no parser could read (JSON 400 with a request id)', () => {
    // emulator/http/limits.ts (malformedAnswer) and server.ts's last-resort catch; nowhere else writes a bare `Code:` literal
    const bare = SOURCES.filter((s) => s.file.includes(join('emulator', 'http')) && /\bCode:\s*'/.test(s.text)).map((s) => s.file);
    expect(bare).toEqual([]);
    const body = JSON.parse(malformedAnswer(400, 'R-1').split('\r\n\r\n')[1]!) as Record<string, unknown>;
    expect(body).toEqual({ RequestId: 'R-1', Message: expect.any(String) });
  });

  test('a code no source gives is caught (the check can fail)', () => {
    expect(SOURCED.volcengine.has('InvalidInstanceChargeType.Unsupported')).toBe(false);
    expect(SOURCED.aliyun.has('IdempotentParameterMismatch')).toBe(true);
  });
});
