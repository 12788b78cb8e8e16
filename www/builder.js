// The builder page (www/builder.html): a live preview of one widget whose own controls set the
// starting scenario, the author's settings around it, and the code to paste for plain HTML, Hugo,
// Jekyll and an iframe, plus the no-JS fallback made in the browser by essay-render's code.
// Everything it emits is tested by pasting it into pages (tests/e2e/builder.test.mjs).
import { fallback, kit, load, mount, widget } from './essay-widgets.js';

const $ = (id) => document.getElementById(id);
const version = document.querySelector('meta[name="essay-widgets-version"]').content;
const query = new URLSearchParams(location.search);
// The files the snippets load: by default the folder this page is served from (what `make serve`
// and `make dist` give you), or the published package.
const here = new URL('./', import.meta.url).href;
const cdn = `https://cdn.jsdelivr.net/npm/essay-widgets@${version}/`;
$('files').value = query.get('files') ?? here;
$('files').setAttribute('list', 'files-choices');
const choices = Object.assign(document.createElement('datalist'), { id: 'files-choices' });
choices.append(new Option('this server', here), new Option('the npm package (jsDelivr)', cdn));
$('files').after(choices);

/** What the author chose. `controls` is null while every control shows. */
const s = { id: '', scenario: '', controls: null, all: [], outputs: null, allOutputs: [], own: false };
const OWN = '(your own model)';

const kitIds = await kit();
for (const id of kitIds) $('widget').append(new Option(id, id));
$('widget').append(new Option('Your own model…', OWN));
$('widget').value = [...kitIds, OWN].includes(query.get('widget')) ? query.get('widget') : kitIds[0] ?? OWN;

/** The placeholder's settings, in the order the README lists them, as [name, value]. */
function settings() {
  const out = [];
  if (s.scenario) out.push(['scenario', s.scenario]);
  if (s.controls) out.push(['controls', s.controls.join(' ')]);
  if (s.outputs) out.push(['outputs', s.outputs.join(' ') || 'none']);
  if (!$('chart').checked) out.push(['chart', 'off']);
  const height = $('chart-height').value.trim();
  if (height && $('chart').checked) out.push(['chart-height', height]);
  for (const name of ['title', 'caption', 'theme']) {
    const v = $(name).value.trim();
    if (v) out.push([name, v]);
  }
  return out;
}

/** Mounts a fresh preview with the current settings (a widget's settings are read at mount). */
async function preview() {
  const el = document.createElement('div');
  el.dataset.essayWidget = s.id;
  // Its own link namespace: the builder's address keeps the scenario across a reload.
  el.dataset.urlKey = `builder-${s.id}`;
  el.dataset.eager = '';
  for (const [name, value] of settings()) el.setAttribute(`data-${name}`, value);
  $('stage').replaceChildren(el);
  await mount();
  return el;
}

/** A new widget: every control shows, and the list of them is read from its preview. */
async function choose() {
  s.own = $('widget').value === OWN;
  $('own').hidden = !s.own;
  $('own-files').hidden = !s.own;
  if (s.own && !compile()) return;
  if (!s.own) s.id = $('widget').value;
  s.scenario = '';
  s.controls = null;
  s.outputs = null;
  const el = await preview();
  if (!el.hasAttribute('data-ready')) return;
  s.scenario = widget(el).scenario();
  s.all = [...el.querySelectorAll('.ew-controls [data-for]')].map((c) => ({ key: c.dataset.for, label: c.querySelector('.ew-label')?.textContent ?? c.dataset.for }));
  s.allOutputs = [...el.querySelectorAll('.ew-outputs .ew-out')].map((c) => ({ key: c.querySelector('[data-output]').dataset.output, label: c.querySelector('dt').textContent }));
  checklist('controls', 'Controls readers see', s.all);
  checklist('outputs', 'Readouts readers see', s.allOutputs);
  snippets();
}

/** A fieldset of checkboxes, one per item, all checked. */
function checklist(id, legend, items) {
  const box = $(id);
  box.replaceChildren(Object.assign(document.createElement('legend'), { textContent: legend }));
  for (const { key, label } of items) {
    const input = Object.assign(document.createElement('input'), { type: 'checkbox', checked: true, value: key, name: id });
    const row = document.createElement('label');
    row.append(input, ` ${label}`);
    box.append(row);
  }
}

