// End-to-end: widgets inside real host pages. Hostile host CSS, author attributes, prose
// bindings, dark mode and printing, lazy start, phones from 320 px, and the iframe embed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, suite, widget } from './browser.mjs';

const env = suite();

const orbital = widget('orbital-gpu-cost');
const dc = widget('datacenter-power');
const open = env.open;
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('a host page with hostile CSS still gets a usable widget', async () => {
  const page = await open('/tests/e2e/fixtures/hostile.html', { viewport: { width: 375, height: 800 } });
  const slider = dc.slider(page, 'pue');
  assert.ok(await slider.isVisible(), 'input { display: none } does not reach the widget');
  assert.ok(await page.locator(`${dc.W} button[data-action="share"]`).isVisible(), 'nor does button { display: none }');
  // Text keeps the widget's sizes, not the host's 30px.
  const size = await page.locator(`${dc.W} .ew-src`).first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(size < 16, `source notes at ${size}px`);
  assert.equal(await overflow(page), 0, 'no horizontal scroll at 375 px');
  await dc.type(page, 'pue', '1.5');
  assert.equal(await dc.out(page, 'facility_load'), '250\u00a0MW'); // 100,000 × 1.667 kW × 1.5
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  assert.notEqual(await dc.field(page, 'pue').inputValue(), '1.5');
});

test('author attributes: starting scenario, chosen controls, title, caption, chart height and off', async () => {
  const page = await open('/tests/e2e/fixtures/authored.html');
  const a = '#a';
  // $800/lb × 3,000 lb × ⌈200,000 / 72⌉ = 2,778 racks → $6.7B, with no link at all.
  assert.equal(await orbital.out(page, 'fleet_cost', a), '$6.7B');
  assert.equal(new URL(page.url()).search, '');
  const visible = await page.locator(`${a} .ew-controls [data-for]:not([hidden])`).evaluateAll((els) => els.map((e) => e.dataset.for));
  assert.deepEqual(visible, ['launch_usd_per_lb', 'gpus']);
  assert.equal(await page.locator(`${a} .ew-title`).textContent(), 'The launch bill, at $800/lb');
  assert.equal(await page.locator(`${a} .ew-lede`).textContent(), 'Two knobs only.');
  assert.equal(await page.locator(`${a} canvas`).evaluate((c) => c.clientHeight), 260);
  assert.equal(await page.locator(`${a} .ew-notes`).isVisible(), false);
  // The author's scenario is what Reset returns to and what links leave out.
  await orbital.type(page, 'gpus', '100000', a);
  assert.match(await page.locator(`${a} [data-delta="fleet_cost"]`).textContent(), /^−\$3\.3B vs the author's scenario$/); // 1,389 racks × $2.4M = $3.3B
  await page.waitForFunction(() => location.search.includes('orbital-gpu-cost.gpus=100000'));
  assert.ok(!page.url().includes('launch_usd_per_lb'), "the author's price is not repeated in the link");
  await page.locator(`${a} button[data-action="reset"]`).click();
  assert.equal(await orbital.out(page, 'fleet_cost', a), '$6.7B');
  // Chart off.
  assert.equal(await page.locator('#b canvas').count(), 0);
  assert.equal(await dc.out(page, 'facility_load', '#b'), '200\u00a0MW');
  // Bad attribute values: the same visible note as a bad link, and the defaults.
  const notes = await page.locator('#c .ew-notes').textContent();
  for (const part of ['data-scenario: NAND shortage multiplier (SSD price × this): “lots” is not a number', 'data-chart: “sometimes” is not on or off', 'data-hide: there is no input “warp”']) {
    assert.ok(notes.includes(part), `${part} in ${notes}`);
  }
  assert.equal(await page.locator('#c canvas').count(), 1);
});

test('themes: data-theme on the page or placeholder, the system setting, and redrawn charts', async () => {
  const page = await open('/tests/e2e/fixtures/authored.html', { colorScheme: 'light' });
  // <html data-theme="dark"> wins over the light system; #b's own data-theme="light" over the page.
  assert.equal(await page.locator('#a').getAttribute('data-ew-dark'), '');
  assert.equal(await page.locator('#b').getAttribute('data-ew-dark'), null);
  const bg = (sel) => page.locator(`${sel} .ew-widget`).evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.equal(await bg('#a'), 'rgb(13, 17, 23)');
  assert.equal(await bg('#b'), 'rgb(255, 255, 255)');
  // Fonts: the page's by default, --ew-font when the host sets it.
  const font = () => page.locator('#a .ew-title').evaluate((e) => getComputedStyle(e).fontFamily);
  assert.equal(await font(), await page.evaluate(() => getComputedStyle(document.body).fontFamily));
  await page.evaluate(() => document.documentElement.style.setProperty('--ew-font', 'monospace'));
  assert.equal(await font(), 'monospace');
  // The host page's switch flips to light: the widget and its chart follow.
  const before = await orbital.pixels(page, '#a');
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
  await page.waitForFunction(() => !document.querySelector('#a').hasAttribute('data-ew-dark'));
  await page.waitForFunction((b) => document.querySelector('#a canvas').toDataURL() !== b, before);
  // Back to auto: the system setting decides, live.
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'auto'));
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => document.querySelector('#a').hasAttribute('data-ew-dark'));
  assert.equal(await bg('#a'), 'rgb(13, 17, 23)');
  // Printing is light, even in dark mode, with the controls' chrome hidden.
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  assert.equal(await page.locator('#a').getAttribute('data-ew-dark'), null);
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  assert.equal(await orbital.slider(page, 'gpus', '#a').isVisible(), false);
  assert.equal(await page.locator('#a [data-output="fleet_cost"]').isVisible(), true);
  assert.equal(await page.locator('#a canvas').isVisible(), true);
  await page.evaluate(() => dispatchEvent(new Event('afterprint')));
  assert.equal(await page.locator('#a').getAttribute('data-ew-dark'), '');
});

