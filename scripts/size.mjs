// Prints the release bundle's size (wasm + JS glue + loader), raw and gzip -9, and fails when the
// gzipped total exceeds the budget in size-budget.json. Size is deterministic, so this is a test.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const files = ['pkg/essay_widgets_bg.wasm', 'pkg/essay_widgets.js', 'www/essay-widgets.js'];
const budget = JSON.parse(readFileSync('size-budget.json', 'utf8'));
let raw = 0, gz = 0;
for (const f of files) {
  const b = readFileSync(f);
  const g = gzipSync(b, { level: 9 }).length;
  raw += b.length; gz += g;
  console.log(`${f.padEnd(28)} ${(b.length / 1024).toFixed(1).padStart(7)} KB raw ${(g / 1024).toFixed(1).padStart(6)} KB gzip`);
}
console.log(`${'total'.padEnd(28)} ${(raw / 1024).toFixed(1).padStart(7)} KB raw ${(gz / 1024).toFixed(1).padStart(6)} KB gzip (budget ${budget.gzip_kb} KB)`);
if (gz / 1024 > budget.gzip_kb) {
  console.error(`bundle is over budget: ${(gz / 1024).toFixed(1)} KB gzip > ${budget.gzip_kb} KB (size-budget.json)`);
  process.exit(1);
}

// Each model file a page fetches: at most 4 KB gzip (the model-file issue's budget).
let fat = 0;
for (const f of readdirSync('www/models').filter((f) => f.endsWith('.toml'))) {
  const b = readFileSync(`www/models/${f}`);
  const g = gzipSync(b, { level: 9 }).length;
  console.log(`${`www/models/${f}`.padEnd(28)} ${(b.length / 1024).toFixed(1).padStart(7)} KB raw ${(g / 1024).toFixed(1).padStart(6)} KB gzip (budget 4 KB)`);
  if (g > 4096) fat++;
}
if (fat) {
  console.error(`${fat} model file(s) over 4 KB gzip`);
  process.exit(1);
}