/** The keys checked in a checklist, or null when all are. */
const checked = (id, all) => {
  const chosen = [...$(id).querySelectorAll('input:checked')].map((i) => i.value);
  return chosen.length === all.length ? null : chosen;
};

/** Settings changed: the preview and the code follow. */
async function changed() {
  s.controls = checked('controls', s.all);
  s.outputs = checked('outputs', s.allOutputs);
  await preview();
  snippets();
}

/** Your own model: loads the source; lists its problems, each with its line (a click selects
 *  that line). True when it loaded. */
function compile() {
  const text = $('model-source').value;
  const report = load(text);
  const list = $('model-problems');
  list.replaceChildren();
  for (const [kind, problems] of [['error', report.errors], ['warning', report.warnings]]) {
    for (const p of problems) {
      const li = Object.assign(document.createElement('li'), { className: kind });
      const where = Object.assign(document.createElement('button'), { type: 'button', textContent: p.line ? `Line ${p.line}` : 'The file' });
      where.addEventListener('click', () => selectLine(p.line));
      li.append(where, `: ${kind === 'warning' ? 'warning: ' : ''}${p.message}`);
      list.append(li);
    }
  }
  if (report.errors.length) return false;
  s.id = report.id;
  $('own-name').textContent = `${s.id}.toml`;
  return true;
}

/** Selects line `n` (1-based) of the model source, so the problem is in front of the author. */
function selectLine(n) {
  const lines = $('model-source').value.split('\n');
  const start = lines.slice(0, Math.max(0, n - 1)).reduce((a, l) => a + l.length + 1, 0);
  $('model-source').focus();
  $('model-source').setSelectionRange(start, start + (lines[n - 1] ?? '').length);
}

const attr = (v) => v.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
// Shortcode and include parameters are double-quoted strings with no escape for a quote.
const param = (v) => v.replaceAll('"', '”');

/**
 * The bundle named in the page, so that the wasm downloads with it rather than after the loader
 * arrives (what the Hugo shortcode and Jekyll include emit): for the repository's layout, www/
 * beside pkg/. The npm package's loader checks integrity and preloads its glue itself.
 */
const preloads = (files) => {
  if (!files.endsWith('www/')) return '';
  const pkg = `${files.slice(0, -'www/'.length)}pkg/`;
  return `<link rel="preload" href="${attr(pkg)}essay_widgets_bg.wasm" as="fetch" crossorigin>\n<link rel="modulepreload" href="${attr(pkg)}essay_widgets.js">\n`;
};

