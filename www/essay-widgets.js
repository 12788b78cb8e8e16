// essay-widgets loader, the one script an author adds: <script type="module" src=".../www/essay-widgets.js">.
// Asks for the stylesheet, the JS glue and the wasm at once, then mounts a widget in every
// <div data-essay-widget="ID">. Files are found next to this one. JS API (README): widgets(),
// widget(target), mount(), also on window.essayWidgets.
performance.mark('essay-widgets:start');
const here = (p) => new URL(p, import.meta.url).href;
const href = here('essay-widgets.css');
let css = [...document.querySelectorAll('link[rel=stylesheet]')].find((l) => l.href === href);
if (!css) {
  css = Object.assign(document.createElement('link'), { rel: 'stylesheet', href });
  // After <meta charset>, before the page's own styles (which win ties).
  const meta = document.head.querySelector('meta[charset]');
  meta ? meta.after(css) : document.head.prepend(css);
}
const styled = css.sheet ? true : new Promise((ok) => { css.onload = () => ok(true); css.onerror = () => ok(false); });
const wasmFile = fetch(here('../pkg/essay_widgets_bg.wasm'));
const glue = await import('../pkg/essay_widgets.js');
/** The module's exports (its memory, for `make bench`). */
export const wasm = await glue.default({ module_or_path: wasmFile });
if (!(await styled)) console.warn(`essay-widgets: could not load ${href}`);
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
window.essayWidgets = { widget, widgets, mount };
dispatchEvent(new Event('essay-widgets:ready'));
