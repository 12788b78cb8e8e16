// End-to-end: the builder page (www/builder.html). An author sets a scenario with the preview's own
// controls, hides controls, sets a title, theme and chart height; each snippet the page emits is
// then pasted into a page as an author would (plain HTML, an iframe, a Hugo and a Jekyll build)
// and the widget there must show the chosen scenario and settings. The no-JS fallback must be
// what essay-render says for the same scenario.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, newPage, track, startServer, widgetsReady, widget } from './browser.mjs';

const orbital = widget('orbital-gpu-cost');
const env = track({});

before(async () => {
  ({ server: env.server, base: env.base } = await startServer('.'));
  env.browser = await launch();
  env.work = mkdtempSync(join(tmpdir(), 'ew-builder-'));
  // The author's choices, made in the builder as a reader would.
  const page = await newPage(env.browser);
  await page.goto(`${env.base}/www/builder.html?files=/www/&widget=orbital-gpu-cost`);
  await page.waitForSelector('#stage [data-ready]');
  await orbital.type(page, 'launch_usd_per_lb', '800', '#stage');
  await page.locator('#stage [data-param="support"]').check({ force: true });
  await page.waitForFunction(() => document.querySelector('#scenario-line').textContent.includes('support=on'));
  for (const key of ['rack_lb', 'gpus_per_rack', 'rack_kw', 'solar_w_per_kg', 'radiator_c', 'radiator_kg_m2', 'support']) {
    await page.locator(`#controls input[value="${key}"]`).uncheck();
  }
  // Readouts: the two that answer the question.
  for (const box of await page.locator('#outputs input').all()) {
    if (!['rack_cost', 'fleet_cost'].includes(await box.getAttribute('value'))) await box.uncheck();
  }
  await page.locator('#title').fill('The launch bill, at $800/lb');
  await page.locator('#title').press('Tab');
  await page.locator('#theme').selectOption('dark');
  await page.locator('#chart-height').fill('300');
  await page.locator('#chart-height').press('Tab');
  await page.waitForSelector('#stage [data-ready][data-theme="dark"][data-chart-height="300"]');
  env.snippets = Object.fromEntries(await Promise.all(['html', 'hugo', 'jekyll', 'iframe', 'fallback'].map(async (k) => [k, await page.locator(`#snippet-${k}`).inputValue()])));
  env.scenario = await page.locator('#stage [data-essay-widget]').getAttribute('data-scenario');
  env.builderErrors = page.errors;
  await page.context().close();
});
after(async () => { await env.browser?.close(); env.server?.close(); rmSync(env.work, { recursive: true, force: true }); });

/** 1,389 racks × $800/lb × (3,000 lb rack + solar + radiator) — with the supporting hardware on. */
const mass = 3000 + 120e3 / 36.5 / 0.45359237 + 120e3 / (2 * 0.9 * 5.670374419e-8 * (70 + 273.15) ** 4) * 7 / 0.45359237;
const fleet = `$${(1389 * 800 * mass / 1e9).toFixed(1)}B`;

/** The widget in `page` (or frame) shows the author's scenario and settings. */
async function showsTheChoice(page) {
  assert.equal(await orbital.out(page, 'fleet_cost'), fleet);
  assert.equal(await page.locator(`${orbital.W} .ew-title`).textContent(), 'The launch bill, at $800/lb');
  const visible = await page.locator(`${orbital.W} .ew-controls [data-for]:not([hidden])`).evaluateAll((els) => els.map((e) => e.dataset.for));
  assert.deepEqual(visible, ['launch_usd_per_lb', 'gpus']);
  const readouts = await page.locator(`${orbital.W} .ew-outputs .ew-out:not([hidden]) [data-output]`).evaluateAll((els) => els.map((e) => e.dataset.output));
  assert.deepEqual(readouts, ['rack_cost', 'fleet_cost']);
  assert.equal(await page.locator(`${orbital.W} canvas`).evaluate((c) => c.clientHeight), 300);
  const bg = await page.locator(`${orbital.W} .ew-widget`).evaluate((e) => getComputedStyle(e).getPropertyValue('--ew-bg').trim());
  assert.notEqual(bg.toLowerCase(), '#ffffff', 'dark theme');
}

