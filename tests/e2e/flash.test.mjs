// End-to-end: the `flash-scarcity` widget on the demo essay, in headless Chromium. Expected numbers
// come from the formulas of SOURCES.md §3, written out again here (usable = raw ×
// k/(k+p), effective = usable × reduction, drives = raw ÷ capacity rounded up), not from the
// implementation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, widget } from './browser.mjs';

const env = suite();

const { W, out, field, slider, pixels, param, type } = widget('flash-scarcity');
const open = env.open;

/** The essay's scenario (SOURCES §3 and the widget's documented defaults). */
const DEFAULTS = {
  effectivePb: 100, nandX: 2.23, reduction: 1.87, hotPct: 20, ssdUsdPerTb: 79, hddUsdPerTb: 49,
  flash: [146, 4], disk: [8, 2], diskReduction: false, ssdTb: 122.88, ssdW: 25, hddTb: 30, hddW: 10.5,
  usdPerMwh: 80.6, pue: 1.2, years: 5,
};

/** Drives, capex and electricity for one tier. */
function tier(s, effTb, ratio, [k, p], driveTb, usdPerTb, watts) {
  const raw = effTb / ratio * (k + p) / k;
  // Whole drives, and at least the k+p a stripe spans.
  const drives = effTb > 0 ? Math.max(Math.ceil(raw / driveTb - 1e-9), k + p) : 0;
  const capex = drives * driveTb * usdPerTb;
  const energy = drives * watts * s.pue * 8760 * s.years / 1e6 * s.usdPerMwh;
  return { raw, drives, total: capex + energy };
}
/** Totals of all-flash, hybrid and all-disk. */
function totals(s) {
  const e = s.effectivePb * 1000, hot = e * s.hotPct / 100;
  const flash = (eff) => tier(s, eff, s.reduction, s.flash, s.ssdTb, s.ssdUsdPerTb * s.nandX, s.ssdW);
  const disk = (eff) => tier(s, eff, s.diskReduction ? s.reduction : 1, s.disk, s.hddTb, s.hddUsdPerTb, s.hddW);
  return {
    allflash: flash(e), hybridFlash: flash(hot), hybridDisk: disk(e - hot), alldisk: disk(e),
    af: flash(e).total, hy: flash(hot).total + disk(e - hot).total, ad: disk(e).total,
  };
}
/** Where all-flash and hybrid cost the same: both are straight lines in the multiplier. */
function breakEven(s) {
  const line = (key) => { const b = totals({ ...s, nandX: 0 })[key]; return [totals({ ...s, nandX: 1 })[key] - b, b]; };
  const [[aAf, bAf], [aHy, bHy]] = [line('af'), line('hy')];
  return (bHy - bAf) / (aAf - aHy);
}
/** Dollars as readouts show them: $9.7M, $158K, $97.5. */
const usd = (v) => v >= 1e6 ? `$${(v / 1e6).toFixed(v >= 99.95e6 ? 0 : 1)}M`
  : v >= 1e5 ? `$${Math.round(v / 1e3)}K` : v >= 10 ? `$${Number(v.toFixed(1))}` : `$${v.toFixed(2)}`;
const n = (x) => x.toLocaleString('en-US');

test('mounts with the essay numbers: drives, totals, break-even, backup', async () => {
  const page = await open();
  assert.equal(await page.locator(W).getAttribute('data-ready'), '');
  const t = totals(DEFAULTS);
  assert.equal(await out(page, 'allflash_ssds'), n(t.allflash.drives));   // 448
  assert.equal(await out(page, 'hybrid_ssds'), n(t.hybridFlash.drives));  // 150: one 146+4 stripe
  assert.equal(await out(page, 'hybrid_hdds'), n(t.hybridDisk.drives));   // 3,334
  assert.equal(await out(page, 'alldisk_hdds'), n(t.alldisk.drives));     // 4,167
  assert.equal(await out(page, 'allflash_total'), usd(t.af));
  assert.equal(await out(page, 'hybrid_total'), usd(t.hy));
  assert.equal(await out(page, 'alldisk_total'), usd(t.ad));
  assert.equal(await out(page, 'allflash_per_tb'), usd(t.af / 100_000));
  assert.equal(await out(page, 'break_even'), `${Number(breakEven(DEFAULTS).toPrecision(3))}×`);
  // Backing up the cold 80 % once more, on flash vs on disk.
  const cold = { ...DEFAULTS, effectivePb: 80, hotPct: 0 };
  assert.equal(await out(page, 'backup_flash'), usd(totals(cold).af));
  assert.equal(await out(page, 'backup_disk'), usd(totals(cold).ad));
  // The comparison is a real table with a column per architecture.
  const heads = await page.locator(`${W} .ew-outputs ~ .ew-table-wrap table thead th`).allTextContents();
  assert.deepEqual(heads, ['All-flash', 'Hybrid', 'All-disk']);
  assert.equal(await page.locator(`${W} [data-param="ssd_tb"]`).first().isVisible(), false, 'details start hidden');
});