test('widgets below the fold start only when the reader gets near them', async () => {
  const page = await env.page();
  await page.goto(env.base + '/tests/e2e/fixtures/lazy.html');
  await page.waitForFunction(() => document.querySelector('#third[data-ready]'));
  const state = () => page.evaluate(() => ['#first', '#second', '#third'].map((s) => document.querySelector(s).hasAttribute('data-ready')));
  // #third has a prose binding on the page, so it starts at once; the others wait.
  assert.deepEqual(await state(), [false, false, true]);
  assert.equal(await page.locator('#first').getAttribute('data-ns'), 'orbital-gpu-cost', 'namespaces are set in page order at once');
  assert.equal(await page.locator('#third').getAttribute('data-ns'), 'orbital-gpu-cost-2');
  await page.locator('#first').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('#first').hasAttribute('data-ready'));
  assert.deepEqual(await state(), [true, false, true]);
  await page.locator('#second').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('#second').hasAttribute('data-ready'));
  // The binding follows #third; a key the widget lacks is marked and left alone.
  await orbital.type(page, 'gpus', '7200', '#third');
  assert.equal(await page.locator('#bound').textContent(), '100\u00a0racks');
  assert.match(await page.locator('#bad').getAttribute('data-bind-error'), /no output or input “warp”/);
  assert.equal(await page.locator('#bad').textContent(), '?');
  // So is a binding to a namespace no widget on the page has, or to no namespace at all.
  assert.match(await page.locator('#absent').getAttribute('data-bind-error'), /no widget on this page has the namespace “kv-cache”/);
  assert.match(await page.locator('#malformed').getAttribute('data-bind-error'), /“racks” is not NAMESPACE\.KEY/);
  assert.equal(await page.locator('#bound').getAttribute('data-bind-error'), null);
  // Conditional prose follows the switch; a value the switch does not have is marked.
  const shown = () => page.evaluate(() => ['#when-off', '#when-on'].map((s) => !document.querySelector(s).hidden));
  assert.deepEqual(await shown(), [true, false]);
  await page.evaluate(() => window.essayWidgets.widget('orbital-gpu-cost-2').set({ support: 'on' }));
  assert.deepEqual(await shown(), [false, true]);
  assert.match(await page.locator('#when-bad').getAttribute('data-bind-error'), /“maybe” is not a value of support/);
});

test('prose bindings in the demo essay follow the widgets', async () => {
  const page = await open();
  const bound = (key) => page.locator(`[data-essay-bind="${key}"]`).textContent();
  assert.equal(await bound('orbital-gpu-cost.fleet_cost'), '$5.0B');
  await orbital.type(page, 'launch_usd_per_lb', '800');
  assert.equal(await bound('orbital-gpu-cost.rack_cost'), '$2.4M');  // $800 × 3,000 lb
  assert.equal(await bound('orbital-gpu-cost.fleet_cost'), '$3.3B'); // × 1,389 racks
  await dc.type(page, 'pue', '1.56');
  assert.equal(await bound('datacenter-power.facility_load'), '260\u00a0MW'); // 100,000 × 1.667 × 1.56
});

