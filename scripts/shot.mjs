// Screenshots a page as a reader sees it. Usage:
//   node scripts/shot.mjs [PATH?QUERY] [--width 375] [--dpr 2] [--dark] [--out out/shot.png] [--full]
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { launch, newPage, startServer, widgetsReady } from '../tests/e2e/browser.mjs';

const args = process.argv.slice(2);
const opt = (n, d) => { const i = args.indexOf(n); return i >= 0 ? args[i + 1] : d; };
const path = args[0] && !args[0].startsWith('--') ? args[0] : '/';
const width = Number(opt('--width', 1100)), dpr = Number(opt('--dpr', 2));
const out = opt('--out', `out/shot-${width}.png`);
const { server, base } = await startServer();
const browser = await launch();
const page = await newPage(browser, { viewport: { width, height: 900 }, deviceScaleFactor: dpr, colorScheme: args.includes('--dark') ? 'dark' : 'light' });
await page.goto(base + path);
await widgetsReady(page);
await page.waitForTimeout(300);
const el = opt('--selector');
mkdirSync(dirname(out), { recursive: true });
if (el) await page.locator(el).first().screenshot({ path: out });
else await page.screenshot({ path: out, fullPage: args.includes('--full') });
const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
console.log(`${out}  horizontal overflow: ${overflow}px  errors: ${page.errors.length ? page.errors.join(' | ') : 'none'}`);
await browser.close(); server.close();
