import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlJsStatic } from 'sql.js';
// The browser build: it takes the wasm bytes as given and needs no CommonJS globals (`__dirname`),
// which do not exist once the Node build is bundled into an ES module. Same wasm binary as the Node build.
import initSqlJs from 'sql.js/dist/sql-wasm-browser.js';

let engine: Promise<SqlJsStatic> | undefined;

/**
 * sql.js (SQLite compiled to WebAssembly), initialised once per process on first use. The bundle
 * ships `sql-wasm.wasm` beside its chunks; running from source it is found in node_modules.
 */
export function loadSqlJs(): Promise<SqlJsStatic> {
  engine ??= readFile(wasmPath())
    .then((bytes) => initSqlJs({ wasmBinary: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer }))
    .catch((error: unknown) => {
      engine = undefined; // let a later request try again rather than caching the failure forever
      throw error;
    });
  return engine;
}

function wasmPath(): string {
  const besideBundle = fileURLToPath(new URL('./sql-wasm.wasm', import.meta.url));
  if (existsSync(besideBundle)) return besideBundle;
  return join(dirname(createRequire(import.meta.url).resolve('sql.js')), 'sql-wasm.wasm');
}
