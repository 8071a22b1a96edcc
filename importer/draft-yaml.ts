// Render a draft contract as YAML: fixed key order (as built), no line folding, a header that says
// it is a draft. Same draft, same bytes.
import { stringify } from 'yaml';
import type { Contract } from '../core/types.ts';

export function draftToYaml(contract: Contract): string {
  const header = [
    `# DRAFT contract imported from ${contract.source.file ?? contract.id} by \`conformance import-doc\`.`,
    '# `line:` fields are page lines. Review every parameter, turn the notes into rules, add triggers to error rows.',
  ].join('\n');
  // version 1.1 quoting: strings a YAML 1.1 reader would take for dates or booleans (2014-05-26, yes) stay strings.
  return `${header}\n${stringify(contract, { version: '1.1', lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false })}`;
}