test('phones from 320 px: no horizontal scroll anywhere on the demo essay', async () => {
  for (const width of [320, 375, 768]) {
    const page = await open('/', { viewport: { width, height: 700 }, deviceScaleFactor: 2, isMobile: width < 700, hasTouch: width < 700 });
    assert.equal(await overflow(page), 0, `${width} px`);
    const widest = await page.locator('.ew .ew-widget').evaluateAll((els) => Math.max(...els.map((e) => e.getBoundingClientRect().right)));
    assert.ok(widest <= width, `widgets fit at ${width} px (${widest})`);
    // The comparison table fits without scrolling sideways.
    const table = await page.locator('[data-essay-widget="flash-scarcity"] .ew-outputs ~ .ew-table-wrap').evaluate((e) => e.scrollWidth - e.clientWidth);
    assert.equal(table, 0, `comparison table fits at ${width} px`);
    // Touch targets: sliders at least 32 px tall.
    const h = await orbital.slider(page, 'gpus').evaluate((e) => e.getBoundingClientRect().height);
    assert.ok(h >= 32, `slider hit area ${h}px`);
    await page.context().close();
  }
});

test('in an iframe, Share offers the article\'s address, and the article\'s link reaches the widget', async () => {
  const page = await open('/tests/e2e/fixtures/iframe.html?ref=feed&orbital-gpu-cost.v=2&orbital-gpu-cost.gpus=50000', { viewport: { width: 900, height: 900 } });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.base });
  const frame = page.frameLocator('iframe[data-essay-embed]');
  await frame.locator('[data-essay-widget][data-ready]').waitFor();
  // The article's keys win over the iframe's own (gpus=200000): ⌈50,000 / 72⌉ = 695 racks.
  assert.equal(await frame.locator('[data-output="racks"]').textContent(), '695\u00a0racks');
  await frame.locator('[data-output="racks"]').waitFor();
  await frame.locator('input[type=text][data-param="launch_usd_per_lb"]').fill('900');
  await frame.locator('input[type=text][data-param="launch_usd_per_lb"]').press('Enter');
  await frame.locator('[data-action="share"]').click();
  const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
  assert.equal(link.pathname, '/tests/e2e/fixtures/iframe.html', `the article's address: ${link}`);
  assert.equal(link.searchParams.get('ref'), 'feed', 'the article keeps its own query');
  assert.equal(link.searchParams.get('orbital-gpu-cost.gpus'), '50000');
  assert.equal(link.searchParams.get('orbital-gpu-cost.launch_usd_per_lb'), '900');
  assert.equal(link.searchParams.get('widget'), null, "none of embed.html's own settings");
  // The friend who opens it sees the same scenario.
  const friend = await open(link.pathname + link.search, { viewport: { width: 900, height: 900 } });
  const f2 = friend.frameLocator('iframe[data-essay-embed]');
  await f2.locator('[data-essay-widget][data-ready]').waitFor();
  assert.equal(await f2.locator('input[type=text][data-param="launch_usd_per_lb"]').inputValue(), '900');
  await friend.context().close();
});

test('the iframe embed tells its parent its height, and keeps telling', async () => {
  const page = await open('/tests/e2e/fixtures/iframe.html', { viewport: { width: 900, height: 900 } });
  const frame = page.frameLocator('iframe[data-essay-embed]');
  await frame.locator('[data-essay-widget][data-ready]').waitFor();
  const sizes = () => page.evaluate(() => {
    const f = document.querySelector('iframe');
    return { height: Number(f.height), content: Math.ceil(f.contentDocument.getElementById('widget').getBoundingClientRect().height) };
  });
  await page.waitForFunction(() => Number(document.querySelector('iframe').height) !== 600);
  let s = await sizes();
  assert.ok(Math.abs(s.height - s.content) <= 1 && s.height > 700, `iframe ${s.height} vs content ${s.content}`);
  // The scenario came from the iframe's own URL: ⌈200,000 / 72⌉ = 2,778 racks.
  assert.equal(await frame.locator('[data-output="racks"]').textContent(), '2,778\u00a0racks');
  // Content grows (the power and cooling inputs appear): the iframe follows.
  await frame.locator('input[data-param="support"]').check({ force: true });
  await page.waitForFunction((h) => Number(document.querySelector('iframe').height) > h, s.height);
  s = await sizes();
  assert.ok(Math.abs(s.height - s.content) <= 1, `iframe ${s.height} vs content ${s.content}`);
});
