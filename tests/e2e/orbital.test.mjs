// End-to-end: the demo essay in headless Chromium. Numbers asserted here are the hand
// calculations of SOURCES.md §1, not values copied from the implementation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, widget } from './browser.mjs';

const env = suite();

const { W, out, field, slider, pixels: canvasPixels, param } = widget('orbital-gpu-cost');
const open = env.open;

test('mounts in place of the fallback and shows the essay numbers', async () => {
  const page = await open();
  const host = page.locator(W);
  assert.equal(await host.getAttribute('data-ready'), '');
  assert.ok(!(await host.textContent()).includes('static summary'), 'fallback replaced');
  assert.equal(await out(page, 'rack_cost'), '$3.6M');   // $1,200/lb × 3,000 lb
  assert.equal(await out(page, 'fleet_cost'), '$5.0B');  // 1,389 racks × $3.6M
  assert.equal(await out(page, 'racks'), '1,389\u00a0racks'); // ⌈100,000 / 72⌉
  assert.equal(await out(page, 'gpu_cost'), '$50,000');  // $3.6M / 72
  assert.equal(await field(page, 'launch_usd_per_lb').inputValue(), '1,200');
  // Every control and readout is addressable; every default names its source.
  assert.ok(await page.locator(`${W} [data-param]`).count() >= 10);
  assert.ok((await page.locator(`${W} .ew-src`).first().textContent()).includes('NASA Ames'));
  // The chart is drawn (not blank) and crisp: backing store = CSS size × devicePixelRatio.
  const c = await page.locator(`${W} canvas`).evaluate((c) => ({ w: c.width, cw: c.clientWidth, dpr: devicePixelRatio,
    inked: c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v, i) => i % 4 === 3 && v > 0) }));
  assert.equal(c.w, Math.round(c.cw * c.dpr));
  assert.ok(c.inked, 'canvas has pixels');
  assert.equal(new URL(page.url()).search, '', 'loading does not write the URL');
});

test('typing a value updates readouts, chart and URL; reloading restores it', async () => {
  const page = await open('/?utm_source=test#the-launch-bill');
  const before = await canvasPixels(page);
  await field(page, 'launch_usd_per_lb').fill('800');
  await field(page, 'launch_usd_per_lb').press('Enter');
  assert.equal(await out(page, 'rack_cost'), '$2.4M');  // $800 × 3,000 lb
  assert.equal(await out(page, 'fleet_cost'), '$3.3B'); // 1,389 × $2.4M = $3.33B
  await page.waitForFunction(() => location.search.includes('launch_usd_per_lb=800'));
  assert.notEqual(await canvasPixels(page), before, 'chart redrawn');
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('utm_source'), 'test', "page's own parameters kept");
  assert.equal(url.hash, '#the-launch-bill', 'fragment kept');
  assert.deepEqual([...url.searchParams.keys()].filter((k) => k.startsWith('orbital-gpu-cost.')),
    ['orbital-gpu-cost.v', 'orbital-gpu-cost.launch_usd_per_lb'], 'the format version, then only changed values');
  assert.equal(url.searchParams.get('orbital-gpu-cost.v'), '2');

  const again = await open(url.pathname + url.search + url.hash);
  assert.equal(await out(again, 'rack_cost'), '$2.4M');
  assert.equal(await field(again, 'launch_usd_per_lb').inputValue(), '800');
});

test('dragging a slider moves readouts and chart, and writes the URL once input settles', async () => {
  const page = await open();
  const before = await canvasPixels(page);
  await slider(page, 'gpus').scrollIntoViewIfNeeded();
  const box = await slider(page, 'gpus').boundingBox();
  // Drag the fleet size slider with the mouse, in many small steps.
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + box.width * (0.5 + i * 0.02), box.y + box.height / 2);
  await page.mouse.up();
  const fleet = Number((await field(page, 'gpus').inputValue()).replaceAll(',', ''));
  assert.ok(fleet > 100_000, `fleet grew: ${fleet}`);
  // Readouts follow the hand formula: ⌈fleet / 72⌉ racks × $3.6M.
  const racks = Math.ceil(fleet / 72);
  assert.equal(await out(page, 'racks'), `${racks.toLocaleString('en-US')}\u00a0racks`);
  const cost = racks * 3.6e6;
  const shown = Number((await out(page, 'fleet_cost')).replace(/[$B]/g, '')) * 1e9;
  const tolerance = shown >= 100e9 ? 0.5e9 : 0.05e9; // "$144B" or "$14.4B": half the last digit shown
  assert.ok(Math.abs(shown - cost) <= tolerance + 1, `fleet cost ${shown} vs ${cost}`);
  assert.notEqual(await canvasPixels(page), before);
  await page.waitForFunction((f) => new URLSearchParams(location.search).get('orbital-gpu-cost.gpus') === String(f), fleet);
});

test('unit switch shows kilograms without changing the money', async () => {
  const page = await open();
  await page.locator(`${W} input[data-param="units"][value="kg"]`).check({ force: true });
  assert.equal(await field(page, 'launch_usd_per_lb').inputValue(), '2,646'); // $1,200/lb ÷ 0.45359237
  assert.equal(await field(page, 'rack_lb').inputValue(), '1,361'); // 3,000 lb × 0.45359237 = 1,360.78 kg, shown to 4 digits
  assert.equal(await out(page, 'fleet_cost'), '$5.0B');
  await field(page, 'launch_usd_per_lb').fill('2000');
  await field(page, 'launch_usd_per_lb').press('Enter');
  // $2,000/kg × 1,360.78 kg = $2.72M per rack.
  assert.equal(await out(page, 'rack_cost'), '$2.7M');
  await page.waitForFunction(() => location.search.includes('units=kg'));
});

