// Inline CSS and client script of the HTML report (no network: everything lives in the file).
// The script builds DOM nodes with textContent only, so case data is never parsed as HTML.

export const CSS = String.raw`
:root { --fg:#1f2328; --muted:#656d76; --line:#d0d7de; --bg:#f6f8fa; --card:#fff;
  --pass:#1a7f37; --pass-bg:#dafbe1; --amb:#0550ae; --amb-bg:#ddf4ff; --skip:#57606a; --skip-bg:#eaeef2;
  --inc:#9a6700; --inc-bg:#fff8c5; --fail:#cf222e; --fail-bg:#ffebe9; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 -apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif; color:var(--fg); background:var(--bg); }
header { background:#24292f; color:#fff; padding:18px 28px; }
header h1 { margin:0 0 4px; font-size:20px; font-weight:600; }
header .meta { color:#adbac7; font-size:12.5px; }
main { padding:20px 28px 40px; max-width:1500px; }
.card { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:16px 18px; margin-bottom:18px; }
h2 { font-size:16px; margin:0 0 12px; }
.summary { display:flex; gap:14px; flex-wrap:wrap; }
.target { border:1px solid var(--line); border-radius:8px; padding:10px 14px; min-width:280px; background:var(--card); }
.target .name { font-weight:600; } .target .kind { color:var(--muted); font-size:12px; margin-left:6px; }
.counts { display:flex; gap:6px; margin-top:8px; flex-wrap:wrap; }
.outcome { font-size:12px; font-weight:600; padding:1px 8px; border-radius:10px; margin-left:8px; }
.badge, .chip { display:inline-block; border-radius:999px; padding:1px 9px; font-size:12px; font-weight:600; white-space:nowrap; }
.v-pass { color:var(--pass); background:var(--pass-bg); } .v-pass-ambiguous { color:var(--amb); background:var(--amb-bg); }
.v-skipped { color:var(--skip); background:var(--skip-bg); } .v-inconclusive { color:var(--inc); background:var(--inc-bg); }
.v-fail { color:var(--fail); background:var(--fail-bg); } .v-none { color:#8c959f; background:transparent; }
.toolbar { display:flex; gap:18px; align-items:center; flex-wrap:wrap; }
.toolbar label.chip { cursor:pointer; user-select:none; border:1px solid transparent; }
.toolbar label.chip input { margin:0 5px 0 0; vertical-align:-1px; }
.toolbar label.chip.off { opacity:.45; text-decoration:line-through; }
.toolbar select, .toolbar input[type=search] { font:inherit; padding:4px 8px; border:1px solid var(--line); border-radius:6px; background:#fff; }
.toolbar .lbl { color:var(--muted); font-size:12px; margin-right:4px; }
.scroll { overflow-x:auto; }
table.matrix { border-collapse:separate; border-spacing:0; width:100%; font-size:13px; }
.matrix th, .matrix td { padding:5px 6px; text-align:center; border-bottom:1px solid #eaeef2; }
.matrix thead th { font-size:11.5px; color:var(--muted); font-weight:600; vertical-align:bottom; position:sticky; top:0; background:var(--card); }
.matrix th.op, .matrix td.op { text-align:left; white-space:nowrap; }
.matrix td.op { font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:12.5px; }
.matrix tr.group th { text-align:left; background:var(--bg); font-size:12px; color:var(--fg); padding-top:8px; }
.matrix tr.totals td { font-weight:600; border-top:2px solid var(--line); }
.matrix td.total { border-left:2px solid var(--line); }
.matrix button.cell { border:0; border-radius:6px; font:600 12px/1.2 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; padding:5px 0; width:58px; cursor:pointer; display:block; margin:1px auto; }
.matrix button.cell:hover { outline:2px solid #0969da55; } .matrix button.cell.selected { outline:2px solid #0969da; }
.matrix .empty { color:#afb8c1; }
.legend { color:var(--muted); font-size:12px; margin-top:10px; display:flex; gap:8px; flex-wrap:wrap; align-items:center; }
#cases-title { display:flex; justify-content:space-between; align-items:baseline; gap:12px; flex-wrap:wrap; }
#cases-title .hint { color:var(--muted); font-size:12px; font-weight:400; }
details.case { border:1px solid var(--line); border-left:4px solid var(--line); border-radius:6px; margin:8px 0; background:#fff; }
details.case.v-fail { border-left-color:var(--fail); } details.case.v-pass { border-left-color:var(--pass); }
details.case.v-inconclusive { border-left-color:#d4a72c; } details.case.v-skipped { border-left-color:#8c959f; }
details.case.v-pass-ambiguous { border-left-color:#54aeff; }
details.case, details.case.v-fail, details.case.v-pass, details.case.v-skipped, details.case.v-inconclusive, details.case.v-pass-ambiguous { background:#fff; color:var(--fg); }
details.case summary { cursor:pointer; padding:8px 12px; display:flex; gap:10px; align-items:center; flex-wrap:wrap; }
details.case summary .id { font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:12.5px; }
details.case summary .tgt { color:var(--muted); font-size:12px; }
.case-body { padding:4px 14px 12px; border-top:1px solid #eaeef2; }
.case-body dl { display:grid; grid-template-columns:110px 1fr; gap:4px 12px; margin:8px 0; }
.case-body dt { color:var(--muted); } .case-body dd { margin:0; word-break:break-word; }
code, pre { font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:12px; }
pre.diff { background:var(--bg); border:1px solid var(--line); border-radius:6px; padding:8px 0; overflow:auto; margin:6px 0 0; }
pre.diff span { display:block; padding:0 10px; white-space:pre-wrap; }
pre.diff .d-del { background:#ffebe9; color:#82071e; } pre.diff .d-add { background:#dafbe1; color:#116329; }
table.checks { border-collapse:collapse; margin-top:6px; font-size:12.5px; }
table.checks td, table.checks th { border:1px solid #eaeef2; padding:3px 8px; text-align:left; vertical-align:top; }
table.plain { border-collapse:collapse; width:100%; font-size:13px; }
table.plain th, table.plain td { border-bottom:1px solid #eaeef2; padding:5px 8px; text-align:left; }
#details h2 button { font:600 12px/1 inherit; font-family:inherit; padding:6px 12px; border:1px solid var(--line); border-radius:6px; background:var(--bg); color:var(--fg); cursor:pointer; }
#details h2 button:hover { background:#eaeef2; }
pre.wire { background:var(--bg); border:1px solid var(--line); border-radius:6px; padding:8px 10px; overflow:auto; margin:6px 0 0; white-space:pre-wrap; word-break:break-all; }
.notice { border-left:4px solid #d4a72c; } .notice p { margin:2px 0; }
ul.sources { margin:0; padding-left:16px; font-size:12.5px; } ul.sources li { margin:1px 0; }
.muted { color:var(--muted); } .empty-list { color:var(--muted); padding:12px 0; }
`;

