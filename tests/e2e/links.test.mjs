// End-to-end: scenario links people can trust. Share and Reset, the comparison with the essay's
// numbers, links from an older format version, every kind of broken or hostile link, and no
// history flood however fast the reader drags. Expected numbers are the essay's hand
// calculations (SOURCES.md §1–2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, suite, widget, widgetsReady } from './browser.mjs';

const env = suite();

const orbital = widget('orbital-gpu-cost');
const dc = widget('datacenter-power');
const open = env.open;

test('Share copies a link that opens the same scenario in another browser', async () => {
  const page = await open('/?utm_source=news#the-launch-bill');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.base });
  await orbital.type(page, 'launch_usd_per_lb', '800');
  await dc.type(page, 'pue', '1.5');
  const share = page.locator(`${orbital.W} button[data-action="share"]`);
  await share.click();
  await page.waitForFunction((w) => document.querySelector(`${w} button[data-action="share"]`).textContent === 'Copied', orbital.W);
  assert.match(await page.locator(`${orbital.W} .ew-status`).textContent(), /copied/i);
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const url = new URL(link);
  assert.equal(url.searchParams.get('orbital-gpu-cost.launch_usd_per_lb'), '800', 'written at once, not after the quiet period');
  assert.equal(url.searchParams.get('datacenter-power.pue'), '1.5', 'every widget on the page, as the reader sees it');
  assert.equal(url.searchParams.get('utm_source'), 'news');
  assert.equal(url.hash, '#the-launch-bill');

  // A friend opens it in a browser of their own.
  const friend = await env.page();
  await friend.goto(link);
  await widgetsReady(friend);
  for (const [w, keys] of [[orbital, ['rack_cost', 'fleet_cost', 'gpu_cost', 'racks']], [dc, ['facility_load', 'bill_year', 'gpu_hour']]]) {
    for (const key of keys) assert.equal(await w.out(friend, key), await w.out(page, key), key);
  }
  assert.equal(await orbital.out(friend, 'rack_cost'), '$2.4M'); // $800 × 3,000 lb
});

/** A fresh page whose clipboard refuses every write. */
async function refusingClipboard() {
  const page = await env.page();
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } });
  });
  return page;
}

test('when the clipboard refuses, the link is shown selected to copy by hand', async () => {
  const page = await refusingClipboard();
  await page.goto(env.base + '/#intro');
  await widgetsReady(page);
  await dc.type(page, 'gpus', '250000');
  await page.locator(`${dc.W} button[data-action="share"]`).click();
  const field = page.locator(`${dc.W} .ew-share-text`);
  await field.waitFor({ state: 'visible' });
  const got = await field.evaluate((f) => ({ value: f.value, focused: document.activeElement === f, selected: f.selectionEnd - f.selectionStart }));
  assert.equal(new URL(got.value).searchParams.get('datacenter-power.gpus'), '250000');
  assert.equal(new URL(got.value).hash, '#intro', "the page's own fragment wins");
  assert.ok(got.focused && got.selected === got.value.length, 'focused and all selected');
  assert.match(await page.locator(`${dc.W} .ew-status`).textContent(), /copy the link/i);
});

test('away from the essay: differences shown, Reset brings the essay back', async () => {
  const page = await open();
  const reset = page.locator(`${orbital.W} button[data-action="reset"]`);
  assert.equal(await reset.isVisible(), false, 'nothing to reset at the essay numbers');
  assert.equal(await page.locator(`${orbital.W} [data-delta="fleet_cost"]`).isVisible(), false);
  await orbital.type(page, 'gpus', '300000');
  // ⌈300,000 / 72⌉ = 4,167 racks × $3.6M = $15.0B; the essay's is $5.0B (1,389 racks).
  assert.equal(await orbital.out(page, 'fleet_cost'), '$15.0B');
  assert.equal(await page.locator(`${orbital.W} [data-delta="fleet_cost"]`).textContent(), '+$10.0B vs the essay');
  assert.equal(await page.locator(`${orbital.W} [data-delta="rack_cost"]`).isVisible(), false, 'unchanged per rack');
  await page.waitForFunction(() => location.search.includes('orbital-gpu-cost.gpus=300000'));
  const moved = await orbital.pixels(page);
  await reset.click();
  assert.equal(await page.evaluate(() => document.activeElement.dataset.action), 'share', 'focus moves to Share, not to <body>');
  assert.equal(await orbital.out(page, 'fleet_cost'), '$5.0B');
  assert.equal(await orbital.field(page, 'gpus').inputValue(), '100,000');
  assert.equal(await reset.isVisible(), false);
  assert.equal(await page.locator(`${orbital.W} [data-delta="fleet_cost"]`).isVisible(), false);
  assert.notEqual(await orbital.pixels(page), moved, 'chart back to the essay');
  await page.waitForFunction(() => !location.search.includes('orbital-gpu-cost.'));
});

