// End-to-end: the `datacenter-power` widget on the demo essay, in headless Chromium. Expected
// numbers come from the hand formulas of SOURCES.md §2 (facility = GPUs × kW × PUE;
// energy = facility × 8,760 h; bill = energy × $/MWh), not from the implementation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, widget } from './browser.mjs';

const env = suite();

const dc = widget('datacenter-power');
const orbital = widget('orbital-gpu-cost');
const { W, out, field, slider, pixels, param, type } = dc;
const open = env.open;

/** Megawatts as a reader expects them: three significant digits. */
const mw = (watts) => `${Number((watts / 1e6).toPrecision(3))}\u00a0MW`;
/** Millions of dollars, whole above $100M. */
const musd = (usd) => `$${usd >= 99.95e6 ? Math.round(usd / 1e6) : (usd / 1e6).toFixed(1)}M`;
const facility = (gpus, kw, pue) => gpus * kw * 1000 * pue;
const bill = (watts, usdPerMwh = 80.6) => (watts / 1e6) * 8760 * usdPerMwh;
const checkedPreset = (page) => page.locator(`${W} input[data-param="gpu_model"]:checked`).getAttribute('value');

test('mounts next to the orbital widget and reproduces the SOURCES cross-check', async () => {
  const page = await open();
  assert.equal(await page.locator(W).getAttribute('data-ready'), '');
  assert.equal(await page.locator(orbital.W).getAttribute('data-ready'), '');
  // 100,000 × 1.667 kW (120 kW ÷ 72) × PUE 1.2 ≈ 200 MW; × 8,760 h ≈ 1.75 TWh; × $80.6/MWh ≈ $141M.
  const watts = facility(100_000, 1.667, 1.2);
  assert.equal(await out(page, 'facility_load'), '200\u00a0MW');
  assert.equal(await out(page, 'it_load'), mw(100_000 * 1667));
  assert.equal(await out(page, 'energy_year'), `${(watts * 8760 / 1e12).toFixed(2)}\u00a0TWh`);
  assert.equal(await out(page, 'bill_year'), musd(bill(watts)));
  assert.equal(await out(page, 'gpu_hour'), `$${(bill(watts) / (100_000 * 8760)).toFixed(2)}`);
  assert.equal(await out(page, 'bill_total'), musd(5 * bill(watts)));
  assert.equal(await checkedPreset(page), 'gb200-nvl72');
  assert.equal(await field(page, 'kw_per_gpu').inputValue(), '1.667');
  assert.ok((await page.locator(`${W} .ew-chart-src`).textContent()).includes('Stargate Abilene'));
  assert.equal(new URL(page.url()).search, '', 'loading writes nothing');
});

test('PUE: typing and the reference marks move readouts, chart and URL', async () => {
  const page = await open();
  const before = await pixels(page);
  await type(page, 'pue', '1.1');
  // 100,000 × 1.667 kW × 1.1 = 183.4 MW.
  assert.equal(await out(page, 'facility_load'), mw(facility(100_000, 1.667, 1.1)));
  assert.notEqual(await pixels(page), before, 'chart redrawn');
  // The "Industry average 1.56" mark under the slider sets the value.
  await page.locator(`${W} button[data-set="pue"][data-value="1.56"]`).click();
  assert.equal(await field(page, 'pue').inputValue(), '1.56');
  const watts = facility(100_000, 1.667, 1.56);
  assert.equal(await out(page, 'facility_load'), mw(watts));
  assert.equal(await out(page, 'bill_year'), musd(bill(watts)));
  await page.waitForFunction(() => new URLSearchParams(location.search).get('datacenter-power.pue') === '1.56');
  assert.equal(orbital.param(page, 'launch_usd_per_lb'), null, 'the other widget writes nothing');
});

test('accelerator count: keyboard steps on the log slider follow the formula', async () => {
  const page = await open();
  await slider(page, 'gpus').focus();
  for (let i = 0; i < 50; i++) await page.keyboard.press('ArrowRight');
  const gpus = Number((await field(page, 'gpus').inputValue()).replaceAll(',', ''));
  assert.ok(gpus > 100_000 && gpus < 1_000_000, `count grew: ${gpus}`);
  assert.equal(await out(page, 'facility_load'), mw(facility(gpus, 1.667, 1.2)));
  await page.waitForFunction((g) => new URLSearchParams(location.search).get('datacenter-power.gpus') === String(g), gpus);
});

