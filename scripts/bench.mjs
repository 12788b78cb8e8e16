// `make bench`: what the widgets cost a reader, measured in one run on this machine.
//   1. bytes: the engine (wasm + JS), raw and gzip -9, and each widget's model file;
//   2. start-up: module start → every widget on the demo page ready (median of 10 loads), and the
//      whole page load under a throttled network (150 ms round trip, 1.6 Mbit/s, DevTools' "Slow
//      4G"): when the loader, the JS glue, the wasm and the stylesheet were requested, and when
//      every widget was ready (median of 5 loads);
//   3. input → work done, p50/p95 over 500 scripted input events per widget (after 100 warm-up
//      events): the input handler, every effect it set off (microtasks) and the chart's paint in
//      the next animation frame; and the total including the wait for that frame;
//   4. wasm memory and JS heap before and after 10,000 scripted updates;
//   5. with ranges on (Monte Carlo): the whole update in the wasm, and the same computation in
//      plain JS (scripts/mc-plain.js) side by side in the same page, with their p95 ratio.
// Timings are figures to read, not tests (they depend on the machine); sizes are also checked by
// `make test` against size-budget.json.
//
// Options: --root DIR (measure another checkout's built bundle, e.g. the previous release, for a
// before/after), --widgets a,b (default: the registry).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch, newPage, startServer, widgetsReady } from '../tests/e2e/browser.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const root = resolve(opt('--root', '.'));
const own = root === resolve('.');
const FILES = ['pkg/essay_widgets_bg.wasm', 'pkg/essay_widgets.js', 'www/essay-widgets.js'];

// The widgets, in registry order: from the registry itself (`essay-render --all --json`).
const registry = () => JSON.parse(execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'essay-render', '--', '--all', '--json'], { encoding: 'utf8' })).map((w) => w.widget);
const WIDGETS = opt('--widgets') ? opt('--widgets').split(',') : registry();

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const sizes = (dir) => {
  let raw = 0, gz = 0;
  for (const f of FILES) {
    const b = readFileSync(join(dir, f));
    raw += b.length; gz += gzipSync(b, { level: 9 }).length;
  }
  return { raw, gz };
};
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const ms = (x) => `${x.toFixed(1)} ms`;

console.log(`essay-widgets bench, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0].model}, Chromium (headless)${own ? '' : `, ${root}`}`);

