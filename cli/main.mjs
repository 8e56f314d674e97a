// npx quarry makemigrations [--name NAME] [--rename Model.old=new | Old=New ...] [--check] [--dry-run] [--empty]
// npx quarry sqlmigrate NAME
//
// Django's makemigrations and sqlmigrate for Quarry: the models' changes
// become numbered .sql files that `wrangler d1 migrations apply` and
// `db.migrate({ migrations })` both apply. Node only; nothing here ships.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MigrationRefused, detectChanges } from "./autodetector.mjs";
import { cloneState } from "./operations.mjs";
import { CommandError, effectiveDefault, findProject, loadModels, readFiles, stateToJson } from "./project.mjs";
import { SchemaEditor } from "./schema.mjs";

const USAGE = `Usage:
  npx quarry makemigrations [--name NAME] [--rename Model.old=new ...] [--rename Old=New ...] [--check] [--dry-run] [--empty]
  npx quarry sqlmigrate NAME

makemigrations  writes the next numbered file into the migrations folder (package.json
                "quarry": { "models": "src/models.js", "migrations": "migrations" }) with the SQL
                that turns the last recorded state into the models' state.
  --name NAME             the file's name after its number (default: made from the changes)
  --rename Model.old=new  field 'old' of Model was renamed to 'new' (keeps its data)
  --rename Old=New        model Old was renamed to New (keeps its table's rows)
  --check                 write nothing; exit 1 if the models have changes without a migration
  --dry-run               print the migration instead of writing it
  --empty                 write a migration with no operations, for SQL of your own
sqlmigrate      prints the SQL of a migration (NAME: its number or file name)`;

function parseArgs(argv) {
  const out = { command: argv[0], renames: { models: [], fields: [] }, rest: [] };
  for (let i = 1; i < argv.length; i++) {
    let a = argv[i];
    let value;
    if (a.startsWith("--") && a.includes("=") && (a.startsWith("--name=") || a.startsWith("--rename="))) {
      value = a.slice(a.indexOf("=") + 1);
      a = a.slice(0, a.indexOf("="));
    }
    const next = () => {
      if (value !== undefined) return value;
      if (i + 1 >= argv.length) throw new CommandError(`${a} needs a value.\n\n${USAGE}`);
      return argv[++i];
    };
    if (a === "--name") out.name = next();
    else if (a === "--rename") {
      const r = next();
      const m = /^([A-Za-z_$][\w$]*)(?:\.([A-Za-z_$][\w$]*))?=([A-Za-z_$][\w$]*)$/.exec(r);
      if (!m) throw new CommandError(`--rename ${r}: write --rename Model.old=new for a field, --rename Old=New for a model.`);
      if (m[2]) out.renames.fields.push([m[1], m[2], m[3]]);
      else out.renames.models.push([m[1], m[3]]);
    } else if (a === "--check") out.check = true;
    else if (a === "--dry-run") out.dryRun = true;
    else if (a === "--empty") out.empty = true;
    else if (a === "-h" || a === "--help") out.help = true;
    else if (a.startsWith("-")) throw new CommandError(`Unknown option ${a}.\n\n${USAGE}`);
    else out.rest.push(a);
  }
  return out;
}

/** Django's Migration.suggest_name. */
function suggestName(ops, initial) {
  if (initial) return "initial";
  const fragments = ops.map((op) => op.fragment.replace(/\W+/g, "_"));
  if (!fragments.length) return `auto_${timestamp()}`;
  let name = fragments[0];
  for (const f of fragments.slice(1)) {
    const next = `${name}_${f}`;
    if (next.length > 52) return `${name}_and_more`;
    name = next;
  }
  return name;
}

