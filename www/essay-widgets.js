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
// Model files next to the post (`data-model="prefill.toml"`, relative to the page; same origin or
// CORS), fetched while the wasm downloads. Each file once, however many placeholders show it.
const modelFiles = new Map();
for (const el of document.querySelectorAll('[data-essay-widget][data-model]')) {
  const url = new URL(el.dataset.model, document.baseURI).href;
  if (!modelFiles.has(url)) {
    const text = fetch(url).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))));
    text.catch(() => {}); // reported below, once the module can show it
    modelFiles.set(url, { id: el.dataset.essayWidget, text });
  }
}
const glueUrl = here(PKG + 'essay_widgets.js');
if (INTEGRITY['essay_widgets.js']) {
  // The import below takes the module this preload fetched and checked.
  document.head.append(Object.assign(document.createElement('link'), { rel: 'modulepreload', href: glueUrl, integrity: INTEGRITY['essay_widgets.js'], crossOrigin: 'anonymous' }));
}
const glue = await import(glueUrl);
/** The module's exports (its memory, for `make bench`). */
export const wasm = await glue.default({ module_or_path: wasmFile });
if (!(await styled)) console.warn(`essay-widgets: could not load ${href}`);
// Inline models: <script type="application/toml" data-essay-model="ID">…</script>.
for (const s of document.querySelectorAll('script[data-essay-model]')) glue.loadModel(s.textContent, s.dataset.essayModel || '', 'inline model');
for (const [url, { id, text }] of modelFiles) {
  try {
    glue.loadModel(await text, id, url);
  } catch (e) {
    glue.modelMissing(id, `could not load the model file ${url} (${e.message}).`);
  }
}
glue.mount_all();

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
export const mount = () => glue.mount_all();
/** The ids of the widgets this bundle has. */
export const ids = () => glue.widgetIds();
/** A widget's no-JS fallback for a data-scenario: {svg, sentence, alt} (what essay-render makes). */
export function fallback(id, scenario = '') {
  const [svg, sentence, alt] = glue.widgetFallback(id, scenario);
  return { svg, sentence, alt };
}
/** Loads a model file's text: {id, errors: [{line, message, text}], warnings}; mount() shows it. */
export const load = (text, id = '') => glue.loadModel(text, id, '');
window.essayWidgets = { widget, widgets, mount, ids, fallback, load };
dispatchEvent(new Event('essay-widgets:ready'));
