// Ranges as inputs (issue "Honest uncertainty"): a linked or typed range is a 90 % interval,
// Monte Carlo in the wasm gives each readout its median and interval (data-p5/p50/p95), the
// chart a band, a tornado says which assumption decides, and the same link gives the same
// figures. Expected numbers are the lognormal worked by hand (SOURCES.md §1: fleet cost is
// price × 3,000 lb × 1,389 racks).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, widget } from './browser.mjs';
import { readFileSync } from 'node:fs';

const env = suite();
const orbital = widget('orbital-gpu-cost');
const flash = widget('flash-scarcity');
const LINK = '/?orbital-gpu-cost.launch_usd_per_kg=300~1500';
const KG_PER_LB = 0.45359237;

const percentiles = (page, w, key) => page.locator(`${w.W} [data-output="${key}"]`).first().evaluate((e) => ({
  text: e.textContent, p5: Number(e.dataset.p5), p50: Number(e.dataset.p50), p95: Number(e.dataset.p95), has: 'p5' in e.dataset,
}));

test('a linked range: median and 90 % interval on the fleet cost, as a lognormal by hand', async () => {
  const page = await env.open(LINK);
  const p = await percentiles(page, orbital, 'fleet_cost');
  assert.ok(p.p5 < p.p50 && p.p50 < p.p95, JSON.stringify(p));
  // Lognormal with 5th/95th percentiles $300 and $1,500 per kg: median √(300·1500) = $670.8/kg.
  const lb = 3000 * 1389;
  const [h5, h50, h95] = [300, Math.sqrt(300 * 1500), 1500].map((kg) => kg * KG_PER_LB * lb);
  assert.ok(p.p50 > h5 && p.p50 < h95, 'p50 inside the hand-computed interval');
  for (const [got, want] of [[p.p5, h5], [p.p50, h50], [p.p95, h95]]) assert.ok(Math.abs(got / want - 1) < 0.01, `${got} vs ${want}`);
  assert.match(p.text, /^\$1\.3B, 90\u00a0%: \$567M–\$2\.8B$/);
  // The convention is said next to the field; the field shows the range, in kg as the link gave it.
  assert.match(await page.locator(`${orbital.W} [data-range-note="launch_usd_per_lb"]`).textContent(), /90\s% interval: low thumb the 5th percentile, high thumb the 95th\. Read as lognormal/);
  assert.equal(await orbital.field(page, 'launch_usd_per_lb').inputValue(), '300 to 1,500');
  // The claim as a probability: more than the essay's $5.0B needs > $1,200/lb (z ≈ 2.8).
  assert.match(await page.locator(`${orbital.W} [data-chance]`).textContent(), /^Chance that the fleet costs more than the starting scenario's \$5\.0B: 0\.\d+\u00a0%$/);
  // The tornado lists launch price first.
  assert.equal(await page.locator(`${orbital.W} [data-tornado] tbody tr:not([hidden])`).first().getAttribute('data-key'), 'launch_usd_per_lb');
});

test('the same link reloaded gives identical figures', async () => {
  const a = await env.open(LINK);
  const first = await percentiles(a, orbital, 'fleet_cost');
  await a.reload();
  await a.waitForFunction((w) => document.querySelector(`${w} [data-output="fleet_cost"]`)?.dataset.p50, orbital.W);
  assert.deepEqual(await percentiles(a, orbital, 'fleet_cost'), first);
});

test('the band is in the canvas pixels, and goes with the ranges', async () => {
  const page = await env.open('/');
  const plain = await orbital.pixels(page);
  await page.goto(`${env.base}${LINK}&orbital-gpu-cost.gpus=50000~200000`);
  await page.waitForFunction((w) => document.querySelector(`${w}[data-ready]`), orbital.W);
  await page.waitForTimeout(200);
  const banded = await orbital.pixels(page);
  assert.notEqual(banded, plain);
  // Count pixels tinted with the accent around the line: the band widens the line's footprint.
  const tinted = (url) => page.evaluate(async (u) => {
    const img = new Image();
    img.src = u;
    await img.decode();
    const c = new OffscreenCanvas(img.width, img.height);
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, img.width, img.height).data;
    let n = 0;
    // The canvas is transparent where nothing is drawn: the band is the accent (blue) at 20 %.
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 30 && d[i + 3] < 90 && d[i + 2] > d[i] + 80) n++;
    return n;
  }, url);
  const [before, after] = [await tinted(plain), await tinted(banded)];
  assert.ok(after > before + 2000, `band pixels: ${before} → ${after}`);
});

