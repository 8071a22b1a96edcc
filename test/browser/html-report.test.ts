// The HTML report in a real Chromium: renders the matrix, a cell click lists its cases, a verdict
// filter hides cases, the <script> payload stays text, Chinese page text renders as glyphs (a CJK
// font is installed: .ci/run), no console errors, and a screenshot for docs.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { readResults } from '../../reporters/json.ts';
import { render } from '../../reporters/html.ts';
import { createInprocessTarget } from '../../adapters/inprocess.ts';
import { createEmulator } from '../../emulator/index.ts';
import { CATEGORIES } from '../../core/types.ts';
import { generateCases } from '../../generators/index.ts';
import { loadContracts } from '../../loader/index.ts';
import { runSuite } from '../../runner/index.ts';

const CHROMIUM = '/usr/bin/chromium';
const fixtures = resolve(import.meta.dirname, '../fixtures/results');
const runs = [...readResults(join(fixtures, 'emulator.json')), ...readResults(join(fixtures, 'http.json'))];

describe.skipIf(!existsSync(CHROMIUM))('HTML report in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, render(runs));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('dialog', (d) => { problems.push(`dialog opened: ${d.message()}`); void d.dismiss(); });
    page.on('request', (r) => { if (!r.url().startsWith('file:')) problems.push(`network request: ${r.url()}`); });
    await page.goto(pathToFileURL(file).href);
  });

  afterAll(async () => { await browser?.close(); });

  it('renders the matrix with one row per operation and one column per category', async () => {
    await expect(page.locator('#matrix tbody tr[data-vendor]:not(.group)').count()).resolves.toBe(4);
    await expect(page.locator('#matrix thead th').count()).resolves.toBe(CATEGORIES.length + 2); // operation, one per category, total
    // Two targets: two badges per non-empty cell; the first failure row lists every failure.
    await expect(page.locator('#sel-label').textContent()).resolves.toBe('All failures');
    await expect(page.locator('#cases details.case').count()).resolves.toBe(12);
  });

  it('shows a cell\'s cases when the cell is clicked', async () => {
    const cell = page.locator('button.cell[data-contract="aliyun.ecs.CreateSnapshotGroup"][data-category="range-length"][data-t="0"]');
    await expect(cell.textContent()).resolves.toBe('0/2');
    await cell.click();
    await expect(page.locator('#cases details.case').count()).resolves.toBe(2);
    await expect(page.locator('#sel-label').textContent()).resolves.toContain('aliyun.ecs.CreateSnapshotGroup');
    const ids = await page.locator('#cases details.case .id').allTextContents();
    expect(ids).toEqual([
      'aliyun.ecs.CreateSnapshotGroup/range-length/Name-too-long',
      'aliyun.ecs.CreateSnapshotGroup/range-length/Description-too-long',
    ]);
  });

  it('hides cases with a verdict filter and with the vendor filter', async () => {
    await page.locator('button.cell[data-contract=""][data-category=""][data-t="0"]').click();
    await expect(page.locator('#cases details.case').count()).resolves.toBe(28);
    await page.locator('input[data-verdict="pass"]').uncheck();
    await expect(page.locator('#cases details.case').count()).resolves.toBe(15);
    await expect(page.locator('#sel-count').textContent()).resolves.toContain('13 hidden by filters');
    await page.locator('#vendor').selectOption('huaweicloud');
    await expect(page.locator('#cases details.case').count()).resolves.toBe(2);
    await expect(page.locator('#matrix tr[data-vendor="aliyun"]').first().isHidden()).resolves.toBe(true);
    await page.locator('#vendor').selectOption('');
    await page.locator('input[data-verdict="pass"]').check();
  });

  it('keeps the <script> payload as text and shows the expected/actual diff', async () => {
    await page.locator('#show-failures').click();
    const evil = page.locator('details.case[data-case="volcengine.ecs.DeleteInstances/error-table/InvalidInstanceIds.Malformed"]').first();
    await evil.locator('summary').click();
    await expect(evil.locator('dd').first().textContent()).resolves.toContain('<script>alert("xss")</script>');
    await expect(evil.locator('pre.diff .d-del').first().textContent()).resolves.toBe('- InvalidInstanceIds.Malformed');
    await expect(evil.locator('pre.diff .d-add').first().textContent()).resolves.toBe('+ InvalidParameter');
    await expect(page.evaluate(() => document.querySelectorAll('script').length)).resolves.toBe(2);
  });

  it('renders the Chinese page text of state-rule titles as glyphs, not empty boxes (a CJK font is installed)', async () => {
    // A real smoke run: its state-rule titles are the pages' Chinese prose.
    const loaded = loadContracts();
    const emu = createEmulator({ contracts: loaded, world: 'demo', snapshotCreationMs: 0 });
    const target = await createInprocessTarget({ handler: emu.handler, loaded });
    const cases = generateCases(loaded, { seed: 1, depth: 'smoke' });
    const run = await runSuite({ cases, target, loaded, seed: 1, depth: 'smoke' });
    const file = join(mkdtempSync(join(tmpdir(), 'conformance-cjk-')), 'report.html');
    writeFileSync(file, render(run));
    const cjk = await browser.newPage();
    await cjk.goto(pathToFileURL(file).href);
    await cjk.locator('button.cell[data-contract=""][data-category=""][data-t="0"]').click();
    const rule = cjk.locator('details.case[data-case*="/state-rules/"]').first();
    await rule.locator('summary').click();
    const title = rule.locator('dd').first();
    const text = (await title.textContent()) ?? '';
    expect(text).toMatch(/[\u4e00-\u9fff]{4}/);
    // Draw each distinct Han character of the title in the title's own font: with a font for them,
    // every character has its own bitmap; without, each is the same .notdef box (tofu), like U+E000.
    const drawn = await title.evaluate((node, sample) => {
      const style = getComputedStyle(node);
      const font = `${style.fontSize} ${style.fontFamily}`;
      const canvas = document.createElement('canvas');
      canvas.width = 48; canvas.height = 48;
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
      const shot = (ch: string) => {
        ctx.clearRect(0, 0, 48, 48);
        ctx.font = font; ctx.fillStyle = '#000'; ctx.textBaseline = 'top';
        ctx.fillText(ch, 4, 4);
        let h = 2166136261;
        let ink = 0;
        const px = ctx.getImageData(0, 0, 48, 48).data;
        for (let i = 3; i < px.length; i += 4) { h = Math.imul(h ^ px[i]!, 16777619); if (px[i]) ink++; }
        return { h: h >>> 0, ink };
      };
      const chars = [...new Set([...sample].filter((ch) => /[\u4e00-\u9fff]/.test(ch)))].slice(0, 12);
      return { font, chars, shots: chars.map(shot), tofu: shot('\uE000') };
    }, text);
    await cjk.close();
    expect(drawn.chars.length, drawn.font).toBeGreaterThanOrEqual(4);
    expect(drawn.shots.every((s) => s.ink > 0), drawn.font).toBe(true);
    expect(new Set(drawn.shots.map((s) => s.h)).size, `distinct glyphs for ${drawn.chars.join('')} in ${drawn.font}`).toBe(drawn.chars.length);
    expect(drawn.shots.filter((s) => s.h === drawn.tofu.h), 'characters drawn as the .notdef box').toEqual([]);
  });

  it('has no console errors, dialogs or network requests, and saves a screenshot', async () => {
    await page.locator('button.cell[data-contract="aliyun.ecs.DeleteSnapshot"][data-category=""][data-t="0"]').click();
    await page.locator('#cases details.case.v-fail').first().locator('summary').click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: resolve(import.meta.dirname, '../../docs/html-report.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
