import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig, type Options } from 'tsup';
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

/**
 * commander requires node:child_process when it loads, only to spawn executable subcommands, which
 * `serve` never has; loading it (and dgram, which it pulls in) costs `serve` ~3 ms at every start.
 * In the serve bundle, commander gets a stand-in that loads the real module on first use.
 */
const lazyChildProcessForCommander: Plugin = {
  name: 'lazy-child-process-for-commander',
  setup(build) {
    build.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!source.includes(eager)) throw new Error(`commander changed: ${eager} not found in ${args.path}`);
      const lazy = "let realChildProcess; const childProcess = new Proxy({}, { get: (_, name) => (realChildProcess ??= require('node:child_process'))[name] });";
      return { contents: source.replace(eager, lazy), loader: 'js' };
    });
  },
};

/**
 * The MCP SDK's server builds an Ajv JSON Schema validator when it loads, used only to check
 * elicitation answers, which socbridge never asks for; compiling Ajv costs `serve` ~1.5 ms at
 * every start. In the serve bundle the SDK gets a validator that loads the real one on first use.
 */
const lazyJsonSchemaValidator: Plugin = {
  name: 'lazy-json-schema-validator',
  setup(build) {
    build.onResolve({ filter: /^@modelcontextprotocol\/server\/_shims$/ }, () => ({
      path: require.resolve('@modelcontextprotocol/server/_shims').replace(/\.c?js$/, '.mjs'),
      namespace: 'socbridge-lazy-shims',
    }));
    build.onLoad({ filter: /.*/, namespace: 'socbridge-lazy-shims' }, (args) => {
      // The stand-in must export what the real shim does; fail the build, not a session, if that moves.
      const real = readFileSync(args.path, 'utf8');
      if (!/export\s*\{[^}]*\bDefaultJsonSchemaValidator\b[^}]*\bprocess\b[^}]*\}/.test(real)) {
        throw new Error(`@modelcontextprotocol/server/_shims changed (${args.path}): update lazyJsonSchemaValidator`);
      }
      return {
        contents: [
          "import process from 'node:process';",
          'export { process };',
          'let Real;',
          'export class DefaultJsonSchemaValidator {',
          '  getValidator(schema) {',
          `    Real ??= require(${JSON.stringify(args.path)}).DefaultJsonSchemaValidator;`,
          '    this.real ??= new Real();',
          '    return this.real.getValidator(schema);',
          '  }',
          '}',
        ].join('\n'),
        resolveDir: dirname(args.path),
        loader: 'js',
      };
    });
  },
};

/**
 * In the serve build, the remote MCP backend and the embedded sandbox are bundles of their own
 * (dist/serve-remote.cjs, dist/serve-sandbox.cjs), required only when used: the MCP client,
 * undici, the dataset and the SQL engine are two thirds of the code, and every byte of
 * dist/serve.cjs is read, held in memory and hashed at every start. Nothing but plain data
 * crosses between them (a sandbox's URL and keys; the remote bridge serves stdio itself).
 */
const SUB_BUNDLES: Array<{ importer: RegExp; specifier: string; bundle: string }> = [
  { importer: /[\\/]src[\\/]server[\\/]stdio\.ts$/, specifier: '../remote/run.js', bundle: './serve-remote.cjs' },
  { importer: /[\\/]src[\\/]sandbox[\\/]embedded\.ts$/, specifier: './index.js', bundle: './serve-sandbox.cjs' },
];
const serveSubBundles: Plugin = {
  name: 'serve-sub-bundles',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const sub = SUB_BUNDLES.find((s) => s.specifier === args.path && s.importer.test(args.importer));
      return sub ? { path: sub.bundle, external: true } : undefined;
    });
  },
};

const shared = {
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  sourcemap: false,
  // Smaller source is faster to compile at every npx cold start.
  minify: true,
  noExternal: [/.*/],
  esbuildPlugins: [englishOnlyZodLocales],
  define: { __SOCBRIDGE_VERSION__: JSON.stringify(pkg.version) },
} satisfies Options;

// Everything is bundled (noExternal) so the published package has no runtime dependencies and
// `npx -y socbridge@x` cold-starts without an install tree. Three builds, cleaned by `npm run build`
// first (tsup runs them side by side, so none may clean):
//  - dist/launch.js (ESM, one file): how bin/socbridge.js starts `serve` (src/launch/).
//  - dist/cli.js and chunks (ESM): every other command. The sandbox is reached only through dynamic
//    import(), so code splitting keeps it (and sql.js) out of the paths that do not need it.
//  - dist/serve.cjs (CommonJS): `serve` alone, for the launcher (dist/launch.js) to compile through
//    V8's code cache, which Node 20 offers for scripts but not for ES modules; with its two
//    sub-bundles (serveSubBundles).
export default defineConfig([
  {
    ...shared,
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    splitting: true,
    // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
    banner: { js: "import { createRequire as __socbridgeCreateRequire } from 'node:module'; const require = __socbridgeCreateRequire(import.meta.url);" },
    onSuccess: async () => {
      const wasm = join(dirname(require.resolve('sql.js')), 'sql-wasm.wasm');
      mkdirSync('dist', { recursive: true });
      copyFileSync(wasm, 'dist/sql-wasm.wasm');
    },
  },
  {
    // The launcher in one file: every module an ES module graph loads costs a start a little.
    ...shared,
    entry: { launch: 'src/launch/serve.ts' },
    format: ['esm'],
    splitting: false,
    banner: { js: "import { createRequire as __socbridgeCreateRequire } from 'node:module'; const require = __socbridgeCreateRequire(import.meta.url);" },
  },
  {
    ...shared,
    entry: { serve: 'src/cli/serve-main.ts', 'serve-remote': 'src/remote/run.ts', 'serve-sandbox': 'src/sandbox/index.ts' },
    esbuildPlugins: [englishOnlyZodLocales, lazyChildProcessForCommander, lazyJsonSchemaValidator, serveSubBundles],
    format: ['cjs'],
    // import() of the sub-bundles becomes require(): the launcher runs serve.cjs as a vm.Script,
    // where a real import() would need Node's experimental default-loader hook.
    esbuildOptions: (options) => {
      options.supported = { ...options.supported, 'dynamic-import': false };
    },
    outExtension: () => ({ js: '.cjs' }),
    splitting: false,
    // import.meta.url (the sandbox finds sql-wasm.wasm beside the bundle) from __filename.
    shims: true,
  },
]);
