// End-to-end: the host page cannot reach in. The same widget in a plain column and inside the
// post containers of three blog themes (Blogger, WordPress Twenty Twenty-Four, Ghost Casper, their
// default post rules in the fixture): every element inside computes the same styles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite } from './browser.mjs';

const env = suite();
const PROPS = ['display', 'width', 'height', 'margin-top', 'margin-bottom', 'margin-left', 'padding-top', 'padding-left', 'border-top-width',
  'border-top-style', 'border-spacing', 'background-image', 'background-color', 'box-shadow', 'text-transform', 'text-indent', 'letter-spacing',
  'font-size', 'font-weight', 'line-height', 'white-space', 'list-style-type', 'text-decoration-line', 'text-align', 'word-break', 'color'];

test('host themes: no rule of Blogger, Twenty Twenty-Four or Casper changes anything inside a widget', async () => {
  const page = await env.open('/tests/e2e/fixtures/themes.html');
  const styles = await page.evaluate((props) => Object.fromEntries([...document.querySelectorAll('[data-essay-widget]')].map((w) => [
    w.dataset.ns,
    [...w.querySelectorAll('*')].map((el) => {
      const cs = getComputedStyle(el);
      return { el: `${el.tagName.toLowerCase()}.${el.className?.baseVal ?? el.className}`, ...Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)])) };
    }),
  ])), PROPS);
  const plain = styles.plain;
  assert.ok(plain.length > 100, `${plain.length} elements in the widget`);
  for (const theme of ['blogger', 'wordpress', 'ghost']) {
    const leaks = [];
    assert.equal(styles[theme].length, plain.length, `${theme}: the same elements`);
    styles[theme].forEach((s, i) => {
      for (const p of PROPS) if (s[p] !== plain[i][p]) leaks.push(`${s.el} ${p}: ${s[p]} (plain: ${plain[i][p]})`);
    });
    assert.deepEqual([...new Set(leaks)].slice(0, 25), [], `${theme} leaks in`);
  }
});
