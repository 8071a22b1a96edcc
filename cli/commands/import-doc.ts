// `conformance import-doc <page> [--out file]`: draft a contract from a vendor page (any of the three
// formats), checked against the loader's meta-schema and semantic checks before it is written.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { ConformanceError, errorMessage, readFailure } from '../../core/errors.ts';
import { checkDraft } from '../../drift/draft-check.ts';
import { draftContract, identityFromFile } from '../../importer/draft.ts';
import { draftToYaml } from '../../importer/draft-yaml.ts';
import { parsePage } from '../../importer/pages.ts';
import type { Io } from '../io.ts';

export function importDocCommand(pageArg: string, flags: { out?: string; contracts?: string }, io: Io): number {
  const file = resolve(io.cwd, pageArg);
  let page;
  try { page = parsePage(file); } catch (e) {
    throw new ConformanceError('E_USAGE', `${pageArg}: cannot read the page (${readFailure(e)})`);
  }
  const id = identityFromFile(page.file);
  if (!id) throw new ConformanceError('E_USAGE', `${pageArg}: cannot tell vendor, service, version and operation from the file name`, 'name it <vendor>-<service>-<version>-<Operation>.md (or .txt), as the stored pages in contracts/<vendor>/<service>/<version>/pages/ are');
  const { contract } = draftContract(page, id);
  const problems = checkDraft(contract, flags.contracts ? resolve(io.cwd, flags.contracts) : undefined);
  if (problems.length) {
    throw new ConformanceError('E_CONTRACT', `the draft of ${pageArg} fails the contract checks: ${problems.map((p) => p.message).join('; ')}`);
  }
  const yaml = draftToYaml(contract);
  const summary = `${contract.id}: ${contract.request.parameters.length} parameters, ${contract.errors.length} error rows, ${contract.notes.length} notes for a person to turn into rules; passes the contract checks`;
  if (flags.out) {
    const out = resolve(io.cwd, flags.out);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, yaml);
    io.stderr.write(`drafted ${summary} -> ${relative(io.cwd, out) || out}\n`);
  } else {
    io.stdout.write(yaml);
    io.stderr.write(`drafted ${summary}\n`);
  }
  return 0;
}
