// End-to-end: `orbital-vs-terrestrial` (a stacked-bar breakdown and a second view against the
// launch price) and `kv-cache` on the demo essay, in headless Chromium. Expected numbers come from
// the hand formulas of the issue and SOURCES.md §4–5, not from the implementation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, widget } from './browser.mjs';

const env = suite();
const ovt = widget('orbital-vs-terrestrial');
const kv = widget('kv-cache');

/** Billions of dollars, as a readout shows them. */
const busd = (usd) => `$${(usd / 1e9).toFixed(1)}B`;

/** McCalip's model by hand (issue 14): 1 GW for `years`, orbit at `launch` $/kg. */
function mccalip({ launch = 500, usdPerW = 22, wPerKg = 36.5, fail = 0.09, years = 5 } = {}) {
  let avg = 0;
  for (let y = 0; y < years; y++) avg += 0.975 ** y;
  avg /= years;
  const watts = Math.ceil(1e9 / (avg * 0.98) / 27e3) * 27e3;
  const hardware = usdPerW * watts;
  const mass = watts / wPerKg;
  const orbitNoLaunch = hardware * (1 + 0.01 * years + fail * years) + 1e9;
  const ground = 1800 * 1.2 / 1000 * 1e9 + 12.5e9 + 6200 * 4.3 / 1000 * 1.2 * 1e3 * 8760 * years * 0.85;
  return { hardware, launchCost: launch * mass, orbit: orbitNoLaunch + launch * mass, ground, breakEven: (ground - orbitNoLaunch) / mass };
}

/** Pixels of the canvas (seen over white) close to `rgb` (within 12 per channel). */
const pixelsNear = (page, root, rgb) => page.locator(`${root} canvas`).evaluate((c, rgb) => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) {
    const a = d[i + 3] / 255;
    const near = [0, 1, 2].every((k) => Math.abs(d[i + k] * a + 255 * (1 - a) - rgb[k]) < 12);
    if (near) n++;
  }
  return n;
}, rgb);

test('orbital-vs-terrestrial reproduces McCalip at its defaults, as a breakdown in bars', async () => {
  const page = await env.open();
  const m = mccalip();
  assert.equal(await ovt.out(page, 'orbital_total'), busd(m.orbit)); // $51.1B
  assert.equal(await ovt.out(page, 'terrestrial_total'), busd(m.ground)); // $15.9B
  assert.equal(await ovt.out(page, 'hardware'), busd(m.hardware));
  assert.equal(await ovt.out(page, 'launch'), busd(m.launchCost));
  assert.equal(await ovt.out(page, 'ratio'), `${(m.orbit / m.ground).toFixed(2)}×`);
  assert.ok(m.breakEven < 0);
  assert.equal(await ovt.out(page, 'break_even_usd_per_kg'), 'never, even at $0/kg');
  // The bars are in the canvas: the hardware part's tint (the accent, a quarter over white).
  const tint = [0x0b, 0x5c, 0xad].map((c) => Math.round(c * 0.25 + 255 * 0.75));
  await page.locator(ovt.W).scrollIntoViewIfNeeded();
  await page.waitForTimeout(100);
  const barPixels = await pixelsNear(page, ovt.W, tint);
  assert.ok(barPixels > 2000, `${barPixels} px of the hardware bar`);
  assert.equal(await page.locator(`${ovt.W} .ew-chart .ew-caption`).textContent(), 'Cost over the period, by part');
  // Show data: a row per part, the totals last, and the CSV says the same.
  await page.locator(`${ovt.W} .ew-data > summary`).click();
  // The table is filled when it opens (next frame).
  await page.locator(`${ovt.W} [data-table] tbody tr:not([hidden])`).first().waitFor();
  const rows = await page.locator(`${ovt.W} [data-table] tbody tr:not([hidden])`).evaluateAll((trs) => trs.map((tr) => [...tr.children].filter((c) => !c.hidden).map((c) => c.textContent)));
  assert.deepEqual(rows[0], ['Hardware', busd(m.hardware), '–']);
  assert.deepEqual(rows.at(-1), ['Total', busd(m.orbit), busd(m.ground)]);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`${ovt.W} [data-action="csv"]`).click()]);
  const csv = await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString());
  assert.match(csv, /^Part,In orbit \(\$\),On the ground \(\$\)\r\nHardware,/);
});

