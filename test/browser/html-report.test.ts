// The HTML report in a real Chromium: renders the matrix, a cell click lists its cases, a verdict
// filter hides cases, the <script> payload stays text, no console errors, and a screenshot for docs.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { readResults } from '../../reporters/json.ts';
import { render } from '../../reporters/html.ts';

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
    await expect(page.locator('#matrix thead th').count()).resolves.toBe(14);
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

  it('has no console errors, dialogs or network requests, and saves a screenshot', async () => {
    await page.locator('button.cell[data-contract="aliyun.ecs.DeleteSnapshot"][data-category=""][data-t="0"]').click();
    await page.locator('#cases details.case.v-fail').first().locator('summary').click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: resolve(import.meta.dirname, '../../docs/html-report.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
