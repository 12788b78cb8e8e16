// `make fallbacks`: writes every widget's chart as SVG to www/fallback/ and puts each widget's
// current fallback snippet (the picture and its sentence, from essay-render --html) into the demo
// page's placeholder, so index.html never shows an outdated static picture. The native test
// `the_demo_pages_fallbacks_are_current` fails when this has not been run after a change.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

mkdirSync('www/fallback', { recursive: true });
const out = execFileSync('cargo', ['run', '--quiet', '-p', 'essay-render', '--', '--all', '--svg-dir', 'www/fallback', '--html'], { encoding: 'utf8' });
let page = readFileSync('index.html', 'utf8');
let replaced = 0;
for (const snippet of out.split('\n').filter((l) => l.startsWith('<figure'))) {
  const id = /www\/fallback\/([a-z0-9-]+)\.svg/.exec(snippet)?.[1];
  const old = new RegExp(`<figure class="ew-fallback"><img src="www/fallback/${id}\\.svg"[^\\n]*?</figure>`);
  if (old.test(page)) {
    page = page.replace(old, () => snippet);
    replaced++;
  } else {
    console.log(`index.html has no fallback for ${id}; paste this into its placeholder:\n${snippet}`);
  }
}
writeFileSync('index.html', page);
console.log(`www/fallback/ written; ${replaced} fallback(s) in index.html updated`);
