// End-to-end: widgets written as model files. The kit's own (www/models/, checked against the
// hand calculations in tests/check/), an author's inline model and a file next to the page, and
// every class of broken model: a visible box naming the problem and its line, the fallback kept,
// the other widgets on the page unaffected, text from a model never becoming markup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { suite, widget } from './browser.mjs';

const env = suite();

/** The [[check]] entries of a check-figure file (the subset of TOML those files use). */
function checks(id) {
  const text = readFileSync(`tests/check/${id}.toml`, 'utf8');
  return text.split(/^\[\[check\]\]$/m).slice(1).map((block) => {
    const entry = {};
    for (const [, key, value] of block.matchAll(/^(\w+)\s*=\s*(.+?)\s*$/gm)) entry[key] = value.startsWith('"') ? JSON.parse(value) : Number(value);
    return entry;
  });
}

const kitModels = readdirSync('www/models').filter((f) => f.endsWith('.toml')).map((f) => f.replace(/\.toml$/, ''));

test('every model file of the kit mounts in the demo essay and reads its check figures', async () => {
  for (const id of kitModels) {
    const scenarios = [...new Set(checks(id).map((c) => c.scenario ?? ''))];
    for (const scenario of scenarios) {
      const page = await env.open('/');
      try {
        // The scenario set as the JS API sets it (the current link format, like data-scenario).
        const notes = await page.evaluate(([id, sc]) => window.essayWidgets.widget(id).set(Object.fromEntries(new URLSearchParams(sc))), [id, scenario]);
        assert.deepEqual(notes, [], `${id}: ${scenario}`);
        const state = await page.evaluate((id) => window.essayWidgets.widget(id).state(), id);
        for (const c of checks(id).filter((c) => (c.scenario ?? '') === scenario)) {
          const got = state.outputs[c.output];
          assert.ok(Math.abs(got - c.expect) <= c.within * Math.abs(c.expect), `${id}.${c.output} at “${scenario}”: ${got}, hand calculation ${c.expect} (${c.source})`);
          assert.notEqual(await widget(id).out(page, c.output), '', `${id}.${c.output} is shown`);
        }
      } finally {
        await page.context().close();
      }
    }
  }
});

test('the sixth widget: readouts, prose, slider, typed value and the link, by keyboard', async () => {
  const w = widget('prefill-cost');
  const page = await env.open('/');
  try {
    assert.equal(await w.out(page, 'usd_per_mtok'), '$0.25'); // $2.50 ÷ (2,801.7 × 3,600) × 1e6, SOURCES.md §6
    assert.equal(await w.out(page, 'prompt_cost'), '$0.025');
    assert.equal(await page.locator('[data-essay-bind="prefill-cost.markup"]').textContent(), '3.55×');
    // Typed: $4 per GPU-hour is 1.6 times the cost.
    await w.type(page, 'gpu_usd_per_hour', '4');
    assert.equal(await w.out(page, 'usd_per_mtok'), '$0.40'); // 0.24787 × 1.6
    assert.equal(await page.locator('[data-essay-bind="prefill-cost.usd_per_mtok"]').textContent(), '$0.40');
    // The keyboard moves the slider, and the readout follows.
    const slider = w.slider(page, 'utilization');
    await slider.focus();
    await page.keyboard.press('End');
    assert.equal(await w.out(page, 'tokens_per_gpu_s'), '5,603\u00a0tokens/s'); // 2,801.7 × 80 / 40
    await page.waitForFunction(() => location.search.includes('prefill-cost.utilization=80'));
    assert.equal(w.param(page, 'gpu_usd_per_hour'), '4');
    // The link opens the same scenario.
    const again = await env.open(new URL(page.url()).pathname + new URL(page.url()).search);
    try {
      assert.equal(await w.out(again, 'usd_per_mtok'), '$0.20'); // $4 at twice the rate: 0.24787 × 1.6 ÷ 2
    } finally {
      await again.context().close();
    }
  } finally {
    await page.context().close();
  }
});

test('the sixth widget by touch, on a 375 px phone', async () => {
  const w = widget('prefill-cost');
  const page = await env.open('/', { viewport: { width: 375, height: 800 }, hasTouch: true, isMobile: true });
  try {
    const slider = w.slider(page, 'gpu_usd_per_hour');
    await slider.scrollIntoViewIfNeeded();
    const box = await slider.boundingBox();
    // A tap at the right end of the track sets the highest price.
    await page.touchscreen.tap(box.x + box.width - 2, box.y + box.height / 2);
    await page.waitForFunction(() => document.querySelector('[data-essay-widget="prefill-cost"] [data-output="usd_per_mtok"]').textContent !== '$0.25');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 375, `no horizontal scroll (${wide} px)`);
  } finally {
    await page.context().close();
  }
});

