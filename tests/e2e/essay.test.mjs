// The demo essay never contradicts its widgets: every number in the prose that depends on a
// reader's input is bound to the widget (and follows it to both ends of every slider), and every
// other number is marked as a fixed, sourced fact or is worded for the essay's own scenario.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite } from './browser.mjs';

const env = suite();

/** What the page shows for a binding's source: the readout's text, or the typed field's number. */
function truth() {
  return [...document.querySelectorAll('[data-essay-bind]')].map((el) => {
    const [ns, key] = el.dataset.essayBind.split('.');
    const w = document.querySelector(`[data-ns="${ns}"]`);
    const out = w.querySelector(`[data-output="${key}"]`);
    const field = w.querySelector(`input[type="text"][data-param="${key}"]`);
    // The readout's number, without the interval that follows it while ranges are on.
    const number = out && [...out.childNodes].filter((n) => !n.classList?.contains('ew-interval')).map((n) => n.textContent).join('');
    // An adjustable number (data-adjust) is a field in the sentence: its value is the text.
    const text = el.querySelector('input.ew-adjust')?.value ?? el.textContent;
    return { bind: el.dataset.essayBind, text, out: number ?? null, field: field?.value ?? null, error: el.dataset.bindError ?? null };
  });
}

/** Conditional prose: each `data-essay-when` element, whether it shows and whether it should. */
function whens() {
  return [...document.querySelectorAll('[data-essay-when]')].map((el) => {
    const [target, value] = el.dataset.essayWhen.split('=');
    const [ns, key] = target.split('.');
    const w = document.querySelector(`[data-ns="${ns}"]`);
    const input = w.querySelector(`input[data-param="${key}"]:is([type="checkbox"], [type="radio"]:checked)`);
    const now = input?.type === 'checkbox' ? (input.checked ? 'on' : 'off') : input?.value;
    return { when: el.dataset.essayWhen, shown: !el.hidden && el.getClientRects().length > 0, holds: now === value, error: el.dataset.bindError ?? null };
  });
}

/** The number a text leads with ("$1.2K/lb" → 1200, "1,361 kg" → 1361). */
function lead(text) {
  const m = /(-?\d[\d,]*(?:\.\d+)?)(K|M|B|T)?/.exec(text);
  assert.ok(m, `a number in “${text}”`);
  return Number(m[1].replaceAll(',', '')) * ({ K: 1e3, M: 1e6, B: 1e9, T: 1e12 }[m[2]] ?? 1);
}

function agree(rows, where) {
  for (const r of rows) {
    assert.equal(r.error, null, `${r.bind} is bound to something the widget has`);
    if (r.out !== null) assert.equal(r.text, r.out, `${r.bind} ${where}: the prose says what the readout says`);
    else {
      assert.notEqual(r.field, null, `${r.bind} is a readout or an input`);
      const [a, b] = [lead(r.text), lead(r.field)];
      // The prose rounds to the unit's display precision (three significant digits at least).
      assert.ok(Math.abs(a - b) <= 0.006 * Math.max(Math.abs(a), Math.abs(b)), `${r.bind} ${where}: “${r.text}” vs field “${r.field}”`);
    }
  }
}

test('the fallback text of every binding is what the widget shows at the start (nothing jumps)', async () => {
  const page = await env.open();
  const html = await (await fetch(`${env.base}/`)).text();
  const before = [...html.matchAll(/data-essay-bind="([^"]+)"[^>]*>([^<]*)</g)].map((m) => [m[1], m[2]]);
  assert.ok(before.length >= 25, `${before.length} bindings in the essay`);
  const after = await page.evaluate(truth);
  // (The widget's no-break space between a number and its unit is the hand-written text's
  // space: the same width, nothing moves.)
  assert.deepEqual(after.map((r) => [r.bind, r.text.replaceAll('\u00a0', ' ')]), before);
  agree(after, 'at the start');
});