test('a link from the older format version (fleet_gpus) restores the same scenario', async () => {
  const page = await open('/?orbital-gpu-cost.fleet_gpus=200000&orbital-gpu-cost.rack_lb=2500');
  // ⌈200,000 / 72⌉ = 2,778 racks × $1,200 × 2,500 lb = $8.3B.
  assert.equal(await orbital.out(page, 'racks'), '2,778\u00a0racks');
  assert.equal(await orbital.out(page, 'fleet_cost'), '$8.3B');
  assert.equal(await page.locator(`${orbital.W} .ew-notes`).isVisible(), false, 'an old link is not an error');
  // The next write uses the current version's names.
  await orbital.type(page, 'gpus_per_rack', '144');
  await page.waitForFunction(() => location.search.includes('gpus_per_rack=144'));
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('orbital-gpu-cost.v'), '2');
  assert.equal(url.searchParams.get('orbital-gpu-cost.gpus'), '200000');
  assert.equal(url.searchParams.get('orbital-gpu-cost.fleet_gpus'), null);
});

// Every bad input the README lists: the query, what the note must say, and a readout that shows
// the sane value used instead (from the essay's hand calculations).
const HOSTILE = [
  ['unknown key', 'orbital-gpu-cost.warp_speed=9', 'Ignored unknown setting “warp_speed”', ['rack_cost', '$3.6M']],
  ['malformed number', 'orbital-gpu-cost.rack_lb=3,0,0', 'Rack mass: “3,0,0” is not a number', ['rack_cost', '$3.6M']],
  ['NaN', 'orbital-gpu-cost.launch_usd_per_lb=NaN', 'Launch price: “NaN” is not a number', ['rack_cost', '$3.6M']],
  ['Infinity', 'orbital-gpu-cost.gpus_per_rack=Infinity', 'GPUs per rack: “Infinity” is not a number', ['racks', '1,389\u00a0racks']],
  ['out of range', 'orbital-gpu-cost.gpus_per_rack=100000', 'GPUs per rack: 100000 is outside the range 1–576; using 576', ['racks', '174\u00a0racks']],
  ['wrong type for a switch', 'orbital-gpu-cost.support=7', '“7” is not one of off, on', ['rack_cost', '$3.6M']],
  ['wrong type for a preset', 'datacenter-power.gpu_model=2', '“2” is not one of h100', ['facility_load', '200\u00a0MW']],
  ['duplicated key', 'orbital-gpu-cost.gpus=2000&orbital-gpu-cost.gpus=3000', 'appears more than once in the link; the last one counts', ['racks', '42\u00a0racks']],
  ['over-long link', `orbital-gpu-cost.gpus=3000&pad=${'x'.repeat(9000)}`, 'longer than 8 KB', ['racks', '42\u00a0racks']],
  ['broken percent-encoding', 'orbital-gpu-cost.rack_lb=%E2%28', 'has broken encoding; kept the default', ['rack_cost', '$3.6M']],
  ['broken encoding in a key', 'orbital-gpu-cost.%ZZ=1', 'Ignored a setting with broken encoding', ['rack_cost', '$3.6M']],
  ['script payload', 'orbital-gpu-cost.units=%3Cscript%3Ewindow.pwned%3D1%3C%2Fscript%3E', '“<script>window.pwned=1</script>” is not one of lb, kg', ['rack_cost', '$3.6M']],
  ['HTML payload in a key', 'orbital-gpu-cost.%3Cimg%20src%3Dx%20onerror%3Dwindow.pwned%3D1%3E=1', 'Ignored unknown setting “<img src=x onerror=window.pwned=1>”', ['rack_cost', '$3.6M']],
  ['a future format version', 'orbital-gpu-cost.v=7&orbital-gpu-cost.gpus=3000', 'format version “7”', ['racks', '42\u00a0racks']],
];