test('typing a range, switching range mode, and bad ranges in links', async () => {
  const page = await env.open('/');
  // Typed in the displayed unit, any of the usual forms.
  await orbital.type(page, 'launch_usd_per_lb', '500 to 1,500');
  let p = await percentiles(page, orbital, 'rack_cost');
  // rack cost = price × 3,000 lb: the median √(500·1500) × 3,000.
  assert.ok(Math.abs(p.p50 / (Math.sqrt(500 * 1500) * 3000) - 1) < 0.01, JSON.stringify(p));
  await page.waitForFunction(() => new URLSearchParams(location.search).get('orbital-gpu-cost.launch_usd_per_lb') === '500~1500');
  // High to low is swapped, and says so.
  await orbital.type(page, 'launch_usd_per_lb', '1500-500');
  assert.match(await page.locator(`${orbital.W} [data-msg="launch_usd_per_lb"]`).textContent(), /swapped/);
  // The Range button: off keeps the median as a plain value, on starts from the sources' range.
  const toggle = page.locator(`${orbital.W} button[data-range="launch_usd_per_lb"]`);
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  p = await percentiles(page, orbital, 'rack_cost');
  assert.equal(p.has, false, 'no percentiles without ranges');
  assert.equal(await page.locator(`${orbital.W} [data-tornado]`).isVisible(), false);
  await toggle.click();
  assert.equal(await orbital.field(page, 'launch_usd_per_lb').inputValue(), '136.1 to 680.4');
  // The starting range names its source.
  assert.match(await page.locator(`${orbital.W} [data-range-note="launch_usd_per_lb"]`).textContent(), /Starting range: \$300–\$1,500\/kg: between .*Falcon 9/);
  // Two thumbs: the high one moves the 95th percentile.
  const high = page.locator(`${orbital.W} input[type="range"][data-param="launch_usd_per_lb"][data-end="high"]`);
  assert.ok(await high.isVisible());
  await high.focus();
  await page.keyboard.press('End');
  // The control's top: $100,000/kg = $45,360/lb.
  assert.equal(await orbital.field(page, 'launch_usd_per_lb').inputValue(), '136.1 to 45,360');
  await page.context().close();

  const bad = await env.open('/?orbital-gpu-cost.launch_usd_per_lb=abc~900&orbital-gpu-cost.rack_lb=4000~2000');
  const notes = await bad.locator(`${orbital.W} .ew-notes li:not([hidden])`).allTextContents();
  assert.ok(notes.some((n) => n.includes('“abc”')), notes.join(' | '));
  assert.ok(notes.some((n) => n.includes('high to low')), notes.join(' | '));
  assert.equal(await orbital.field(bad, 'launch_usd_per_lb').inputValue(), '900');
  assert.equal(await orbital.field(bad, 'rack_lb').inputValue(), '2,000 to 4,000');
});

test('flash: the chance that the hybrid is cheaper, three bands, a tornado in order of swing', async () => {
  const page = await env.open('/?flash-scarcity.nand_x=1.5~3&flash-scarcity.reduction=1.5~2.5');
  const chance = await page.locator(`${flash.W} [data-chance]`).textContent();
  const pct = Number(/: ([\d.]+)\u00a0%$/.exec(chance)?.[1]);
  assert.ok(pct > 50 && pct < 100, chance);
  const rows = await page.locator(`${flash.W} [data-tornado] tbody tr:not([hidden])`).evaluateAll((rs) => rs.map((r) => r.dataset.key));
  assert.equal(rows.length, 2);
  const swings = await page.locator(`${flash.W} [data-tornado] tbody tr:not([hidden])`).evaluateAll((rs) => rs.map((r) => r.cells[1].textContent + '|' + r.cells[2].textContent));
  assert.equal(swings.length, 2);
  // Readouts in the comparison table carry percentiles too.
  const t = await percentiles(page, flash, 'allflash_total');
  assert.ok(t.p5 < t.p50 && t.p50 < t.p95);
  // Tornado exports: CSV with units in the header.
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`${flash.W} [data-tornado-export="csv"]`).click()]);
  const csv = (await (await import('node:fs/promises')).readFile(await file.path(), 'utf8')).split('\r\n');
  assert.match(csv[0], /^Input,Low end,High end,.* at low end \(\$\),.* at high end \(\$\)$/);
  assert.equal(csv.filter(Boolean).length, 3);
  const [svgFile] = await Promise.all([page.waitForEvent('download'), page.locator(`${flash.W} [data-tornado-export="svg"]`).click()]);
  const svg = await (await import('node:fs/promises')).readFile(await svgFile.path(), 'utf8');
  assert.match(svg, /<title>What decides the answer/);
});

