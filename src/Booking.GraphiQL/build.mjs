// Bundles app.jsx (GraphiQL with React and its styles, from the npm lockfile) into graphiql.js and graphiql.css in the
// folder given as the first argument. Booking.Api.csproj runs it before each build that needs it and embeds the output.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs <output folder>');
  process.exit(2);
}

await build({
  entryPoints: { graphiql: path.join(here, 'app.jsx') },
  outdir: out,
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  jsx: 'transform',
  loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.svg': 'dataurl', '.png': 'dataurl' },
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'eof',
  logLevel: 'warning',
});
