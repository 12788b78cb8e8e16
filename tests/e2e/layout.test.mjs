// Layout and input (issue "Publishable"): nothing jumps, fingers get 44 px targets, one focus
// ring, host CSS cannot restyle the widgets' tables, and a strict CSP leaves the widgets styled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, launch, newPage, widgetsReady, widget } from './browser.mjs';
import { serve } from '../../scripts/serve.mjs';

const env = suite();
const dc = widget('datacenter-power');
const orbital = widget('orbital-gpu-cost');

/** Sums layout shifts from the start of the page (buffered), like the CLS metric. */
const observeShifts = () => {
  window.__shifts = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__shifts.push({ value: e.value, at: e.startTime, nodes: e.sources.map((s) => s.node?.nodeName + '.' + (s.node?.className ?? '')) }); })
    .observe({ type: 'layout-shift', buffered: true });
};
const cls = (page) => page.evaluate(() => window.__shifts.reduce((s, e) => s + e.value, 0));

test('the demo: CLS < 0.05 through loading, mounting and a reader\'s edits', async () => {
  const page = await env.page({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(observeShifts);
  await page.goto(`${env.base}/`);
  await widgetsReady(page);
  // Edits: readouts, deltas and Reset appear; nothing above or beside them may move.
  const chart = page.locator(`${dc.W} canvas`);
  // Where the chart sits in its widget (the page itself scrolls to the field being typed in).
  const place = () => chart.evaluate((c) => {
    const [a, b] = [c.getBoundingClientRect(), c.closest('[data-essay-widget]').getBoundingClientRect()];
    return [a.left - b.left, a.top - b.top, a.width, a.height].map(Math.round);
  });
  const before = await place();
  await dc.type(page, 'gpus', '1000000');
  await dc.type(page, 'usd_per_mwh', '250');
  await dc.slider(page, 'pue').fill('900'); // positions 0–1000 along 1.0–2.0
  const after = await place();
  assert.deepEqual(after, before, 'the chart stays where it was while the reader edits');
  await page.waitForTimeout(300);
  const total = await cls(page);
  assert.ok(total < 0.05, `CLS ${total.toFixed(4)}: ${JSON.stringify(await page.evaluate(() => window.__shifts))}`);
});

test('a text-only fallback: its placeholder keeps the widget\'s room, CLS < 0.05', async () => {
  for (const width of [1280, 375]) {
    const page = await env.page({ viewport: { width, height: 800 } });
    await page.addInitScript(observeShifts);
    await page.goto(`${env.base}/tests/e2e/fixtures/text-fallback.html`);
    await widgetsReady(page);
    const total = await cls(page);
    assert.ok(total < 0.05, `at ${width} px CLS ${total.toFixed(4)}: ${JSON.stringify(await page.evaluate(() => window.__shifts))}`);
    await page.context().close();
  }
  // The check can fail: without the reserved room the same page shifts.
  const page = await env.page({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(observeShifts);
  await page.route('**/essay-widgets.css', async (route) => {
    const body = (await (await route.fetch()).text()).replace(/min-height: var\(--ew-reserve[^;]*;/, '');
    await route.fulfill({ body, contentType: 'text/css' });
  });
  await page.goto(`${env.base}/tests/e2e/fixtures/text-fallback.html`);
  await widgetsReady(page);
  assert.ok(await cls(page) > 0.05, 'the unreserved page does shift');
});

test('touch: 44 × 44 px targets, 16 px fields, no keyboard shortcuts in the text', async () => {
  const page = await env.open('/', { viewport: { width: 375, height: 800 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  assert.equal(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), true, 'the emulated phone has a coarse pointer');
  const small = await page.locator('.ew button, .ew .ew-seg-opt span, .ew .ew-data > summary, .ew .ew-tick').evaluateAll((els) => els
    .filter((e) => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
    .map((e) => ({ what: (e.dataset.action ?? e.textContent).trim().slice(0, 30), w: e.getBoundingClientRect().width, h: e.getBoundingClientRect().height }))
    .filter((r) => r.w < 44 || r.h < 44));
  assert.deepEqual(small, []);
  const fonts = await page.locator('.ew input[type="text"]').evaluateAll((els) => els.filter((e) => e.getClientRects().length).map((e) => parseFloat(getComputedStyle(e).fontSize)));
  assert.ok(fonts.length >= 15 && fonts.every((f) => f >= 16), `field font sizes ${fonts}`);
  await page.locator(`${orbital.W} button[data-action="share"]`).click();
  const words = await page.locator('.ew').evaluateAll((els) => els.map((e) => e.textContent).join(' '));
  assert.doesNotMatch(words, /Ctrl\+C|⌘C/);
});

test('one focus ring per field; segmented choices line up in a grid, never a ragged row', async () => {
  for (const width of [1280, 375, 320]) {
    const page = await env.open('/', { viewport: { width, height: 900 } });
    const field = dc.field(page, 'pue');
    await field.focus();
    await page.keyboard.press('End');
    const rings = await field.evaluate((input) => {
      const ring = (e) => (getComputedStyle(e).outlineStyle !== 'none' && parseFloat(getComputedStyle(e).outlineWidth) > 0) || getComputedStyle(e).boxShadow !== 'none';
      const chain = [];
      for (let e = input; e && !e.classList.contains('ew-control'); e = e.parentElement) chain.push(e);
      return chain.filter(ring).map((e) => e.className);
    });
    assert.equal(rings.length, 1, `at ${width} px exactly one ring around the focused field: ${rings}`);
    // Each choice group: its options are equal in width and aligned in columns.
    const groups = await page.locator('.ew .ew-choice .ew-seg').evaluateAll((els) => els.map((g) => [...g.children].map((o) => {
      const r = o.getBoundingClientRect();
      return { x: Math.round(r.left), w: Math.round(r.width), y: Math.round(r.top), right: Math.round(r.right), box: Math.round(g.getBoundingClientRect().right) };
    })));
    assert.ok(groups.length >= 2);
    for (const g of groups) {
      assert.ok(g.every((o) => Math.abs(o.w - g[0].w) <= 1), `at ${width} px equal widths ${JSON.stringify(g)}`);
      const columns = new Set(g.map((o) => o.x));
      const rows = new Set(g.map((o) => o.y));
      assert.ok(rows.size === 1 || [...rows].every((y) => g.filter((o) => o.y === y).every((o) => columns.has(o.x))), 'rows share columns');
      assert.ok(g.every((o) => o.right <= o.box + 1), 'inside the widget');
    }
    await page.context().close();
  }
});

test('a host theme\'s table rules (Jekyll minima) do not restyle the widget\'s tables', async () => {
  const page = await env.open('/tests/e2e/fixtures/minima.html');
  const look = (sel) => page.locator(sel).first().evaluate((e) => {
    const s = getComputedStyle(e);
    return { bg: s.backgroundColor, left: s.borderLeftWidth, top: s.borderTopWidth, pad: s.paddingLeft };
  });
  // The fixture's rules do apply to the host's own table (so this check can fail).
  assert.equal((await look('#host tr:nth-child(even)')).bg, 'rgb(247, 247, 247)');
  assert.equal((await look('#host td')).left, '1px');
  const even = await look('.ew .ew-table tbody tr:nth-child(even)');
  assert.equal(even.bg, 'rgba(0, 0, 0, 0)', 'no zebra stripes');
  for (const sel of ['.ew .ew-table td', '.ew .ew-table thead th', '.ew .ew-table']) {
    const l = await look(sel);
    assert.equal(l.left, '0px', `${sel}: no side borders`);
    assert.notEqual(l.pad, '15px', `${sel}: the widget's own padding`);
    assert.ok(['rgba(0, 0, 0, 0)', 'transparent'].includes(l.bg), `${sel}: no background (${l.bg})`);
  }
});

test('under a strict Content-Security-Policy the widgets are styled and nothing is blocked', async () => {
  const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
  const server = await serve({ root: '.', port: 0, headers: { 'content-security-policy': csp } });
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });
    const base = `http://127.0.0.1:${server.address().port}`;
    const response = await page.goto(`${base}/`);
    assert.equal(response.headers()['content-security-policy'], csp);
    await widgetsReady(page);
    await orbital.type(page, 'launch_usd_per_lb', '400');
    assert.equal(await orbital.out(page, 'rack_cost'), '$1.2M');
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    // Styled: the stylesheet file applies, and the marks sit where CSSOM put them.
    const look = await page.locator(`${orbital.W} .ew-widget`).evaluate((e) => ({ radius: getComputedStyle(e).borderTopLeftRadius, border: getComputedStyle(e).borderTopStyle }));
    assert.notEqual(look.border, 'none');
    const marks = await page.locator('.ew .ew-tick').evaluateAll((els) => els.map((e) => getComputedStyle(e).getPropertyValue('--t')));
    assert.ok(marks.length >= 3 && marks.every((t) => t !== '' && Number.isFinite(Number(t))), `marks placed: ${marks}`);
    const lefts = await page.locator('.ew .ew-tick').evaluateAll((els) => new Set(els.map((e) => Math.round(e.getBoundingClientRect().left))).size);
    assert.ok(lefts >= 3, 'marks at different places along the slider');
    assert.deepEqual(page.errors, []);
    // The iframe page too: no inline style, nothing blocked, the widget styled.
    const embed = await newPage(browser);
    await embed.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });
    await embed.goto(`${base}/www/embed.html?widget=kv-cache`);
    await widgetsReady(embed);
    assert.deepEqual(await embed.evaluate(() => window.__violations), []);
    assert.equal(await embed.evaluate(() => getComputedStyle(document.body).margin), '0px', 'embed.css applies');
    assert.deepEqual(embed.errors, []);
  } finally {
    await browser.close();
    server.close();
  }
});
