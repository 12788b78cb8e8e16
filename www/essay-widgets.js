// essay-widgets loader: the one script an author adds to a page.
//   <script type="module" src="/essay-widgets/www/essay-widgets.js"></script>
// It fetches and compiles the WebAssembly module once; the module then mounts a widget in every
// <div data-essay-widget="ID"> on the page (see README). The wasm is found relative to this file.
import init from '../pkg/essay_widgets.js';

performance.mark('essay-widgets:start');
/** The module's exports (its memory, for `make bench`); importing this file again gives the same. */
export const wasm = await init({ module_or_path: new URL('../pkg/essay_widgets_bg.wasm', import.meta.url) });
