// What the page importer reads off a vendor page: every row with the page line it sits on.
// Lines are 1-based lines of the page as stored beside its contract (contracts/.../pages/, byte-for-byte copies).

export type PageFormat = 'aliyun-md' | 'huawei-html' | 'volc-text';

export interface PageParam {
  /** As printed (`ExcludeDiskId.N`), markdown escapes removed. */
  name: string;
  /** As printed (`String`, `Array of String`); '' where the table has no type column (Huawei URI table). */
  type: string;
  /** 是 -> true, 否 -> false; null when the cell is empty or says something else. */
  required?: boolean | null;
  example?: string;
  description: string;
  line: number;
  /** Huawei: `path` for the URI parameter table. */
  in?: 'path' | 'query' | 'header' | 'body';
}

export interface PageResponseField {
  name: string;
  /** Absent on Alibaba's struct marker rows (`OperationProgress| | | |`). */
  type?: string;
  example?: string;
  description: string;
  line: number;
  /** Name of the enclosing row (`OperationProgress` for ErrorCode; `OperationProgressSet` for OperationProgress). */
  parent?: string;
  /** Names from the top of the table to this field (`OperationProgressSet.OperationProgress.ErrorCode`). */
  path: string[];
}

/** `line`: the line holding the code (Alibaba: the row; Volcengine: the code cell, one below the status). */
export interface PageErrorRow { status: number; code: string; message: string; description: string; line: number }

export interface PageExample {
  kind: 'request' | 'response-json' | 'response-xml';
  text: string;
  /** Line of the first line of `text`. */
  line: number;
  /** response-json only: does `text` parse as JSON? */
  validJson?: boolean;
}

export interface PageProse { text: string; line: number; kind: 'bullet' | 'paragraph'; section: string; depth?: number }

export interface ParsedPage {
  format: PageFormat;
  file: string;
  title: string;
  /** Printed update date (`2024.10.28 17:36:25`), when the page prints one. */
  updated?: string;
  /** The one-paragraph summary under the title. */
  summary?: { text: string; line: number };
  /** REST pages: the URI line (`DELETE /v2/{project_id}/cloudsnapshots/{snapshot_id}`). */
  http?: { method: string; path: string; line: number };
  /** Huawei 返回值 正常 <status>. */
  successStatus?: { status: number; line: number };
  params: PageParam[];
  responseFields: PageResponseField[];
  errors: PageErrorRow[];
  examples: PageExample[];
  /** Bullet rules (and paragraphs) under 接口说明 / 注意事项 / 约束. */
  prose: PageProse[];
  /** The raw lines of the file (`lines[n - 1]` is line n), for checks that a cited line holds a thing. */
  lines: string[];
}

/** `是`/`否` -> boolean, anything else null. */
export const yesNo = (s: string | undefined): boolean | null => (s === '是' ? true : s === '否' ? false : null);

/** `s` as a literal inside a RegExp source. */
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function isValidJson(text: string): boolean {
  try { JSON.parse(text); return true; } catch { return false; }
}

/**
 * Attach `parent`/`path` to a flattened response table. A row whose type is empty (Alibaba struct
 * marker) opens a level under the previous `Array of X` / object row; where the table does not say
 * when a level ends, the page's own JSON response example decides (the field goes to the deepest open
 * level whose example object holds that key); without an example, the field stays at the deepest level.
 */
export function nestFields(rows: Omit<PageResponseField, 'path' | 'parent'>[], example: unknown): PageResponseField[] {
  type Level = { path: string[]; sample: unknown[] };
  const samplesAt = (objs: unknown[], key: string): unknown[] => objs.flatMap((o) => {
    if (!o || typeof o !== 'object' || Array.isArray(o) || !(key in o)) return [];
    const v = (o as Record<string, unknown>)[key];
    return Array.isArray(v) ? v : [v];
  });
  const stack: Level[] = [{ path: [], sample: example === undefined ? [] : [example] }];
  const out: PageResponseField[] = [];
  let prev: PageResponseField | undefined;
  let prevLevel: Level | undefined;
  for (const row of rows) {
    const marker = !row.type;
    if (marker && prev && prevLevel) {
      // Struct marker: one level below the previous row.
      const parentLevel: Level = { path: [...prevLevel.path, prev.name], sample: samplesAt(prevLevel.sample, prev.name) };
      while (stack.length > 0 && stack[stack.length - 1] !== prevLevel) stack.pop();
      stack.push(parentLevel);
      const f: PageResponseField = { ...row, parent: prev.name, path: [...parentLevel.path, row.name] };
      out.push(f);
      stack.push({ path: f.path, sample: samplesAt(parentLevel.sample, row.name) });
      prev = f; prevLevel = parentLevel;
      continue;
    }
    let level = stack[stack.length - 1]!;
    if (stack.length > 1) {
      const holding = [...stack].reverse().find((l) => l.sample.some((o) => o && typeof o === 'object' && row.name in o));
      if (holding) { level = holding; while (stack[stack.length - 1] !== holding) stack.pop(); }
    }
    const parent = level.path[level.path.length - 1];
    const f: PageResponseField = { ...row, ...(parent ? { parent } : {}), path: [...level.path, row.name] };
    out.push(f);
    prev = f; prevLevel = level;
  }
  return out;
}