function snippets() {
  const id = s.id;
  const files = $('files').value.trim().replace(/\/?$/, '/');
  const list = settings();
  const fb = fallback(id, s.scenario);
  const picture = `${id}.svg`;
  const figure = `<figure class="ew-fallback"><img src="${picture}" width="720" height="380" alt="${attr(fb.alt)}"><figcaption>${attr(fb.sentence)}</figcaption></figure>`;
  $('scenario-line').textContent = s.scenario
    ? `Starting scenario: ${s.scenario} (what differs from the widget's defaults).`
    : "Starting scenario: the widget's defaults.";
  const modelName = `${id}.toml`;
  // The author's own model: hosted next to the post, and the snippets name it.
  const model = s.own ? { html: ` data-model="${modelName}"`, param: ` model="${modelName}"` } : { html: '', param: '' };
  $('snippet-html').value = `<div data-essay-widget="${id}"${model.html}${list.map(([n, v]) => ` data-${n}="${attr(v)}"`).join('')}>\n  ${figure}\n</div>\n${preloads(files)}<script type="module" src="${files}essay-widgets.js"></script>`;
  $('snippet-hugo').value = `{{< essay-widget id="${id}"${model.param}${list.map(([n, v]) => ` ${n}="${param(v)}"`).join('')} >}}\n![${fb.alt}](${picture})\n\n${fb.sentence}\n{{< /essay-widget >}}`;
  $('snippet-jekyll').value = `{% include essay-widget.html id="${id}"${model.param}${list.map(([n, v]) => ` ${n}="${param(v)}"`).join('')} fallback="![${param(fb.alt)}](${picture}) ${param(fb.sentence)}" %}`;
  if (s.own) {
    const source = $('model-source').value.trim();
    $('snippet-model').value = source;
    $('snippet-inline').value = `<script type="application/toml" data-essay-model="${id}">\n${source.replaceAll('</', '<\\/')}\n</script>`;
  }
  const src = `${files}embed.html?${new URLSearchParams([['widget', id], ...(s.own ? [['model', new URL(modelName, location.href).href]] : []), ...list])}`;
  const title = $('title').value.trim() || document.querySelector('#stage .ew-title')?.textContent || id;
  $('snippet-iframe').value = `<iframe src="${attr(src)}" title="${attr(title)}" loading="lazy" style="display:block;width:100%;height:1200px;border:0"></iframe>\n`
    + '<script>addEventListener("message",(e)=>{const f=[...document.querySelectorAll("iframe")].find((f)=>f.contentWindow===e.source);if(!f||!e.data)return;if(e.data.type==="essay-widgets:height")f.style.height=e.data.height+"px";if(e.data.type==="essay-widgets:hello")e.source.postMessage({type:"essay-widgets:page",href:location.href},"*");});</script>';
  $('snippet-fallback').value = figure;
  // The picture as the pasted fallback shows it, with its alt text: the SVG itself in the page
  // (a data: or blob: image is refused under a strict Content-Security-Policy; the kit's SVG has
  // no scripts or style attributes, and parsed SVG never runs any).
  const svg = new DOMParser().parseFromString(fb.svg, 'image/svg+xml').documentElement;
  if (svg.nodeName === 'svg') {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', fb.alt);
    svg.setAttribute('width', '720');
    svg.setAttribute('height', '380');
    $('fallback-svg').replaceChildren(document.importNode(svg, true));
  } else {
    $('fallback-svg').replaceChildren();
  }
  $('fallback-sentence').textContent = fb.sentence;
}

$('widget').addEventListener('change', choose);
let typing = 0;
$('model-source').addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(() => { if (compile()) choose(); }, 300);
});
// A start for your own model: the smallest complete one.
$('model-source').value = `id = "my-widget"
title = "What my rack costs to launch"
summary = "At {usd_per_lb}, a {rack_lb} rack costs {rack_cost} to launch."

[[input]]
key = "usd_per_lb"
label = "Launch price"
unit = "$/lb"
min = 100
max = 10000
default = 1200
scale = "log"
source = "Falcon 9 list price ÷ payload ≈ $1,233/lb (NASA Ames, ICES-2018-81)"

[[input]]
key = "rack_lb"
label = "Rack mass"
unit = "lb"
min = 500
max = 10000
default = 3000
source = "GB200 NVL72 ≈ 3,000 lb (The Register, 2024)"

[[output]]
key = "rack_cost"
label = "Launch cost per rack"
unit = "$"
formula = "usd_per_lb * rack_lb"
headline = true

[[chart]]
x = "usd_per_lb"
lines = [{ output = "rack_cost" }]
`;
$('settings').addEventListener('change', (e) => { if (e.target.id !== 'widget' && e.target.id !== 'model-source') changed(); });
$('files').addEventListener('input', snippets);
$('stage').addEventListener('essay-widgets:change', (e) => {
  if (!e.target.hasAttribute('data-ready')) return;
  s.scenario = widget(e.target).scenario();
  snippets();
});
for (const b of document.querySelectorAll('[data-copy]')) {
  b.addEventListener('click', async () => {
    const text = $(b.dataset.copy).value;
    try {
      await navigator.clipboard.writeText(text);
      $('status').textContent = 'Copied.';
    } catch {
      $(b.dataset.copy).select();
      $('status').textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
    }
  });
}
$('download-svg').addEventListener('click', () => {
  const a = Object.assign(document.createElement('a'), {
    href: URL.createObjectURL(new Blob([fallback(s.id, s.scenario).svg], { type: 'image/svg+xml' })),
    download: `${s.id}.svg`,
  });
  a.click();
  URL.revokeObjectURL(a.href);
});
choose();
