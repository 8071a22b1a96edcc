// One self-contained HTML file: the matrix (server-rendered, escaped), case data as inert JSON,
// and a small inline script for cell clicks, filters and per-case expected/actual diffs.
import { VERDICTS, VENDORS, type CaseResult, type ReportableRun, type Verdict } from '../core/types.ts';
import { asList, buildMatrix, outcomeOf, uncoveredRows, type Cell, type Matrix } from './matrix.ts';
import { backingText, duration, failurePair, plural, pretty, profileText, replayCommand, rerunCommand, sourceText } from './format.ts';
import { exchangeLines } from './exchange.ts';
import { lineDiff } from './diff.ts';
import { CSS, SCRIPT } from './html-assets.ts';
import { countWhere, mapCases, someCase } from '../core/case-list.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escape for HTML text and quoted attributes. */
export function escapeHtml(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}

/** JSON safe inside <script type="application/json">: no `<`, `>`, `&` or line separators survive. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function cellButton(cell: Cell, attrs: { contract?: string; category?: string; t: number; target: string }): string {
  if (cell.total === 0) return '<span class="empty">·</span>';
  const counts = VERDICTS.filter((v) => cell.counts[v]).map((v) => `${cell.counts[v]} ${v}`).join(', ');
  const title = `${attrs.target}: ${counts}`;
  return `<button type="button" class="cell v-${cell.worst}" data-contract="${escapeHtml(attrs.contract ?? '')}" ` +
    `data-category="${escapeHtml(attrs.category ?? '')}" data-t="${attrs.t}" title="${escapeHtml(title)}">${cell.passed}/${cell.total}</button>`;
}

function matrixTable(m: Matrix): string {
  const cells = (get: (t: number) => Cell, a: { contract?: string; category?: string }) =>
    m.targets.map((t, ti) => cellButton(get(ti), { ...a, t: ti, target: t.name })).join('');
  const head = `<tr><th class="op">operation</th>${m.categories.map((k) => `<th>${escapeHtml(k.replace('-', '-\u200b'))}</th>`).join('')}<th>total</th></tr>`;
  const body = m.groups.map((g) => {
    const rows = g.rows.map((r) => `<tr data-vendor="${escapeHtml(r.vendor)}"><td class="op" title="${escapeHtml(r.contract)}">${escapeHtml(r.operation)}</td>` +
      m.categories.map((k) => `<td>${cells((t) => r.cells[k][t], { contract: r.contract, category: k })}</td>`).join('') +
      `<td class="total">${cells((t) => r.total[t], { contract: r.contract })}</td></tr>`).join('\n');
    return `<tr class="group" data-vendor="${escapeHtml(g.vendor)}"><th colspan="${m.categories.length + 2}">${escapeHtml(`${g.vendor} / ${g.service}`)}</th></tr>\n${rows}`;
  }).join('\n');
  const totals = `<tr class="totals"><td class="op">all operations</td>${m.categories.map((k) => `<td>${cells((t) => m.totals[k][t], { category: k })}</td>`).join('')}` +
    `<td class="total">${cells((t) => m.overall[t], {})}</td></tr>`;
  return `<table class="matrix" id="matrix"><thead>${head}</thead><tbody>\n${body}\n${totals}</tbody></table>`;
}

function targetCard(run: ReportableRun): string {
  const outcome = outcomeOf(run);
  const outcomeClass = outcome === 'conformant' ? 'v-pass' : outcome === 'nonconformant' ? 'v-fail' : 'v-inconclusive';
  const counts = VERDICTS.map((v) => [v, countWhere(run.cases, (c) => c.verdict === v)] as const)
    .filter(([, n]) => n).map(([v, n]) => `<span class="badge v-${v}">${n} ${v}</span>`).join('');
  return `<div class="target"><span class="name">${escapeHtml(run.target.name)}</span><span class="kind">${escapeHtml(run.target.kind)}</span>` +
    `<span class="outcome ${outcomeClass}">${outcome}</span>` +
    `<div class="muted">${plural(run.cases.length, 'case')} in ${duration(run.durationMs)} · seed ${run.seed} · ${escapeHtml(run.depth)} · ${escapeHtml(profileText(run))}` +
    `${run.shard ? ` · shard ${run.shard.index}/${run.shard.count}` : ''}</div><div class="counts">${counts}</div></div>`;
}

/** Text cut into plain and linked pieces; the script builds them as nodes, never as markup. */
export type LinkedText = { t: string; href?: string }[];

