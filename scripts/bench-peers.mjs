// `make bench`, section 7: our widget against the same chart made with Chart.js, Observable Plot
// and plain canvas, on pages this script assembles itself (scripts/peers/: the chart, a slider and
// two readouts; the libraries from node_modules, bundled UMD builds). In one Chromium, the pages
// interleaved (ours, Chart.js, Plot, canvas, then again), three runs, ratios within each run:
//   start-up  navigation → chart drawn and slider live, under 150 ms RTT, 1.6 Mbit/s and 4× CPU
//             (median of 3 loads a page a run);
//   bytes     what the page transferred (gzip, as the test server sends it);
//   update    main-thread time per slider input (Chromium's TaskDuration: script, style, layout,
//             paint), 100 inputs after 20 warm-up, each waited on for two frames;
//   ranged    the same, with three ranged inputs (10,000 samples, band, tornado) against the same
//             computation and chart in plain JS (scripts/mc-plain.js + a canvas).
// Options: --runs N (default 3), --root DIR (another checkout's built bundle, for a before/after),
// --only startup,update,ranged (some sections, while working on one).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launch, newPage, startServer } from '../tests/e2e/browser.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const RUNS = Number(opt('--runs', 3));
const root = resolve(opt('--root', '.'));
const only = new Set(opt('--only', 'startup,update,ranged').split(','));

const site = mkdtempSync(join(tmpdir(), 'ew-peers-'));
cpSync('scripts/peers', site, { recursive: true });
cpSync('scripts/mc-plain.js', join(site, 'mc-plain.js'));
for (const f of ['chart.js/dist/chart.umd.min.js', '@observablehq/plot/dist/plot.umd.min.js', 'd3/dist/d3.min.js']) cpSync(join('node_modules', f), join(site, 'lib', f.split('/').pop()));
for (const d of ['pkg', 'www']) cpSync(join(root, d), join(site, d), { recursive: true });

const QUERY = 'orbital-gpu-cost.launch_usd_per_kg=300~1500&orbital-gpu-cost.gpus=50000~200000&orbital-gpu-cost.rack_lb=2500~3500';
const OURS_SLIDER = '[data-essay-widget] input[type="range"][data-param="launch_usd_per_lb"]:not([data-end])';
const PAGES = {
  ours: { path: '/ours.html', slider: OURS_SLIDER },
  'ours, preloaded': { path: '/ours-preload.html', slider: OURS_SLIDER, startupOnly: true },
  'Chart.js': { path: '/chartjs.html', slider: '#price' },
  'Observable Plot': { path: '/plot.html', slider: '#price' },
  'plain canvas': { path: '/canvas.html', slider: '#price' },
};
const RANGED = {
  ours: { path: `/ours.html?${QUERY}`, slider: OURS_SLIDER },
  'plain JS': { path: '/ranges-js.html', slider: '#price' },
};