test('every number in the prose is bound, a marked fact, or a year', async () => {
  const page = await env.open();
  const loose = await page.evaluate(() => {
    const found = [];
    const walk = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (n.parentElement.closest('[data-essay-widget], [data-essay-bind], [data-fixed], footer')) continue;
      // Years and product names (Falcon 9, GB200 NVL72, H100, Llama 3.1 70B, gpt-oss-120b) are not
      // quantities.
      const text = n.textContent.replace(/\b(19|20)\d\d(s)?\b/g, '')
        .replace(/\bFalcon 9\b|\bLlama \d(\.\d)?( \d+B)?\b|\bgpt-oss-\d+b\b|\b[A-Z]+\d+\w*/g, '');
      const m = /.{0,30}\d.{0,30}/s.exec(text);
      if (m) found.push(m[0].replace(/\s+/g, ' '));
    }
    return found;
  });
  assert.deepEqual(loose, []);
});

test('moving every slider to both ends: the prose follows, no sentence goes stale', async () => {
  const page = await env.open();
  const sliders = await page.locator('[data-essay-widget] input[type="range"][data-param]:not([data-end])').evaluateAll((els) => els.map((e) => ({
    ns: e.closest('[data-ns]').dataset.ns, key: e.dataset.param,
  })));
  assert.ok(sliders.length >= 15, `${sliders.length} sliders`);
  const start = await page.evaluate(truth);
  let moved = 0;
  for (const { ns, key } of sliders) {
    for (const end of ['min', 'max']) {
      await page.evaluate(({ ns, key, end }) => {
        const s = document.querySelector(`[data-ns="${ns}"] input[type="range"][data-param="${key}"]`);
        s.value = s[end];
        s.dispatchEvent(new Event('input', { bubbles: true }));
        s.dispatchEvent(new Event('change', { bubbles: true }));
      }, { ns, key, end });
      const rows = await page.evaluate(truth);
      agree(rows, `with ${ns}.${key} at its ${end}`);
      if (rows.some((r, i) => r.text !== start[i].text)) moved++;
    }
    // Back to the essay's scenario before the next slider.
    // (Reset is hidden, its slot kept, while nothing differs from the essay.)
    await page.evaluate((ns) => document.querySelector(`[data-ns="${ns}"] button[data-action="reset"]`).click(), ns);
  }
  // The check can fail: the bound prose really changed with the sliders.
  assert.ok(moved >= sliders.length, `prose changed in ${moved} of ${sliders.length * 2} moves`);
  assert.deepEqual(await page.evaluate(truth), start, 'Reset brings the essay back word for word');
});

test('flipping every switch, choice and preset, and with ranges on: the prose still holds', async () => {
  const page = await env.open();
  const controls = await page.evaluate(() => [...document.querySelectorAll('[data-essay-widget][data-ns]')].flatMap((w) => {
    const keys = new Map();
    for (const c of w.querySelectorAll('input[data-param]:is([type="checkbox"], [type="radio"])')) {
      const values = keys.get(c.dataset.param) ?? [];
      if (c.type === 'checkbox') values.push('on', 'off'); else if (!c.disabled) values.push(c.value);
      keys.set(c.dataset.param, values);
    }
    return [...keys].map(([key, values]) => ({ ns: w.dataset.ns, key, values }));
  }));
  assert.ok(controls.length >= 8, `${controls.length} switches, choices and presets`);
  assert.ok(controls.some((c) => c.key === 'support'), 'the power-and-cooling switch is among them');
  const start = await page.evaluate(truth);
  const check = async (where) => {
    agree(await page.evaluate(truth), where);
    for (const w of await page.evaluate(whens)) {
      assert.equal(w.error, null, `${w.when}: ${w.error}`);
      assert.equal(w.shown, w.holds, `${w.when} ${where}: shown only while it holds`);
    }
  };
  await check('at the start');
  let flips = 0;
  for (const { ns, key, values } of controls) {
    for (const value of values) {
      const notes = await page.evaluate(({ ns, key, value }) => window.essayWidgets.widget(ns).set({ [key]: value }), { ns, key, value });
      assert.deepEqual(notes, [], `${ns}.${key}=${value}`);
      await check(`with ${ns}.${key}=${value}`);
      flips++;
    }
    await page.evaluate((ns) => document.querySelector(`[data-ns="${ns}"] button[data-action="reset"]`).click(), ns);
  }
  assert.ok(flips >= 16, `${flips} flips`);
  // Ranges on: every widget's first slider ranged ±20 % around its value; the prose shows the
  // readouts' medians.
  for (const ns of await page.evaluate(() => window.essayWidgets.widgets().map((w) => w.state().ns))) {
    await page.evaluate(async (ns) => {
      const w = window.essayWidgets.widget(ns);
      const key = w.element.querySelector('input[type="range"][data-param]:not([data-end])').dataset.param;
      const v = w.state().inputs[key];
      w.set({ [key]: `${v * 0.8}~${v * 1.2}` });
      await new Promise((r) => setTimeout(r, 400));
    }, ns);
    await page.waitForFunction((ns) => document.querySelector(`[data-ns="${ns}"] [data-output][data-p50]`), ns);
    await check(`with ranges on in ${ns}`);
  }
});