test('supporting hardware adds solar and radiator mass', async () => {
  const page = await open();
  const mass = page.locator(`${W} [data-output="total_mass"]`);
  assert.equal(await mass.isVisible(), false);
  await page.locator(`${W} input[data-param="support"]`).check({ force: true });
  assert.equal(await mass.isVisible(), true);
  assert.equal(await page.locator(`${W} input[type="range"][data-param="rack_kw"]:not([data-end])`).isVisible(), true);
  // Solar: 120 kW ÷ 36.5 W/kg = 3,288 kg = 7,248 lb. Radiator at 70 °C: 120 kW ÷ (2·0.9·σ·343.15⁴) = 84.8 m² × 7 kg/m² = 594 kg = 1,309 lb.
  const sigma = 5.670374419e-8, area = 120e3 / (2 * 0.9 * sigma * 343.15 ** 4);
  const totalLb = 3000 + (120e3 / 36.5 + area * 7) / 0.45359237;
  assert.equal(await out(page, 'total_mass'), `${Math.round(totalLb).toLocaleString('en-US')}\u00a0lb`);
  assert.equal(await out(page, 'rack_cost'), `$${(1200 * totalLb / 1e6).toFixed(1)}M`);
});

test('a broken or hostile link gets a visible note and sane values', async () => {
  const q = '?orbital-gpu-cost.launch_usd_per_lb=abc'
    + '&orbital-gpu-cost.gpus=-5'
    + '&orbital-gpu-cost.rack_lb=Infinity'
    + '&orbital-gpu-cost.support=%3Cimg%20src%3Dx%20onerror%3D%22window.pwned%3D1%22%3E'
    + '&orbital-gpu-cost.nonsense=%ZZ';
  const page = await open('/' + q);
  const notes = page.locator(`${W} .ew-notes`);
  assert.equal(await notes.isVisible(), true);
  const text = await notes.textContent();
  for (const part of ['Launch price: “abc” is not a number', 'Fleet size (GPUs): -5 is outside the range', 'Rack mass: “Infinity” is not a number', '“<img src=x onerror="window.pwned=1">” is not one of off, on', 'nonsense']) {
    assert.ok(text.includes(part), `note mentions ${part}: ${text}`);
  }
  assert.equal(await page.locator(`${W} img`).count(), 0, 'payload not rendered as markup');
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  // Sane values: defaults, and the fleet clamped to its 1,000-GPU minimum → ⌈1,000/72⌉ = 14 racks × $3.6M.
  assert.equal(await out(page, 'rack_cost'), '$3.6M');
  assert.equal(await out(page, 'racks'), '14\u00a0racks');
  assert.equal(await out(page, 'fleet_cost'), '$50.4M');
  await page.locator(`${W} .ew-notes button`).click();
  assert.equal(await notes.isVisible(), false);
});

test('typed garbage is refused with a message; out-of-range is clamped', async () => {
  const page = await open();
  const f = field(page, 'gpus_per_rack');
  await f.fill('lots');
  await f.press('Enter');
  const msg = page.locator(`${W} .ew-param:has(input[data-param="gpus_per_rack"]) .ew-msg`);
  assert.match(await msg.textContent(), /“lots” is not a number; kept 72/);
  assert.equal(await f.inputValue(), '72');
  await f.fill('100000');
  await f.press('Enter');
  assert.match(await msg.textContent(), /outside 1–576; set to 576/);
  assert.equal(await out(page, 'racks'), '174\u00a0racks'); // ⌈100,000 / 576⌉
});

test('several widgets on one page are independent, each in its own URL namespace', async () => {
  const page = await open('/tests/e2e/fixtures/two-widgets.html');
  const [a, b] = ['#first', '#second'];
  await field(page, 'gpus', b).fill('200000');
  await field(page, 'gpus', b).press('Enter');
  assert.equal(await out(page, 'racks', b), '2,778\u00a0racks'); // ⌈200,000 / 72⌉
  assert.equal(await out(page, 'racks', a), '1,389\u00a0racks');
  await page.waitForFunction(() => location.search.includes('orbit-b.gpus=200000'));
  assert.equal(param(page, 'gpus'), null);
  // The typo'd placeholder keeps its fallback and says what is wrong.
  const typo = page.locator('#typo');
  assert.equal(await typo.getAttribute('data-error'), 'unknown-widget');
  assert.match(await typo.textContent(), /fallback three[\s\S]*no widget “orbital-gpu-costs”/);
  const again = await open(new URL(page.url()).pathname + new URL(page.url()).search);
  assert.equal(await out(again, 'racks', b), '2,778\u00a0racks');
  assert.equal(await out(again, 'racks', a), '1,389\u00a0racks');
  // The loader looked for a model file of that name, and the browser says it found none.
  const missing = (e) => /Failed to load resource: .*404/.test(e);
  page.allow(missing);
  again.allow(missing);
  assert.equal(page.errors.filter(missing).length, 1, page.errors.join('\n'));
});

test('a 375 px phone: no horizontal scroll, chart fits', async () => {
  const page = await open('/', { viewport: { width: 375, height: 800 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0);
  const c = await page.locator(`${W} canvas`).evaluate((c) => ({ w: c.width, cw: c.clientWidth, right: c.getBoundingClientRect().right }));
  assert.ok(c.right <= 375, 'canvas inside the viewport');
  assert.equal(c.w, Math.round(c.cw * 3));
  await slider(page, 'launch_usd_per_lb').tap();
  assert.notEqual(await out(page, 'rack_cost'), '$3.6M', 'a tap moves the slider');
});
