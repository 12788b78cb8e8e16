// Export: PNG at twice the chart's size, SVG that parses and looks the same, CSV whose numbers
// match the readouts, and a citation with the scenario, its sources and the link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { suite, widget } from './browser.mjs';

const env = suite();

const orbital = widget('orbital-gpu-cost');
const flash = widget('flash-scarcity');
const open = env.open;

async function download(page, w, action) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`${w.W} button[data-action="${action}"]`).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

test('PNG: twice the on-screen size, opaque, decodable', async () => {
  const page = await open('/', { deviceScaleFactor: 1 });
  const css = await page.locator(`${orbital.W} canvas`).evaluate((c) => ({ w: c.clientWidth, h: c.clientHeight }));
  const { name, bytes } = await download(page, orbital, 'png');
  assert.equal(name, 'orbital-gpu-cost.png');
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(bytes.readUInt32BE(16), css.w * 2, 'width');
  // A figure, like an OWID download: the chart at twice its size plus a title above and the
  // sources and the link below, so taller than the chart alone.
  assert.ok(bytes.readUInt32BE(20) > css.h * 2 + 100, `height ${bytes.readUInt32BE(20)} vs chart ${css.h * 2}`);
  // The browser decodes it, and its corner is the widget's background, not transparent.
  const pixel = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = new OffscreenCanvas(img.width, img.height);
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    return [...ctx.getImageData(1, 1, 1, 1).data];
  }, bytes.toString('base64'));
  assert.deepEqual(pixel, [255, 255, 255, 255]);
});

test('SVG: parses, has the chart\'s labels and the reader\'s number', async () => {
  const page = await open('/');
  await orbital.type(page, 'launch_usd_per_lb', '800');
  const { name, bytes } = await download(page, orbital, 'svg');
  assert.equal(name, 'orbital-gpu-cost.svg');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { error: doc.querySelector('parsererror')?.textContent ?? null, root: doc.documentElement.nodeName,
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent),
      title: doc.querySelector('svg > title')?.textContent ?? null, desc: doc.querySelector('svg > desc')?.textContent ?? null };
  }, bytes.toString('utf8'));
  assert.equal(parsed.error, null);
  assert.equal(parsed.root, 'svg');
  // $800/lb × 3,000 lb × 1,389 racks = $3.3B; tick labels carry the unit on the axis title.
  for (const want of ['$3.3B', 'Falcon 9', '$1K', 'Essay: $5.0B', 'Launch price ($/lb)']) assert.ok(parsed.texts.includes(want), `${want} in ${parsed.texts}`);
  // The frame: title, subtitle with units, sources, and the scenario's link.
  const all = parsed.texts.join(' ');
  assert.ok(parsed.texts.includes('What it costs to put GPUs in orbit'), 'title');
  assert.match(all, /Fleet launch cost \(\$\) against launch price \(\$\/lb\)/, 'subtitle with units');
  assert.match(all, /^.*Sources: .*NASA Ames/, 'sources line');
  assert.ok(parsed.texts.some((t) => t.includes('orbital-gpu-cost.launch_usd_per_lb=800')), 'the scenario link');
  assert.equal(parsed.title, 'What it costs to put GPUs in orbit');
  assert.match(parsed.desc, /\$3\.3B/, 'the desc says the reader\'s figure');
});

test('CSV: units in the headers, numbers that match the readouts', async () => {
  const page = await open('/');
  const { name, bytes } = await download(page, flash, 'csv');
  assert.equal(name, 'flash-scarcity.csv');
  const [head, ...lines] = bytes.toString('utf8').trim().split('\r\n');
  assert.equal(head, 'NAND shortage multiplier (×),All-flash ($),Hybrid ($),All-disk ($)');
  const rows = lines.map((l) => l.split(',').map(Number));
  assert.ok(rows.every((r) => r.length === 4 && r.every(Number.isFinite)), 'every cell a number');
  const you = rows.find((r) => r[0] === 2.23);
  assert.ok(you, 'a row at the reader\'s multiplier');
  const money = (v) => `$${(v / 1e6).toFixed(1)}M`;
  assert.equal(money(you[1]), await flash.out(page, 'allflash_total'));
  assert.equal(money(you[2]), await flash.out(page, 'hybrid_total'));
  assert.equal(money(you[3]), await flash.out(page, 'alldisk_total'));
});

test('Copy citation: scenario, what changed from the essay, sources and the link', async () => {
  const page = await open('/');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.base });
  await orbital.type(page, 'launch_usd_per_lb', '800');
  await page.locator(`${orbital.W} button[data-action="cite"]`).click();
  await page.waitForFunction((w) => document.querySelector(`${w} button[data-action="cite"]`).textContent === 'Copied', orbital.W);
  const text = await page.evaluate(() => navigator.clipboard.readText());
  for (const part of ['What it costs to put GPUs in orbit', 'Launch price $800/lb (the essay: $1,200/lb)', 'Rack mass 3,000\u00a0lb',
    'Fleet launch cost $3.3B', 'NASA Ames', 'orbital-gpu-cost.launch_usd_per_lb=800']) {
    assert.ok(text.includes(part), `${part} in ${text}`);
  }
});

test('JSON: the scenario with units and sources, outputs that match the readouts, the link', async () => {
  const page = await open('/');
  await orbital.type(page, 'launch_usd_per_lb', '800');
  const { name, bytes } = await download(page, orbital, 'json');
  assert.equal(name, 'orbital-gpu-cost.json');
  const doc = JSON.parse(bytes.toString('utf8'));
  assert.equal(doc.widget, 'orbital-gpu-cost');
  const price = doc.inputs.find((i) => i.key === 'launch_usd_per_lb');
  assert.deepEqual([price.value, price.unit, price.shown], [800, '$/lb', '$800/lb']);
  assert.match(price.source, /NASA Ames/);
  const fleet = doc.outputs.find((o) => o.key === 'fleet_cost');
  assert.equal(fleet.value, Math.ceil(100000 / 72) * 800 * 3000); // 1,389 racks × $2.4M
  assert.equal(fleet.shown, await orbital.out(page, 'fleet_cost'));
  assert.equal(new URL(doc.link).searchParams.get('orbital-gpu-cost.launch_usd_per_lb'), '800');
});
