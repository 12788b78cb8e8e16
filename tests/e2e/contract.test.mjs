// The link contract and the chart's reading aids (issue "Publishable"): the crosshair readout by
// pointer and keyboard, CSV precision, the host page's history.state, mount() twice, and
// namespaces that cannot collide.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KIT, suite, widget } from './browser.mjs';

const env = suite();
const orbital = widget('orbital-gpu-cost');
const flash = widget('flash-scarcity');

/** "$1.2K" → 1200, "$83B" → 8.3e10. */
const money = (text) => {
  const m = /\$(\d[\d,]*(?:\.\d+)?)(K|M|B|T)?/.exec(text);
  return Number(m[1].replaceAll(',', '')) * ({ K: 1e3, M: 1e6, B: 1e9, T: 1e12 }[m[2]] ?? 1);
};

test('the chart reads its values at any x: pointer and keyboard (crosshair + words)', async () => {
  const page = await env.open();
  const canvas = page.locator(`${orbital.W} canvas`);
  const probe = page.locator(`${orbital.W} .ew-probe`);
  assert.match(await probe.textContent(), /Point at the chart/);
  const plain = await orbital.pixels(page);
  const box = await canvas.boundingBox();
  await canvas.hover({ position: { x: box.width * 0.6, y: box.height * 0.5 } });
  await page.waitForFunction((w) => document.querySelector(`${w} .ew-probe`).textContent.startsWith('At '), orbital.W);
  const said = await probe.textContent();
  // Fleet cost = price per lb × 3,000 lb × 1,389 racks, at the x the reader points at.
  const [, x, y] = /^At (\$[^:]+): Fleet launch cost (\$[\d.,]+[KMBT]?)/.exec(said) ?? [];
  assert.ok(x && y, said);
  const want = money(x) * 3000 * 1389;
  assert.ok(Math.abs(money(y) - want) <= 0.06 * want, `${said} (want ≈ ${want.toExponential(2)})`);
  // One precision rule: what the pointer reads has three significant digits, no more.
  const digits = (t) => t.replace(/[^\d]/g, '').replace(/^0+/, '').replace(/0+$/, '').length;
  assert.ok(digits(x) <= 3 && digits(y) <= 3, said);
  assert.notEqual(await orbital.pixels(page), plain, 'the crosshair is drawn');
  await page.mouse.move(0, 0);
  // Keyboard: focus the chart, Home and End go to the axis ends, arrows step.
  await canvas.focus();
  await page.keyboard.press('Home');
  const home = await probe.textContent();
  await page.keyboard.press('End');
  const end = await probe.textContent();
  assert.ok(money(/^At ([^:]+)/.exec(end)[1]) > money(/^At ([^:]+)/.exec(home)[1]) * 100, `${home} → ${end}`);
  await page.keyboard.press('ArrowLeft');
  assert.notEqual(await probe.textContent(), end);
  assert.equal(await canvas.getAttribute('aria-describedby'), await probe.getAttribute('id'));
  await page.keyboard.press('Escape');
  assert.match(await probe.textContent(), /press ← →/);
});

test('CSV: every value to meaningful precision (at most four significant digits)', async () => {
  const page = await env.open();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`${flash.W} button[data-action="csv"]`).click(),
  ]);
  const text = (await (await import('node:fs/promises')).readFile(await download.path(), 'utf8')).trim();
  const cells = text.split('\r\n').slice(1).flatMap((l) => l.split(','));
  const digits = (c) => c.replace(/^-?0*\.?0*/, '').replace('.', '').replace(/0+$/, '').length;
  const noisy = cells.filter((c) => digits(c) > 4);
  assert.deepEqual(noisy, [], 'no float noise like 18901194.0579');
  assert.ok(cells.length >= 20, `${cells.length} cells`);
});

test('URL writes keep the host page\'s history.state', async () => {
  const page = await env.open();
  await page.evaluate(() => history.replaceState({ host: 'router', n: 7 }, ''));
  await orbital.type(page, 'launch_usd_per_lb', '900');
  await page.waitForFunction(() => location.search.includes('launch_usd_per_lb=900'));
  assert.deepEqual(await page.evaluate(() => history.state), { host: 'router', n: 7 });
});

test('mount() called again (twice) adds nothing: one widget, one listener, one event per change', async () => {
  const page = await env.open();
  const result = await page.evaluate(async () => {
    window.essayWidgets.mount();
    window.essayWidgets.mount();
    const widgets = [...document.querySelectorAll('[data-essay-widget]')].map((p) => p.querySelectorAll('.ew-widget').length);
    let events = 0;
    document.addEventListener('essay-widgets:change', () => events++);
    window.essayWidgets.widget('orbital-gpu-cost').set({ launch_usd_per_lb: 700 });
    await new Promise((r) => setTimeout(r, 100));
    return { widgets, events };
  });
  assert.equal(result.widgets.length, KIT.length, 'a placeholder per kit widget');
  assert.deepEqual(result.widgets, result.widgets.map(() => 1));
  assert.equal(result.events, 1);
  // Typing still works, once.
  await orbital.type(page, 'launch_usd_per_lb', '600');
  assert.equal(await orbital.out(page, 'rack_cost'), '$1.8M'); // $600/lb × 3,000 lb
});

test('a data-url-key with a dot is refused with a visible note, the widget works under its id; namespaces cannot collide', async () => {
  const page = await env.open('/tests/e2e/fixtures/bad-url-key.html?a.b.launch_usd_per_lb=500&orbital-gpu-cost.gpus=200000');
  const dotted = page.locator('#dotted');
  assert.equal(await dotted.getAttribute('data-error'), 'bad-url-key');
  assert.equal(await dotted.getAttribute('data-ns'), 'orbital-gpu-cost', 'the default namespace');
  assert.equal(await dotted.getAttribute('data-ready'), '');
  assert.match(await dotted.locator('.ew-notes').textContent(), /data-url-key: “a\.b” must be letters, digits, “-” or “_”; links use “orbital-gpu-cost”/);
  assert.ok(await dotted.locator('.ew-notes').isVisible());
  // It reads its links under that namespace: 200,000 GPUs in 2,778 racks × $3.6M = $10.0B.
  assert.equal(await orbital.out(page, 'fleet_cost', '#dotted'), '$10.0B');
  // The widget keyed "a" does not read "a.b.launch_usd_per_lb" as its own "b.launch_usd_per_lb",
  // nor as its launch price.
  assert.equal(await orbital.out(page, 'rack_cost', '#fine'), '$3.6M');
  page.allow(/data-url-key/); // the author's mistake, said on the console too
});
