// Accessibility in headless Chromium: an axe-core audit of the demo essay (WCAG 2.0–2.2 A and AA,
// light and dark), a keyboard-only walk through every control of one widget, what a screen
// reader hears (aria-valuetext, the live region, the chart's text alternative, the data table),
// and reduced motion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { suite, widget } from './browser.mjs';

const env = suite();

const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
const dc = widget('datacenter-power');
const orbital = widget('orbital-gpu-cost');
const open = env.open;

async function audit(page) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

test('axe-core: the new widgets in their other chart views, with details open, and the builder page', async () => {
  const page = await open('/?orbital-vs-terrestrial.view=launch-price&orbital-vs-terrestrial.radiators=on&orbital-vs-terrestrial.details=on&kv-cache.view=time&kv-cache.details=on');
  assert.deepEqual(await audit(page), []);
  await page.context().close();
  const builder = await open('/www/builder.html?files=/www/&widget=kv-cache');
  assert.deepEqual(await audit(builder), []);
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe-core finds no WCAG A/AA violations on the demo essay (${colorScheme})`, async () => {
    const page = await open('/', { colorScheme });
    // Also with the optional parts showing: notes, a moved scenario, the data table, details.
    await orbital.type(page, 'gpus', '300000');
    await page.locator(`${orbital.W} .ew-data summary`).click();
    await page.locator(`${orbital.W} input[data-param="support"]`).check({ force: true });
    await page.locator('[data-essay-widget="flash-scarcity"] input[data-param="details"]').check({ force: true });
    const violations = await audit(page);
    assert.deepEqual(violations, []);
    const hostile = await open('/?orbital-gpu-cost.gpus=abc', { colorScheme });
    assert.deepEqual(await audit(hostile), [], 'with the link notes showing');
    await page.context().close(); await hostile.context().close();
  });
}

test('keyboard only: every control of a widget, readouts and the live region follow', async () => {
  const page = await open('/');
  // Start just before the widget and Tab in.
  await page.locator(`${dc.W} .ew-title`).evaluate((h) => { h.tabIndex = -1; h.focus(); });
  const focused = () => page.evaluate(() => {
    const e = document.activeElement;
    return { param: e.dataset.param ?? null, action: e.dataset.action ?? null, type: e.type ?? e.tagName, ring: getComputedStyle(e).outlineStyle !== 'none' || getComputedStyle(e.nextElementSibling ?? e).outlineStyle !== 'none' };
  });
  const visited = new Set();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const f = await focused();
    if (f.param) visited.add(f.param);
    if (f.param === 'years' && f.type === 'text') break;
  }
  for (const key of ['gpus', 'gpu_model', 'kw_per_gpu', 'pue', 'util_pct', 'usd_per_mwh', 'years']) assert.ok(visited.has(key), `Tab reaches ${key}: ${[...visited]}`);

  // Sliders: arrows step, Page Up/Down take a tenth of the range.
  const slider = dc.slider(page, 'pue');
  await slider.focus();
  assert.equal(await slider.getAttribute('aria-valuetext'), '1.2');
  await page.keyboard.press('ArrowRight');
  assert.equal(await dc.field(page, 'pue').inputValue(), '1.21');
  await page.keyboard.press('PageUp'); // +0.1 of 1.0–2.0
  assert.equal(await dc.field(page, 'pue').inputValue(), '1.31');
  await page.keyboard.press('PageDown');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await dc.field(page, 'pue').inputValue(), '1.2');
  const price = dc.slider(page, 'usd_per_mwh');
  await price.focus();
  await page.keyboard.press('End');
  assert.equal(await price.getAttribute('aria-valuetext'), '$250 per MWh');
  // 100,000 × 1.667 kW × 1.2 × 8,760 h × $250/MWh = $438M a year.
  assert.equal(await dc.out(page, 'bill_year'), '$438M');
  // The preset group: arrow keys move between accelerators.
  await page.locator(`${dc.W} input[data-param="gpu_model"]:checked`).focus();
  await page.keyboard.press('ArrowLeft'); // GB200 → B200 (DGX B200 14.3 kW ÷ 8, all-in)
  assert.equal(await dc.field(page, 'kw_per_gpu').inputValue(), '1.7875');
  // A typed value, committed with Enter.
  await dc.field(page, 'gpus').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('50000');
  await page.keyboard.press('Enter');
  // 50,000 × 1.7875 kW × 1.2 = 107.25 MW.
  assert.equal(await dc.out(page, 'facility_load'), '107\u00a0MW');
  // Once input settles, the live region says it in one sentence.
  await page.waitForFunction((w) => document.querySelector(`${w} [data-live]`).textContent.includes('107\u00a0MW'), dc.W);
  const said = await page.locator(`${dc.W} [data-live]`).textContent();
  assert.match(said, /^50,000\saccelerators at 1\.79\skW each, with a PUE of 1\.2, draw 107\sMW from the grid/);
  // Share and Reset are reachable and work from the keyboard.
  await page.locator(`${dc.W} button[data-action="reset"]`).focus();
  await page.keyboard.press('Enter');
  assert.equal(await dc.out(page, 'facility_load'), '200\u00a0MW');
});

test('what assistive technology gets: labels, value texts, the chart in words, the data table', async () => {
  const page = await open('/');
  // Every control has an accessible name.
  const unnamed = await page.locator('.ew input, .ew button').evaluateAll((els) => els
    .filter((e) => !(e.labels?.length || e.getAttribute('aria-label') || e.textContent.trim() || e.closest('label')))
    .map((e) => e.outerHTML.slice(0, 80)));
  assert.deepEqual(unnamed, []);
  assert.equal(await orbital.slider(page, 'launch_usd_per_lb').getAttribute('aria-valuetext'), '$1,200 per lb');
  const flash = widget('flash-scarcity');
  assert.equal(await flash.slider(page, 'reduction').getAttribute('aria-valuetext'), '1.87 to 1');
  // The chart's text alternative says what is plotted and where the reader is.
  const alt = await page.locator(`${orbital.W} canvas`).getAttribute('aria-label');
  assert.match(alt, /^Chart of fleet launch cost against launch price\. At \$1,200\/lb to orbit, 100,000\sGPUs .* cost \$5\.0B/);
  // "Show data": the plotted numbers as a table, the reader's row marked.
  await page.locator(`${orbital.W} .ew-data summary`).click();
  const rows = page.locator(`${orbital.W} [data-table] tbody tr`);
  await rows.first().waitFor();
  assert.deepEqual(await page.locator(`${orbital.W} [data-table] thead th:not([hidden])`).allTextContents(), ['Launch price ($/lb)', 'Fleet launch cost ($)']);
  assert.deepEqual(await page.locator(`${orbital.W} [data-table] tr[data-yours]`).locator('th:not([hidden]), td:not([hidden])').allTextContents(), ['$1,200/lb (yours)', '$5.0B']);
  // It follows the reader: a new price moves the point along the same line…
  await orbital.type(page, 'launch_usd_per_lb', '800');
  assert.deepEqual(await page.locator(`${orbital.W} [data-table] tr[data-yours]`).locator('th:not([hidden]), td:not([hidden])').allTextContents(), ['$800/lb (yours)', '$3.3B']);
  // …a bigger fleet draws a new line, and the essay's line becomes a column of its own.
  await orbital.type(page, 'gpus', '200000'); // ⌈200,000 / 72⌉ = 2,778 racks
  assert.deepEqual(await page.locator(`${orbital.W} [data-table] thead th:not([hidden])`).allTextContents(), ['Launch price ($/lb)', 'Fleet launch cost ($)', 'The essay ($)']);
  assert.deepEqual(await page.locator(`${orbital.W} [data-table] tr[data-yours]`).locator('th:not([hidden]), td:not([hidden])').allTextContents(), ['$800/lb (yours)', '$6.7B', '$3.3B']);
  // The text alternative says what the chart compares: the reader's numbers against the essay's.
  await page.waitForFunction((w) => document.querySelector(`${w} canvas`).getAttribute('aria-label').includes('Compared with the essay'), orbital.W);
  assert.match(await page.locator(`${orbital.W} canvas`).getAttribute('aria-label'), /fleet launch cost \$6\.7B against \$5\.0B in the essay/);
});

test('reduced motion and 200 % zoom', async () => {
  const page = await open('/', { reducedMotion: 'reduce' });
  const t = await page.locator(`${orbital.W} .ew-switch-track`).evaluate((e) => getComputedStyle(e).transitionDuration);
  assert.equal(t, '0s');
  await page.context().close();
  // 200 % zoom on a 1280 px screen is a 640 px viewport at twice the pixels.
  const zoomed = await open('/', { viewport: { width: 640, height: 800 }, deviceScaleFactor: 2 });
  assert.equal(await zoomed.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0);
  await orbital.type(zoomed, 'launch_usd_per_lb', '800');
  assert.equal(await orbital.out(zoomed, 'rack_cost'), '$2.4M');
});
