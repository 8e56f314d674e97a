// The in-page SQLite: sql.js by default; @sqlite.org/sqlite-wasm with
// ?engine=sqlite-wasm (loaded only then, as its own chunk). Either one's
// wasm sits next to the bundle (scripts/build-playground.mjs copies it).

const here = (file) => new URL(file, import.meta.url).href;

/** `{ name, label, open() → a fresh in-memory database's Quarry executor }`. */
export async function openEngine(which, quarry) {
  if (which === "sqlite-wasm") {
    const { default: sqlite3InitModule } = await import("@sqlite.org/sqlite-wasm");
    const sqlite3 = await sqlite3InitModule({ locateFile: (f) => here(f) });
    // Its warnings (a failing step) would duplicate the error the page shows.
    sqlite3.config.warn = () => {};
    let db = null;
    return {
      name: "sqlite-wasm",
      label: `@sqlite.org/sqlite-wasm ${sqlite3.version.libVersion}`,
      open() {
        db?.close();
        db = new sqlite3.oo1.DB(":memory:");
        return quarry.sqliteWasmExecutor(db);
      },
    };
  }
  const { default: initSqlJs } = await import("sql.js");
  const SQL = await initSqlJs({ locateFile: (f) => here(f) });
  let db = null;
  return {
    name: "sql.js",
    label: `sql.js (SQLite ${new SQL.Database().exec("select sqlite_version()")[0].values[0][0]})`,
    open() {
      db?.close();
      db = new SQL.Database();
      return quarry.sqljsExecutor(db);
    },
  };
}
