// A real Jekyll build (Debian's jekyll): tests/jekyll/site embeds widgets with the README's
// include (every author setting) and prose bindings, under a baseurl (/blog), with minima's table
// rules in the layout. The bundle is copied the README's way: pkg/ and www/ from `make build`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, startServer, track, widget } from './browser.mjs';

const env = track({});
let server, work;
before(async () => {
  work = mkdtempSync(join(tmpdir(), 'ew-jekyll-'));
  const site = join(work, 'site');
  cpSync('tests/jekyll/site', site, { recursive: true });
  // README, "Jekyll": pkg/ and www/ into essay-widgets/ at the site root.
  for (const dir of ['pkg', 'www']) cpSync(dir, join(site, 'essay-widgets', dir), { recursive: true });
  cpSync('tests/e2e/fixtures/minima-tables.css', join(site, 'assets', 'minima-tables.css'));
  execFileSync('jekyll', ['build', '--quiet', '--source', site, '--destination', join(work, 'root', 'blog')], { stdio: 'inherit' });
  ({ server, base: env.base } = await startServer(join(work, 'root')));
  env.browser = await launch();
});
after(async () => { await env.browser?.close(); server?.close(); if (work) rmSync(work, { recursive: true, force: true }); });

const orbital = widget('orbital-gpu-cost');
const dc = widget('datacenter-power');
const flash = widget('flash-scarcity');

test('the build output carries the bundle (no pkg/.gitignore to drop it from a git deploy)', () => {
  assert.equal(existsSync('pkg/.gitignore'), false, 'make build removes wasm-pack\'s pkg/.gitignore');
  assert.ok(existsSync(join(work, 'root', 'blog', 'essay-widgets', 'pkg', 'essay_widgets_bg.wasm')));
});

test('a Jekyll post under a baseurl: includes reach every setting, bindings follow', async () => {
  const page = await env.open('/blog/2026/11/01/power.html');
  assert.equal(await page.locator('script[type="module"]').count(), 1, 'the include adds the script once');
  assert.match(await page.locator('script[type="module"]').getAttribute('src'), /^\/blog\/essay-widgets\//);
  // The bundle named once under the baseurl, and the preload is the one fetch of the wasm.
  assert.match(await page.locator('link[rel="preload"][href$=".wasm"]').getAttribute('href'), /^\/blog\/essay-widgets\/pkg\//);
  assert.equal(await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).length), 1, 'the wasm is fetched once');
  // url-key="orbit", scenario, controls, eager: $800/lb × 3,000 lb × 2,778 racks = $6.7B.
  const o = '[data-essay-widget="orbital-gpu-cost"]';
  assert.equal(await page.locator(o).getAttribute('data-ns'), 'orbit');
  assert.equal(await orbital.out(page, 'fleet_cost'), '$6.7B');
  assert.equal(await page.locator('[data-essay-bind="orbit.fleet_cost"]').textContent(), '$6.7B');
  const shown = await page.locator(`${o} .ew-controls [data-for]:not([hidden])`).evaluateAll((els) => els.map((e) => e.dataset.for));
  assert.deepEqual(shown, ['launch_usd_per_lb', 'gpus']);
  // title, caption and chart height on the power widget.
  assert.equal(await page.locator(`${dc.W} .ew-title`).textContent(), 'The power bill');
  assert.equal(await page.locator(`${dc.W} .ew-lede`).textContent(), 'Try an H100 fleet.');
  assert.equal(await page.locator(`${dc.W} canvas`).evaluate((c) => c.clientHeight), 260);
  // hide and chart="off" on the flash widget.
  assert.equal(await page.locator(`${flash.W} canvas`).count(), 0);
  assert.equal(await page.locator(`${flash.W} [data-for="details"]:not([hidden])`).count(), 0);
  // Bindings follow, and links carry the url-key.
  await orbital.type(page, 'launch_usd_per_lb', '400');
  assert.equal(await page.locator('[data-essay-bind="orbit.fleet_cost"]').textContent(), '$3.3B');
  await page.waitForFunction(() => location.search.includes('orbit.launch_usd_per_lb=400'));
  await page.locator(`${dc.W} input[data-param="gpu_model"][value="h100"]`).check({ force: true });
  assert.equal(await page.locator('[data-essay-bind="datacenter-power.facility_load"]').textContent(), '153\u00a0MW');
  // Minima's zebra stripes stay out of the widget's table.
  assert.equal(await page.locator(`${flash.W} .ew-table tbody tr:nth-child(even)`).first().evaluate((e) => getComputedStyle(e).backgroundColor), 'rgba(0, 0, 0, 0)');
});
