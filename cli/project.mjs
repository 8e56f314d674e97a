// The project `npx quarry` runs in: its package.json's "quarry" settings,
// its models (loaded through the real Database, so they are checked as the
// runtime checks them) and its migration files with their recorded state.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { autoIndexName } from "./schema.mjs";

const pkg = new URL("../dist/", import.meta.url);
const runtime = () => import(new URL("node.js", pkg).href);
const migrationsRuntime = () => import(new URL("migrations.js", pkg).href);

/** A mistake in the project (models, files, arguments): printed as is, exit code 1. */
export class CommandError extends Error {}

/** The nearest package.json from `cwd` up, with its "quarry" settings. */
export function findProject(cwd) {
  let dir = resolve(cwd);
  for (;;) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      let json;
      try {
        json = JSON.parse(readFileSync(file, "utf8"));
      } catch (e) {
        throw new CommandError(`${file} is not valid JSON: ${e.message}`);
      }
      const q = json.quarry ?? {};
      if (typeof q.models !== "string") {
        throw new CommandError(
          `${relative(cwd, file) || "package.json"} does not say where the models are. Add:\n  "quarry": { "models": "src/models.js" }\nnaming a module whose default export is a function (db) => { db.model(...); ... }.`,
        );
      }
      return { root: dir, models: q.models, migrations: typeof q.migrations === "string" ? q.migrations : "migrations" };
    }
    const up = dirname(dir);
    if (up === dir) throw new CommandError(`No package.json in ${cwd} or above: run npx quarry in your project.`);
    dir = up;
  }
}

// ---- models -------------------------------------------------------------------

const FK = new Set(["ForeignKey", "OneToOneField"]);
const LIVE = Symbol("live default");

/**
 * The models of the project as a state (see operations.mjs), and the
 * Database they were defined on. Errors name the models module.
 */
export async function loadModels(project) {
  const file = join(project.root, project.models);
  const label = project.models;
  if (!existsSync(file)) throw new CommandError(`The models module ${label} (package.json "quarry": { "models" }) does not exist.`);
  const { Database } = await runtime();
  let mod;
  try {
    // (The modification time in the URL: a process that runs makemigrations again sees an edited module.)
    mod = await import(`${pathToFileURL(file).href}?mtime=${statSync(file).mtimeMs}`);
  } catch (e) {
    throw new CommandError(`Could not load the models from ${label}: ${describe(e)}\nNothing was written.`);
  }
  if (typeof mod.default !== "function") {
    throw new CommandError(`${label} must export default a function that defines the models on the Database it is given:\n  export default (db) => { db.model("Author", { ... }); };`);
  }
  const db = new Database(null);
  const defs = [];
  const define = db.model.bind(db);
  db.model = (name, fieldDefs, options = {}) => {
    const cls = define(name, fieldDefs, options);
    defs.push({ name, fieldDefs, options, cls });
    return cls;
  };
  try {
    await mod.default(db);
  } catch (e) {
    throw new CommandError(`The models in ${label} failed to load: ${describe(e)}\nNothing was written.`);
  }
  const models = new Map();
  for (const d of defs) {
    try {
      models.set(d.name.toLowerCase(), modelState(db, d));
    } catch (e) {
      throw new CommandError(`${label}: model ${d.name}: ${e.message}`);
    }
  }
  for (const ms of models.values()) {
    for (const [fname, fs] of ms.fields) {
      for (const target of [fs.to, fs.through]) {
        if (target != null && !models.has(target.toLowerCase())) {
          throw new CommandError(`${label}: field ${ms.name}.${fname} refers to model '${target}', which ${label} does not define.`);
        }
      }
      if (fs.kind === "ManyToManyField" && fs.through != null) {
        try {
          db.core.relationInfo(ms.name, fname);
        } catch (e) {
          throw new CommandError(`${label}: ${e.message}`);
        }
      }
    }
  }
  return { state: { models }, db };
}

function describe(e) {
  if (!(e instanceof Error)) return String(e);
  const where = (e.stack ?? "").split("\n").find((l) => /^\s+at /.test(l));
  return `${e.name}: ${e.message}${where ? `\n${where}` : ""}`;
}

function modelState(db, { name, fieldDefs, options, cls }) {
  const meta = cls._meta;
  const fields = meta.fields.map((f) => [f.name, fieldState(db, name, f, fieldDefs[f.name])]);
  const column = (fname) => {
    const f = meta.fields.find((x) => x.name === fname);
    if (!f || f.kind === "ManyToManyField") throw new Error(`an index or constraint names '${fname}', which is not a field with a column.`);
    const o = fieldDefs[fname]?.options ?? {};
    return o.dbColumn ?? f.attname;
  };
  const list = (key) => {
    const v = options[key] ?? [];
    if (!Array.isArray(v)) throw new Error(`option '${key}' must be an array of { fields: [...], name }.`);
    return v.map((x) => {
      if (x === null || typeof x !== "object" || !Array.isArray(x.fields) || !x.fields.length || !x.fields.every((n) => typeof n === "string")) {
        throw new Error(`each of '${key}' is { fields: ["field", ...], name: "..." }.`);
      }
      if (x.name != null && typeof x.name !== "string") throw new Error(`the name of an entry of '${key}' must be a string.`);
      return x;
    });
  };
  const indexes = list("indexes").map((i) => {
    const cols = i.fields.map((n) => (n.startsWith("-") ? `-${column(n.slice(1))}` : column(n)));
    return { fields: [...i.fields], name: i.name ?? autoIndexName(meta.table, cols) };
  });
  const constraints = list("constraints").map((c) => {
    if (c.name == null) throw new Error(`constraints need a name, as Django's UniqueConstraint does: { fields: [${c.fields.map((n) => JSON.stringify(n)).join(", ")}], name: "..." }.`);
    if (c.fields.some((n) => n.startsWith("-"))) throw new Error(`a unique constraint's fields have no order ('-'): ${c.name}.`);
    c.fields.forEach(column);
    return { fields: [...c.fields], name: c.name };
  });
  return { name, table: meta.table, fields, indexes, constraints };
}

