// Alibaba Cloud pages: Markdown with pipe tables whose cells may run over several lines (a row ends
// at the line that ends with `|`), markdown escapes (`\*`, `\_`, `\(`), fenced examples.
import { isValidJson, nestFields, yesNo, type PageExample, type PageProse, type ParsedPage } from './types.ts';

/** Remove markdown backslash escapes (`\*\*\*\*` -> `****`, `\_` -> `_`, `\(s\)` -> `(s)`). */
export const unescapeMd = (s: string) => s.replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');

interface Row { cells: string[]; line: number }
interface Table { header: string[]; rows: Row[]; line: number }

/** Split a (possibly multi-line) pipe row into cells, honouring `\|`. */
function splitRow(text: string): string[] {
  const body = text.trim().replace(/^\|/, '').replace(/\|$/, '');
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && body[i + 1] === '|') { cur += '\\|'; i++; continue; }
    if (body[i] === '|') { cells.push(cur); cur = ''; continue; }
    cur += body[i];
  }
  cells.push(cur);
  return cells.map((c) => c.split('\n').map((l) => l.trim()).join('\n').trim());
}

/** Tables starting at `start` (0-based index of the header line). */
function readTable(lines: string[], start: number): { table: Table; end: number } {
  const header = splitRow(lines[start]!).map(unescapeMd);
  const rows: Row[] = [];
  let i = start + 2; // skip the |--|--| separator
  while (i < lines.length && lines[i]!.startsWith('|')) {
    const first = i;
    let text = lines[i]!;
    while (!text.trimEnd().endsWith('|') || text.trim() === '|') {
      i++;
      if (i >= lines.length) break;
      text += `\n${lines[i]}`;
    }
    const cells = splitRow(text).map(unescapeMd);
    // A stray `|` inside a description adds cells: glue the extras back onto the last column.
    if (cells.length > header.length) cells.splice(header.length - 1, cells.length, cells.slice(header.length - 1).join('|'));
    rows.push({ cells, line: first + 1 });
    i++;
  }
  return { table: { header, rows, line: start + 1 }, end: i };
}

const PROSE_SECTIONS = ['接口说明', '注意事项', '约束'];

export function parseAliyunMarkdown(text: string, file: string): ParsedPage {
  const lines = text.split(/\r?\n/);
  const page: ParsedPage = { format: 'aliyun-md', file, title: '', params: [], responseFields: [], errors: [], examples: [], prose: [], lines };
  let section = '';
  let exampleKind: PageExample['kind'] = 'request';
  let responseTable: Table | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const h1 = /^# (.+)$/.exec(line);
    if (h1) { page.title = unescapeMd(h1[1]!.trim()); section = ''; continue; }
    const h2 = /^## (.+)$/.exec(line);
    if (h2) { section = h2[1]!.trim(); continue; }
    if (line.startsWith('|') && lines[i + 1]?.startsWith('|--')) {
      const { table, end } = readTable(lines, i);
      const col = (name: string) => table.header.indexOf(name);
      if (section === '请求参数') {
        for (const r of table.rows) {
          page.params.push({
            name: r.cells[col('名称')]!, type: r.cells[col('类型')] ?? '', required: yesNo(r.cells[col('是否必选')]),
            example: r.cells[col('示例值')] || undefined, description: r.cells[col('描述')] ?? '', line: r.line,
          });
        }
      } else if (section === '返回数据') responseTable = table;
      else if (section === '错误码') {
        for (const r of table.rows) {
          page.errors.push({ status: Number(r.cells[col('HttpCode')]), code: r.cells[col('错误码')]!, message: r.cells[col('错误信息')] ?? '', description: r.cells[col('描述')] ?? '', line: r.line });
        }
      }
      i = end - 1;
      continue;
    }
    if (section === '示例') {
      if (/^请求示例/.test(line)) exampleKind = 'request';
      else if (/^`XML`格式/.test(line)) exampleKind = 'response-xml';
      else if (/^`JSON`格式/.test(line)) exampleKind = 'response-json';
      else if (line.startsWith('```')) {
        const body: string[] = [];
        let j = i + 1;
        while (j < lines.length && !lines[j]!.startsWith('```')) body.push(lines[j++]!);
        const ex: PageExample = { kind: exampleKind, text: body.join('\n'), line: i + 2 };
        if (exampleKind === 'response-json') ex.validJson = isValidJson(ex.text);
        page.examples.push(ex);
        i = j;
      }
      continue;
    }
    if (!section && page.title && !page.summary && line.trim()) page.summary = { text: unescapeMd(line.trim()), line: i + 1 };
    if (PROSE_SECTIONS.includes(section) && line.trim()) {
      const bullet = /^(\s*)-\s+(.*)$/.exec(line);
      const item: PageProse = bullet
        ? { text: unescapeMd(bullet[2]!.trim()), line: i + 1, kind: 'bullet', section }
        : { text: unescapeMd(line.trim()), line: i + 1, kind: 'paragraph', section };
      page.prose.push(item);
    }
  }
  if (responseTable) {
    const t = responseTable;
    const col = (name: string) => t.header.indexOf(name);
    const json = page.examples.find((e) => e.kind === 'response-json' && e.validJson);
    page.responseFields = nestFields(t.rows.map((r) => {
      const type = r.cells[col('类型')];
      const example = r.cells[col('示例值')];
      return { name: r.cells[col('名称')]!, ...(type ? { type } : {}), ...(example ? { example } : {}), description: r.cells[col('描述')] ?? '', line: r.line };
    }), json ? JSON.parse(json.text) : undefined);
  }
  return page;
}
