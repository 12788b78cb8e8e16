// essay-widgets loader, the one script an author adds: <script type="module" src=".../www/essay-widgets.js">.
// Asks for the stylesheet, the JS glue and the wasm at once, then mounts a widget in every
// <div data-essay-widget="ID">. Files are found relative to this one: the stylesheet next to
// it, the glue and the wasm in PKG. JS API (README): widgets(), widget(target), mount(), also on
// window.essayWidgets.
performance.mark('essay-widgets:start');
// `make dist` rewrites these two lines: in the release folder everything sits side by side, and
// each file's Subresource Integrity hash is checked as it loads (so one `integrity` attribute on
// this script's tag covers the whole bundle).
const PKG = '../pkg/';
const INTEGRITY = {};
const here = (p) => new URL(p, import.meta.url).href;
const href = here('essay-widgets.css');
let css = [...document.querySelectorAll('link[rel=stylesheet]')].find((l) => l.href === href);
if (!css) {
  css = Object.assign(document.createElement('link'), { rel: 'stylesheet', href });
  if (INTEGRITY['essay-widgets.css']) Object.assign(css, { integrity: INTEGRITY['essay-widgets.css'], crossOrigin: 'anonymous' });
  // After <meta charset>, before the page's own styles (which win ties).
  const meta = document.head.querySelector('meta[charset]');
  meta ? meta.after(css) : document.head.prepend(css);
}
const styled = css.sheet ? true : new Promise((ok) => { css.onload = () => ok(true); css.onerror = () => ok(false); });
const wasmFile = fetch(here(PKG + 'essay_widgets_bg.wasm'), { integrity: INTEGRITY['essay_widgets_bg.wasm'] ?? '' });
// Model files, fetched while the wasm downloads, each once however many placeholders show it: the
// author's (`data-model="prefill.toml"`, relative to the page; same origin or CORS), else the kit's
// own (models/ID.toml next to this file), unless the page has the model inline
// (<script type="application/toml" data-essay-model="ID">). The wasm is the engine: it carries
// no widget.
const modelFiles = new Map();
const fetchModel = (url, id, integrity = '', kit = false, name = url) => {
  if (modelFiles.has(url)) return;
  const text = fetch(url, { integrity }).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))));
  text.catch(() => {}); // reported below, once the module can show it
  modelFiles.set(url, { id, text, kit, name });
};
/** Models loaded here (inline, fetched, or through load()): their placeholders need no fetch. */
const have = new Set();
const loadText = (text, id, source) => {
  const report = glue.loadModel(text, id, source);
  if (report && !report.errors.length) have.add(report.id);
  return report;
};
/** Starts fetching the model files the page's placeholders need and does not have yet. */
const wanted = () => {
  for (const el of document.querySelectorAll('[data-essay-widget]:not([data-ns]):not([data-error])')) {
    const id = el.dataset.essayWidget;
    if (el.dataset.model) fetchModel(new URL(el.dataset.model, document.baseURI).href, id, '', false, el.dataset.model);
    else if (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) && !have.has(id) && !document.querySelector(`script[data-essay-model="${id}"]`)) fetchModel(here(`models/${id}.toml`), id, INTEGRITY[`models/${id}.toml`], true);
  }
};
wanted();
const glueUrl = here(PKG + 'essay_widgets.js');
if (INTEGRITY['essay_widgets.js']) {
  // The import below takes the module this preload fetched and checked.
  document.head.append(Object.assign(document.createElement('link'), { rel: 'modulepreload', href: glueUrl, integrity: INTEGRITY['essay_widgets.js'], crossOrigin: 'anonymous' }));
}
const glue = await import(glueUrl);
/** The module's exports (its memory, for `make bench`). */
export const wasm = await glue.default({ module_or_path: wasmFile });
if (!(await styled)) console.warn(`essay-widgets: could not load ${href}`);
const loaded = new Set();
// <essay-widget widget="ID" scenario="…"> for pages that re-render (React, Vue, Svelte, Astro,
// MDX): its attributes are the placeholder's without `data-` (those work too); it mounts when it
// joins the page and unmounts when it leaves (a move, out and back in one task, keeps it).
let pending = null;
const mountSoon = () => (pending ??= Promise.resolve().then(() => { pending = null; return mountAll(); }));
class EssayWidget extends HTMLElement {
  static observedAttributes = ['widget'];
  connectedCallback() {
    for (const { name, value } of [...this.attributes]) {
      if (name === 'widget') this.dataset.essayWidget = value;
      else if (!/^(data-|id$|class$|style$|hidden$|lang$|dir$|aria-|role$)/.test(name)) this.setAttribute(`data-${name}`, value);
    }
    if (this.hasAttribute('data-essay-widget')) mountSoon();
  }
  disconnectedCallback() {
    queueMicrotask(() => { if (!this.isConnected) glue.unmount(this); });
  }
  attributeChangedCallback(name, old, value) {
    // Another widget in the same element: the old one goes, the new one mounts.
    if (old !== null && old !== value && this.isConnected) { glue.unmount(this); this.connectedCallback(); }
  }
}
if (!customElements.get('essay-widget')) customElements.define('essay-widget', EssayWidget);
/** Loads the inline models and fetched files not loaded yet, then mounts every placeholder; one
 *  call at a time (a second waits for the first, so none mounts before its model is in). */
