// sql.js's browser build has the same API (and the same .wasm) as its Node build; only the Node
// build's module is typed, so this borrows its types.
declare module 'sql.js/dist/sql-wasm-browser.js' {
  import initSqlJs from 'sql.js';

  export default initSqlJs;
}
