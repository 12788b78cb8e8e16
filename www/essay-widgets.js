// essay-widgets loader: the one script an author adds to a page.
//   <script type="module" src="/essay-widgets/www/essay-widgets.js"></script>
// It asks for the stylesheet, the JS glue and the WebAssembly module at once (not one after the
// other), then mounts a widget in every <div data-essay-widget="ID"> on the page (see README).
// Every file is found relative to this one.
//
// For host pages (README "JS API"), it exports — and puts on `window.essayWidgets` — `widgets()`,
// `widget(target)` and `mount()`.
performance.mark('essay-widgets:start');
const here = (path) => new URL(path, import.meta.url).href;

/** Links the stylesheet after the page's <meta charset> (the page's own rules still win ties);
 *  resolves to false when it could not be loaded. */
function stylesheet(href) {
  const present = [...document.querySelectorAll('link[rel="stylesheet"]')].find((l) => l.href === href);
  if (present) return present.sheet ? Promise.resolve(true) : new Promise((ok) => { present.addEventListener('load', () => ok(true)); present.addEventListener('error', () => ok(false)); });
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  const loaded = new Promise((ok) => { link.onload = () => ok(true); link.onerror = () => ok(false); });
  const charset = document.head.querySelector('meta[charset]');
  if (charset) charset.after(link); else document.head.prepend(link);
  return loaded;
}

const css = stylesheet(here('essay-widgets.css'));
const wasmResponse = fetch(here('../pkg/essay_widgets_bg.wasm'));
const glue = await import('../pkg/essay_widgets.js');
/** The module's exports (its memory, for `make bench`); importing this file again gives the same. */
export const wasm = await glue.default({ module_or_path: wasmResponse });
// Widgets mount styled (or, where the stylesheet is missing, still work, and say why they look bare).
if (!(await css)) console.warn(`essay-widgets: could not load ${here('essay-widgets.css')}: copy it next to this script.`);
glue.mount_all();

/** A handle on one mounted widget: its placeholder element or its URL namespace. */
export function widget(target) {
  const state = () => glue.widgetState(target);
  const element = typeof target === 'string' ? glue.widgetList().find((el) => el.dataset.ns === target) : target.closest('[data-essay-widget]');
  return {
    element,
    /** `{widget, ns, inputs: {key: number}, outputs: {key: number|null}, notes}` */
    state,
    /** Sets values as a link would (numbers in the link's units, options by name); returns the
     *  notes about values that could not be used as given. */
    set: (values) => glue.widgetSet(target, values),
    /** Calls `fn(state)` after every change; returns a function that stops it. */
    onChange(fn) {
      const listener = () => fn(state());
      element.addEventListener('essay-widgets:change', listener);
      return () => element.removeEventListener('essay-widgets:change', listener);
    },
  };
}

/** Every mounted widget, in the order they started. */
export const widgets = () => glue.widgetList().map((el) => widget(el));

/** Mounts placeholders added to the page since. */
export const mount = () => glue.mount_all();

window.essayWidgets = { widget, widgets, mount };
window.dispatchEvent(new Event('essay-widgets:ready'));