/** Plain ES5-style script: no template literals, so it embeds safely in a String.raw. */
export const SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var state = { sel: { kind: 'failures' }, verdicts: {}, vendor: '', q: '' };
  data.verdicts.forEach(function (v) { state.verdicts[v] = true; });

  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }
  function inSelection(c) {
    var s = state.sel;
    if (s.kind === 'failures') return c.verdict === 'fail';
    if (s.kind === 'all') return true;
    if (s.t !== undefined && c.t !== s.t) return false;
    if (s.contract && c.contract !== s.contract) return false;
    if (s.category && c.category !== s.category) return false;
    return true;
  }
  function passesFilters(c) {
    if (!state.verdicts[c.verdict]) return false;
    if (state.vendor && c.vendor !== state.vendor) return false;
    if (state.q && c.id.toLowerCase().indexOf(state.q) < 0 && c.title.toLowerCase().indexOf(state.q) < 0) return false;
    return true;
  }
  function selectionLabel() {
    var s = state.sel;
    if (s.kind === 'failures') return 'All failures';
    if (s.kind === 'all') return 'All cases';
    var parts = [s.contract || 'all operations', s.category || 'all categories'];
    if (data.targets.length > 1 && s.t !== undefined) parts.push('on ' + data.targets[s.t].name);
    return parts.join(' · ');
  }
  function row(dl, label, value, isCode) {
    if (value === undefined || value === null || value === '') return;
    dl.appendChild(el('dt', '', label));
    var dd = el('dd');
    dd.appendChild(isCode ? el('code', '', value) : document.createTextNode(String(value)));
    dl.appendChild(dd);
  }
  /** A source line from its pieces: http(s) URLs as links (pieces cut by the reporter, linkSegments). */
  function linked(pieces) {
    var span = el('span');
    pieces.forEach(function (p) {
      if (!p.href) { span.appendChild(document.createTextNode(p.t)); return; }
      var a = el('a', '', p.t);
      a.setAttribute('href', p.href);
      a.setAttribute('rel', 'noopener noreferrer');
      a.setAttribute('target', '_blank');
      span.appendChild(a);
    });
    return span;
  }
  /** The sources the expectation rests on, as a compact list, and the ledger claims it follows. */
  function backingRows(dl, b) {
    if (b.sources.length) {
      dl.appendChild(el('dt', '', 'backed by'));
      var dd = el('dd');
      var ul = el('ul', 'sources');
      b.sources.forEach(function (s) { var li = el('li'); li.appendChild(linked(s)); ul.appendChild(li); });
      dd.appendChild(ul);
      dl.appendChild(dd);
    }
    if (b.claims.length) row(dl, 'claims', b.claims.join(', '), true);
  }
  function caseNode(c) {
    var d = el('details', 'case v-' + c.verdict);
    d.setAttribute('data-case', c.id);
    var s = el('summary');
    s.appendChild(el('span', 'badge v-' + c.verdict, c.verdict));
    s.appendChild(el('span', 'id', c.id));
    if (data.targets.length > 1) s.appendChild(el('span', 'tgt', '@ ' + data.targets[c.t].name));
    d.appendChild(s);
    var body = el('div', 'case-body');
    var dl = el('dl');
    row(dl, 'title', c.title);
    row(dl, 'reason', c.reason);
    row(dl, 'source', c.source, true);
    if (c.b !== undefined) backingRows(dl, data.backings[c.b]);
    row(dl, 'mutation', c.mutation);
    row(dl, 'request', c.request, true);
    row(dl, 're-run', c.rerun, true);
    row(dl, 'replay', c.replay, true);
    row(dl, 'duration', c.durationMs + ' ms');
    body.appendChild(dl);
    if (c.checks.length) {
      var t = el('table', 'checks');
      var h = el('tr');
      ['check', 'ok', 'message'].forEach(function (x) { h.appendChild(el('th', '', x)); });
      t.appendChild(h);
      c.checks.forEach(function (k) {
        var tr = el('tr');
        tr.appendChild(el('td', '', k.name));
        tr.appendChild(el('td', k.ok ? 'v-pass' : 'v-fail', k.ok ? 'ok' : 'failed'));
        tr.appendChild(el('td', '', k.message || ''));
        t.appendChild(tr);
      });
      body.appendChild(t);
    }
    body.appendChild(el('div', 'muted', 'expected (−) vs actual (+)' + (c.check ? ', check ' + c.check : '')));
    var pre = el('pre', 'diff');
    c.diff.forEach(function (line) {
      var cls = line[0] === '-' ? 'd-del' : line[0] === '+' ? 'd-add' : '';
      var prefix = line[0] === '=' ? '  ' : line[0] + ' ';
      pre.appendChild(el('span', cls, prefix + line[1]));
    });
    body.appendChild(pre);
    (c.wire || []).forEach(function (w) {
      body.appendChild(el('div', 'muted', 'wire exchange (secrets redacted; > sent, < received)'));
      body.appendChild(el('pre', 'wire', w));
    });
    d.appendChild(body);
    return d;
  }
  function render() {
    var list = document.getElementById('cases');
    while (list.firstChild) list.removeChild(list.firstChild);
    var selected = data.cases.filter(inSelection);
    var shown = selected.filter(passesFilters);
    document.getElementById('sel-label').textContent = selectionLabel();
    document.getElementById('sel-count').textContent =
      shown.length + ' of ' + selected.length + ' cases shown' +
      (selected.length > shown.length ? ' (' + (selected.length - shown.length) + ' hidden by filters)' : '');
    if (!shown.length) list.appendChild(el('div', 'empty-list', selected.length ? 'All cases here are hidden by the filters.' : 'No cases here.'));
    var frag = document.createDocumentFragment();
    shown.slice(0, 500).forEach(function (c) { frag.appendChild(caseNode(c)); });
    list.appendChild(frag);
    if (shown.length > 500) list.appendChild(el('div', 'empty-list', (shown.length - 500) + ' more: narrow the filters.'));
    if (shown.length === 1) list.firstChild.open = true;
    var rows = document.querySelectorAll('tr[data-vendor]');
    for (var i = 0; i < rows.length; i++) {
      rows[i].hidden = !!state.vendor && rows[i].getAttribute('data-vendor') !== state.vendor;
    }
  }
  function select(sel, button) {
    state.sel = sel;
    var prev = document.querySelectorAll('button.cell.selected');
    for (var i = 0; i < prev.length; i++) prev[i].classList.remove('selected');
    if (button) button.classList.add('selected');
    render();
  }
  document.getElementById('matrix').addEventListener('click', function (e) {
    var b = e.target.closest ? e.target.closest('button.cell') : null;
    if (!b) return;
    select({
      kind: 'cell',
      contract: b.getAttribute('data-contract') || undefined,
      category: b.getAttribute('data-category') || undefined,
      t: Number(b.getAttribute('data-t')),
    }, b);
    document.getElementById('details').scrollIntoView({ behavior: 'smooth', block: 'start' });
  });
  document.getElementById('show-failures').addEventListener('click', function () { select({ kind: 'failures' }); });
  document.getElementById('show-all').addEventListener('click', function () { select({ kind: 'all' }); });
  var boxes = document.querySelectorAll('input[data-verdict]');
  for (var i = 0; i < boxes.length; i++) {
    boxes[i].addEventListener('change', function (e) {
      var box = e.target;
      state.verdicts[box.getAttribute('data-verdict')] = box.checked;
      box.parentNode.classList.toggle('off', !box.checked);
      render();
    });
  }
  document.getElementById('vendor').addEventListener('change', function (e) { state.vendor = e.target.value; render(); });
  document.getElementById('search').addEventListener('input', function (e) { state.q = e.target.value.trim().toLowerCase(); render(); });
  render();
})();
`;
