// End-to-end: the npm package `make dist` builds, as an author without Rust uses it. A fresh
// folder with only Node.js installs the tarball; a second server (another origin, CORS on, as
// an npm CDN) serves node_modules/essay-widgets/ under /npm/essay-widgets@VERSION/; a post on
// the first server loads the loader from it with the integrity hash `make dist` printed, and
// every widget mounts. A copy whose wasm was altered after packing does not load.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launch, newPage, track, widgetsReady } from './browser.mjs';
import { serve } from '../../scripts/serve.mjs';

const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync('Cargo.toml', 'utf8'))[1];
const tarball = resolve(`dist/essay-widgets-${version}.tgz`);
// Every widget of the kit: its model files (the registry is the folder).
const ids = readdirSync('www/models').filter((f) => f.endsWith('.toml')).map((f) => f.replace(/\.toml$/, ''));
const env = track({});

before(async () => {
  env.dir = mkdtempSync(join(tmpdir(), 'ew-dist-'));
  const site = join(env.dir, 'site');
  mkdirSync(site);
  // Only Node.js: npm installs the tarball (no dependencies, no network).
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', tarball], { cwd: site, stdio: 'inherit' });
  const installed = join(site, 'node_modules', 'essay-widgets');
  // The CDN: the installed folder under a versioned sub-path; and a tampered copy beside it.
  mkdirSync(join(env.dir, 'cdn', 'npm'), { recursive: true });
  symlinkSync(installed, join(env.dir, 'cdn', 'npm', `essay-widgets@${version}`));
  const bad = join(env.dir, 'cdn', 'npm', 'essay-widgets@tampered');
  cpSync(installed, bad, { recursive: true });
  const wasm = readFileSync(join(bad, 'essay_widgets_bg.wasm'));
  wasm[wasm.length - 100] ^= 0xff;
  writeFileSync(join(bad, 'essay_widgets_bg.wasm'), wasm);
  env.cdn = await serve({ root: join(env.dir, 'cdn'), headers: { 'access-control-allow-origin': '*' } });
  env.cdnBase = `http://127.0.0.1:${env.cdn.address().port}/npm`;
  env.installed = installed;
  const loaderSri = `sha384-${createHash('sha384').update(readFileSync(join(installed, 'essay-widgets.js'))).digest('base64')}`;
  const post = (pkg) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A post</title><link rel="icon" href="data:,"></head><body><main>
${ids.map((id) => `<div data-essay-widget="${id}" data-eager><img src="${env.cdnBase}/${pkg}/fallback/${id}.svg" alt=""></div>`).join('\n')}
</main><script type="module" src="${env.cdnBase}/${pkg}/essay-widgets.js" integrity="${loaderSri}" crossorigin="anonymous"></script></body></html>`;
  mkdirSync(join(site, 'blog', 'post'), { recursive: true });
  writeFileSync(join(site, 'blog', 'post', 'index.html'), post(`essay-widgets@${version}`));
  mkdirSync(join(site, 'blog', 'tampered'), { recursive: true });
  writeFileSync(join(site, 'blog', 'tampered', 'index.html'), post('essay-widgets@tampered'));
  // A post written from the README alone: its "Write your own widget" model file and snippet,
  // as they are printed there, with the package's folder at the path the snippet names.
  const guide = readFileSync('README.md', 'utf8').split('## Write your own widget')[1].split('\n## ')[0];
  const block = (lang) => new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(guide)[1].replace(/^ {3}/gm, '');
  mkdirSync(join(site, 'blog', 'mine'), { recursive: true });
  writeFileSync(join(site, 'blog', 'mine', 'prefill.toml'), block('toml'));
  writeFileSync(join(site, 'blog', 'mine', 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mine</title><link rel="icon" href="data:,"></head><body><main>\n${block('html')}</main></body></html>`);
  symlinkSync(installed, join(site, 'essay-widgets'));
  env.site = await serve({ root: site });
  env.base = `http://127.0.0.1:${env.site.address().port}`;
  env.browser = await launch();
});

after(async () => {
  await env.browser?.close();
  env.site?.close();
  env.cdn?.close();
  rmSync(env.dir, { recursive: true, force: true });
});

