// Shared Playwright helpers for the browser tests, the screenshot script and the benchmark:
// Debian's Chromium with the flags this machine needs (README, "Toolchain notes"), a static server
// on a free loopback port, and a page that records every page error and console error.
import { before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** The kit: the ids of the model files in www/models/, sorted. The demo page shows each once. */
export const KIT = readdirSync('www/models').filter((f) => f.endsWith('.toml')).map((f) => f.slice(0, -'.toml'.length)).sort();

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-quic', '--no-first-run', '--disable-default-apps',
    ],
    // Playwright gives every launch a fresh, empty profile directory of its own.
  });
}

/** Serves the repository root; returns { server, base } with base like http://127.0.0.1:PORT */
export async function startServer(root = '.') {
  const server = await serve({ root, port: 0 });
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}

/** A new page (in a fresh context) that collects errors in page.errors. `page.allow(pattern)`
 *  (a RegExp or a predicate) marks errors the test expects, for the page fixture (`suite`). */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, ...options });
  const page = await context.newPage();
  page.errors = [];
  page.allowed = [];
  page.allow = (pattern) => page.allowed.push(pattern);
  page.on('pageerror', (e) => page.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(`console: ${m.text()}`); });
  return page;
}

/** Waits until every placeholder on the page is mounted (or reports an error). Widgets start
 *  when they come near the viewport, so each one still waiting is scrolled to first; the page
 *  ends up scrolled back to the top. */
export async function widgetsReady(page, timeout = 20000) {
  await page.waitForFunction(() => document.querySelector('[data-essay-widget][data-ns], [data-essay-widget][data-error]') || !document.querySelector('[data-essay-widget]'), null, { timeout });
  await page.evaluate(async () => {
    for (const el of document.querySelectorAll('[data-essay-widget]:not([data-ready]):not([data-error])')) {
      el.scrollIntoView();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    }
    window.scrollTo(0, 0);
  });
  await page.waitForFunction(
    () => [...document.querySelectorAll('[data-essay-widget]')].every((el) => el.hasAttribute('data-ready') || el.hasAttribute('data-error')),
    null, { timeout });
}

/** Opens `path` on the test server in a fresh page and waits for every widget to mount. */
export async function openPage(browser, base, path = '/', options) {
  const page = await newPage(browser, options);
  await page.goto(base + path);
  await widgetsReady(page);
  return page;
}

/** Clicks the heading of the closed group that holds the control `key` in `root`. */
async function unfold(page, root, key) {
  const heading = await page.locator(`${root} [data-for="${key}"]`).first().evaluate((el) => {
    let h = el.previousElementSibling;
    while (h && !h.classList.contains('ew-group-title')) h = h.previousElementSibling;
    const b = h?.querySelector('button');
    return b?.getAttribute('aria-expanded') === 'false' ? b.dataset.group : null;
  });
  if (heading) await page.locator(`${root} .ew-group-toggle[data-group="${heading}"]`).first().click();
}

/** Locators for one widget's public DOM (`data-output`, `data-param`), by widget id. `root`
 *  overrides the placeholder selector (for pages with several widgets of one kind). */
export function widget(id) {
  const W = `[data-essay-widget="${id}"]`;
  return {
    W,
    out: (page, key, root = W) => page.locator(`${root} [data-output="${key}"]`).textContent(),
    field: (page, key, root = W) => page.locator(`${root} input[type="text"][data-param="${key}"]`),
    // The first thumb (a ranged input has a second, data-end="high").
    slider: (page, key, root = W) => page.locator(`${root} input[type="range"][data-param="${key}"]:not([data-end])`),
    pixels: (page, root = W) => page.locator(`${root} canvas`).evaluate((c) => c.toDataURL()),
    param: (page, key, ns = id) => new URL(page.url()).searchParams.get(`${ns}.${key}`),
    /** Opens the folded group (a model's `folded`) that holds the control `key`, as a reader
     *  would with its heading; nothing when the control is in no folded group. */
    unfold: (page, key, root = W) => unfold(page, root, key),
    /** Types a value into a field and commits it with Enter (opening its group first). */
    type: async (page, key, text, root = W) => {
      await unfold(page, root, key);
      const f = page.locator(`${root} input[type="text"][data-param="${key}"]`);
      await f.fill(text);
      await f.press('Enter');
    },
  };
}

/** The page fixture: every page a test opens with `env.page(options)` or `env.open(path,
 *  options)` is checked when the test ends, passed or failed: no page error and no console error
 *  but those it `allow`ed. Then its context is closed, so a failing assertion leaks nothing. */
export function track(env) {
  env.pages = [];
  env.page = async (options) => {
    const page = await newPage(env.browser, options);
    env.pages.push(page);
    return page;
  };
  env.open = async (path = '/', options) => {
    const page = await env.page(options);
    await page.goto(env.base + path);
    await widgetsReady(page);
    return page;
  };
  afterEach(async () => {
    const pages = env.pages.splice(0);
    try {
      const expected = (page, e) => page.allowed.some((a) => (typeof a === 'function' ? a(e) : a.test(e)));
      assert.deepEqual(pages.flatMap((page) => page.errors.filter((e) => !expected(page, e))), [], 'page and console errors');
    } finally {
      await Promise.all(pages.map((page) => page.context().close().catch(() => {})));
    }
  });
  return env;
}

/** A test file's browser and server: started before its tests, closed after them; its pages are
 *  the page fixture's (`track`). `env.browser` and `env.base` are the rest. */
export function suite(root = '.') {
  const env = { browser: null, base: null, server: null };
  before(async () => { ({ server: env.server, base: env.base } = await startServer(root)); env.browser = await launch(); });
  after(async () => { await env.browser?.close(); env.server?.close(); });
  return track(env);
}
