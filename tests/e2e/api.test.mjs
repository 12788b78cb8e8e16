// End-to-end: the JS API a host page uses (README "JS API for the host page"): read a widget's
// scenario and outputs, set values as a link would, hear about changes. Expected numbers are the
// essay's hand calculations (SOURCES.md §1–2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KIT, suite, widget } from './browser.mjs';

const env = suite();
const orbital = widget('orbital-gpu-cost');
const dc = widget('datacenter-power');

test('state() gives the scenario and its outputs as plain numbers', async () => {
  const page = await env.open();
  const state = await page.evaluate(() => window.essayWidgets.widget('orbital-gpu-cost').state());
  assert.equal(state.widget, 'orbital-gpu-cost');
  assert.equal(state.ns, 'orbital-gpu-cost');
  assert.equal(state.inputs.launch_usd_per_lb, 1200);
  assert.equal(state.outputs.rack_cost, 1200 * 3000);            // $3.6M
  assert.equal(state.outputs.fleet_cost, Math.ceil(100000 / 72) * 3.6e6);
  assert.equal(state.outputs.solar_mass, null, 'support is off: not applicable');
  assert.deepEqual(state.notes, []);
  const all = await page.evaluate(() => window.essayWidgets.widgets().map((w) => w.state().widget));
  const placed = await page.evaluate(() => [...document.querySelectorAll('[data-essay-widget]')].map((p) => p.dataset.essayWidget));
  assert.deepEqual([...placed].sort(), KIT, 'the demo page shows the whole kit, each once');
  assert.deepEqual(all.sort(), placed.sort());
});

test('set() changes values as a link would, and onChange() hears every change', async () => {
  const page = await env.open();
  const result = await page.evaluate(async () => {
    const w = window.essayWidgets.widget(document.querySelector('[data-essay-widget="datacenter-power"]'));
    const heard = [];
    const stop = w.onChange((s) => heard.push(s.outputs.facility_load));
    const bubbled = [];
    document.addEventListener('essay-widgets:change', (e) => bubbled.push(e.detail));
    const notes = w.set({ gpus: 50000, gpu_model: 'h100', pue: 9, warp: 1 });
    await new Promise((r) => setTimeout(r, 50));
    stop();
    w.set({ pue: 1.5 });
    await new Promise((r) => setTimeout(r, 50));
    return { notes, heard, bubbled, state: w.state() };
  });
  // PUE 9 is clamped to 2 and says so; the unknown key is named; nothing is thrown.
  assert.equal(result.notes.length, 2, result.notes.join(' | '));
  assert.ok(result.notes.some((n) => n.includes('outside the range')));
  assert.ok(result.notes.some((n) => n.includes('“warp”')));
  // The H100 preset fills the power per accelerator; 50,000 × that × PUE 2.0, then × 1.5.
  const kw = await page.evaluate(() => window.essayWidgets.widget('datacenter-power').state().inputs.kw_per_gpu);
  assert.equal(result.heard.length, 1, 'one change heard, then stopped');
  assert.ok(Math.abs(result.heard[0] - 50000 * kw * 1000 * 2) < 1, `${result.heard[0]}`);
  assert.equal(result.bubbled.length, 2);
  assert.deepEqual(result.bubbled[0], { widget: 'datacenter-power', ns: 'datacenter-power' });
  assert.ok(Math.abs(result.state.outputs.facility_load - 50000 * kw * 1000 * 1.5) < 1);
  assert.equal(result.state.inputs.gpu_model, 0, 'the preset is chosen (by name in, by index out)');
  assert.equal(await dc.out(page, 'facility_load'), `${(50000 * kw * 1.5 / 1000).toPrecision(3)}\u00a0MW`); // three significant digits
  // The link follows, as for a reader's change.
  await page.waitForFunction(() => new URLSearchParams(location.search).get('datacenter-power.pue') === '1.5');
  assert.equal(await orbital.out(page, 'rack_cost'), '$3.6M', 'the other widget is untouched');
});

test('a target that is not a mounted widget is an error the page can catch', async () => {
  const page = await env.open();
  const message = await page.evaluate(() => {
    try { window.essayWidgets.widget('no-such-widget').state(); return 'no error'; } catch (e) { return e.message; }
  });
  assert.match(message, /no mounted widget/);
});

test('scenario() round-trips every widget, with one and with several changed inputs', async () => {
  const page = await env.open();
  const ids = await page.evaluate(() => window.essayWidgets.ids());
  assert.deepEqual([...ids].sort(), KIT);
  for (const id of ids) {
    for (const count of [1, 3]) {
      const result = await page.evaluate(async ([id, count]) => {
        const host = document.querySelector(`[data-essay-widget="${id}"]`);
        if (!host) return { skipped: true };
        const w = window.essayWidgets.widget(host);
        const before = w.state().inputs;
        // Each slider's input set far above its range: it lands on its maximum (with a note).
        const sliders = [...host.querySelectorAll('input[type="range"][data-param]:not([data-end])')].slice(0, count);
        const values = Object.fromEntries(sliders.map((s) => [s.dataset.param, 1e300]));
        const notes = w.set(values);
        const scenario = w.scenario();
        const wanted = w.state().inputs;
        // A second placeholder started from that scenario shows the same inputs.
        const copy = Object.assign(document.createElement('div'), { className: 'roundtrip' });
        copy.dataset.essayWidget = id;
        copy.dataset.scenario = scenario;
        copy.dataset.eager = '';
        document.body.append(copy);
        await window.essayWidgets.mount();
        await new Promise((r) => setTimeout(r, 30));
        const got = window.essayWidgets.widget(copy).state().inputs;
        w.set(before);
        return { values, notes, scenario, wanted, got, changed: sliders.length };
      }, [id, count]);
      if (result.skipped) continue;
      assert.equal(result.changed, count, `${id}: ${count} sliders`);
      assert.equal(result.notes.length, count, `${id}: ${result.notes.join(' | ')}`);
      for (const key of Object.keys(result.values)) assert.match(result.scenario, new RegExp(`(^|&)${key}=`), `${id}: ${key} in “${result.scenario}”`);
      assert.deepEqual(result.got, result.wanted, `${id} from “${result.scenario}”`);
    }
  }
});