test('an author\'s inline model and a model file next to the page mount; markup in a model stays text', async () => {
  const page = await env.open('/tests/e2e/fixtures/models.html');
  page.allow(/Failed to load resource: .*404/); // the page's #missing placeholder asks for models/gone.toml
  try {
    const inline = widget('launch-bill');
    assert.equal(await page.locator('#inline').getAttribute('data-ready'), '');
    assert.equal(await inline.out(page, 'bill'), '$5.0B'); // $1,200 × 3,000 lb × ⌈100,000 / 72⌉ = 1,389 racks
    assert.equal(await inline.out(page, 'rack_cost'), '$3.6M');
    assert.match(await page.locator('#inline').textContent(), /Launch bill <img src=x onerror=window\.pwned=1>/);
    assert.equal(await page.locator('#inline img').count(), 0, 'the title is text, not an image');
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    assert.equal(await widget('tiny-file').out(page, 'per_year'), '$141M'); // 200 MW × 8,760 h × $80.6/MWh
    assert.equal(await widget('orbital-gpu-cost').out(page, 'fleet_cost'), '$5.0B', 'the built-in beside them is unaffected');
    // The kit's ids now include the loaded models.
    const ids = await page.evaluate(() => window.essayWidgets.ids());
    assert.ok(ids.includes('launch-bill') && ids.includes('tiny-file') && ids.includes('orbital-gpu-cost'), ids.join());
    // A link sets an input of an author's model as it does a built-in's.
    await inline.type(page, 'gpus', '720');
    await page.waitForFunction(() => location.search.includes('launch-bill.gpus=720'));
    assert.equal(await inline.out(page, 'racks'), '10\u00a0racks');
  } finally {
    await page.context().close();
  }
});

test('every broken model shows what is wrong, where, in place of that widget; the fallback stays', async () => {
  const page = await env.open('/tests/e2e/fixtures/models.html');
  page.allow(/Failed to load resource: .*404/); // the page's #missing placeholder asks for models/gone.toml
  try {
    const box = async (id) => ({ code: await page.locator(id).getAttribute('data-error'), text: await page.locator(`${id} .ew-error`).textContent(), all: await page.locator(id).textContent(), role: await page.locator(`${id} .ew-error`).getAttribute('role') });
    const typo = await box('#typo');
    assert.equal(typo.code, 'bad-model');
    assert.equal(typo.role, 'alert');
    assert.match(typo.text, /the model “typo-model” \(inline model\) cannot be used: line 16: unknown name `gpu_per_rack` — did you mean `gpus_per_rack`\?/);
    assert.match(typo.all, /fallback typo/);
    const cycle = await box('#cycle');
    assert.match(cycle.text, /models\/cycle-file\.toml\) cannot be used: line \d+: the formulas go round in a circle: a → b → a/);
    assert.match(cycle.all, /fallback cycle/);
    const missing = await box('#missing');
    assert.match(missing.text, /could not load the model file models\/gone\.toml \(HTTP 404\)/);
    assert.match(missing.all, /fallback missing/);
  } finally {
    await page.context().close();
  }
});

test('a model loaded from the JS API reports errors and warnings with their lines, and mounts once good', async () => {
  const page = await env.open('/tests/e2e/fixtures/models.html');
  page.allow(/Failed to load resource: .*404/); // the page's #missing placeholder asks for models/gone.toml
  try {
    const bad = await page.evaluate(() => window.essayWidgets.load('id = "late"\ntitle = "Late"\n[[input]]\nkey = "x"\nlabel = "X"\nmin = 1\nmax = 10\ndefault = 20\nsource = "t"\n'));
    assert.equal(bad.errors[0].line, 8);
    assert.match(bad.errors[0].message, /default 20 of `x` is outside its range 1 to 10/);
    // Every other class of bad model, as the page reports it.
    const head = 'id = "late"\ntitle = "Late"\n[[input]]\nkey = "x"\nlabel = "X"\nmin = 1\nmax = 10\ndefault = 2\nsource = "t"\n';
    for (const [tail, line, says] of [
      ['[[output]]\nkey = "y"\nlabel = "Y"\nunit = "lbs/h"\nformula = "x"\n', 13, /unknown unit/],
      ['[[output]]\nkey = "y"\nlabel = "Y"\nformula = "1 / (x - 2)"\n', 13, /`y` is not a number at the defaults/],
      ['[[output]]\nkey = "y"\nlabel = "Y"\nformula = "x * z"\n', 13, /unknown name `z`/],
    ]) {
      const r = await page.evaluate((t) => window.essayWidgets.load(t), head + tail);
      assert.equal(r.errors.length, 1, tail);
      assert.equal(r.errors[0].line, line, r.errors[0].text);
      assert.match(r.errors[0].message, says);
    }
    const good = await page.evaluate(() => window.essayWidgets.load('id = "late"\ntitle = "Late"\n[[input]]\nkey = "x"\nlabel = "X"\nunit = "lb"\nmin = 1\nmax = 10\ndefault = 2\nsource = "t"\n[[output]]\nkey = "y"\nlabel = "Y"\nunit = "$"\nformula = "x * 3"\n'));
    assert.equal(good.warnings.length, 1);
    assert.match(good.warnings[0].text, /line 14: `y` is declared in `\$` \(money\) but its formula gives mass/);
    await page.evaluate(async () => {
      document.body.insertAdjacentHTML('beforeend', '<div id="late" data-essay-widget="late" data-eager></div>');
      await window.essayWidgets.mount();
    });
    await page.waitForSelector('#late[data-ready]');
    assert.equal(await widget('late').out(page, 'y'), '$6.00');
  } finally {
    await page.context().close();
  }
});
