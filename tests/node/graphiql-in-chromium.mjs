// Opens the GraphiQL IDE in headless Chromium as a person would: loads the endpoint, waits for the editor, types a
// query, runs it and reads the answer; saves a screenshot. Prints one JSON object: what the result pane shows, every
// request the page made that did not go to the endpoint's own host, and every script error, failed request or 4xx/5xx.
//
//   node graphiql-in-chromium.mjs <endpoint url> <screenshot.png> <query>
import { chromium } from 'playwright-core';

const [url, screenshot, query] = process.argv.slice(2);
if (!url || !screenshot || !query) {
  console.error('usage: node graphiql-in-chromium.mjs <endpoint url> <screenshot.png> <query>');
  process.exit(2);
}

const own = new URL(url).host;
const elsewhere = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('request', request => {
    const target = new URL(request.url());
    if (!['data:', 'blob:'].includes(target.protocol) && target.host !== own) {
      elsewhere.push(request.url());
    }
  });
  const errors = [];
  page.on('pageerror', error => errors.push(String(error)));
  page.on('requestfailed', request => errors.push(`${request.method()} ${request.url()} failed: ${request.failure()?.errorText}`));
  page.on('response', response => {
    if (response.status() >= 400) {
      errors.push(`${response.request().method()} ${response.url()} answered ${response.status()}`);
    }
  });

  await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForSelector('.graphiql-query-editor .CodeMirror', { timeout: 30000 });

  // Replace the example in the editor by typing, as a person would.
  await page.click('.graphiql-query-editor .CodeMirror');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(query);
  // GraphiQL reads the operations from the editor a moment after typing stops; until then the button still offers
  // the example's two operations as a menu instead of running the one typed.
  await page.waitForSelector('.graphiql-execute-button:not([aria-haspopup])', { timeout: 10000 });
  await page.click('.graphiql-execute-button');
  // The answer is shown once the response pane holds a JSON object; whatever it holds then is what a person sees.
  const pane = '.graphiql-response .CodeMirror';
  await page.waitForFunction(selector => (document.querySelector(selector)?.textContent ?? '').includes('}'), pane, { timeout: 30000 })
    .catch(() => {});
  const result = await page.$eval(pane, node => node.textContent);
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({ result, elsewhere, errors }));
} finally {
  await browser.close();
}