let queue = Promise.resolve();
const mountAll = () => (queue = queue.then(mountNow, mountNow));
async function mountNow() {
  for (const s of document.querySelectorAll('script[data-essay-model]')) {
    if (!loaded.has(s)) loadText(s.textContent, s.dataset.essayModel || '', 'inline model');
    loaded.add(s);
  }
  wanted();
  for (const [url, { id, text, kit, name }] of modelFiles) {
    if (loaded.has(url)) continue;
    loaded.add(url);
    try {
      loadText(await text, id, name);
    } catch (e) {
      // The kit has no model of that name: the placeholder says there is no such widget.
      if (!(kit && e.message === 'HTTP 404')) glue.modelMissing(id, name, e.message);
    }
  }
  glue.mount_all();
}
await mountAll();

/** A mounted widget, by its placeholder (or an element in it) or its URL namespace. */
export function widget(target) {
  const state = () => glue.widgetState(target);
  return {
    element: typeof target === 'string' ? glue.widgetList().find((el) => el.dataset.ns === target) : target.closest('[data-essay-widget]'),
    /** {widget, ns, inputs: {key: number}, outputs: {key: number|null}, notes} */
    state,
    /** Sets values as a link would; returns notes about values that could not be used. */
    set: (values) => glue.widgetSet(target, values),
    /** The scenario as a placeholder's data-scenario says it (what differs from the defaults). */
    scenario: () => glue.widgetScenario(target),
    /** Calls fn(state) after every change; returns a function that stops it. */
    onChange(fn) {
      const listener = () => fn(state());
      this.element.addEventListener('essay-widgets:change', listener);
      return () => this.element.removeEventListener('essay-widgets:change', listener);
    },
  };
}
export const widgets = () => glue.widgetList().map(widget);
/** Mounts placeholders added since (loading the model files they name); a promise. */
export const mount = () => mountAll();
/** The ids of the widgets this bundle has. */
export const ids = () => glue.widgetIds();
/** A widget's no-JS fallback for a data-scenario: {svg, sentence, alt} (what essay-render makes). */
export function fallback(id, scenario = '') {
  const [svg, sentence, alt] = glue.widgetFallback(id, scenario);
  return { svg, sentence, alt };
}
/** The ids of the kit's own widgets (its model files), a promise. */
export const kit = () => fetch(here('models/index.json'), { integrity: INTEGRITY['models/index.json'] ?? '' }).then((r) => (r.ok ? r.json() : []));
/** Loads a model file's text: {id, errors: [{line, message, text}], warnings}; mount() shows it. */
export const load = (text, id = '') => loadText(text, id, 'essayWidgets.load');
window.essayWidgets = { widget, widgets, mount, ids, kit, fallback, load };
dispatchEvent(new Event('essay-widgets:ready'));