// Ours is ready when the placeholder says so and a frame has painted its chart; the peers set
// window.__ready themselves at the same point (scripts/peers/common.js).
const readiness = () => {
  // Long tasks until ready: their blocking time past 50 ms each (Lighthouse's TBT, to the chart
  // rather than to quiet) and the longest.
  window.__long = [];
  new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
  new MutationObserver((_, obs) => {
    const el = document.querySelector('[data-essay-widget][data-ready]');
    if (el && !window.__ready) { obs.disconnect(); requestAnimationFrame(() => requestAnimationFrame(() => { window.__ready = performance.now(); })); }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
};

const { server, base } = await startServer(site);
const browser = await launch();
const context = async (throttled) => {
  const page = await newPage(browser, { viewport: { width: 1100, height: 900 }, deviceScaleFactor: 2 });
  const cdp = await page.context().newCDPSession(page);
  if (throttled) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  await page.addInitScript(readiness);
  return { page, cdp };
};

async function startup(p) {
  const { page } = await context(true);
  await page.goto(base + p.path);
  await page.waitForFunction(() => window.__ready, null, { timeout: 60000, polling: 50 });
  const r = await page.evaluate(() => ({
    ready: window.__ready,
    tbt: window.__long.reduce((n, d) => n + Math.max(0, d - 50), 0),
    longest: Math.max(0, ...window.__long),
    bytes: [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].reduce((n, e) => n + e.transferSize, 0),
  }));
  const errors = page.errors;
  await page.context().close();
  return { ...r, errors };
}

async function update(p) {
  const { page, cdp } = await context(false);
  await page.goto(base + p.path);
  await page.waitForFunction(() => window.__ready, null, { timeout: 60000 });
  await cdp.send('Performance.enable');
  const inputs = (n, from) => page.evaluate(async ([sel, n, from]) => {
    const slider = document.querySelector(sel);
    slider.scrollIntoView({ block: 'center' });
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    for (let i = from; i < from + n; i++) {
      await frame();
      slider.value = String(200 + (i % 2 ? 300 : 0) + (i % 97));
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      await frame(); await frame();
    }
  }, [p.slider, n, from]);
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  await inputs(20, -20);
  const a = await metrics();
  await inputs(100, 0);
  const b = await metrics();
  const per = (k) => ((b[k] - a[k]) * 1000) / 100;
  // An idle loop of the same frames, to subtract the driver's own cost.
  const c = await metrics();
  await page.evaluate(async () => { const frame = () => new Promise((r) => requestAnimationFrame(r)); for (let i = 0; i < 100; i++) { await frame(); await frame(); await frame(); } });
  const d = await metrics();
  const idle = ((d.TaskDuration - c.TaskDuration) * 1000) / 100;
  const errors = page.errors;
  await page.context().close();
  return { task: per('TaskDuration') - idle, script: per('ScriptDuration'), style: per('RecalcStyleDuration'), layout: per('LayoutDuration'), errors };
}

const med = (xs) => { const s = [...xs].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const f1 = (x) => x.toFixed(1);
const runs = [];
for (let run = 0; run < RUNS; run++) {
  const r = { startup: {}, tbt: {}, longest: {}, bytes: {}, update: {}, ranged: {} };
  for (let k = 0; k < (only.has('startup') ? 3 : 0); k++) {
    for (const [name, p] of Object.entries(PAGES)) {
      const s = await startup(p);
      (r.startup[name] ??= []).push(s.ready);
      (r.tbt[name] ??= []).push(s.tbt);
      (r.longest[name] ??= []).push(s.longest);
      r.bytes[name] = s.bytes;
      if (s.errors.length) console.log(`   ${name}: ${s.errors.join(' | ')}`);
    }
  }
  if (only.has('update')) for (const [name, p] of Object.entries(PAGES)) if (!p.startupOnly) r.update[name] = await update(p);
  if (only.has('ranged')) for (const [name, p] of Object.entries(RANGED)) r.ranged[name] = await update(p);
  for (const m of ['startup', 'tbt', 'longest']) for (const k of Object.keys(r[m])) r[m][k] = med(r[m][k]);
  runs.push(r);
  console.error(`run ${run + 1} of ${RUNS} done`);
}

const names = Object.keys(PAGES);
const pad = (s, n = 16) => String(s).padStart(n);
console.log(`\n7. against Chart.js, Observable Plot and plain canvas: the orbital chart, 680×360 CSS px at 2×, ${RUNS} interleaved runs (ratios: peer ÷ ours, within each run)`);
const table = (title, unit, get, target) => {
  console.log(`\n   ${title} (${unit})`);
  console.log(`   ${'run'.padEnd(5)}${names.map((n) => pad(n, 19)).join('')}`);
  runs.forEach((r, i) => console.log(`   ${String(i + 1).padEnd(5)}${names.map((n) => pad(n === 'ours' || !(get(r, 'ours') > 0) || Number.isNaN(get(r, n)) ? f1(get(r, n)) : `${f1(get(r, n))} (${(get(r, n) / get(r, 'ours')).toFixed(2)}×)`, 19)).join('')}`));
  if (target) console.log(`   target: ${target}`);
};
if (only.has('startup')) {
table('start-up, navigation → chart drawn and slider live, throttled', 'ms', (r, n) => r.startup[n], 'ours ≤ Chart.js (ratio ≥ 1.00×)');
table('blocking time until ready (long tasks past 50 ms), throttled', 'ms', (r, n) => r.tbt[n], 'TBT ≤ 200 ms; no task over 50 ms');
table('longest task until ready, throttled', 'ms', (r, n) => r.longest[n]);
table('bytes transferred', 'KB', (r, n) => r.bytes[n] / 1024, 'ours ≤ 150 KB gzip of wasm + glue + loader (CSS apart)');
}
if (only.has('update')) {
table('update, main-thread time per input', 'ms', (r, n) => r.update[n]?.task ?? NaN, 'ours ≤ plain canvas (ratio ≥ 1.00×)');
console.log('\n   our update, split (ms, median of runs): ' + ['script', 'style', 'layout'].map((k) => `${k} ${f1(med(runs.map((r) => r.update.ours[k])))}`).join(', '));
}
if (only.has('ranged')) {
console.log('\n   ranged update (3 ranges, 10,000 samples, band 25 × 200, tornado), main-thread ms per input');
console.log(`   ${'run'.padEnd(5)}${pad('ours')}${pad('plain JS')}${pad('ours ÷ JS')}`);
runs.forEach((r, i) => console.log(`   ${String(i + 1).padEnd(5)}${pad(f1(r.ranged.ours.task))}${pad(f1(r.ranged['plain JS'].task))}${pad(`${(r.ranged.ours.task / r.ranged['plain JS'].task).toFixed(2)}×`)}`));
console.log('   target: ours ÷ plain JS ≤ 0.80×');
}

await browser.close();
server.close();
rmSync(site, { recursive: true, force: true });
