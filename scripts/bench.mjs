// `make bench`: what the widgets cost a reader, measured in one run on this machine.
//   1. bytes: wasm + JS, raw and gzip -9, in total and per widget (marginal: the same release
//      build without that widget), and the kit alone (no widget);
//   2. time from the module starting to every widget on the demo page being ready (median of 10);
//   3. slider input → chart painted, p50/p95 over 500 scripted input events per widget (after 100
//      warm-up events): the work
//      (input handler + the frame's paint) and the total including the wait for the next frame;
//   4. wasm memory and JS heap before and after 10,000 scripted updates.
// Timings are figures to read, not tests (they depend on the machine); sizes are also checked by
// `make test` against size-budget.json.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch, newPage, startServer, widgetsReady } from '../tests/e2e/browser.mjs';

const WIDGETS = ['orbital-gpu-cost', 'datacenter-power', 'flash-scarcity'];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const sizes = (dir) => {
  let raw = 0, gz = 0;
  for (const f of ['pkg/essay_widgets_bg.wasm', 'pkg/essay_widgets.js', 'www/essay-widgets.js']) {
    const b = readFileSync(join(dir, f));
    raw += b.length; gz += gzipSync(b, { level: 9 }).length;
  }
  return { raw, gz };
};
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };

console.log(`essay-widgets bench, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0].model}, Chromium (headless)`);

// 1. Bytes.
execFileSync('make', ['--no-print-directory', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
const all = sizes('.');
console.log(`\n1. bundle: ${kb(all.raw)} raw, ${kb(all.gz)} gzip (all ${WIDGETS.length} widgets)`);
const scratch = mkdtempSync(join(tmpdir(), 'ew-bench-'));
const build = (keep) => {
  // A copy of the crate with REGISTRY cut down to `keep`, built like `make build`.
  rmSync(join(scratch, 'src'), { recursive: true, force: true });
  for (const f of ['src', 'www', 'Cargo.toml', 'Cargo.lock']) cpSync(f, join(scratch, f), { recursive: true });
  const mod = join(scratch, 'src/model/mod.rs');
  const names = { 'orbital-gpu-cost': '&orbital::ORBITAL', 'datacenter-power': '&datacenter::DATACENTER', 'flash-scarcity': '&flash::FLASH' };
  writeFileSync(mod, readFileSync(mod, 'utf8').replace(/pub static REGISTRY: &\[&Model\] = &\[[^\]]*\];/, `pub static REGISTRY: &[&Model] = &[${keep.map((k) => names[k]).join(', ')}];`));
  const env = { ...process.env, CARGO_TARGET_DIR: join(tmpdir(), 'ew-bench-target') };
  execFileSync('wasm-pack', ['--quiet', 'build', '--target', 'web', '--release', '--no-typescript', '--no-pack', scratch], { env, stdio: ['ignore', 'ignore', 'ignore'] });
  const flags = readFileSync('Makefile', 'utf8').match(/WASM_OPT_FLAGS := ([^\n]*\\\n[^\n]*)/)[1].replace('\\\n', ' ').split(/\s+/).filter(Boolean);
  execFileSync('node_modules/.bin/wasm-opt', [...flags, join(scratch, 'pkg/essay_widgets_bg.wasm'), '-o', join(scratch, 'pkg/essay_widgets_bg.wasm')]);
  return sizes(scratch);
};
const kit = build([]);
console.log(`   kit alone (no widget): ${kb(kit.gz)} gzip`);
for (const w of WIDGETS) {
  const without = build(WIDGETS.filter((x) => x !== w));
  console.log(`   ${w.padEnd(18)} +${kb(all.gz - without.gz)} gzip (+${kb(all.raw - without.raw)} raw)`);
}
rmSync(scratch, { recursive: true, force: true });

// 2–4 in headless Chromium.
const { server, base } = await startServer();
const browser = await launch();

const ready = [];
for (let i = 0; i < 10; i++) {
  const page = await newPage(browser, { viewport: { width: 1100, height: 900 } });
  await page.addInitScript(() => {
    new MutationObserver(() => {
      const all = [...document.querySelectorAll('[data-essay-widget]')];
      if (all.length && all.every((e) => e.hasAttribute('data-ready')) && !window.__allReady) window.__allReady = performance.now();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
  });
  await page.goto(`${base}/`);
  await page.waitForFunction(() => window.__allReady);
  ready.push(await page.evaluate(() => window.__allReady - performance.getEntriesByName('essay-widgets:start')[0].startTime));
  await page.context().close();
}
console.log(`\n2. module start → all ${WIDGETS.length} demo widgets ready: median ${pct(ready, 0.5).toFixed(1)} ms (min ${Math.min(...ready).toFixed(1)}, max ${Math.max(...ready).toFixed(1)}, 10 loads)`);

const page = await newPage(browser, { viewport: { width: 1100, height: 900 } });
await page.goto(`${base}/`);
await widgetsReady(page);
console.log('\n3. slider input → chart painted, 500 events per widget (ms)');
console.log('   widget              work p50  work p95  total p50  total p95');
for (const w of WIDGETS) {
  const r = await page.evaluate(async (id) => {
    const root = document.querySelector(`[data-essay-widget="${id}"]`);
    root.scrollIntoView();
    const slider = root.querySelector('input[type="range"]');
    const work = [], total = [];
    // 100 warm-up events first (JIT, caches, the first GC), then 500 measured.
    for (let i = -100; i < 500; i++) {
      slider.value = String(200 + (i % 2 ? 300 : 0) + (i % 97));
      const t0 = performance.now();
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      const t1 = performance.now();
      // The widget asked for its redraw during the event, so its frame callback runs before ours.
      const [frame, t2] = await new Promise((res) => requestAnimationFrame((ts) => res([ts, performance.now()])));
      if (i < 0) continue;
      work.push((t1 - t0) + (t2 - Math.max(frame, t1)));
      total.push(t2 - t0);
    }
    return { work, total };
  }, w);
  const f = (x) => x.toFixed(2).padStart(9);
  console.log(`   ${w.padEnd(18)}${f(pct(r.work, 0.5))}${f(pct(r.work, 0.95))}${f(pct(r.total, 0.5)).padStart(11)}${f(pct(r.total, 0.95)).padStart(11)}`);
}

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
  await new Promise((r) => setTimeout(r, 600)); // the URL writer and live regions settle
});
const afterwards = await memory();
console.log(`\n4. memory before → after 10,000 updates: wasm ${kb(before.wasm)} → ${kb(afterwards.wasm)}, JS heap ${kb(before.js)} → ${kb(afterwards.js)}`);
if (page.errors.length) console.log(`   page errors: ${page.errors.join(' | ')}`);

await browser.close();
server.close();
