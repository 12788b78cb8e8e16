// The iframe page's script (www/embed.html): makes the placeholder from the query, starts the
// widgets, and keeps the parent page told of the content's height so the iframe never scrolls.
const params = new URLSearchParams(location.search);
const id = params.get('widget') ?? '';
const ns = params.get('url-key') || id;
const host = document.getElementById('widget');
const el = document.createElement('div');
el.setAttribute('data-essay-widget', id);
el.setAttribute('data-eager', '');
for (const name of ['model', 'scenario', 'controls', 'outputs', 'hide', 'baseline', 'chart', 'chart-height', 'title', 'caption', 'theme', 'url-key']) {
  if (params.has(name)) el.setAttribute(`data-${name}`, params.get(name));
}

// Share offers the article's address, not this page's: `parent=URL` in the iframe's src, or the
// parent page's answer to a hello (README's listener), within 300 ms. A link to the article with
// this widget's keys (a friend's) reaches the widget too.
const web = (u) => { try { return ['http:', 'https:'].includes(new URL(u).protocol) ? new URL(u) : null; } catch { return null; } };
let article = web(params.get('parent') ?? '');
if (!article && parent !== window) {
  article = await new Promise((resolve) => {
    const done = (u) => { removeEventListener('message', on); resolve(u); };
    const on = (e) => { if (e.source === parent && e.data?.type === 'essay-widgets:page') done(web(String(e.data.href ?? ''))); };
    addEventListener('message', on);
    parent.postMessage({ type: 'essay-widgets:hello', widget: id }, '*');
    setTimeout(() => done(null), 300);
  });
}
if (article) {
  el.setAttribute('data-share-url', article.href);
  const mine = [...article.searchParams].filter(([k]) => k.startsWith(`${ns}.`));
  if (mine.length) {
    const own = new URLSearchParams(location.search);
    for (const [k] of mine) own.delete(k);
    for (const [k, v] of mine) own.append(k, v);
    history.replaceState(history.state, '', `${location.pathname}?${own}${location.hash}`);
  }
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
