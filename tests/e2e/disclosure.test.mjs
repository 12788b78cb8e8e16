// Progressive disclosure (issue "An editor would publish all five"): the headline, the chart,
// then the rest. Folded control groups, folded cards and the folded breakdown; every widget at
// most three phone screens tall at 375 px; reference marks that stay in their control.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KIT, suite, widget } from './browser.mjs';

const env = suite();
const ovt = widget('orbital-vs-terrestrial');
const kv = widget('kv-cache');
const PHONE = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 };
const SCREENS = 3 * 812;
const ids = async (page) => page.evaluate(() => fetch('www/models/index.json').then((r) => r.json()));

test('at 375 px every widget is at most three phone screens tall, in the demo and alone at its defaults', async () => {
  const page = await env.open('/', PHONE);
  const heights = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-essay-widget]')].map((w) => [w.dataset.ns, w.getBoundingClientRect().height])));
  const kit = await ids(page);
  assert.deepEqual(kit, KIT, 'www/models/index.json lists the kit');
  assert.ok(kit.every((id) => id in heights), `the demo shows the whole kit: ${kit}`);
  for (const [ns, h] of Object.entries(heights)) assert.ok(h <= SCREENS, `demo ${ns}: ${Math.round(h)} px > ${SCREENS}`);
  await page.context().close();
  for (const id of kit) {
    const alone = await env.open(`/www/embed.html?widget=${id}`, PHONE);
    const h = await alone.locator('[data-essay-widget]').evaluate((w) => w.getBoundingClientRect().height);
    assert.ok(h <= SCREENS, `${id} alone at its defaults: ${Math.round(h)} px > ${SCREENS}`);
    await alone.context().close();
  }
});

test('folded groups open from their heading, and a link that moves one of their inputs opens them', async () => {
  const page = await env.open('/');
  const more = page.locator(`${ovt.W} .ew-group-toggle[data-group="More"]`);
  const heat = page.locator(`${ovt.W} [data-for="heat_rate"]`);
  assert.equal(await more.getAttribute('aria-expanded'), 'false');
  assert.equal(await heat.isVisible(), false, 'a folded control is out of sight');
  // The closed heading says what it holds (only what its switches show).
  const list = await more.locator('.ew-group-list').textContent();
  assert.match(list, /Turbine heat rate/);
  assert.doesNotMatch(list, /Satellite size/, 'a control its switch hides is not listed');
  // Open groups keep their controls in sight.
  assert.equal(await page.locator(`${ovt.W} .ew-group-toggle[data-group="Orbit"]`).getAttribute('aria-expanded'), 'true');
  assert.ok(await page.locator(`${ovt.W} [data-for="launch_usd_per_kg"]`).isVisible());
  await more.click();
  assert.equal(await more.getAttribute('aria-expanded'), 'true');
  assert.ok(await heat.isVisible());
  assert.equal(await more.locator('.ew-group-list').isVisible(), false);
  // Keyboard: the heading is a button; Enter folds the group again.
  await more.focus();
  await page.keyboard.press('Enter');
  assert.equal(await heat.isVisible(), false);
  await page.context().close();

  const linked = await env.open('/?orbital-vs-terrestrial.v=2&orbital-vs-terrestrial.heat_rate=8000');
  assert.equal(await linked.locator(`${ovt.W} .ew-group-toggle[data-group="More"]`).getAttribute('aria-expanded'), 'true', 'the link moved a folded input: its group is open');
  assert.ok(await linked.locator(`${ovt.W} input[type=text][data-param="heat_rate"]`).isVisible());
  assert.equal(await linked.locator(`${ovt.W} input[type=text][data-param="heat_rate"]`).inputValue(), '8,000');
  assert.equal(await linked.locator(`${kv.W} .ew-group-toggle[data-group="More"]`).getAttribute('aria-expanded'), 'false', 'other widgets keep theirs folded');
});

test('the breakdown and the other cards wait behind their buttons; data-outputs shows what the author lists', async () => {
  const page = await env.open('/www/embed.html?widget=orbital-vs-terrestrial');
  const W = '[data-essay-widget]';
  const row = (key) => page.locator(`${W} [data-output="${key}"]`);
  // The headline row is in sight; the rest of the table is folded.
  assert.ok(await row('orbital_total').isVisible());
  assert.equal(await row('launch').isVisible(), false);
  const breakdown = page.locator(`${W} [data-action="breakdown"]`);
  assert.equal(await breakdown.textContent(), 'Show breakdown');
  await breakdown.click();
  assert.ok(await row('launch').isVisible());
  assert.equal(await breakdown.getAttribute('aria-expanded'), 'true');
  assert.equal(await breakdown.textContent(), 'Hide breakdown');
  // Folded cards: counted on their button, in sight after it.
  const more = page.locator(`${W} [data-action="more"]`);
  assert.equal(await row('satellites').isVisible(), false);
  assert.match(await more.textContent(), /^Show \d+ more figures?$/);
  const n = Number((await more.textContent()).match(/\d+/)[0]);
  const folded = await page.locator(`${W} .ew-out[hidden]`).count();
  assert.ok(n >= 3 && n <= folded, `${n} cards counted, ${folded} hidden`);
  await more.click();
  assert.ok(await row('satellites').isVisible());
  assert.equal(await more.textContent(), 'Show fewer figures');
  await page.context().close();
  // The author's list wins: no "more" button, exactly the cards listed.
  const chosen = await env.open('/www/embed.html?widget=orbital-vs-terrestrial&outputs=satellites%20ratio');
  assert.equal(await chosen.locator(`${W} [data-action="more"]`).isVisible(), false);
  assert.ok(await chosen.locator(`${W} [data-output="satellites"]`).isVisible());
  assert.equal(await chosen.locator(`${W} [data-output="break_even_usd_per_kg"]`).isVisible(), false);
});

test('reference marks stay inside their control, clear of its field and of each other, from 320 px to 1280 px', async () => {
  for (const width of [320, 375, 1280]) {
    const page = await env.open('/', { viewport: { width, height: 900 } });
    // Every group open, so that every mark is laid out.
    const closed = page.locator('.ew-group-toggle[aria-expanded="false"]');
    while (await closed.count()) await closed.first().click();
    const bad = await page.evaluate(() => {
      const out = [];
      const overlap = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
      for (const param of document.querySelectorAll('.ew-param')) {
        const ticks = [...param.querySelectorAll('.ew-tick')].filter((t) => t.offsetParent).map((t) => [t.textContent, t.getBoundingClientRect()]);
        if (!ticks.length) continue;
        const box = param.getBoundingClientRect();
        const widget = param.closest('.ew').getBoundingClientRect();
        const field = param.querySelector('.ew-field').getBoundingClientRect();
        for (const [name, r] of ticks) {
          if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.left < widget.left || r.right > widget.right) out.push(`${param.dataset.for} ${name}: outside (${Math.round(r.left)}–${Math.round(r.right)} in ${Math.round(box.left)}–${Math.round(box.right)})`);
          if (overlap(r, field)) out.push(`${param.dataset.for} ${name}: covers the field`);
        }
        for (let i = 0; i < ticks.length; i++) for (let j = i + 1; j < ticks.length; j++) if (overlap(ticks[i][1], ticks[j][1])) out.push(`${param.dataset.for}: ${ticks[i][0]} covers ${ticks[j][0]}`);
      }
      return out;
    });
    assert.deepEqual(bad, [], `at ${width} px`);
    await page.context().close();
  }
});