test('the builder writes the scenario set with the preview, and every setting', () => {
  assert.deepEqual(env.builderErrors, []);
  assert.equal(env.scenario, 'launch_usd_per_lb=800&support=on');
  assert.match(env.snippets.html, /^<div data-essay-widget="orbital-gpu-cost" data-scenario="launch_usd_per_lb=800&amp;support=on" data-controls="launch_usd_per_lb gpus" data-outputs="rack_cost fleet_cost" data-chart-height="300" data-title="The launch bill, at \$800\/lb" data-theme="dark">/);
  assert.match(env.snippets.html, /<script type="module" src="\/www\/essay-widgets\.js"><\/script>$/);
});

test('the no-JS fallback is what essay-render gives for the same scenario', () => {
  const sentence = execFileSync('cargo', ['run', '--quiet', '-p', 'essay-render', '--', 'orbital-gpu-cost', 'launch_usd_per_lb=800&support=on', '--text'], { encoding: 'utf8' }).trim();
  const html = execFileSync('cargo', ['run', '--quiet', '-p', 'essay-render', '--', 'orbital-gpu-cost', 'launch_usd_per_lb=800&support=on', '--svg', join(env.work, 'orbital-gpu-cost.svg'), '--html'], { encoding: 'utf8' }).trim();
  assert.ok(sentence.includes(fleet), sentence);
  assert.equal(env.snippets.fallback, html.replace(join(env.work, 'orbital-gpu-cost.svg'), 'orbital-gpu-cost.svg'));
  assert.ok(env.snippets.html.includes(env.snippets.fallback));
  assert.ok(env.snippets.hugo.includes(sentence) && env.snippets.jekyll.includes(sentence));
});

test('plain HTML: pasted into a page, the widget starts in the chosen scenario', async () => {
  const page = await env.page();
  await page.route(`${env.base}/post.html`, (r) => r.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Post</title><link rel="icon" href="data:,"></head><body><p>Text.</p>${env.snippets.html}</body></html>` }));
  // The picture the author uploaded next to the post (essay-render's, written above).
  await page.route(`${env.base}/orbital-gpu-cost.svg`, (r) => r.fulfill({ contentType: 'image/svg+xml', body: readFileSync(join(env.work, 'orbital-gpu-cost.svg')) }));
  await page.goto(`${env.base}/post.html`);
  await widgetsReady(page);
  await showsTheChoice(page);
  // The snippet names the bundle, so it downloads with the page; the preload is the one fetch.
  assert.equal(await page.locator('link[rel="preload"][href="/pkg/essay_widgets_bg.wasm"][crossorigin]').count(), 1);
  assert.equal(await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).length), 1, 'the wasm is fetched once');
});

test('iframe: the embed page shows the chosen scenario and the parent takes its height', async () => {
  const page = await env.page();
  await page.route(`${env.base}/wp.html`, (r) => r.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>WP</title><link rel="icon" href="data:,"></head><body>${env.snippets.iframe}</body></html>` }));
  await page.goto(`${env.base}/wp.html`);
  const frame = page.frameLocator('iframe');
  await frame.locator('[data-essay-widget][data-ready]').waitFor();
  assert.equal(await frame.locator('[data-output="fleet_cost"]').textContent(), fleet);
  assert.equal(await frame.locator('.ew-title').textContent(), 'The launch bill, at $800/lb');
  await page.waitForFunction(() => {
    const f = document.querySelector('iframe');
    return Math.abs(f.getBoundingClientRect().height - f.contentDocument.documentElement.scrollHeight) <= 2 && f.style.height !== '1200px';
  });
});

