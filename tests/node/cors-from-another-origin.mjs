// Serves a page on its own loopback port (so a different origin from the API's) and, in headless Chromium, has that
// page POST a GraphQL query to the API with fetch(), as a front end would (JSON, so the browser sends a preflight
// first). Prints one JSON object: the page's origin and what fetch() got, or the error the browser gave.
//
//   node cors-from-another-origin.mjs <endpoint url> <page port>
import http from 'node:http';
import { chromium } from 'playwright-core';

const [url, port] = process.argv.slice(2);
if (!url || !port) {
  console.error('usage: node cors-from-another-origin.mjs <endpoint url> <page port>');
  process.exit(2);
}

const server = http.createServer((_, response) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  response.end('<!DOCTYPE html><title>front end</title>');
});
await new Promise(resolve => server.listen(Number(port), '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.goto(origin);
  const answer = await page.evaluate(async endpoint => {
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      return { status: response.status, body: await response.text() };
    } catch (error) {
      return { error: String(error) };
    }
  }, url);
  console.log(JSON.stringify({ origin, ...answer }));
} finally {
  await browser.close();
  server.close();
}
