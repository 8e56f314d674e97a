// `db.migrate({ migrations })`: applies the migration files that have not
// run yet, each as one atomic batch with the row that records it in
// wrangler's table (d1_migrations), exactly as `wrangler d1 migrations
// apply` does, so both tools agree on what ran. The files are made by
// `npx quarry makemigrations` (cli/), which is not shipped: this module only
// orders, checks, splits and runs them.
import { MigrationError } from "./errors.js";

/** FNV-1a of a string, 8 hex digits: the checksum of a file's quarry:state line. */
export function checksum(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** The statements of a file, split as wrangler splits them (quotes, comments, BEGIN...END bodies). */
export function splitSql(sql) {
  const out = [];
  let cur = "";
  let depth = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (depth && /\sEND[;\s]$/.test(cur + c)) depth--;
    if (c === "'" || c === '"' || c === "`") {
      const j = sql.indexOf(c, i + 1);
      const end = j < 0 ? sql.length : j + 1;
      cur += sql.slice(i, end);
      i = end - 1;
    } else if (c === "-" && sql[i + 1] === "-") {
      const j = sql.indexOf("\n", i);
      i = j < 0 ? sql.length : j;
      cur += "\n";
    } else if (c === "/" && sql[i + 1] === "*") {
      const j = sql.indexOf("*/", i + 2);
      i = j < 0 ? sql.length : j + 1;
    } else if (c === ";" && !depth) {
      out.push(cur);
      cur = "";
      continue;
    } else {
      cur += c;
    }
    if (/\s(BEGIN|CASE)\s$/i.test(cur)) depth++;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

const fix = "delete the one not applied anywhere and run `npx quarry makemigrations` to remake its changes after the other.";

/**
 * `migrations` (`[{ name, sql }]`, or `{ "path/0001_initial.sql": sql }` as
 * a bundler's glob import gives) as `[{ name, sql, state? }]` in the order
 * wrangler applies them. Throws MigrationError naming the file for a name
 * without a number, two files with one number, a file made after another
 * than the one before it, or an edited quarry:state line.
 */
export function readMigrations(migrations) {
  if (migrations === null || typeof migrations !== "object") throw new MigrationError("migrate({ migrations }): give the files as [{ name, sql }] or { name: sql }.");
  const list = (Array.isArray(migrations) ? migrations.map((m) => [m?.name, m?.sql]) : Object.entries(migrations)).map(([path, sql]) => {
    const name = String(path).split("/").pop();
    if (!/^\d+_.*\.sql$/.test(name) || typeof sql !== "string") throw new MigrationError(`${path}: a migration is an .sql file named after its number (0001_initial.sql).`);
    return { name, sql };
  });
  list.sort((a, b) => parseInt(a.name) - parseInt(b.name) || (a.name < b.name ? -1 : 1));
  let prev = null;
  for (const m of list) {
    if (prev && parseInt(prev.name) === parseInt(m.name)) throw new MigrationError(`Conflicting migrations ${prev.name} and ${m.name} (made on two branches?): ${fix}`);
    const line = /^-- quarry:state (\w{8}) (.*)$/m.exec(m.sql);
    if (line) {
      if (checksum(line[2]) !== line[1]) {
        throw new MigrationError(`${m.name}: its quarry:state line was edited by hand: restore it, or delete the file and run \`npx quarry makemigrations\` again.`);
      }
      m.state = JSON.parse(line[2]);
      const parent = m.state.parent ?? null;
      if (parent !== (prev?.name ?? null)) {
        throw new MigrationError(`Conflicting migrations: ${m.name} was made after ${parent ?? "no migration"}, but follows ${prev?.name ?? "no migration"} (made on two branches?): ${fix}`);
      }
    }
    prev = m;
  }
  return list;
}

/**
 * Applies the files of `migrations` not yet recorded in `table` on `db`'s
 * host, in order, each as one batch with its record; resolves to the names
 * applied. Everything is checked before anything runs.
 */
export async function applyMigrations(db, { migrations, table: t = "d1_migrations", using }) {
  const list = readMigrations(migrations);
  // A Database of its own for the record table, so the user's models and schemaSql() never see it.
  const own = new db.constructor(using ?? db._executor);
  const Record = own.model("Migration", { name: { kind: "TextField", options: {} } }, { table: t });
  // wrangler's own statement, so that whichever tool runs first makes the same table.
  await own.core.runBatch([
    {
      sql: `CREATE TABLE IF NOT EXISTS ${t}(
		id         INTEGER PRIMARY KEY AUTOINCREMENT,
		name       TEXT UNIQUE,
		applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
);`,
      params: [],
    },
  ]);
  const done = new Set(await Record.objects.orderBy("id").valuesList("name", { flat: true }).alist());
  const applied = [];
  for (const m of list) {
    if (done.has(m.name)) continue;
    const statements = splitSql(m.sql).map((sql) => ({ sql, params: [] }));
    statements.push({ sql: `INSERT INTO ${t} (name) VALUES (?)`, params: [m.name] });
    try {
      await own.core.runBatch(statements);
    } catch (e) {
      e.message = `${m.name}: ${e.message}`;
      throw e;
    }
    applied.push(m.name);
  }
  return applied;
}
