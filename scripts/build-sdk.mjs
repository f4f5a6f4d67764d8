// Bundles the browser SDK (sdk/) into one minified ES module, served by Kairos at /sdk/kairos.js.
import { build } from 'esbuild';

await build({
  entryPoints: ['sdk/kairos.ts'],
  outfile: 'dist/sdk/kairos.js',
  bundle: true,
  minify: true,
  format: 'esm',
  // Browsers of the last few years: optional chaining, ??, BigInt-free; keeps the bundle small.
  target: ['es2020'],
  legalComments: 'none',
  logLevel: 'warning',
});
