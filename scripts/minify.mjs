// Shrinks the release bundle after wasm-bindgen and wasm-opt, as any production build would:
//   1. the wasm module's imports from its JS glue get short names (wasm-bindgen names them
//      `__wbg_addEventListener_847fd86b8c33ec43`: 200-odd of those, with random hex, are ~4 KB
//      of gzip in the wasm and again in the glue), and the glue's import object is renamed to
//      match;
//   2. the glue is minified with terser.
// Usage: node scripts/minify.mjs pkg/essay_widgets_bg.wasm pkg/essay_widgets.js
// Idempotent: an already shortened module is left as it is.
import { readFileSync, writeFileSync } from 'node:fs';
import { minify } from 'terser';

const [wasmPath, gluePath] = process.argv.slice(2);
const wasm = readFileSync(wasmPath);
let glue = readFileSync(gluePath, 'utf8');

// --- 1. wasm imports -------------------------------------------------------------------------
const leb = (buf, at) => { let n = 0, shift = 0, b; do { b = buf[at++]; n |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80); return [n >>> 0, at]; };
const uleb = (n) => { const out = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n); return Buffer.from(out); };
const name = (s) => { const b = Buffer.from(s, 'utf8'); return Buffer.concat([uleb(b.length), b]); };

if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error(`${wasmPath} is not a wasm module`);
const sections = [];
for (let at = 8; at < wasm.length;) {
  const id = wasm[at];
  const [size, body] = leb(wasm, at + 1);
  sections.push({ id, start: at, body, end: body + size });
  at = body + size;
}
const importSection = sections.find((s) => s.id === 2);
const renames = new Map();
const short = (k) => { const a = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'; let s = ''; do { s = a[k % 52] + s; k = Math.floor(k / 52); } while (k > 0); return `_${s}`; };
if (importSection) {
  let at = importSection.body;
  let count; [count, at] = leb(wasm, at);
  const parts = [uleb(count)];
  for (let i = 0; i < count; i++) {
    const start = at;
    let len; [len, at] = leb(wasm, at); const module = wasm.toString('utf8', at, at + len); at += len;
    const fieldStart = at;
    [len, at] = leb(wasm, at); const field = wasm.toString('utf8', at, at + len); at += len;
    const descStart = at;
    // The import's description: kind, then its type, table, memory or global.
    const kind = wasm[at++];
    if (kind === 0) [, at] = leb(wasm, at);
    else if (kind === 1) { at++; const flags = wasm[at++]; [, at] = leb(wasm, at); if (flags & 1) [, at] = leb(wasm, at); }
    else if (kind === 2) { const flags = wasm[at++]; [, at] = leb(wasm, at); if (flags & 1) [, at] = leb(wasm, at); }
    else if (kind === 3) at += 2;
    else throw new Error(`unknown import kind ${kind}`);
    const renamed = module.startsWith('./') && field.length > 3 && glue.includes(`${field}:`);
    if (renamed) {
      const to = short(renames.size);
      renames.set(field, to);
      parts.push(wasm.subarray(start, fieldStart), name(to), wasm.subarray(descStart, at));
    } else {
      parts.push(wasm.subarray(start, at));
    }
  }
  const body = Buffer.concat(parts);
  const out = Buffer.concat([wasm.subarray(0, importSection.start), Buffer.from([2]), uleb(body.length), body, wasm.subarray(importSection.end)]);
  writeFileSync(wasmPath, out);
  // The glue's import object: `__wbg_…: function(` keys become the short names.
  for (const [from, to] of renames) {
    const key = new RegExp(`\\b${from}:`, 'g');
    if ((glue.match(key) ?? []).length !== 1) throw new Error(`import ${from} is not one key of the glue's import object`);
    glue = glue.replace(key, `${to}:`);
  }
}

// --- 2. the glue --------------------------------------------------------------------------------
const result = await minify(glue, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
writeFileSync(gluePath, result.code);
console.log(`minified: ${renames.size} wasm imports renamed, glue ${glue.length} → ${result.code.length} bytes`);
