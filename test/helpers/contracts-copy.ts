// Editing a copy of the contracts folder the way a change would: removing an error row also removes
// what its ledger says about that row (a ledger naming a row that no longer exists is refused).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The contract text without the error row `code` (one line, as the contracts write rows). */
export const withoutRowText = (text: string, code: string): string =>
  text.replace(new RegExp(`\\n {2}- \\{ status: \\d+, code: ${code.replace(/\./g, '\\.')}[^\\n]*`), '');

/** Drop the ledger's backing of `error:<code>` beside contract file `file` (absolute path), if any. */
export function dropRowEvidence(file: string, code: string): void {
  const ledger = file.replace(/\.yaml$/, '.evidence.yaml');
  if (!existsSync(ledger)) return;
  const text = readFileSync(ledger, 'utf8');
  writeFileSync(ledger, text.replace(new RegExp(`\\n {2}error:${code.replace(/\./g, '\\.')}:[^\\n]*`, 'g'), ''));
}

export const rowFile = (dir: string, operation: string) => join(dir, `aliyun/ecs/2014-05-26/${operation}.yaml`);
