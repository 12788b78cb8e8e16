// A real static-site build: the tiny Hugo site in tests/hugo/site embeds two widgets exactly as
// the README tells authors to (the shortcode, pkg/ and www/ copied under static/essay-widgets/),
// Debian's hugo builds it, and Chromium checks that both widgets mount and work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, startServer, track, widget } from './browser.mjs';

const env = track({});
let server, site;
before(async () => {
  site = mkdtempSync(join(tmpdir(), 'ew-hugo-'));
  cpSync('tests/hugo/site', site, { recursive: true });
  // README, "Hugo": copy pkg/ and www/ into the site's static/essay-widgets/.
  for (const dir of ['pkg', 'www']) cpSync(dir, join(site, 'static', 'essay-widgets', dir), { recursive: true });
  execFileSync('hugo', ['--quiet', '--source', site, '--destination', join(site, 'public')], { stdio: 'inherit' });
  ({ server, base: env.base } = await startServer(join(site, 'public')));
  env.browser = await launch();
});
after(async () => { await env.browser?.close(); server?.close(); if (site) rmSync(site, { recursive: true, force: true }); });

const orbital = widget('orbital-gpu-cost');
const dc = widget('datacenter-power');

test('a Hugo post with two shortcode widgets: both mount, work and keep their own links', async () => {
  const page = await env.open('/posts/power/');
  assert.equal(await page.locator('script[type="module"]').count(), 1, 'the shortcode adds the script once');
  // …and names the bundle once, so it downloads with the page; the preload is the one fetch of the wasm.
  assert.equal(await page.locator('link[rel="preload"][href$=".wasm"]').count(), 1);
  assert.equal(await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).length), 1, 'the wasm is fetched once');
  // The author's scenario from the shortcode: $800/lb, 200,000 GPUs → 2,778 racks × $2.4M = $6.7B.
  assert.equal(await orbital.out(page, 'fleet_cost'), '$6.7B');
  assert.equal(await page.locator('[data-essay-bind="orbital-gpu-cost.fleet_cost"]').textContent(), '$6.7B');
  const shown = await page.locator(`${orbital.W} .ew-controls [data-for]:not([hidden])`).evaluateAll((els) => els.map((e) => e.dataset.for));
  assert.deepEqual(shown, ['launch_usd_per_lb', 'gpus']);
  assert.equal(await page.locator(`${dc.W} .ew-lede`).textContent(), 'Try an H100 fleet.');
  // Both work, each in its own namespace.
  await page.locator(`${dc.W} input[data-param="gpu_model"][value="h100"]`).check({ force: true });
  assert.equal(await dc.out(page, 'facility_load'), '153\u00a0MW'); // 100,000 × 10.2 kW ÷ 8 (all-in DGX H100) × 1.2
  assert.equal(await page.locator('[data-essay-bind="datacenter-power.facility_load"]').textContent(), '153\u00a0MW');
  await orbital.type(page, 'launch_usd_per_lb', '400');
  assert.equal(await orbital.out(page, 'fleet_cost'), '$3.3B'); // 2,778 × $400 × 3,000 lb
  await page.waitForFunction(() => location.search.includes('datacenter-power.gpu_model=h100') && location.search.includes('orbital-gpu-cost.launch_usd_per_lb=400'));
});
