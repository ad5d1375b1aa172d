#!/usr/bin/env node
// `serve` is what hosts launch, at every start: it runs from one CommonJS bundle compiled through
// V8's code cache (src/launch/). Every other command runs from the ES module build.
if (process.argv[2] === 'serve') (await import('../dist/launch.js')).launchServe();
else await import('../dist/cli.js');