/** A field as the migrations record it: what reaches the database, in a fixed key order. */
function fieldState(db, model, meta, def) {
  const o = def?.options ?? {};
  const fs = { kind: meta.kind };
  if (meta.target !== undefined) fs.to = meta.target;
  if (meta.kind === "ManyToManyField" && o.through != null) fs.through = typeof o.through === "string" ? o.through : o.through.modelName;
  if (!def) fs.autoCreated = true;
  if (meta.primaryKey) fs.primaryKey = true;
  if (meta.null) fs.null = true;
  if (o.unique && !meta.primaryKey && meta.kind !== "OneToOneField") fs.unique = true;
  if (o.blank) fs.blank = true;
  if (o.dbColumn != null) fs.dbColumn = o.dbColumn;
  const index = o.dbIndex ?? FK.has(meta.kind);
  if (index !== FK.has(meta.kind)) fs.dbIndex = !!index;
  for (const k of ["maxLength", "maxDigits", "decimalPlaces"]) if (o[k] != null) fs[k] = o[k];
  if (o.default !== undefined && meta.kind !== "ManyToManyField") {
    if (typeof o.default === "function") {
      fs.default = { callable: o.default.name || "(function)" };
      let value;
      Object.defineProperty(fs, LIVE, { value: () => (value ??= literal(db, model, meta, o.default())) });
    } else {
      fs.default = literal(db, model, meta, o.default);
    }
  }
  return Object.freeze(fs);
}

/** A value as the SQL literal Django's schema editor writes (quote_value), converted as Quarry stores it. */
function literal(db, model, meta, value) {
  if (value === null || value === undefined) return "NULL";
  let v;
  try {
    v = db.core.compileInsert(model, { [meta.name]: value }).params[0];
  } catch (e) {
    throw new Error(`the default of ${meta.name}: ${e.message}`);
  }
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "boolean") return v ? "1" : "0";
  if (typeof v === "bigint") return String(v);
  if (typeof v === "number") return meta.kind === "FloatField" && Number.isInteger(v) ? `${v}.0` : String(v);
  if (v instanceof Uint8Array) return `X'${Buffer.from(v).toString("hex")}'`;
  return `'${String(v).replaceAll("'", "''")}'`;
}

/** The SQL literal of a field's effective default (Django's effective_default), for the schema editor. */
export function effectiveDefault(f) {
  const fs = f.fs;
  if (fs.default !== undefined) {
    if (typeof fs.default === "string") return fs.default;
    if (fs[LIVE]) return fs[LIVE]();
    throw new CommandError(`${f.model.name}.${f.name} has a default computed by a function the migration files cannot record; its value is needed to fill existing rows.`);
  }
  const emptyStrings = ["CharField", "TextField", "BinaryField"].includes(f.kind);
  if (!f.null && f.blank && emptyStrings) return f.kind === "BinaryField" ? "X''" : "''";
  return "NULL";
}

// ---- migration files ------------------------------------------------------------

/**
 * The migration files of the project in wrangler's order, checked as
 * `db.migrate({ migrations })` checks them, with the state the last made by
 * Quarry recorded. Errors name the file.
 */
export async function readFiles(project) {
  const dir = join(project.root, project.migrations);
  const names = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith(".sql")) : [];
  const { readMigrations, checksum } = await migrationsRuntime();
  let list;
  try {
    list = readMigrations(names.map((name) => ({ name, sql: readFileSync(join(dir, name), "utf8") })));
  } catch (e) {
    throw new CommandError(`${project.migrations}/: ${e.message}`);
  }
  let state = { models: new Map() };
  for (const m of list) {
    if (!m.state) continue;
    try {
      state = stateFromJson(m.state);
    } catch (e) {
      throw new CommandError(`${project.migrations}/${m.name}: its quarry:state line is not a state Quarry wrote (${e.message}).`);
    }
  }
  return { dir, list, state, checksum };
}

function stateFromJson(json) {
  if (!Array.isArray(json.models)) throw new Error("no models");
  const models = new Map();
  for (const m of json.models) {
    if (typeof m.name !== "string" || typeof m.table !== "string" || !Array.isArray(m.fields)) throw new Error("a model without name, table or fields");
    const fields = m.fields.map(([n, fs]) => {
      if (typeof n !== "string" || typeof fs?.kind !== "string") throw new Error(`a bad field in ${m.name}`);
      return [n, Object.freeze(fs)];
    });
    models.set(m.name.toLowerCase(), { name: m.name, table: m.table, fields, indexes: m.indexes ?? [], constraints: m.constraints ?? [] });
  }
  return { models };
}

export function stateToJson(state, parent) {
  const models = [...state.models.values()].map((m) => ({ name: m.name, table: m.table, fields: m.fields, indexes: m.indexes, constraints: m.constraints }));
  return JSON.stringify({ parent, models });
}