/** http(s) URLs in a source line become links; nothing else does (no `javascript:` or other schemes). */
export function linkSegments(text: string): LinkedText {
  const out: LinkedText = [];
  let at = 0;
  for (const m of text.matchAll(/https?:\/\/[^\s;,()<>"']+/g)) {
    if (m.index > at) out.push({ t: text.slice(at, m.index) });
    out.push({ t: m[0], href: m[0] });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ t: text.slice(at) });
  return out;
}

/**
 * Case data for the script; what backs each expectation is shared by many cases, so it is listed
 * once (`backings`) and each case names its entry (`b`).
 */
function caseData(runs: ReportableRun[]) {
  const backings: { sources: LinkedText[]; claims: string[] }[] = [];
  const index = new Map<string, number>();
  const backingOf = (c: CaseResult): number | undefined => {
    const b = backingText(c);
    if (!b.sources.length && !b.claims.length) return undefined;
    const key = JSON.stringify(b);
    let i = index.get(key);
    if (i === undefined) { i = backings.push({ sources: b.sources.map(linkSegments), claims: b.claims }) - 1; index.set(key, i); }
    return i;
  };
  const cases = runs.flatMap((run, t) => mapCases(run.cases, (c) => {
    const { expected, actual, check } = failurePair(c);
    return {
      t, id: c.id, title: c.title, verdict: c.verdict, contract: c.contract, category: c.category, vendor: c.vendor,
      reason: c.reason, source: sourceText(c.source), request: c.request, mutation: c.mutation?.description,
      durationMs: c.durationMs, rerun: rerunCommand(c.id, run), check,
      ...(c.exchanges?.length ? { wire: c.exchanges.map((x) => exchangeLines(x).join('\n')), replay: replayCommand(c.id, run) } : {}),
      checks: c.checks.map((k) => ({ name: k.name, ok: k.ok, message: k.message })),
      b: backingOf(c),
      diff: lineDiff(pretty(expected), pretty(actual)),
    };
  }));
  return { cases, backings };
}

/** An interrupted run and the vendors the preflight stopped, above the matrix. */
function notices(runs: ReportableRun[]): string {
  const items = runs.flatMap((r) => [
    ...(r.interrupted ? [`${r.target.name}: interrupted; the results hold the ${r.cases.length} cases that finished`] : []),
    ...(r.preflight ?? []).map((s) => `preflight: ${s.message}; its cases were skipped`),
  ]);
  return items.length ? `<section class="card notice">${items.map((t) => `<p>${escapeHtml(t)}</p>`).join('')}</section>` : '';
}

export function render(results: ReportableRun | ReportableRun[], opts: { title?: string } = {}): string {
  const runs = asList(results);
  const m = buildMatrix(runs);
  const title = opts.title ?? 'Conformance report';
  const vendors = VENDORS.filter((v) => runs.some((r) => someCase(r.cases, (c) => c.vendor === v)));
  const data = { targets: m.targets, verdicts: VERDICTS, ...caseData(runs) };
  const chips = (VERDICTS as readonly Verdict[]).map((v) =>
    `<label class="chip v-${v}"><input type="checkbox" data-verdict="${v}" checked>${v}</label>`).join('');
  const multi = runs.length > 1
    ? `<div class="legend">Each cell shows one badge per target, top to bottom: ${m.targets.map((t, i) => `<b>${i + 1}.</b> ${escapeHtml(t.name)}`).join(' ')}</div>` : '';
  const disagree = m.disagreements.length ? `<section class="card"><h2>Targets disagree (${m.disagreements.length})</h2><div class="scroll"><table class="plain">` +
    `<tr><th>case</th>${m.targets.map((t) => `<th>${escapeHtml(t.name)}</th>`).join('')}</tr>` +
    m.disagreements.map((d) => `<tr><td><code>${escapeHtml(d.id)}</code></td>${d.verdicts.map((v) => `<td><span class="badge v-${v ?? 'none'}">${v ?? 'not run'}</span></td>`).join('')}</tr>`).join('') +
    '</table></div></section>' : '';
  const uncovered = uncoveredRows(runs);
  const uncoveredHtml = `<section class="card"><h2>Uncovered error rows (${uncovered.length})</h2>` + (uncovered.length
    ? `<table class="plain"><tr><th>operation</th><th>status</th><th>code</th><th>why no case</th></tr>${uncovered.map((u) =>
      `<tr><td><code>${escapeHtml(u.contract)}</code></td><td>${u.status}</td><td><code>${escapeHtml(u.code)}</code></td><td>${escapeHtml(u.reason)}</td></tr>`).join('')}</table>`
    : '<p class="muted">Every documented error row has a case.</p>') + '</section>';
  const first = runs[0];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style></head>
<body>
<header><h1>${escapeHtml(title)}</h1><div class="meta">cloud-api-conformance ${escapeHtml(first?.tool.version ?? '')} · started ${escapeHtml(first?.startedAt ?? '')} · ${plural(m.targets.length, 'target')}</div></header>
<main>
<section class="summary" style="margin-bottom:18px">${runs.map(targetCard).join('')}</section>
${notices(runs)}
<section class="card"><h2>Matrix</h2>
<div class="toolbar" style="margin-bottom:12px">
<span><span class="lbl">verdicts</span>${chips}</span>
<span><span class="lbl">vendor</span><select id="vendor"><option value="">all vendors</option>${vendors.map((v) => `<option value="${v}">${v}</option>`).join('')}</select></span>
<span><span class="lbl">search</span><input type="search" id="search" placeholder="case id or title"></span>
</div>
<div class="scroll">${matrixTable(m)}</div>
<div class="legend">Cells: passed/total (pass + pass-ambiguous), coloured by the worst verdict: ${VERDICTS.map((v) => `<span class="badge v-${v}">${v}</span>`).join('')} Click a cell to list its cases.</div>
${multi}
</section>
<section class="card" id="details"><h2 id="cases-title"><span><span id="sel-label">All failures</span> <span class="hint" id="sel-count"></span></span>
<span><button type="button" id="show-failures">all failures</button> <button type="button" id="show-all">all cases</button></span></h2>
<div id="cases"></div></section>
${disagree}
${uncoveredHtml}
</main>
<script type="application/json" id="report-data">${jsonForScript(data)}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
