// Volcengine pages as scraped text of the rendered page: headings are bare lines, table cells come
// one per line in column order, an empty cell is an empty line, descriptions run over several lines.
import { isValidJson, nestFields, yesNo, type PageExample, type ParsedPage } from './types.ts';

const HEADINGS = ['注意事项', '调试', '请求参数', '返回参数', '请求示例', '返回示例', '错误码'];
const TYPE = /^(String|Integer|Long|Float|Double|Boolean|Object|Map|Array of .+|Array|JSON)$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

export function parseVolcText(text: string, file: string): ParsedPage {
  const lines = text.split(/\r?\n/);
  const page: ParsedPage = { format: 'volc-text', file, title: '', params: [], responseFields: [], errors: [], examples: [], prose: [], lines };
  // Section of each line; a heading is a bare line equal to one of HEADINGS.
  const sections: { name: string; start: number; end: number }[] = [];
  lines.forEach((l, i) => {
    if (HEADINGS.includes(l.trim()) && l.trim() === l) {
      if (sections.length) sections[sections.length - 1]!.end = i;
      sections.push({ name: l, start: i + 1, end: lines.length });
    }
  });
  const first = sections[0]?.start ?? lines.length;
  for (let i = 0; i < first; i++) {
    const l = lines[i]!.trim();
    const updated = /最近更新时间:\s*(\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}:\d{2})/.exec(l);
    if (updated) page.updated = updated[1];
    else if (!page.title && / - /.test(l) && NAME.test(l.split(' - ')[0]!)) page.title = l;
    else if (page.title && page.updated && !page.summary && l) page.summary = { text: l, line: i + 1 };
  }
  for (const s of sections) {
    const body = lines.slice(s.start, s.end); // body[k] is line s.start + k + 1
    const lineNo = (k: number) => s.start + k + 1;
    if (s.name === '注意事项') {
      body.forEach((l, k) => {
        const b = /^(\s*)•\s*(.*)$/.exec(l);
        if (b) page.prose.push({ text: b[2]!.trim(), line: lineNo(k), kind: 'bullet', section: s.name, depth: b[1]!.length >= 4 ? 2 : 1 });
      });
    } else if (s.name === '请求参数' || s.name === '返回参数') {
      const header = s.name === '请求参数' ? ['参数', '类型', '是否必填', '示例值', '描述'] : ['参数', '类型', '示例值', '描述'];
      const h = body.findIndex((l, k) => header.every((c, n) => body[k + n]?.trim() === c));
      if (h < 0) continue;
      const startRow = (k: number) => NAME.test(body[k]?.trim() ?? '') && TYPE.test(body[k + 1]?.trim() ?? '');
      let k = h + header.length;
      while (k < body.length) {
        if (!startRow(k)) { k++; continue; }
        const name = body[k]!.trim();
        const type = body[k + 1]!.trim();
        const line = lineNo(k);
        let j = k + 2;
        let required: boolean | null | undefined;
        if (s.name === '请求参数') {
          const cell = body[j]?.trim() ?? '';
          required = yesNo(cell);
          if (cell === '' || required !== null) j++;
        }
        while (j < body.length && !body[j]!.trim()) j++;
        const example = body[j]?.trim();
        j++;
        const desc: string[] = [];
        while (j < body.length && !startRow(j)) desc.push(body[j++]!);
        const description = desc.join('\n').trim();
        if (s.name === '请求参数') page.params.push({ name, type, required, ...(example ? { example } : {}), description, line });
        else page.responseFields.push({ name, type, ...(example ? { example } : {}), description, line, path: [name] });
        k = j;
      }
    } else if (s.name === '请求示例' || s.name === '返回示例') {
      const k0 = body.findIndex((l) => l.trim() !== '');
      if (k0 < 0) continue;
      let k1 = body.length;
      while (k1 > k0 && !body[k1 - 1]!.trim()) k1--;
      const textBody = body.slice(k0, k1).join('\n');
      const kind: PageExample['kind'] = s.name === '请求示例' ? 'request' : textBody.startsWith('<') ? 'response-xml' : 'response-json';
      page.examples.push({ kind, text: textBody, line: lineNo(k0), ...(kind === 'response-json' ? { validJson: isValidJson(textBody) } : {}) });
    } else if (s.name === '错误码') {
      // A row is status / code / message / (blank) / description; its `line` is the code's line.
      for (let k = 0; k < body.length; k++) {
        if (!/^\d{3}$/.test(body[k]!.trim()) || !NAME.test(body[k + 1]?.trim() ?? '')) continue;
        let j = k + 3;
        while (j < body.length && !body[j]!.trim()) j++;
        const desc: string[] = [];
        while (j < body.length && !/^\d{3}$/.test(body[j]!.trim())) desc.push(body[j++]!);
        page.errors.push({ status: Number(body[k]!.trim()), code: body[k + 1]!.trim(), message: (body[k + 2] ?? '').trim(), description: desc.join('\n').trim(), line: lineNo(k + 1) });
        k = j - 1;
      }
    }
  }
  // Response fields carry no nesting on this page; nestFields keeps the shape uniform.
  page.responseFields = nestFields(page.responseFields.map(({ path: _p, parent: _q, ...r }) => r), undefined);
  return page;
}
