// Runs the GraphQL-over-HTTP reference audit (npm graphql-http) against the endpoint given as the first argument and
// prints one JSON array: each audit's id, name (it starts with MUST, SHOULD or MAY), status and reason.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node graphql-http-audit.mjs <endpoint url>');
  process.exit(2);
}

const results = [];
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  const result = await audit.fn();
  results.push({ id: audit.id, name: audit.name, status: result.status, reason: result.reason ?? null });
}
console.log(JSON.stringify(results));
