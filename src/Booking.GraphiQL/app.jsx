// The GraphiQL IDE served at GET /api/graphql to a browser. Bundled with everything it needs at build time
// (build.mjs), so the page loads nothing from any other host.
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';
import React from 'react';
import { createRoot } from 'react-dom/client';

// The page's own address, query string included: in Azure it carries the function key (?code=...).
const fetcher = createGraphiQLFetcher({ url: window.location.href.split('#')[0] });

// The key header a deployed API wants; a person fills in the value (Headers tab).
const defaultHeaders = JSON.stringify({ 'x-functions-key': '' }, null, 2);

const example = `# Reserve an apartment, then read the reservation back.
mutation Reserve {
  reserveApartment(input: { apartmentId: "1234567", paymentWindowSeconds: 300 }) {
    id
    status
    expiresAt
  }
}

query Apartments {
  apartments {
    items {
      id
      status
    }
  }
}
`;

createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultHeaders, defaultQuery: example, shouldPersistHeaders: false }),
);
