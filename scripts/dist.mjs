// `make dist`: the release folder and the npm package, for authors without Rust.
//
// dist/essay-widgets/ holds everything a site or a CDN serves, side by side, with relative paths
// only: the loader (rewritten to find the glue and the wasm next to it, and to check each file's
// Subresource Integrity hash as it loads), the glue, the wasm, the stylesheet, the iframe page,
// the fallback pictures, the kit's model files (models/), a README for the package, the licenses and package.json (name
// essay-widgets, the version from Cargo.toml). `npm pack` turns it into
// dist/essay-widgets-VERSION.tgz. Prints each file's sha384 and the snippet to paste.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = 'dist/essay-widgets';
const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync('Cargo.toml', 'utf8'))[1];
const sri = (path) => `sha384-${createHash('sha384').update(readFileSync(path)).digest('base64')}`;

rmSync('dist', { recursive: true, force: true });
mkdirSync(join(out, 'fallback'), { recursive: true });
const copies = {
  'pkg/essay_widgets.js': 'essay_widgets.js',
  'pkg/essay_widgets_bg.wasm': 'essay_widgets_bg.wasm',
  'www/essay-widgets.css': 'essay-widgets.css',
  'www/embed.html': 'embed.html',
  'www/embed.js': 'embed.js',
  'www/embed.css': 'embed.css',
  'www/favicon.svg': 'favicon.svg',
  'LICENSE-MIT': 'LICENSE-MIT',
  'LICENSE-APACHE': 'LICENSE-APACHE',
  'scripts/dist-readme.md': 'README.md',
};
for (const [from, to] of Object.entries(copies)) {
  if (!existsSync(from)) throw new Error(`${from} is missing: run make build first`);
  cpSync(from, join(out, to));
}
for (const f of readdirSync('www/fallback')) cpSync(join('www/fallback', f), join(out, 'fallback', f));
// The kit's model files: the loader fetches models/ID.toml for a placeholder of that id.
mkdirSync(join(out, 'models'));
for (const f of readdirSync('www/models').filter((f) => f.endsWith('.toml') || f === 'index.json')) cpSync(join('www/models', f), join(out, 'models', f));

// The loader: the bundle next to it, and the hashes of what it loads.
const checked = ['essay_widgets.js', 'essay_widgets_bg.wasm', 'essay-widgets.css'];
const models = readdirSync(join(out, 'models')).map((f) => `models/${f}`);
const integrity = Object.fromEntries([...checked, ...models].map((f) => [f, sri(join(out, f))]));
let loader = readFileSync('www/essay-widgets.js', 'utf8');
const pkgLine = "const PKG = '../pkg/';";
const integrityLine = 'const INTEGRITY = {};';
if (!loader.includes(pkgLine) || !loader.includes(integrityLine)) throw new Error('the loader no longer has the lines make dist rewrites');
loader = loader.replace(pkgLine, "const PKG = './';").replace(integrityLine, `const INTEGRITY = ${JSON.stringify(integrity)};`);
writeFileSync(join(out, 'essay-widgets.js'), loader);
writeFileSync(join(out, 'README.md'), readFileSync(join(out, 'README.md'), 'utf8').replaceAll('VERSION', version));

const pkg = {
  name: 'essay-widgets',
  version,
  description: 'Live, shareable napkin-math widgets for essays about AI infrastructure (Rust + WebAssembly): one script, no build step',
  license: 'MIT OR Apache-2.0',
  type: 'module',
  main: 'essay-widgets.js',
  exports: { '.': './essay-widgets.js', './*': './*' },
  files: ['*.js', '*.wasm', '*.css', '*.html', 'favicon.svg', 'fallback/', 'models/', 'README.md', 'LICENSE-*'],
  keywords: ['essay', 'widget', 'interactive', 'webassembly', 'explorable', 'ai-infrastructure'],
  sideEffects: true,
};
writeFileSync(join(out, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
execFileSync('npm', ['pack', '--silent', '--pack-destination', '..'], { cwd: out, stdio: ['ignore', 'ignore', 'inherit'] });

const tarball = `dist/essay-widgets-${version}.tgz`;
const loaderSri = sri(join(out, 'essay-widgets.js'));
console.log(`${out}/ and ${tarball} (${(readFileSync(tarball).length / 1024).toFixed(1)} KB)`);
for (const f of ['essay-widgets.js', ...checked]) console.log(`  ${f.padEnd(24)} ${f === 'essay-widgets.js' ? loaderSri : integrity[f]}`);
console.log(`\nFrom a CDN, pinned (the loader checks the other files' hashes itself):
<script type="module" src="https://cdn.jsdelivr.net/npm/essay-widgets@${version}/essay-widgets.js"
        integrity="${loaderSri}" crossorigin="anonymous"></script>`);