for (const [name, query, note, [key, want]] of HOSTILE) {
  test(`hostile link, ${name}: a note, sane values, no markup, no error`, async () => {
    // Keys of a widget that is not on this page ride along untouched.
    const page = await open(`/?${query}&missing-widget.x=%3Cb%3E1`);
    const w = query.startsWith('datacenter') ? dc : orbital;
    const notes = page.locator(`${w.W} .ew-notes`);
    assert.equal(await notes.isVisible(), true);
    const text = await notes.textContent();
    assert.ok(text.includes(note), `note says ${note}: ${text}`);
    assert.equal(await w.out(page, key), want);
    assert.equal(await page.locator('[data-essay-widget] img, [data-essay-widget] script, [data-essay-widget] b').count(), 0);
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    // Acting on the widget keeps the other widget's keys as they were.
    await w.type(page, w === dc ? 'years' : 'rack_lb', w === dc ? '6' : '2900');
    await page.waitForFunction(() => location.search.includes('years=6') || location.search.includes('rack_lb=2900'));
    assert.ok(page.url().includes('missing-widget.x=%3Cb%3E1'), 'foreign keys untouched');
    await page.context().close();
  });
}

test('typed values follow the same rules: NaN, Infinity and markup are refused as text', async () => {
  const page = await open();
  const msg = page.locator(`${orbital.W} [data-msg="rack_lb"]`);
  for (const typed of ['NaN', 'Infinity', '<img src=x onerror=window.pwned=1>']) {
    await orbital.type(page, 'rack_lb', typed);
    assert.ok((await msg.textContent()).startsWith(`“${typed}” is not a number; kept 3,000 lb`), await msg.textContent());
  }
  await orbital.type(page, 'rack_lb', '1e9');
  assert.match(await msg.textContent(), /outside 500 lb–10,000 lb; set to 10,000 lb/);
  assert.equal(await page.locator(`${orbital.W} img`).count(), 0);
});

test('1,000 rapid slider events: no history flood, one entry, no errors', async () => {
  const page = await env.page();
  await page.addInitScript(() => {
    window.__replaceStates = 0;
    const original = history.replaceState.bind(history);
    history.replaceState = (...args) => { window.__replaceStates++; return original(...args); };
  });
  await page.goto(env.base + '/');
  await widgetsReady(page);
  const before = await page.evaluate(() => history.length);
  const last = await page.evaluate(async (w) => {
    const s = document.querySelector(`${w} input[type="range"][data-param="gpus"]`);
    let pos = 0;
    for (let i = 0; i < 1000; i++) {
      pos = (i * 7) % 1001;
      s.value = String(pos);
      s.dispatchEvent(new Event('input', { bubbles: true }));
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 5)); // let frames and timers run
    }
    await new Promise((r) => setTimeout(r, 0)); // the widget's effects run after the event (microtasks)
    return document.querySelector(`${w} input[type="text"][data-param="gpus"]`).value;
  }, dc.W);
  await page.waitForFunction((v) => new URLSearchParams(location.search).get('datacenter-power.gpus') === v.replaceAll(',', ''), last);
  const writes = await page.evaluate(() => window.__replaceStates);
  assert.ok(writes >= 1 && writes <= 3, `${writes} replaceState calls for 1,000 events (Safari allows 100 per 30 s)`);
  assert.equal(await page.evaluate(() => history.length), before, 'no history entries added: Back leaves the page');
});

test('Share lands the friend at the widget: a placeholder without an id gets its namespace as one', async () => {
  const page = await refusingClipboard();
  await page.goto(env.base + '/');
  await widgetsReady(page);
  assert.equal(await page.locator(dc.W).getAttribute('id'), 'datacenter-power');
  await dc.type(page, 'gpus', '250000');
  await page.locator(`${dc.W} button[data-action="share"]`).click();
  const field = page.locator(`${dc.W} .ew-share-text`);
  await field.waitFor({ state: 'visible' });
  assert.equal(new URL(await field.inputValue()).hash, '#datacenter-power');
});
