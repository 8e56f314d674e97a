import initSqlJs from "sql.js";
import sqlWasm from "sql.js/dist/sql-wasm-browser.wasm?url";
import { Database, fields } from "quarry";

// An in-browser SQLite (sql.js) as the executor: any object with an async
// execute(sql, params) that resolves to { rows, changes }.
const sqlite = initSqlJs({ locateFile: () => sqlWasm }).then((SQL) => new SQL.Database());
const executor = {
  async execute(sql, params) {
    const db = await sqlite;
    const stmt = db.prepare(sql);
    stmt.bind(params.map((p) => (typeof p === "boolean" ? Number(p) : p)));
    const rows = [];
    while (stmt.step()) rows.push(stmt.get());
    stmt.free();
    return { rows, changes: db.getRowsModified() };
  },
};

// Models at module scope: no await needed, Quarry loads its wasm on its own.
const db = new Database(executor);
const Author = db.model("Author", {
  name: fields.CharField({ maxLength: 100 }),
  born: fields.IntegerField({ null: true }),
});

async function main() {
  await db.migrate();
  await Author.objects.abulkCreate([
    { name: "Ada Lovelace", born: 1815 },
    { name: "Alan Turing", born: 1912 },
    { name: "Grace Hopper", born: 1906 },
  ]);
  const authors = await Author.objects.filter({ name__startswith: "A" }).orderBy("-born").values("name", "born").alist();
  document.querySelector("#out").textContent = JSON.stringify(authors, null, 2);
}
main();
