// The iframe page's script (www/embed.html): makes the placeholder from the query, starts the
// widgets, and keeps the parent page told of the content's height so the iframe never scrolls.
const params = new URLSearchParams(location.search);
const id = params.get('widget') ?? '';
const host = document.getElementById('widget');
const el = document.createElement('div');
el.setAttribute('data-essay-widget', id);
el.setAttribute('data-eager', '');
for (const name of ['model', 'scenario', 'controls', 'outputs', 'hide', 'baseline', 'chart', 'chart-height', 'title', 'caption', 'theme', 'url-key']) {
  if (params.has(name)) el.setAttribute(`data-${name}`, params.get(name));
}
el.textContent = 'Loading…';
host.append(el);

let last = 0;
const tell = () => {
  const height = Math.ceil(host.getBoundingClientRect().height);
  if (height !== last) {
    last = height;
    parent.postMessage({ type: 'essay-widgets:height', widget: id, height }, '*');
  }
};
new ResizeObserver(tell).observe(host);
tell();

await import('./essay-widgets.js');