test('adjustable numbers in the prose: keys, typing and dragging move the widget, announced as a spin button', async () => {
  const page = await env.open();
  const field = page.locator('[data-essay-bind="orbital-gpu-cost.launch_usd_per_lb"] input.ew-adjust');
  const W = '[data-essay-widget="orbital-gpu-cost"]';
  const rack = () => page.locator(`${W} [data-output="rack_cost"]`).textContent();
  assert.equal(await field.getAttribute('role'), 'spinbutton');
  assert.equal(await field.inputValue(), '$1,200/lb');
  assert.equal(await field.getAttribute('aria-valuetext'), '$1,200/lb');
  const box = await field.boundingBox();
  assert.ok(box.height >= 44, `touch target ${box.height} px high`);
  // The keys of a spin button; the widget's slider, readouts and link follow.
  await field.focus();
  await field.press('End');
  assert.equal(await field.getAttribute('aria-valuetext'), await page.evaluate(() => document.querySelector('[data-essay-bind="orbital-gpu-cost.launch_usd_per_lb"] input').value));
  const top = await page.evaluate(() => window.essayWidgets.widget('orbital-gpu-cost').state().inputs.launch_usd_per_lb);
  assert.ok(Math.abs(top - 45359.237) < 0.01, `End: the maximum ($100,000/kg), got ${top}`);
  await field.press('Home');
  await field.press('ArrowUp');
  const low = await page.evaluate(() => window.essayWidgets.widget('orbital-gpu-cost').state().inputs.launch_usd_per_lb);
  assert.ok(low > 4.54 && low < 6, `Home then ↑: one step above the minimum, got ${low}`);
  // Typing a value, as in the widget's own field: $800/lb × 3,000 lb = $2.4M.
  await field.fill('800');
  await field.press('Enter');
  assert.equal(await rack(), '$2.4M');
  assert.equal(await page.locator(`${W} input[type="text"][data-param="launch_usd_per_lb"]`).inputValue(), '800');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('orbital-gpu-cost.launch_usd_per_lb') === '800');
  // Dragging sideways: to the right is more.
  const b = await field.boundingBox();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2 + 60, b.y + b.height / 2, { steps: 6 });
  await page.mouse.up();
  const dragged = await page.evaluate(() => window.essayWidgets.widget('orbital-gpu-cost').state().inputs.launch_usd_per_lb);
  assert.ok(dragged > 800, `dragged right: ${dragged}`);
  assert.equal(await field.inputValue(), await page.evaluate(() => document.querySelector('[data-essay-bind="orbital-gpu-cost.launch_usd_per_lb"] input').getAttribute('aria-valuetext')));
});