test('the package holds the bundle, the stylesheet, the iframe page, fallbacks, README and licenses, with relative paths only', () => {
  const files = readdirSync(env.installed).sort();
  for (const f of ['essay-widgets.js', 'essay_widgets.js', 'essay_widgets_bg.wasm', 'essay-widgets.css', 'embed.html', 'embed.js', 'embed.css', 'README.md', 'LICENSE-MIT', 'LICENSE-APACHE', 'package.json', 'fallback']) {
    assert.ok(files.includes(f), `${f} in ${files}`);
  }
  assert.ok(!files.includes('.gitignore'));
  assert.deepEqual(readdirSync(join(env.installed, 'fallback')).sort(), ids.map((id) => `${id}.svg`).sort());
  assert.deepEqual(readdirSync(join(env.installed, 'models')).sort(), readdirSync('www/models').sort());
  assert.match(readFileSync(join(env.installed, 'essay-widgets.js'), 'utf8'), /"models\/prefill-cost\.toml":"sha384-/);
  const pkg = JSON.parse(readFileSync(join(env.installed, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'essay-widgets');
  assert.equal(pkg.version, version);
  const loader = readFileSync(join(env.installed, 'essay-widgets.js'), 'utf8');
  assert.ok(!/\.\.\/|https?:\/\//.test(loader.replace(/^\s*\/\/.*$/gm, '')), 'the loader reaches nothing outside its folder');
  assert.match(loader, /"essay_widgets_bg\.wasm":"sha384-/);
});

test('a post loads the package from another origin, pinned with integrity, and every widget mounts', async () => {
  const page = await env.page();
  await page.goto(`${env.base}/blog/post/`);
  await widgetsReady(page);
  for (const id of ids) assert.equal(await page.locator(`[data-essay-widget="${id}"]`).getAttribute('data-ready'), '', id);
  assert.equal(await page.locator('[data-essay-widget="orbital-gpu-cost"] [data-output="fleet_cost"]').textContent(), '$5.0B');
  assert.equal(await page.locator('[data-essay-widget="kv-cache"] [data-output="session_bytes"]').textContent(), '42.9\u00a0GB');
  // A widget of the kit's that is a model file: the loader fetched models/prefill-cost.toml, checked.
  assert.equal(await page.locator('[data-essay-widget="prefill-cost"] [data-output="usd_per_mtok"]').textContent(), '$0.25'); // SOURCES.md §6
  // The stylesheet came with it.
  assert.equal(await page.locator('.ew-widget').first().evaluate((e) => getComputedStyle(e).display === 'block' || getComputedStyle(e).display === 'grid' || getComputedStyle(e).display === 'flex'), true);
});

test('a model file written from the README alone mounts on a plain page served from the package folder', async () => {
  const page = await env.page();
  try {
    await page.goto(`${env.base}/blog/mine/`);
    await widgetsReady(page);
    assert.equal(await page.locator('[data-essay-widget="prefill"]').getAttribute('data-ready'), '');
    // $2.50 ÷ (2,800 tokens/s × 3,600 s) × 1e6 = $0.248 per million tokens (SOURCES.md §6).
    assert.equal(await page.locator('[data-essay-widget="prefill"] [data-output="usd_per_mtok"]').textContent(), '$0.25/Mtok');
    assert.equal(await page.locator('[data-essay-widget="prefill"] canvas').count(), 1, 'its chart');
  } finally {
    await page.context().close();
  }
});

test('a wasm changed after packing is refused: the integrity check holds and the fallbacks stay', async () => {
  const page = await env.page();
  await page.goto(`${env.base}/blog/tampered/`);
  await page.waitForTimeout(1500);
  assert.equal(await page.locator('[data-ready]').count(), 0);
  assert.equal(await page.locator('[data-essay-widget="orbital-gpu-cost"] img').count(), 1, 'the fallback picture is still there');
  assert.ok(page.errors.some((e) => /integrity|digest/i.test(e)), page.errors.join('\n'));
  page.allow(() => true); // the refusal is the point, in whatever words the browser says it
});
