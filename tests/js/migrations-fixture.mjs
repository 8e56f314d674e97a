// Shared by tests/js/migrations*.test.mjs: a throwaway project that depends
// on this repository (its models module, package.json, wrangler.toml), the
// real CLI and real wrangler run in it, a view of wrangler's local D1
// through Miniflare, sql.js as a host, the schema as PRAGMAs report it, and
// the Django oracle (tests/django/migrations_oracle.py).
//
// Models are written as data, `{ name, table?, fields: { title: { kind,
// to?, options } }, indexes?, constraints? }`: the project gets them as a
// models module (`db.model(...)` calls), the oracle as Django models.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import initSqlJs from "sql.js";

export const repo = fileURLToPath(new URL("../..", import.meta.url));
const wrangler = join(repo, "node_modules", "wrangler", "bin", "wrangler.js");
export const DB_ID = "00000000-0000-4000-8000-000000000012";

/** A project in a temporary directory; `dispose()` removes it. */
export function makeProject({ models = null } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "quarry-migr-"));
  mkdirSync(join(dir, "node_modules"));
  // The project depends on this repository, as `npm install ../quarry` would link it.
  symlinkSync(repo, join(dir, "node_modules", "quarry"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "app", type: "module", private: true, quarry: { models: "src/models.js" } }, null, 2));
  writeFileSync(
    join(dir, "wrangler.toml"),
    `name = "app"\ncompatibility_date = "2026-04-20"\n\n[[d1_databases]]\nbinding = "DB"\ndatabase_name = "app"\ndatabase_id = "${DB_ID}"\n`,
  );
  mkdirSync(join(dir, "src"));
  let version = 0;
  const write = (text) => {
    const file = join(dir, "src", "models.js");
    writeFileSync(file, text);
    // A new modification time each write: the CLI run in this process re-imports the module.
    const t = new Date(Date.UTC(2030, 0, 1) + ++version * 1000);
    utimesSync(file, t, t);
  };
  const project = {
    dir,
    writeModels(list) {
      write(modelsSource(list));
    },
    writeSource(text) {
      write(text);
    },
    /** The CLI in this process (faster than a new node for each run). */
    async run(...args) {
      const { main } = await import("../../cli/main.mjs");
      const out = [];
      const err = [];
      const code = await main(args, { cwd: dir, out: (s) => out.push(s), err: (s) => err.push(s) });
      return { code, stdout: out.join("\n"), stderr: err.join("\n") };
    },
    /** Runs the real `quarry` command (the package's bin) in the project. */
    quarry(...args) {
      const r = spawnSync(process.execPath, [join(repo, "cli", "quarry.mjs"), ...args], { cwd: dir, encoding: "utf8" });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    },
    /** `wrangler d1 migrations apply DB --local`, really. */
    wranglerApply() {
      const r = spawnSync(process.execPath, [wrangler, "d1", "migrations", "apply", "DB", "--local"], {
        cwd: dir,
        encoding: "utf8",
        input: "",
        env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_UPDATE_NOTIFIER: "1", FORCE_COLOR: "0", CI: "1" },
      });
      if (r.status !== 0) throw new Error(`wrangler d1 migrations apply failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
      return r.stdout;
    },
    /** The migration files, as `db.migrate({ migrations })` takes them. */
    migrations() {
      const d = join(dir, "migrations");
      let names = [];
      try {
        names = readdirSync(d).filter((n) => n.endsWith(".sql"));
      } catch {}
      return names.sort().map((name) => ({ name, sql: readFileSync(join(d, name), "utf8") }));
    },
    /** wrangler's local D1 for this project (the database `--local` applies to), through Miniflare. */
    async localD1() {
      const mf = new Miniflare({
        modules: true,
        script: "export default { fetch() { return new Response(null, { status: 204 }); } };",
        compatibilityDate: "2026-04-20",
        d1Persist: join(dir, ".wrangler", "state", "v3", "d1"),
        d1Databases: { DB: DB_ID },
      });
      const db = await mf.getD1Database("DB");
      return { db, dispose: () => mf.dispose() };
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  if (models) project.writeModels(models);
  return project;
}

/** The models module for `list` (see the top of this file). */
export function modelsSource(list) {
  const lines = ['import { fields } from "quarry";', "", "export default (db) => {"];
  for (const m of list) {
    const fs = Object.entries(m.fields).map(([n, f]) => `    ${JSON.stringify(n)}: fields.${f.kind}(${f.to ? `${JSON.stringify(f.to)}, ` : ""}${JSON.stringify(f.options ?? {})}),`);
    const opts = {};
    if (m.table) opts.table = m.table;
    if (m.indexes) opts.indexes = m.indexes;
    if (m.constraints) opts.constraints = m.constraints;
    lines.push(`  db.model(${JSON.stringify(m.name)}, {`, ...fs, `  }, ${JSON.stringify(opts)});`);
  }
  lines.push("};", "");
  return lines.join("\n");
}

/**
 * Asks real Django (tests/django/migrations_oracle.py); `doc` is `{ steps }`
 * or `{ scenarios }`. (PYTHONHASHSEED fixed: where Django's order of
 * statements follows its model registry, it is then the same every run.)
 */
export function oracle(doc) {
  const r = spawnSync("python3", [join(repo, "tests", "django", "migrations_oracle.py")], {
    input: JSON.stringify(doc),
    encoding: "utf8",
    maxBuffer: 64 << 20,
    env: { ...process.env, PYTHONHASHSEED: "0" },
  });
  if (r.status !== 0) throw new Error(`migrations_oracle.py failed (exit ${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

/**
 * A D1 in memory (Miniflare, real workerd). Not helpers.mjs's startD1(): that
 * one logs every statement for tests/logged_sql.rs to re-parse with
 * sqlparser, whose SQLite dialect takes no ON/OFF pragma value, and the
 * migration files say `PRAGMA defer_foreign_keys = ON` as D1's docs do.
 */
export async function memoryD1() {
  const mf = new Miniflare({
    modules: true,
    script: "export default { fetch() { return new Response(null, { status: 204 }); } };",
    compatibilityDate: "2026-04-20",
    d1Databases: ["DB"],
  });
  return { db: await mf.getD1Database("DB"), dispose: () => mf.dispose() };
}

/** `exec(sql, params) → rows as arrays` over a D1 binding. */
export const d1Rows = (d1) => async (sql, params = []) => (params.length ? d1.prepare(sql).bind(...params) : d1.prepare(sql)).raw();

/** A sql.js database with foreign keys enforced (as D1 enforces them), its executor for Quarry, and rows as arrays. */
export async function sqljs() {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run("PRAGMA foreign_keys = ON");
  const run = (sql, params = []) => {
    const stmt = db.prepare(sql);
    try {
      if (params.length) stmt.bind(params.map((p) => (typeof p === "boolean" ? +p : typeof p === "bigint" ? Number(p) : p)));
      const rows = [];
      while (stmt.step()) rows.push(stmt.get());
      return { rows, columns: stmt.getColumnNames(), changes: db.getRowsModified(), lastRowId: db.exec("SELECT last_insert_rowid()")[0].values[0][0] };
    } finally {
      stmt.free();
    }
  };
  const executor = {
    async execute(sql, params) {
      return run(sql, params);
    },
    async batch(statements) {
      db.run("BEGIN");
      try {
        const out = statements.map((s) => run(s.sql, s.params));
        db.run("COMMIT");
        return out;
      } catch (e) {
        db.run("ROLLBACK");
        throw e;
      }
    },
  };
  return { db, executor, rows: async (sql, params) => run(sql, params).rows };
}

/**
 * The schema as the oracle reports Django's: per table (wrangler's and
 * SQLite's own aside) its CREATE statement, PRAGMA table_info,
 * index_list (with each index's columns and CREATE statement) and
 * foreign_key_list. `rows(sql, params)` reads rows as arrays.
 */
export async function readSchema(rows) {
  const out = {};
  const tables = (await rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).map((r) => r[0]);
  for (const t of tables) {
    if (t.startsWith("sqlite_") || t.startsWith("_cf_") || t === "d1_migrations") continue;
    const [[sql]] = await rows("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [t]);
    const columns = await rows(`PRAGMA table_info("${t}")`);
    const indexes = [];
    for (const [, name, unique, origin, partial] of await rows(`PRAGMA index_list("${t}")`)) {
      const cols = (await rows(`PRAGMA index_info("${name}")`)).map((r) => r[2]);
      const isql = (await rows("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", [name]))[0]?.[0] ?? null;
      indexes.push({ name, unique, origin, partial, columns: cols, sql: isql });
    }
    const foreign_keys = await rows(`PRAGMA foreign_key_list("${t}")`);
    out[t] = { sql, columns, indexes, foreign_keys };
  }
  return out;
}