test('presets fill the editable power; a value of your own shows as Custom', async () => {
  const page = await open();
  await page.locator(`${W} input[data-param="gpu_model"][value="h100"]`).check({ force: true });
  // All-in: DGX H100 10.2 kW ÷ 8 GPUs (SOURCES.md).
  assert.equal(await field(page, 'kw_per_gpu').inputValue(), '1.275');
  assert.equal(await out(page, 'facility_load'), mw(facility(100_000, 10.2 / 8, 1.2))); // 153 MW
  await page.waitForFunction(() => location.search.includes('datacenter-power.gpu_model=h100'));
  assert.equal(param(page, 'kw_per_gpu'), null, 'the preset name stands for the number');

  await type(page, 'kw_per_gpu', '1.25');
  assert.equal(await checkedPreset(page), 'custom');
  assert.equal(await out(page, 'facility_load'), mw(facility(100_000, 1.25, 1.2))); // 150 MW
  await page.waitForFunction(() => new URLSearchParams(location.search).get('datacenter-power.kw_per_gpu') === '1.25');
  assert.equal(param(page, 'gpu_model'), null);
  // Typing a preset's exact value selects that preset again.
  await type(page, 'kw_per_gpu', '1.875'); // GB300 NVL72 ≈ 135 kW ÷ 72
  assert.equal(await checkedPreset(page), 'gb300-nvl72');
});

test('a shared link restores both widgets, each from its own keys', async () => {
  const q = '?datacenter-power.v=2&datacenter-power.gpus=1000000&datacenter-power.gpu_model=gb300-nvl72&datacenter-power.pue=1.1'
    + '&datacenter-power.usd_per_mwh=60&orbital-gpu-cost.launch_usd_per_lb=800';
  const page = await open('/' + q);
  // 1,000,000 × 135/72 kW × 1.1 = 2.06 GW; the bill at $60/MWh.
  const watts = facility(1_000_000, 135 / 72, 1.1);
  assert.equal(await out(page, 'facility_load'), `${Number((watts / 1e9).toPrecision(3))}\u00a0GW`);
  assert.equal(await out(page, 'bill_year'), `$${(bill(watts, 60) / 1e9).toFixed(1)}B`);
  assert.equal(await checkedPreset(page), 'gb300-nvl72');
  assert.equal(await orbital.out(page, 'rack_cost'), '$2.4M'); // $800/lb × 3,000 lb
  assert.equal(await page.locator(`${W} .ew-notes`).isVisible(), false);
  assert.equal(new URL(page.url()).search, q, 'the link is left as it came');
});

test('garbage in the link: a visible note, sane values, nothing injected', async () => {
  const q = '?datacenter-power.pue=banana&datacenter-power.gpus=1e12'
    + '&datacenter-power.gpu_model=%3Cscript%3Ewindow.pwned%3D1%3C%2Fscript%3E&datacenter-power.usd_per_mwh=NaN'
    + '&datacenter-power.watts=9';
  const page = await open('/' + q);
  const notes = page.locator(`${W} .ew-notes`);
  assert.equal(await notes.isVisible(), true);
  const text = await notes.textContent();
  for (const part of ['PUE (facility ÷ IT power): “banana” is not a number', 'Accelerators: 1e12 is outside the range',
    '“<script>window.pwned=1</script>” is not one of h100', 'Electricity price: “NaN” is not a number', '“watts”']) {
    assert.ok(text.includes(part), `note mentions ${part}: ${text}`);
  }
  assert.equal(await page.locator(`${W} script`).count(), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  // Defaults stand, the count is clamped to 5,000,000: 5e6 × 1.667 kW × 1.2 = 10.0 GW.
  assert.equal(await out(page, 'facility_load'), '10\u00a0GW');
  assert.equal(await checkedPreset(page), 'gb200-nvl72');
  assert.equal(await page.locator(`${orbital.W} .ew-notes`).isVisible(), false, 'the other widget is unaffected');
});

test('375 px phone: fits, and the chart is crisp', async () => {
  const page = await open('/', { viewport: { width: 375, height: 800 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0);
  const c = await page.locator(`${W} canvas`).evaluate((c) => ({ w: c.width, cw: c.clientWidth, right: c.getBoundingClientRect().right }));
  assert.ok(c.right <= 375);
  assert.equal(c.w, Math.round(c.cw * 2));
  // The PUE marks stay inside the widget.
  const marks = await page.locator(`${W} .ew-tick`).evaluateAll((els) => els.map((e) => e.getBoundingClientRect()));
  const box = await page.locator(W).boundingBox();
  for (const m of marks) assert.ok(m.left >= box.x && m.right <= box.x + box.width, `mark inside: ${m.left}–${m.right}`);
});