function timestamp() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}_${p(d.getHours())}${p(d.getMinutes())}`;
}

/** A state's models as compared for equality (field order aside). */
function fingerprint(state) {
  const sorted = (xs) => [...xs].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  const canon = (fs) => Object.fromEntries(Object.keys(fs).sort().map((k) => [k, fs[k]]));
  return JSON.stringify(
    [...state.models.values()]
      .map((m) => ({ name: m.name, table: m.table, fields: sorted(m.fields.map(([n, fs]) => [n, canon(fs)])), indexes: sorted(m.indexes), constraints: sorted(m.constraints) }))
      .sort((a, b) => (a.name < b.name ? -1 : 1)),
  );
}

/** The text of a migration file: what it does, its SQL, the state after it. */
function migrationText(ops, fromState, parent, checksum) {
  const editor = new SchemaEditor({ effectiveDefault });
  let state = fromState;
  for (const op of ops) {
    const to = cloneState(state);
    op.stateForwards(to);
    editor.execute(`--\n-- ${op.describe()}\n--`);
    const before = editor.sql.length;
    op.databaseForwards(editor, state, to);
    if (editor.sql.length === before && !editor.deferred.length) editor.execute("-- (no-op)");
    state = to;
  }
  const body = editor.finish().map((s) => (s.startsWith("--") ? s : `${s};`));
  const json = stateToJson(state, parent);
  const lines = [
    "-- Made by `npx quarry makemigrations`. Apply it with `npx wrangler d1 migrations apply <DB>`",
    "-- or `await db.migrate({ migrations })`. The last line records the models' state for the next",
    "-- makemigrations: keep it as it is.",
  ];
  // D1 enforces foreign keys and cannot turn them off inside the migration's
  // transaction: rebuilding or dropping a table that others reference fails
  // with "FOREIGN KEY constraint failed" unless enforcement is deferred.
  if (editor.rebuilt) lines.push("PRAGMA defer_foreign_keys = ON;");
  lines.push(...body);
  if (editor.rebuilt) lines.push("PRAGMA defer_foreign_keys = OFF;");
  lines.push(`-- quarry:state ${checksum(json)} ${json}`);
  return { text: `${lines.join("\n")}\n`, state };
}

async function makemigrations(args, cwd, out) {
  if (args.rest.length) throw new CommandError(`makemigrations takes no positional arguments (got ${args.rest.join(" ")}).\n\n${USAGE}`);
  if (args.name !== undefined && !/^\w+$/.test(args.name)) throw new CommandError(`--name ${args.name}: a migration's name is letters, digits and underscores.`);
  const project = findProject(cwd);
  const files = await readFiles(project);
  const last = files.list.at(-1);
  let ops = [];
  let text;
  let state;
  if (!args.empty) {
    const { state: target } = await loadModels(project);
    ops = detectChanges(files.state, target, args.renames);
    if (!ops.length) {
      out("No changes detected");
      return 0;
    }
    if (args.check) {
      out(`Your models have changes that are not yet reflected in a migration:\n${ops.map((op) => `  ${op.constructor.category} ${op.describe()}`).join("\n")}\nRun \`npx quarry makemigrations\` to make it.`);
      return 1;
    }
    ({ text, state } = migrationText(ops, files.state, last?.name ?? null, files.checksum));
    if (fingerprint(state) !== fingerprint(target)) {
      throw new Error("internal error: the operations do not reach the models' state (a bug in Quarry: please report it with your models). Nothing was written.");
    }
  } else {
    ({ text } = migrationText([], files.state, last?.name ?? null, files.checksum));
  }
  const number = (last ? parseInt(last.name, 10) : 0) + 1;
  const name = `${String(number).padStart(4, "0")}_${args.name ?? (args.empty ? `auto_${timestamp()}` : suggestName(ops, files.state.models.size === 0))}.sql`;
  const path = `${project.migrations}/${name}`;
  if (args.dryRun) {
    out(`Migrations (dry run, nothing written):\n  ${path}\n${ops.map((op) => `    ${op.constructor.category} ${op.describe()}`).join("\n")}\n\n${text}`);
    return 0;
  }
  mkdirSync(files.dir, { recursive: true });
  writeFileSync(join(files.dir, name), text);
  out(`Migrations:\n  ${path}\n${ops.map((op) => `    ${op.constructor.category} ${op.describe()}`).join("\n")}`.trimEnd());
  return 0;
}

async function sqlmigrate(args, cwd, out) {
  if (args.rest.length !== 1) throw new CommandError(`sqlmigrate takes the migration's number or name: npx quarry sqlmigrate 0002\n\n${USAGE}`);
  const project = findProject(cwd);
  const files = await readFiles(project);
  const wanted = args.rest[0].replace(/\.sql$/, "");
  let found = files.list.filter((m) => m.name === `${wanted}.sql`);
  if (!found.length) found = files.list.filter((m) => m.name.startsWith(wanted) || (/^\d+$/.test(wanted) && parseInt(m.name, 10) === parseInt(wanted, 10)));
  if (!found.length) throw new CommandError(`Cannot find a migration matching '${wanted}' in ${project.migrations}/.`);
  if (found.length > 1) throw new CommandError(`More than one migration matches '${wanted}' in ${project.migrations}/: ${found.map((m) => m.name).join(", ")}. Give more of its name.`);
  out(readFileSync(join(files.dir, found[0].name), "utf8").replace(/^-- quarry:state .*\n?/m, "").trimEnd());
  return 0;
}

/** Runs the command line `argv` in `cwd`; resolves to the exit code. */
export async function main(argv, { cwd = process.cwd(), out = console.log, err = console.error } = {}) {
  try {
    const args = parseArgs(argv);
    if (args.help || !args.command) {
      out(USAGE);
      return args.command ? 0 : 1;
    }
    if (args.command === "makemigrations") return await makemigrations(args, cwd, out);
    if (args.command === "sqlmigrate") return await sqlmigrate(args, cwd, out);
    throw new CommandError(`Unknown command '${args.command}'.\n\n${USAGE}`);
  } catch (e) {
    if (e instanceof CommandError || e instanceof MigrationRefused) {
      err(e.message);
      return 1;
    }
    err(e?.stack ?? String(e));
    return 2;
  }
}