// 1. Bytes.
if (own) execFileSync('make', ['--no-print-directory', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
const all = sizes(root);
console.log(`\n1. bundle: ${kb(all.raw)} raw, ${kb(all.gz)} gzip (all ${WIDGETS.length} widgets)`);
// The engine carries no widget: each widget is a model file a page fetches when it shows it.
for (const w of WIDGETS) {
  const file = join(root, 'www/models', `${w}.toml`);
  try {
    const b = readFileSync(file);
    console.log(`   ${w.padEnd(24)} model file ${kb(b.length)} raw, ${kb(gzipSync(b, { level: 9 }).length)} gzip`);
  } catch {
    console.log(`   ${w.padEnd(24)} compiled into this build's wasm`);
  }
}

// 2–4 in headless Chromium.
const { server, base } = await startServer(root);
const browser = await launch();
const allReady = () => {
  new MutationObserver(() => {
    const all = [...document.querySelectorAll('[data-essay-widget]')];
    if (all.length && all.every((e) => e.hasAttribute('data-ready')) && !window.__allReady) window.__allReady = performance.now();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
};

const ready = [];
for (let i = 0; i < 10; i++) {
  const page = await newPage(browser, { viewport: { width: 1100, height: 900 } });
  await page.addInitScript(allReady);
  await page.goto(`${base}/`);
  await page.waitForFunction(() => window.__allReady);
  ready.push(await page.evaluate(() => window.__allReady - performance.getEntriesByName('essay-widgets:start')[0].startTime));
  await page.context().close();
}
console.log(`\n2. module start → all ${WIDGETS.length} demo widgets ready: median ${ms(pct(ready, 0.5))} (min ${ms(Math.min(...ready))}, max ${ms(Math.max(...ready))}, 10 loads)`);

// The request chain under a slow network: when each file was asked for and arrived, and when the
// widgets were ready, from the navigation's start.
const chains = [];
for (let i = 0; i < 5; i++) {
  const page = await newPage(browser, { viewport: { width: 1100, height: 900 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
  await page.addInitScript(allReady);
  await page.goto(`${base}/`);
  await page.waitForFunction(() => window.__allReady, null, { timeout: 60000 });
  chains.push(await page.evaluate(() => {
    const at = (re) => performance.getEntriesByType('resource').filter((e) => re.test(e.name)).map((e) => [e.startTime, e.responseEnd])[0] ?? [NaN, NaN];
    return { loader: at(/www\/essay-widgets\.js$/), glue: at(/pkg\/essay_widgets\.js$/), wasm: at(/\.wasm$/), css: at(/essay-widgets\.css$/), ready: window.__allReady };
  }));
  await page.context().close();
}
const med = (f) => pct(chains.map(f), 0.5);
const span = (k) => Number.isNaN(med((c) => c[k][0])) ? 'not requested' : `requested ${ms(med((c) => c[k][0]))}, arrived ${ms(med((c) => c[k][1]))}`;
console.log('   throttled load (150 ms RTT, 1.6 Mbit/s), from navigation start, median of 5:');
for (const k of ['loader', 'glue', 'wasm', 'css']) console.log(`     ${k.padEnd(7)} ${span(k)}`);
console.log(`     every widget ready ${ms(med((c) => c.ready))}`);

const page = await newPage(browser, { viewport: { width: 1100, height: 900 } });
await page.goto(`${base}/`);
await widgetsReady(page);
/** Input → work done on widget `id`'s first slider: p50/p95 over 500 events (after 100 warm-up). */
const measure = (id) => page.evaluate(async (id) => {
  const root = document.querySelector(`[data-essay-widget="${id}"]`);
  if (!root) return null;
  root.scrollIntoView();
  const slider = root.querySelector('input[type="range"]');
  // Resolves in the next task, after every microtask the input set off (effects run there).
  const settled = () => new Promise((res) => { const c = new MessageChannel(); c.port1.onmessage = () => res(performance.now()); c.port2.postMessage(0); });
  const work = [], total = [];
  // 100 warm-up events first (JIT, caches, the first GC), then 500 measured.
  for (let i = -100; i < 500; i++) {
    // Start in a task of its own just after a frame, so no rendering step falls inside the
    // measured span; a frame callback registered first marks when the next frame's callbacks
    // start (the widget's paint, requested during the input, runs after it).
    await new Promise((res) => requestAnimationFrame(res));
    await settled();
    let frameStart = 0;
    requestAnimationFrame(() => { frameStart = performance.now(); });
    slider.value = String(200 + (i % 2 ? 300 : 0) + (i % 97));
    const t0 = performance.now();
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    const t1 = await settled();
    const t2 = await new Promise((res) => requestAnimationFrame(() => res(performance.now())));
    if (i < 0) continue;
    work.push((t1 - t0) + (t2 - frameStart));
    total.push(t2 - t0);
  }
  return { work, total };
}, id);
const f2 = (x) => x.toFixed(2).padStart(9);
const row = (w, r) => console.log(`   ${w.padEnd(22)}${f2(pct(r.work, 0.5))}${f2(pct(r.work, 0.95))}${f2(pct(r.total, 0.5)).padStart(11)}${f2(pct(r.total, 0.95)).padStart(11)}`);

console.log('\n3. slider input → work done (handler, effects, paint), 500 events per widget (ms)');
console.log('   widget                  work p50  work p95  total p50  total p95');
for (const w of WIDGETS) {
  const r = await measure(w);
  if (!r) { console.log(`   ${w.padEnd(22)} (not on the demo page)`); continue; }
  row(w, r);
}

// 5. Ranges on: every update runs 10,000 Monte Carlo samples, the band (25 x values × 200
// samples) and the tornado. (a) The whole update in the page (handler, effects, DOM, paint);
// (b) the Monte Carlo alone in the wasm (a copy built with `--features bench`, which exports
// `benchMonteCarlo`) side by side, in one page, with (c) the same computation in plain JS
// (scripts/mc-plain.js: the orbital model, the same sampling, selection, buffers kept).
const QUERY = 'orbital-gpu-cost.launch_usd_per_kg=300~1500&orbital-gpu-cost.gpus=50000~200000&orbital-gpu-cost.rack_lb=2500~3500';
await page.goto(`${base}/?${QUERY}`);
await widgetsReady(page);
const ranged = await measure('orbital-gpu-cost');
let side = null;
if (own) {
  const copy = mkdtempSync(join(tmpdir(), 'ew-bench-mc-'));
  for (const f of ['src', 'crates', 'www', 'Cargo.toml', 'Cargo.lock']) cpSync(f, join(copy, f), { recursive: true });
  const env = { ...process.env, CARGO_TARGET_DIR: join(tmpdir(), 'ew-bench-target') };
  execFileSync('make', ['--no-print-directory', 'release', `CRATE=${copy}`, 'FEATURES=bench'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  cpSync('scripts/mc-plain.js', join(copy, 'mc-plain.js'));
  writeFileSync(join(copy, 'index.html'), '<!doctype html><meta charset="utf-8"><script src="mc-plain.js"></script><script type="module">import init, { benchMonteCarlo } from "./pkg/essay_widgets.js"; await init(); window.benchMonteCarlo = benchMonteCarlo; window.ready = true;</script>');
  const { server: s2, base: b2 } = await startServer(copy);
  const p2 = await newPage(browser);
  await p2.goto(`${b2}/`);
  await p2.waitForFunction(() => window.ready);
  side = await p2.evaluate((query) => {
    const mc = window.plainMonteCarlo();
    const wasm = [], js = [];
    // Alternate the two, 100 warm-up runs each, then 500 measured; the launch price's low end
    // moves as a slider would.
    for (let i = -100; i < 500; i++) {
      const kg = 250 + (i % 97);
      let t0 = performance.now();
      window.benchMonteCarlo('orbital-gpu-cost', query.replace('300~1500', `${kg}~1500`));
      const w = performance.now() - t0;
      t0 = performance.now();
      mc.run({ launch: [kg * 0.45359237, 680.39], gpus: [50000, 200000], rack_lb: [2500, 3500] });
      const j = performance.now() - t0;
      if (i >= 0) { wasm.push(w); js.push(j); }
    }
    return { wasm, js };
  }, QUERY);
  s2.close();
  rmSync(copy, { recursive: true, force: true });
}
console.log('\n5. ranges on (3 ranged inputs: 10,000 samples, band 25 × 200, tornado), orbital-gpu-cost (ms)');
console.log('   what                    work p50  work p95  total p50  total p95');
row('whole update (page)', ranged);
if (side) {
  console.log(`   ${'Monte Carlo, wasm'.padEnd(22)}${f2(pct(side.wasm, 0.5))}${f2(pct(side.wasm, 0.95))}`);
  console.log(`   ${'Monte Carlo, plain JS'.padEnd(22)}${f2(pct(side.js, 0.5))}${f2(pct(side.js, 0.95))}`);
  console.log(`   p95 ratio plain JS ÷ wasm: ${(pct(side.js, 0.95) / pct(side.wasm, 0.95)).toFixed(2)}× (target ≥ 2.5×); whole-update work p95 target ≤ 8 ms`);
}
await page.goto(`${base}/`);
await widgetsReady(page);

const cdp = await page.context().newCDPSession(page);
const memory = async () => {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasmBytes = await page.evaluate(async () => (await import('/www/essay-widgets.js')).wasm.memory.buffer.byteLength);
  return { js: usedSize, wasm: wasmBytes };
};
const before = await memory();
await page.evaluate(async () => {
  const sliders = [...document.querySelectorAll('.ew input[type="range"]')];
  for (let i = 0; i < 10000; i++) {
    const s = sliders[i % sliders.length];
    s.value = String((i * 37) % 1001);
    s.dispatchEvent(new Event('input', { bubbles: true }));
    if (i % 100 === 0) await new Promise((r) => requestAnimationFrame(r));
  }
  await new Promise((r) => setTimeout(r, 1500)); // the URL writer and live regions settle
});
const afterwards = await memory();
console.log(`\n4. memory before → after 10,000 updates: wasm ${kb(before.wasm)} → ${kb(afterwards.wasm)}, JS heap ${kb(before.js)} → ${kb(afterwards.js)}`);
if (page.errors.length) console.log(`   page errors: ${page.errors.join(' | ')}`);

// 6. Model files: reading and compiling each of the kit's in the wasm (what a page does once per
// model it shows), median of 50 loads after 10 warm-up loads.
const loads = await page.evaluate(async (widgets) => {
  if (!window.essayWidgets.load) return null;
  const out = {};
  for (const id of widgets) {
    const text = await (await fetch(`/www/models/${id}.toml`)).text();
    const times = [];
    for (let i = -10; i < 50; i++) {
      const t0 = performance.now();
      const r = window.essayWidgets.load(text, id);
      const t = performance.now() - t0;
      if (r.errors.length) throw new Error(r.errors[0].text);
      if (i >= 0) times.push(t);
    }
    times.sort((a, b) => a - b);
    out[id] = { lines: text.split('\n').length, median: times[25] };
  }
  return out;
}, WIDGETS);
if (loads) {
  console.log('\n6. model file → compiled widget in the wasm (median of 50 loads; target ≤ 5 ms for a 50-line model)');
  for (const [id, l] of Object.entries(loads)) console.log(`   ${id.padEnd(24)} ${String(l.lines).padStart(4)} lines  ${ms(l.median)}`);
}

await browser.close();
server.close();