test('range mode and the tornado are keyboard- and screen-reader-usable (axe-clean, spoken values)', async () => {
  const page = await env.open(`${LINK}&orbital-gpu-cost.gpus=80000~120000`);
  await page.addScriptTag({ content: readFileSync('node_modules/axe-core/axe.min.js', 'utf8') });
  const violations = await page.evaluate(async (w) => {
    const r = await window.axe.run(document.querySelector(w), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }, orbital.W);
  assert.deepEqual(violations, []);
  const low = orbital.slider(page, 'launch_usd_per_lb').first();
  assert.match(await low.getAttribute('aria-label'), /low end \(5th percentile\)/);
  assert.match(await low.getAttribute('aria-valuetext'), /^\$300 per kg$/);
  // The live region says the interval and the chance in words after a change.
  await low.focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((w) => document.querySelector(`${w} [data-live]`).textContent.includes('90\u00a0% interval'), orbital.W, { timeout: 5000 });
  assert.match(await page.locator(`${orbital.W} [data-live]`).textContent(), /With your ranges, fleet launch cost: median .*90\u00a0% interval .* to .*Chance that/);
});

// One number per quantity: with ranges on, a readout shows its output's median (of 10,000
// samples), which for a sum or a ratio is not the output at the inputs' medians. The chart's
// point, a bar's total and parts, and the chart's description say the same numbers.
const ovt = widget('orbital-vs-terrestrial');
const median = async (page, w, key) => (await w.out(page, key)).split(/,?\s90/)[0];
async function svgTexts(page, w) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`${w.W} button[data-action="svg"]`).click()]);
  const text = readFileSync(await file.path(), 'utf8');
  return page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    return { texts: [...doc.querySelectorAll('text')].map((e) => e.textContent), desc: doc.querySelector('svg > desc')?.textContent ?? '' };
  }, text);
}

test('with ranges on, the chart, its bars and its description show the readouts\' medians', async () => {
  const ranges = 'orbital-vs-terrestrial.launch_usd_per_kg=100~3000&orbital-vs-terrestrial.sat_usd_per_w=10~40&orbital-vs-terrestrial.gas_usd_per_mmbtu=2.03~6.45';
  const page = await env.open(`/?${ranges}`);
  await page.locator(`${ovt.W} button[data-action="breakdown"]`).click();
  const orbit = await median(page, ovt, 'orbital_total');
  const ground = await median(page, ovt, 'terrestrial_total');
  const parts = await Promise.all(['hardware', 'launch', 'fuel'].map((k) => median(page, ovt, k)));
  const bars = await svgTexts(page, ovt);
  assert.ok(bars.texts.includes(`In orbit ${orbit}`), `In orbit ${orbit} in ${bars.texts}`);
  assert.ok(bars.texts.includes(`On the ground ${ground}`), `On the ground ${ground} in ${bars.texts}`);
  const all = bars.texts.join(' | ');
  for (const [name, v] of [['Hardware', parts[0]], ['Launch', parts[1]], ['Fuel', parts[2]]]) assert.ok(all.includes(`${name} ${v}`), `${name} ${v} in ${all}`);
  assert.match(bars.desc, new RegExp(`costs ${orbit.replace(/[$.]/g, '\\$&')} in orbit`), bars.desc);
  // The line view: the reader's point is labelled with the same median.
  const view = await env.open(`/?${ranges}&orbital-vs-terrestrial.view=launch-price`);
  const lines = await svgTexts(view, ovt);
  assert.ok(lines.texts.includes(await median(view, ovt, 'orbital_total')), `${await median(view, ovt, 'orbital_total')} in ${lines.texts}`);
  // datacenter-power: the point on the facility-power chart.
  const dc = widget('datacenter-power');
  const power = await env.open('/?datacenter-power.pue=1.1~1.56&datacenter-power.kw_per_gpu=1.2~2.2');
  const load = await median(power, dc, 'facility_load');
  assert.ok((await svgTexts(power, dc)).texts.includes(load), load);
  for (const p of [page, view, power]) {
    await p.context().close();
  }
});
