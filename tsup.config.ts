import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'tsup';
import type { Plugin } from 'esbuild';
import pkg from './package.json' with { type: 'json' };

const require = createRequire(import.meta.url);

/**
 * zod's namespace export (`import * as z`, as the MCP SDK writes it) drags in every error-message
 * locale; socbridge only ever reports in English, and the rest is ~40 languages of code every
 * `npx` start would compile. Resolve zod's locale index to English alone.
 */
const englishOnlyZodLocales: Plugin = {
  name: 'english-only-zod-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer) ? { path: 'zod-locales-en', namespace: 'socbridge' } : undefined,
    );
    build.onLoad({ filter: /^zod-locales-en$/, namespace: 'socbridge' }, () => ({
      contents: `export { default as en } from ${JSON.stringify(join(dirname(require.resolve('zod/v4/locales/en.js')), 'en.js'))};`,
      resolveDir: dirname(require.resolve('zod')),
      loader: 'js',
    }));
  },
};

// Everything is bundled (noExternal) so the published package has no runtime dependencies
// and `npx -y socbridge@x` cold-starts without an install tree. The sandbox is reached only
// through dynamic import(), so code splitting keeps it (and sql.js) out of the `serve` path.
export default defineConfig({
  entry: { cli: 'src/cli/main.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  splitting: true,
  sourcemap: false,
  // Smaller source is faster to compile at every npx cold start.
  minify: true,
  noExternal: [/.*/],
  esbuildPlugins: [englishOnlyZodLocales],
  define: { __SOCBRIDGE_VERSION__: JSON.stringify(pkg.version) },
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
  banner: { js: "import { createRequire as __socbridgeCreateRequire } from 'node:module'; const require = __socbridgeCreateRequire(import.meta.url);" },
  onSuccess: async () => {
    const wasm = join(dirname(require.resolve('sql.js')), 'sql-wasm.wasm');
    mkdirSync('dist', { recursive: true });
    copyFileSync(wasm, 'dist/sql-wasm.wasm');
  },
});