test('Hugo and Jekyll: the shortcode and the include, built, show the chosen scenario', async () => {
  // Hugo, the README's way: the shortcode, pkg/ and www/ under static/essay-widgets/.
  const hugo = join(env.work, 'hugo');
  cpSync('tests/hugo/site', hugo, { recursive: true });
  for (const dir of ['pkg', 'www']) cpSync(dir, join(hugo, 'static', 'essay-widgets', dir), { recursive: true });
  writeFileSync(join(hugo, 'content', 'posts', 'built.md'), `---\ntitle: Built\n---\n\nText.\n\n${env.snippets.hugo}\n`);
  execFileSync('hugo', ['--quiet', '--source', hugo, '--destination', join(hugo, 'public')], { stdio: 'inherit' });
  // Jekyll, under its baseurl.
  const jekyll = join(env.work, 'jekyll');
  cpSync('tests/jekyll/site', join(jekyll, 'site'), { recursive: true });
  for (const dir of ['pkg', 'www']) cpSync(dir, join(jekyll, 'site', 'essay-widgets', dir), { recursive: true });
  mkdirSync(join(jekyll, 'site', 'assets'), { recursive: true });
  cpSync('tests/e2e/fixtures/minima-tables.css', join(jekyll, 'site', 'assets', 'minima-tables.css'));
  writeFileSync(join(jekyll, 'site', '_posts', '2026-11-02-built.md'), `---\nlayout: default\ntitle: Built\n---\n\nText.\n\n${env.snippets.jekyll}\n`);
  execFileSync('jekyll', ['build', '--quiet', '--source', join(jekyll, 'site'), '--destination', join(jekyll, 'root', 'blog')], { stdio: 'inherit' });
  for (const [root, path] of [[join(hugo, 'public'), '/posts/built/'], [join(jekyll, 'root'), '/blog/2026/11/02/built.html']]) {
    const { server, base } = await startServer(root);
    const page = await env.page();
    page.allow(/404/); // the sites have no favicon
    await page.goto(base + path);
    await widgetsReady(page);
    await showsTheChoice(page);
    await page.context().close();
    server.close();
  }
});

test('your own model: the editor lists problems by line, the preview follows, and the snippets name the file', async () => {
  const page = await env.page();
  try {
    await page.goto(`${env.base}/www/builder.html?widget=(your own model)`);
    await page.waitForSelector('#stage [data-essay-widget="my-widget"][data-ready]');
    assert.equal(await page.locator('#stage [data-output="rack_cost"]').textContent(), '$3.6M'); // $1,200/lb × 3,000 lb
    assert.match(await page.locator('#snippet-html').inputValue(), /^<div data-essay-widget="my-widget" data-model="my-widget\.toml">/);
    assert.match(await page.locator('#snippet-hugo').inputValue(), /model="my-widget\.toml"/);
    assert.match(await page.locator('#snippet-inline').inputValue(), /^<script type="application\/toml" data-essay-model="my-widget">\nid = "my-widget"/);
    // A typo: the problem is listed with its line, and the line is selected on a click.
    const source = page.locator('#model-source');
    await source.fill((await source.inputValue()).replace('usd_per_lb * rack_lb', 'usd_per_lbs * rack_lb'));
    await page.waitForSelector('#model-problems li.error');
    const problem = await page.locator('#model-problems li.error').textContent();
    assert.match(problem, /^Line 28: unknown name `usd_per_lbs` — did you mean `usd_per_lb`\?/);
    await page.locator('#model-problems li.error button').click();
    const selected = await source.evaluate((t) => t.value.slice(t.selectionStart, t.selectionEnd));
    assert.equal(selected, 'formula = "usd_per_lbs * rack_lb"');
    // Fixed, with a new price: the preview follows.
    await source.fill((await source.inputValue()).replace('usd_per_lbs * rack_lb', 'usd_per_lb * rack_lb * 2'));
    await page.waitForFunction(() => document.querySelector('#stage [data-output="rack_cost"]')?.textContent === '$7.2M');
    assert.equal(await page.locator('#model-problems li').count(), 0);
  } finally {
    await page.context().close();
  }
});

test('under a strict Content-Security-Policy the builder shows its fallback picture, and nothing is blocked', async () => {
  const { serve } = await import('../../scripts/serve.mjs');
  const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
  const server = await serve({ root: '.', port: 0, headers: { 'content-security-policy': csp } });
  const page = await env.page();
  try {
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(`http://127.0.0.1:${server.address().port}/www/builder.html?files=/www/&widget=kv-cache`);
    await page.waitForSelector('#stage [data-ready]');
    await page.waitForSelector('#fallback-svg svg');
    const pic = await page.locator('#fallback-svg svg').evaluate((s) => ({ label: s.getAttribute('aria-label'), texts: s.querySelectorAll('text').length, w: s.getBoundingClientRect().width }));
    assert.match(pic.label, /KV cache/i);
    assert.ok(pic.texts > 5 && pic.w > 100, `the picture is drawn: ${JSON.stringify(pic)}`);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
  } finally {
    await page.context().close();
    server.close();
  }
});