test('the shortage multiplier and the reduction ratio move totals, chart and URL', async () => {
  const page = await open();
  const before = await pixels(page);
  const be = await out(page, 'break_even');
  // Back to pre-shortage prices with the mark under the slider.
  await page.locator(`${W} button[data-set="nand_x"][data-value="1"]`).click();
  assert.equal(await field(page, 'nand_x').inputValue(), '1');
  const pre = totals({ ...DEFAULTS, nandX: 1 });
  assert.equal(await out(page, 'allflash_total'), usd(pre.af));
  assert.ok(pre.af < pre.hy, 'before the shortage all-flash is the cheaper');
  assert.equal(await out(page, 'break_even'), be, 'the break-even does not depend on where you stand');
  assert.notEqual(await pixels(page), before, 'chart redrawn');
  // Keyboard: five steps up on the reduction slider (0.004 of 1–5 each).
  await slider(page, 'reduction').focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  const r = Number(await field(page, 'reduction').inputValue());
  assert.ok(r > 1.87 && r < 1.95, `reduction ${r}`);
  assert.equal(await out(page, 'allflash_total'), usd(totals({ ...DEFAULTS, nandX: 1, reduction: r }).af));
  await type(page, 'reduction', '3');
  const s = { ...DEFAULTS, nandX: 1, reduction: 3 };
  assert.equal(await out(page, 'allflash_ssds'), n(totals(s).allflash.drives));
  assert.equal(await out(page, 'break_even'), `${Number(breakEven(s).toPrecision(3))}×`);
  await page.waitForFunction(() => location.search.includes('flash-scarcity.nand_x=1') && location.search.includes('flash-scarcity.reduction=3'));
});

test('erasure-code presets fill the shard counts; details show them', async () => {
  const page = await open();
  await page.locator(`${W} input[data-param="flash_ec"][value="3x"]`).check({ force: true });
  await page.locator(`${W} input[data-param="details"]`).check({ force: true });
  assert.equal(await field(page, 'flash_k').inputValue(), '1');
  assert.equal(await field(page, 'flash_p').inputValue(), '2');
  const s = { ...DEFAULTS, flash: [1, 2] };
  assert.equal(await out(page, 'allflash_ssds'), n(totals(s).allflash.drives));
  await page.waitForFunction(() => location.search.includes('flash-scarcity.flash_ec=3x'));
  assert.equal(param(page, 'flash_k'), null, 'the preset name stands for the shard counts');
  // A shard count of your own: the preset shows Custom and the URL carries the numbers.
  await type(page, 'disk_p', '4');
  assert.equal(await page.locator(`${W} input[data-param="disk_ec"]:checked`).getAttribute('value'), 'custom');
  assert.equal(await out(page, 'alldisk_hdds'), n(totals({ ...s, disk: [8, 4] }).alldisk.drives));
  await page.waitForFunction(() => new URLSearchParams(location.search).get('flash-scarcity.disk_p') === '4');
});

test('a shared link restores the scenario', async () => {
  const q = '?flash-scarcity.effective_pb=1000&flash-scarcity.hot_pct=10&flash-scarcity.disk_ec=8-3&flash-scarcity.disk_reduction=on';
  const page = await open('/' + q);
  const s = { ...DEFAULTS, effectivePb: 1000, hotPct: 10, disk: [8, 3], diskReduction: true };
  const t = totals(s);
  assert.equal(await out(page, 'hybrid_hdds'), n(t.hybridDisk.drives));
  assert.equal(await out(page, 'alldisk_total'), usd(t.ad));
  assert.equal(await out(page, 'break_even'), `${Number(breakEven(s).toPrecision(3))}×`);
  assert.equal(await page.locator(`${W} input[data-param="disk_reduction"]`).isChecked(), true);
  assert.equal(await page.locator(`${W} .ew-notes`).isVisible(), false);
});

test('garbage in the link is reported and replaced; the rest of the scenario stands', async () => {
  const q = '?flash-scarcity.nand_x=lots&flash-scarcity.reduction=0&flash-scarcity.flash_ec=%22%3E%3Cimg%20src%3Dx%3E'
    + '&flash-scarcity.disk_reduction=maybe&flash-scarcity.hot_pct=50&flash-scarcity.hot_pct=30';
  const page = await open('/' + q);
  const text = await page.locator(`${W} .ew-notes`).textContent();
  for (const part of ['“lots” is not a number', 'Data reduction on flash: 0 is outside the range', '“"><img src=x>” is not one of 146-4',
    '“maybe” is not one of off, on', 'more than once']) {
    assert.ok(text.includes(part), `note mentions ${part}: ${text}`);
  }
  assert.equal(await page.locator(`${W} img`).count(), 0);
  // nand_x default, reduction clamped to 1, the last hot_pct (30) wins.
  const s = { ...DEFAULTS, reduction: 1, hotPct: 30 };
  assert.equal(await out(page, 'hybrid_total'), usd(totals(s).hy));
  assert.equal(await field(page, 'hot_pct').inputValue(), '30');
});

test('375 px phone: the comparison table and chart fit', async () => {
  const page = await open('/', { viewport: { width: 375, height: 800 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0);
  const table = await page.locator(`${W} .ew-outputs ~ .ew-table-wrap table`).boundingBox();
  const box = await page.locator(W).boundingBox();
  assert.ok(table.x + table.width <= box.x + box.width, 'table inside the widget');
  const c = await page.locator(`${W} canvas`).evaluate((c) => ({ w: c.width, cw: c.clientWidth }));
  assert.equal(c.w, Math.round(c.cw * 2));
});
