// Huawei Cloud pages: Markdown whose tables are embedded HTML (<table> with <p> cells). The whole
// file is parsed once with parse5 (source locations on), so every <td> knows its line; the Markdown
// around the tables (headings, bullets, URI line, fenced examples, 返回值) is read line by line.
import { parseFragment } from 'parse5';
import { unescapeMd } from './aliyun-md.ts';
import { isValidJson, nestFields, yesNo, type PageProse, type ParsedPage } from './types.ts';

/** The few parse5 node fields used here (kept local: parse5's exported tree types vary by major). */
interface HtmlNode {
  nodeName: string;
  value?: string;
  childNodes?: HtmlNode[];
  sourceCodeLocation?: { startLine: number; endLine: number } | null;
}

const children = (n: HtmlNode) => n.childNodes ?? [];
function findAll(n: HtmlNode, name: string, out: HtmlNode[] = []): HtmlNode[] {
  for (const c of children(n)) {
    if (c.nodeName === name) out.push(c);
    findAll(c, name, out);
  }
  return out;
}
/** Text of a cell: each <p> (or other block) on its own line, whitespace collapsed inside a line. */
function cellText(n: HtmlNode): string {
  const parts: string[] = [];
  let cur = '';
  const walk = (x: HtmlNode) => {
    if (x.nodeName === '#text') { cur += x.value ?? ''; return; }
    const block = x.nodeName === 'p' || x.nodeName === 'br' || x.nodeName === 'li' || x.nodeName === 'div';
    if (block && cur.trim()) { parts.push(cur); cur = ''; }
    children(x).forEach(walk);
    if (block && cur.trim()) { parts.push(cur); cur = ''; }
  };
  walk(n);
  if (cur.trim()) parts.push(cur);
  return parts.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n');
}

interface HtmlTable { line: number; endLine: number; header: string[]; rows: { cells: string[]; line: number }[] }

function tables(html: string): HtmlTable[] {
  const doc = parseFragment(html, { sourceCodeLocationInfo: true }) as unknown as HtmlNode;
  return findAll(doc, 'table').map((t) => {
    const trs = findAll(t, 'tr');
    const header = findAll(trs[0] ?? t, 'th').map(cellText);
    const rows = trs.slice(1).map((tr) => {
      const tds = findAll(tr, 'td');
      return { cells: tds.map(cellText), line: tds[0]?.sourceCodeLocation?.startLine ?? tr.sourceCodeLocation!.startLine };
    });
    return { line: t.sourceCodeLocation!.startLine, endLine: t.sourceCodeLocation!.endLine, header, rows };
  });
}

const stripTags = (s: string) => s.replace(/<[^>]*>/g, '');

export function parseHuaweiMarkdown(text: string, file: string): ParsedPage {
  const lines = text.split(/\r?\n/);
  const page: ParsedPage = { format: 'huawei-html', file, title: '', params: [], responseFields: [], errors: [], examples: [], prose: [], lines };
  const tbls = tables(text);
  const inTable = (ln: number) => tbls.some((t) => ln >= t.line && ln <= t.endLine);
  const sectionAt: string[] = []; // section heading in force at each line (1-based)
  let section = '';
  let bulletContext = '';
  for (let i = 0; i < lines.length; i++) {
    const ln = i + 1;
    const line = lines[i]!;
    sectionAt[ln] = section;
    if (inTable(ln)) continue;
    const h1 = /^# (.+)$/.exec(line);
    if (h1) { page.title = unescapeMd(stripTags(h1[1]!)).trim(); continue; }
    const h2 = /^## (.+)$/.exec(line);
    if (h2) { section = unescapeMd(stripTags(h2[1]!)).trim(); sectionAt[ln] = section; bulletContext = ''; continue; }
    const bullet = /^-\s+(.*)$/.exec(line);
    if (bullet) bulletContext = bullet[1]!.trim();
    if (section === '功能介绍' && !page.summary && line.trim() && !line.startsWith('>')) page.summary = { text: unescapeMd(line.trim()), line: ln };
    if (section === '约束' && bullet) page.prose.push({ text: unescapeMd(bullet[1]!.trim()), line: ln, kind: 'bullet', section } satisfies PageProse);
    const uri = /^\s+(GET|POST|PUT|PATCH|DELETE|HEAD)\s+(\/\S*)\s*$/.exec(line);
    if (section === 'URI' && uri) page.http = { method: uri[1]!, path: unescapeMd(uri[2]!), line: ln };
    if (section === '返回值' && bulletContext === '正常' && /^\s+\d{3}\s*$/.test(line) && !page.successStatus) {
      page.successStatus = { status: Number(line.trim()), line: ln };
    }
    const fence = /^(\s*)```/.exec(line);
    if (fence) {
      const indent = fence[1]!.length;
      const body: string[] = [];
      let j = i + 1;
      while (j < lines.length && !/^\s*```/.test(lines[j]!)) body.push(lines[j++]!.slice(indent));
      const textBody = body.join('\n');
      const kind = section === '请求' ? 'request' : textBody.trim().startsWith('<') ? 'response-xml' : 'response-json';
      page.examples.push({ kind, text: textBody, line: ln + 1, ...(kind === 'response-json' ? { validJson: isValidJson(textBody) } : {}) });
      for (let k = i + 1; k <= j; k++) sectionAt[k + 1] = section;
      i = j;
    }
  }
  for (const t of tbls) {
    const sec = sectionAt[t.line] ?? '';
    const col = (...names: string[]) => t.header.findIndex((h) => names.includes(h));
    const [cName, cReq, cType, cDesc] = [col('参数', '名称'), col('是否必选'), col('参数类型', '类型'), col('描述', '说明')];
    if (sec === 'URI' || sec === '请求') {
      for (const r of t.rows) {
        page.params.push({
          name: r.cells[cName]!, type: cType >= 0 ? r.cells[cType]! : '', required: cReq >= 0 ? yesNo(r.cells[cReq]) : null,
          description: cDesc >= 0 ? r.cells[cDesc]! : '', line: r.line, in: sec === 'URI' ? 'path' : 'body',
        });
      }
    } else if (sec === '响应') {
      page.responseFields.push(...nestFields(t.rows.map((r) => ({
        name: r.cells[cName]!, ...(cType >= 0 && r.cells[cType] ? { type: r.cells[cType] } : {}), description: cDesc >= 0 ? r.cells[cDesc]! : '', line: r.line,
      })), undefined));
    }
  }
  return page;
}
