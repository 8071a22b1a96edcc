// Parse a vendor page (three formats) into rows with page lines. Pure and deterministic: same file,
// same output. Reused by the page importer (draft contracts), the fidelity test and the drift audit.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseAliyunMarkdown } from './aliyun-md.ts';
import { parseHuaweiMarkdown } from './huawei-html.ts';
import type { PageFormat, ParsedPage } from './types.ts';
import { parseVolcText } from './volc-text.ts';

export type { PageErrorRow, PageExample, PageFormat, PageParam, PageProse, PageResponseField, ParsedPage } from './types.ts';
export { unescapeMd } from './aliyun-md.ts';

/** Which of the three formats a page is in: `.txt` is scraped text; Markdown with <table> is Huawei's. */
export function detectFormat(file: string, text: string): PageFormat {
  if (file.endsWith('.txt')) return 'volc-text';
  if (/<table[\s>]/i.test(text)) return 'huawei-html';
  return 'aliyun-md';
}

export function parsePageText(text: string, file: string, format: PageFormat = detectFormat(file, text)): ParsedPage {
  switch (format) {
    case 'aliyun-md': return parseAliyunMarkdown(text, file);
    case 'huawei-html': return parseHuaweiMarkdown(text, file);
    case 'volc-text': return parseVolcText(text, file);
  }
}

/** Parse a page file; `file` in the result is the base name (as contracts' `source.file` gives it). */
export function parsePage(file: string): ParsedPage {
  return parsePageText(readFileSync(file, 'utf8'), basename(file));
}
