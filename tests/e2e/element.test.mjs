// End-to-end: the <essay-widget> custom element, as React, Vue, Svelte or Astro pages use it:
// attributes without `data-`, mounted when added, kept when moved, unmounted when removed, and
// nothing left behind over 200 mount/unmount cycles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, widget } from './browser.mjs';

const env = suite();
const orbital = widget('orbital-gpu-cost');

test('<essay-widget>: attributes as on the placeholder; added, moved and removed widgets mount, stay and unmount', async () => {
  const page = await env.open('/tests/e2e/fixtures/element.html');
  // 200,000 GPUs in 2,778 racks × $3.6M = $10.0B.
  assert.equal(await orbital.out(page, 'fleet_cost', '#static'), '$10.0B');
  const result = await page.evaluate(async () => {
    const ready = (el) => new Promise((ok) => { const t = setInterval(() => { if (el.hasAttribute('data-ready')) { clearInterval(t); ok(); } }, 5); });
    const el = Object.assign(document.createElement('essay-widget'), { innerHTML: '<p>fallback</p>' });
    el.setAttribute('widget', 'datacenter-power');
    el.setAttribute('scenario', 'gpus=50000');
    el.setAttribute('eager', '');
    document.querySelector('#a').append(el);
    await ready(el);
    const ns = el.dataset.ns;
    const before = window.essayWidgets.widget(el).state().outputs.facility_load;
    // A move (out and back in within one task) keeps the widget and its state.
    document.querySelector('#b').append(el);
    await new Promise((r) => setTimeout(r, 20));
    const moved = { ready: el.hasAttribute('data-ready'), ns: el.dataset.ns, load: window.essayWidgets.widget(el).state().outputs.facility_load };
    el.remove();
    await new Promise((r) => setTimeout(r, 20));
    const gone = { ready: el.hasAttribute('data-ready'), children: el.children.length, listed: window.essayWidgets.widgets().length };
    return { ns, before, moved, gone };
  });
  assert.equal(result.ns, 'datacenter-power');
  assert.ok(Math.abs(result.before - 50000 * 1.6667 * 1000 * 1.2) / result.before < 0.01, `${result.before}`);
  assert.deepEqual(result.moved, { ready: true, ns: 'datacenter-power', load: result.before });
  assert.deepEqual(result.gone, { ready: false, children: 0, listed: 1 });
});

test('<essay-widget>: 200 mount/unmount cycles leave memory and the DOM flat', async () => {
  const page = await env.open('/tests/e2e/fixtures/element.html');
  const cdp = await page.context().newCDPSession(page);
  const cycles = (n) => page.evaluate(async (n) => {
    for (let i = 0; i < n; i++) {
      const el = document.createElement('essay-widget');
      el.setAttribute('widget', i % 2 ? 'orbital-gpu-cost' : 'kv-cache');
      el.setAttribute('eager', '');
      document.querySelector('#a').append(el);
      await new Promise((ok) => { const t = setInterval(() => { if (el.hasAttribute('data-ready')) { clearInterval(t); ok(); } }, 2); });
      // Painted once, then gone.
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      el.remove();
      await new Promise((r) => setTimeout(r, 0));
    }
  }, n);
  const measure = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const other = await page.evaluate(async () => {
      const { wasm } = await import('/www/essay-widgets.js');
      return { wasm: wasm.memory.buffer.byteLength, nodes: document.getElementsByTagName('*').length, widgets: window.essayWidgets.widgets().length };
    });
    return { heap: usedSize, ...other };
  };
  await cycles(20);
  const warm = await measure();
  await cycles(200);
  const after = await measure();
  assert.equal(after.nodes, warm.nodes, 'no element left behind');
  assert.equal(after.widgets, 1, 'only the static widget is registered');
  const mb = (x) => (x / 1048576).toFixed(2);
  console.log(`# 200 cycles: JS heap ${mb(warm.heap)} → ${mb(after.heap)} MB, wasm memory ${mb(warm.wasm)} → ${mb(after.wasm)} MB`);
  assert.ok(after.heap - warm.heap < 2 * 1048576, `JS heap grew ${mb(after.heap - warm.heap)} MB over 200 cycles`);
  assert.ok(after.wasm - warm.wasm <= 2 * 1048576, `wasm memory grew ${mb(after.wasm - warm.wasm)} MB over 200 cycles`);
});
