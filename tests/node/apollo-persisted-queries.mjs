// Apollo Client with its persisted-queries link against a GraphQL endpoint: the same query twice. Prints what the
// client sent each time (the document or only its hash) and what it was answered, then the two results, as JSON.
// Usage: node apollo-persisted-queries.mjs <endpoint URL>
import { createHash } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client/core/index.js';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries/index.js';

const [url] = process.argv.slice(2);
const sent = [];
const recordingFetch = async (input, init) => {
  const body = JSON.parse(init.body);
  const response = await fetch(input, init);
  sent.push({
    hasQuery: typeof body.query === 'string',
    hash: body.extensions?.persistedQuery?.sha256Hash ?? null,
    status: response.status,
    answer: await response.clone().text(),
  });
  return response;
};

const sha256 = (document) => createHash('sha256').update(document).digest('hex');
const client = new ApolloClient({
  link: createPersistedQueryLink({ sha256 }).concat(new HttpLink({ uri: url, fetch: recordingFetch })),
  cache: new InMemoryCache(),
  defaultOptions: { query: { fetchPolicy: 'no-cache' } },
});

const query = gql`query TwoApartments { apartments(first: 2) { items { id } } }`;
const first = await client.query({ query });
const second = await client.query({ query });
console.log(JSON.stringify({ sent, first: first.data, second: second.data }));