test('the chart switches to both totals against the launch price, and a link keeps the view', async () => {
  const page = await env.open();
  await page.locator(ovt.W).scrollIntoViewIfNeeded();
  const before = await ovt.pixels(page);
  await page.locator(`${ovt.W} input[data-param="view"][value="launch-price"]`).check();
  await page.waitForFunction(() => location.search.includes('orbital-vs-terrestrial.view=launch-price'));
  assert.match(await page.locator(`${ovt.W} .ew-chart .ew-caption`).textContent(), /^Cost over the period against launch price/);
  await page.waitForTimeout(100);
  assert.notEqual(await ovt.pixels(page), before);
  // The crosshair reads both lines at the reader's price.
  await page.locator(`${ovt.W} canvas`).focus();
  const probe = await page.locator(`${ovt.W} .ew-probe`).textContent();
  assert.match(probe, /^At \$500\/kg: In orbit \$51\.1B; On the ground \$15\.9B/);
  // Cheaper, more reliable satellites: a break-even appears where the hand formula puts it.
  await ovt.type(page, 'sat_usd_per_w', '5');
  await ovt.type(page, 'gpu_fail_pct', '2');
  const m = mccalip({ usdPerW: 5, fail: 0.02 });
  assert.ok(m.breakEven > 10 && m.breakEven < 500, `${m.breakEven}`);
  assert.equal(await ovt.out(page, 'break_even_usd_per_kg'), `$${Math.round(m.breakEven)}/kg`);
  assert.equal(await page.locator('[data-essay-bind="orbital-vs-terrestrial.break_even_usd_per_kg"]').textContent(), `$${Math.round(m.breakEven)}/kg`);
  // The link opens in the same view and scenario.
  await page.waitForFunction(() => location.search.includes('orbital-vs-terrestrial.gpu_fail_pct=2'));
  const again = await env.open(new URL(page.url()).pathname + new URL(page.url()).search);
  assert.equal(await again.locator(`${ovt.W} input[data-param="view"][value="launch-price"]`).isChecked(), true);
  assert.equal(await ovt.out(again, 'break_even_usd_per_kg'), `$${Math.round(m.breakEven)}/kg`);
  await again.context().close();
});

test('one launch price key for both orbital widgets; ranges give the chance that orbit is cheaper', async () => {
  const page = await env.open('/?orbital-gpu-cost.launch_usd_per_kg=300&orbital-vs-terrestrial.launch_usd_per_kg=200~2720');
  assert.equal(await widget('orbital-gpu-cost').out(page, 'rack_cost'), '$408K'); // $300/kg × 1,360.8 kg
  const o = page.locator(`${ovt.W} [data-output="orbital_total"]`);
  const [p5, p50, p95] = await Promise.all(['data-p5', 'data-p50', 'data-p95'].map((a) => o.getAttribute(a).then(Number)));
  // The total is linear in the price: its percentiles are the price's (lognormal, 200 to 2,720).
  for (const [p, price] of [[p5, 200], [p50, Math.sqrt(200 * 2720)], [p95, 2720]]) {
    const want = mccalip({ launch: price }).orbit;
    assert.ok(Math.abs(p / want - 1) < 0.01, `${p} vs ${want}`);
  }
  assert.match(await page.locator(`${ovt.W} [data-chance]`).textContent(), /^Chance that orbit is cheaper than the ground: < 0\.01\u00a0%/);
});

test('kv-cache: Llama 3.1 70B at 128K in BF16 is 42.9 GB, and the fleet spills to flash', async () => {
  const page = await env.open();
  const perToken = 2 * 80 * 8 * 128 * 2; // 327,680 B
  const session = perToken * 131072;
  assert.equal(await kv.out(page, 'bytes_per_token'), `${perToken.toLocaleString('en-US')}\u00a0B`);
  assert.equal(await kv.out(page, 'session_bytes'), `${(session / 1e9).toFixed(1)}\u00a0GB`);
  const free = 8 * 80e9 - 141e9; // 499 GB
  assert.equal(await kv.out(page, 'sessions_in_hbm'), String(Math.floor(free / session)));
  const spill = 100 * session - free - 2e12;
  assert.equal(await kv.out(page, 'flash_needed'), `${(spill / 1e12).toFixed(1)}\u00a0TB`);
  assert.equal(await kv.out(page, 'flash_usd'), `$${Math.round(spill / 1e12 * 79 * 2.23)}`);
  // FP8 halves the cache; DeepSeek-V3's latent attention caches 61 × 576 numbers per token.
  await page.locator(`${kv.W} input[data-param="kv_precision"][value="FP8"]`).check();
  assert.equal(await kv.out(page, 'bytes_per_token'), `${(perToken / 2).toLocaleString('en-US')}\u00a0B`);
  await page.locator(`${kv.W} input[data-param="model"][value="deepseek-v3"]`).check();
  assert.equal(await kv.out(page, 'bytes_per_token'), `${(61 * 576).toLocaleString('en-US')}\u00a0B`);
  assert.equal(await page.locator('[data-essay-bind="kv-cache.bytes_per_token"]').textContent(), `${(61 * 576).toLocaleString('en-US')}\u00a0B`);
});

test('kv-cache: reload against recompute, and where a slow flash tier starts to win', async () => {
  const page = await env.open('/?kv-cache.view=time&kv-cache.flash_gb_s=1');
  const t = 131072;
  const recompute = t / 20000 * (1 + 80 * 8192 * t / 70.6e9);
  const reload = 327680 * t / 1e9;
  // Recompute − reload = a·t² + b·t: zero at t = (327,680 / 1e9 − 1 / 20,000) / (80 × 8,192 / (70.6e9 × 20,000)).
  const even = (327680 / 1e9 - 1 / 20000) / (80 * 8192 / (70.6e9 * 20000));
  assert.equal(await kv.out(page, 'flash_beats_recompute'), `${Math.round(even).toLocaleString('en-US')}\u00a0tokens`);
  assert.match(await kv.out(page, 'recompute'), new RegExp(`^${recompute.toPrecision(3)}\u00a0s$`));
  await page.locator(`${kv.W} canvas`).focus();
  const probe = await page.locator(`${kv.W} .ew-probe`).textContent();
  assert.match(probe, /^At 131,072: Recompute the prefix .+; Reload from DRAM .+; Reload from flash .+/);
  assert.ok(reload > recompute, 'at 1 GB/s the flash loses at 128K');
});
