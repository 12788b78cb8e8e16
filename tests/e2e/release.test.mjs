// The release workflow's publish step (.github/workflows/release.yml), rehearsed: the tarball
// `make dist` built passes `npm publish --dry-run`, under the package's name and Cargo's version,
// with the files an author needs and nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync('Cargo.toml', 'utf8'))[1];

test('npm publish --dry-run accepts the package make dist built', () => {
  const out = execFileSync('npm', ['publish', '--dry-run', '--json', '--offline', `./dist/essay-widgets-${version}.tgz`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const report = JSON.parse(out.slice(out.indexOf('{')));
  const pkg = report['essay-widgets'] ?? report;
  assert.equal(pkg.name, 'essay-widgets');
  assert.equal(pkg.version, version);
  const files = pkg.files.map((f) => f.path).sort();
  for (const f of ['essay-widgets.js', 'essay_widgets.js', 'essay_widgets_bg.wasm', 'essay-widgets.css', 'embed.html', 'models/orbital-gpu-cost.toml', 'models/index.json', 'README.md', 'LICENSE-MIT']) {
    assert.ok(files.includes(f), `${f} in the package: ${files.join(', ')}`);
  }
  assert.ok(!files.some((f) => /^(src|tests|target)\//.test(f)), 'no sources in the package');
});

test('the release workflow tests before it publishes, with provenance, and attaches the hashes', () => {
  const wf = readFileSync('.github/workflows/release.yml', 'utf8');
  const at = (s) => wf.indexOf(s);
  assert.ok(at('run: make test') > 0 && at('run: make test') < at('run: npm publish'), 'tests run before publishing');
  assert.match(wf, /npm publish --provenance/);
  assert.match(wf, /gh release create .*SRI\.txt/);
  assert.match(wf, /tags: \['v\*'\]/);
});
