// Django 5.2's SQLite schema editor (django/db/backends/sqlite3/schema.py and
// the base editor it extends), ported to Quarry's model states: the SQL a
// migration runs, statement for statement as Django's `migrate` runs it, so
// that a database migrated by Quarry and one migrated by Django have the same
// tables, columns (in the same order), indexes and foreign keys.
//
// Node only (the CLI): nothing here ships to browsers or Workers.
import { createHash } from "node:crypto";

export const RELATIONS = new Set(["ForeignKey", "OneToOneField", "ManyToManyField"]);
const AUTO = new Set(["AutoField", "BigAutoField"]);

const lower = (s) => s.toLowerCase();
export const q = (name) => `"${name.replaceAll('"', '""')}"`;

/** Django's `names_digest`: md5 of the arguments, hex, truncated. */
function digest(parts, length) {
  const h = createHash("md5");
  for (const p of parts) h.update(p);
  return h.digest("hex").slice(0, length);
}

/** Django's `_create_index_name` (SQLite: no length limit beyond 200). */
export function indexName(table, columns, suffix = "") {
  const hash = digest([table, ...columns], 8) + suffix;
  let name = `${table}_${columns.join("_")}_${hash}`;
  if (name.length <= 200) return name;
  const h = hash.length > 200 / 3 ? hash.slice(0, Math.floor(200 / 3)) : hash;
  const other = Math.floor((200 - h.length) / 2) - 1;
  name = `${table.slice(0, other)}_${columns.join("_").slice(0, other)}_${h}`;
  if (name[0] === "_" || /\d/.test(name[0])) name = `D${name.slice(0, -1)}`;
  return name;
}

/** Django's `Index.set_name_with_model` (an index in Meta.indexes given no name). */
export function autoIndexName(table, columnsWithOrder) {
  const columns = columnsWithOrder.map((c) => c.replace(/^-/, ""));
  let name = `${table.slice(0, 11)}_${columns[0].slice(0, 7)}_${digest([table, ...columnsWithOrder, "idx"], 6)}_idx`;
  if (name[0] === "_" || /\d/.test(name[0])) name = `D${name.slice(1)}`;
  return name;
}

// ---- rendering a model state as the schema editor sees it ------------------

/**
 * A model of `state` (a `{ models: Map<lowerName, ModelState> }`) with its
 * fields resolved: columns, types, references. `name` may be any case.
 * Auto-created M2M through models render too (`throughOf`).
 */
export function render(state, name) {
  const ms = state.models.get(lower(name));
  if (!ms) throw new Error(`internal: no model ${name} in the state`);
  const model = { name: ms.name, table: ms.table, indexes: ms.indexes, constraints: ms.constraints, uniqueTogether: [], autoCreated: false, state };
  model.fields = ms.fields.map(([fname, fs]) => renderField(state, model, fname, fs));
  return model;
}

function renderField(state, model, name, fs) {
  const kind = fs.kind;
  const many = kind === "ManyToManyField";
  const fk = kind === "ForeignKey" || kind === "OneToOneField";
  const attname = fk ? `${name}_id` : name;
  const primaryKey = !!fs.primaryKey;
  const f = {
    name,
    kind,
    fs,
    many,
    relation: RELATIONS.has(kind),
    concrete: !many,
    attname,
    column: many ? null : (fs.dbColumn ?? attname),
    primaryKey,
    autoCreated: !!fs.autoCreated,
    null: !!fs.null && !primaryKey,
    unique: !!fs.unique || primaryKey || kind === "OneToOneField",
    blank: !!fs.blank,
    dbIndex: fs.dbIndex ?? fk,
    to: fs.to,
    through: fs.through,
    model,
  };
  if (f.relation && fs.to) {
    const target = state.models.get(lower(fs.to));
    if (target) {
      f.target = target;
      if (fk) {
        const [pkName, pk] = target.fields.find(([, tf]) => tf.primaryKey) ?? [];
        if (!pk) throw new Error(`internal: model ${target.name} has no primary key`);
        f.relTable = target.table;
        f.relColumn = pk.dbColumn ?? (pk.kind === "ForeignKey" || pk.kind === "OneToOneField" ? `${pkName}_id` : pkName);
        f.relType = relDbType(state, target, pk);
      }
    }
  }
  return f;
}

/** Django's `rel_db_type` of a primary key: the column type of a key pointing at it. */
function relDbType(state, target, pk) {
  if (pk.kind === "AutoField") return "integer";
  if (pk.kind === "BigAutoField") return "bigint";
  if (pk.kind === "ForeignKey" || pk.kind === "OneToOneField") {
    const t2 = state.models.get(lower(pk.to));
    const pk2 = t2?.fields.find(([, tf]) => tf.primaryKey)?.[1];
    return pk2 ? relDbType(state, t2, pk2) : "integer";
  }
  return dbType({ kind: pk.kind, fs: pk });
}

/** The column type Django's SQLite backend gives a field (`None` for M2M). */
export function dbType(f) {
  switch (f.kind) {
    case "AutoField":
    case "BigAutoField":
    case "IntegerField":
      return "integer";
    case "BigIntegerField":
      return "bigint";
    case "FloatField":
      return "real";
    case "DecimalField":
      return "decimal";
    case "CharField":
      return f.fs.maxLength != null ? `varchar(${f.fs.maxLength})` : "varchar";
    case "TextField":
    case "JSONField":
      return "text";
    case "BooleanField":
      return "bool";
    case "DateField":
      return "date";
    case "DateTimeField":
      return "datetime";
    case "UUIDField":
      return "char(32)";
    case "BinaryField":
      return "BLOB";
    case "ForeignKey":
    case "OneToOneField":
      return f.relType;
    default:
      return null;
  }
}

const dbCheck = (f) => (f.kind === "JSONField" ? `(JSON_VALID(${q(f.column)}) OR ${q(f.column)} IS NULL)` : null);

/** The auto-created through model of M2M field `f` of `model` (Django's `create_many_to_many_intermediary_model`). */
export function throughOf(model, f) {
  const state = model.state;
  const target = state.models.get(lower(f.to));
  if (!target) throw new Error(`internal: no model ${f.to} in the state`);
  const from = lower(model.name);
  const to = lower(target.name);
  const [fromName, toName] = from === to ? [`from_${from}`, `to_${to}`] : [from, to];
  const tmp = { models: new Map(state.models) };
  const ms = {
    name: `${model.name}_${f.name}`,
    table: `${model.table}_${f.name}`,
    fields: [
      ["id", { kind: "AutoField", primaryKey: true, autoCreated: true }],
      [fromName, { kind: "ForeignKey", to: model.name }],
      [toName, { kind: "ForeignKey", to: target.name }],
    ],
    indexes: [],
    constraints: [],
  };
  // The owner as given (it may be a model being built, not yet in the state).
  tmp.models.set(lower(model.name), { name: model.name, table: model.table, fields: model.fields.map((x) => [x.name, x.fs]), indexes: [], constraints: [] });
  tmp.models.set(lower(ms.name), ms);
  const through = render(tmp, ms.name);
  through.autoCreated = true;
  through.uniqueTogether = [[fromName, toName]];
  through.m2mField = fromName;
  through.m2mReverseField = toName;
  return through;
}

const isAutoThrough = (f) => f.many && !f.through;

// ---- deferred statements ----------------------------------------------------

/** A `CREATE [UNIQUE] INDEX` whose name and table follow table renames, as Django's Statement does. */
class IndexStatement {
  constructor({ table, columns, suffixes = [], name = null, suffix = "", unique = false }) {
    Object.assign(this, { table, columns, suffixes, name, suffix, unique });
  }
  referencesTable(t) {
    return this.table === t;
  }
  referencesColumn(t, c) {
    return this.table === t && this.columns.includes(c);
  }
  renameTable(from, to) {
    if (this.table === from) this.table = to;
  }
  toString() {
    const name = this.name ?? indexName(this.table, this.columns, this.suffix);
    const cols = this.columns.map((c, i) => q(c) + (this.suffixes[i] ? ` ${this.suffixes[i]}` : "")).join(", ");
    return `CREATE ${this.unique ? "UNIQUE " : ""}INDEX ${q(name)} ON ${q(this.table)} (${cols})`;
  }
}

// ---- the editor ---------------------------------------------------------------

/**
 * Collects the statements of one migration. `effectiveDefault(field)` gives
 * the SQL literal of a field's default (Django's `effective_default` +
 * `quote_value`), or "NULL".
 */
export class SchemaEditor {
  constructor({ effectiveDefault }) {
    this.sql = [];
    this.deferred = [];
    this.rebuilt = false;
    this.effectiveDefault = effectiveDefault;
  }

  execute(sql) {
    this.sql.push(String(sql));
  }

  /** Runs the deferred statements (Django: the editor's `__exit__`). */
  finish() {
    for (const s of this.deferred) this.execute(s);
    this.deferred = [];
    return this.sql;
  }

  // -- column SQL

  columnSql(model, f) {
    const type = dbType(f);
    if (type == null) return null;
    const parts = [type, f.null ? "NULL" : "NOT NULL"];
    if (f.primaryKey) parts.push("PRIMARY KEY");
    else if (f.unique) parts.push("UNIQUE");
    return parts.join(" ");
  }

  inlineFk(f) {
    return `REFERENCES ${q(f.relTable)} (${q(f.relColumn)}) DEFERRABLE INITIALLY DEFERRED`;
  }

  tableSql(model) {
    for (const names of model.uniqueTogether) {
      const cols = names.map((n) => model.fields.find((x) => x.name === n).column);
      this.deferred.push(new IndexStatement({ table: model.table, columns: cols, suffix: "_uniq", unique: true }));
    }
    const defs = [];
    for (const f of model.fields) {
      let def = this.columnSql(model, f);
      if (def == null) continue;
      const check = dbCheck(f);
      if (check) def += ` CHECK (${check})`;
      if (AUTO.has(f.kind)) def += " AUTOINCREMENT";
      if (f.relTable) def += ` ${this.inlineFk(f)}`;
      defs.push(`${q(f.column)} ${def}`);
    }
    for (const c of model.constraints) {
      const cols = c.fields.map((n) => fieldNamed(model, n).column);
      defs.push(`CONSTRAINT ${q(c.name)} UNIQUE (${cols.map(q).join(", ")})`);
    }
    return `CREATE TABLE ${q(model.table)} (${defs.join(", ")})`;
  }

  indexStatements(model) {
    const out = [];
    for (const f of model.fields) if (f.concrete && f.dbIndex && !f.unique) out.push(new IndexStatement({ table: model.table, columns: [f.column] }));
    for (const index of model.indexes) out.push(this.indexStatement(model, index));
    return out;
  }

  indexStatement(model, index) {
    const columns = index.fields.map((n) => fieldNamed(model, n.replace(/^-/, "")).column);
    const suffixes = index.fields.map((n) => (n.startsWith("-") ? "DESC" : ""));
    return new IndexStatement({ table: model.table, columns, suffixes, name: index.name });
  }

  // -- models

  createModel(model) {
    this.execute(this.tableSql(model));
    this.deferred.push(...this.indexStatements(model));
    for (const f of model.fields) if (isAutoThrough(f)) this.createModel(throughOf(model, f));
  }

  deleteModel(model, handleAutoM2M = true) {
    if (handleAutoM2M) for (const f of model.fields) if (isAutoThrough(f)) this.deleteModel(throughOf(model, f));
    this.rebuilt = true;
    this.execute(`DROP TABLE ${q(model.table)}`);
    this.deferred = this.deferred.filter((s) => !s.referencesTable(model.table));
  }

  alterDbTable(model, oldTable, newTable) {
    if (oldTable === newTable) return;
    this.execute(`ALTER TABLE ${q(oldTable)} RENAME TO ${q(newTable)}`);
    for (const s of this.deferred) s.renameTable(oldTable, newTable);
  }

  addIndex(model, index) {
    this.execute(this.indexStatement(model, index));
  }

  removeIndex(model, index) {
    this.execute(`DROP INDEX ${q(index.name)}`);
  }

  renameIndex(model, oldIndex, newIndex) {
    // SQLite cannot rename an index (Django's can_rename_index is False).
    this.removeIndex(model, oldIndex);
    this.addIndex(model, newIndex);
  }

  addConstraint(model) {
    this.remake(model);
  }

  removeConstraint(model) {
    this.remake(model);
  }

  // -- fields

  addField(model, f) {
    if (isAutoThrough(f)) return this.createModel(throughOf(withField(model, f), f));
    // (A ManyToManyField with a through model is "not null" too: Django rebuilds the table for nothing.)
    if (f.primaryKey || f.unique || !f.null || this.effectiveDefault(f) !== "NULL") return this.remake(model, { createField: f });
    let def = this.columnSql(model, f);
    if (AUTO.has(f.kind)) def += " AUTOINCREMENT";
    const check = dbCheck(f);
    if (check) def += ` CHECK (${check})`;
    if (f.relTable) def += ` ${this.inlineFk(f)}`;
    this.execute(`ALTER TABLE ${q(model.table)} ADD COLUMN ${q(f.column)} ${def}`);
    if (f.dbIndex && !f.unique) this.deferred.push(new IndexStatement({ table: model.table, columns: [f.column] }));
  }

  removeField(model, f) {
    if (f.many) {
      if (isAutoThrough(f)) this.deleteModel(throughOf(model, f));
      return;
    }
    if (!f.primaryKey && !f.unique && !f.dbIndex && !f.relTable) {
      this.execute(`ALTER TABLE ${q(model.table)} DROP COLUMN ${q(f.column)}`);
      this.deferred = this.deferred.filter((s) => !s.referencesColumn(model.table, f.column));
      return;
    }
    this.remake(model, { deleteField: f });
  }

  /** Django's `_field_should_be_altered`: the deconstructed fields differ in what reaches the schema. */
  shouldBeAltered(oldF, newF) {
    // (Django's ManyToManyField has a "column" too: its name, or db_column.)
    const column = (f) => f.column ?? f.fs.dbColumn ?? f.name;
    const sameTarget = !newF.many && oldF.relation && newF.relation && oldF.target && newF.target && oldF.target.table === newF.target.table;
    return column(oldF) !== column(newF) || JSON.stringify(dbAttrs(oldF.fs, sameTarget)) !== JSON.stringify(dbAttrs(newF.fs, sameTarget));
  }

  alterField(model, oldF, newF) {
    if (!this.shouldBeAltered(oldF, newF)) return;
    const oldType = dbType(oldF);
    const newType = dbType(newF);
    if ((oldType == null && !oldF.relation) || (newType == null && !newF.relation)) {
      throw new Error(`Cannot alter field ${model.name}.${oldF.name} into ${newF.name}: they are not compatible types.`);
    }
    if (oldType == null && newType == null) {
      if (isAutoThrough(oldF) && isAutoThrough(newF)) return this.alterManyToMany(model, oldF, newF);
      if (!isAutoThrough(oldF) && !isAutoThrough(newF)) return;
    }
    if (oldType == null || newType == null) {
      throw new Error(`Cannot alter field ${model.name}.${oldF.name} into ${newF.name}: a ManyToManyField cannot become a column or back.`);
    }
    // SQLite's _alter_field: a rename alone is ALTER TABLE RENAME COLUMN.
    if (oldF.column !== newF.column && this.columnSql(model, oldF) === this.columnSql(model, newF) && !oldF.relTable && !newF.relTable) {
      this.execute(`ALTER TABLE ${q(model.table)} RENAME COLUMN ${q(oldF.column)} TO ${q(newF.column)}`);
      return;
    }
    this.remake(model, { alterFields: [[oldF, newF]] });
    // Rebuild the tables whose keys point at a unique field whose type changed.
    if (newF.unique && oldType !== newType) {
      const related = new Map();
      const state = newF.model.state;
      for (const ms of state.models.values()) {
        if (lower(ms.name) === lower(model.name)) continue;
        const other = render(state, ms.name);
        for (const rf of other.fields) {
          if (!rf.relation || lower(rf.to ?? "") !== lower(model.name)) continue;
          if (!rf.many && newF.primaryKey) related.set(other.name, other);
          else if (rf.many && newF.primaryKey && isAutoThrough(rf)) {
            const t = throughOf(other, rf);
            related.set(t.name, t);
          }
        }
      }
      if (newF.primaryKey) {
        const self = newF.model;
        for (const mf of self.fields) {
          if (mf.many && isAutoThrough(mf) && lower(mf.to) !== lower(self.name)) {
            const t = throughOf(self, mf);
            related.set(t.name, t);
          }
        }
      }
      for (const m of related.values()) this.remake(m);
    }
  }

  /** SQLite's `_alter_many_to_many`: repoint an auto-created through table. */
  alterManyToMany(model, oldF, newF) {
    const oldT = throughOf(oldF.model, oldF);
    const newT = throughOf(newF.model, newF);
    const get = (t, n) => t.fields.find((x) => x.name === n);
    if (oldT.table === newT.table) {
      this.remake(oldT, {
        alterFields: [
          [get(oldT, oldT.m2mReverseField), get(newT, newT.m2mReverseField)],
          [get(oldT, oldT.m2mField), get(newT, newT.m2mField)],
        ],
      });
      return;
    }
    this.createModel(newT);
    const cols = (t) => ["id", get(t, t.m2mField).column, get(t, t.m2mReverseField).column].join(", ");
    this.execute(`INSERT INTO ${q(newT.table)} (${cols(newT)}) SELECT ${cols(oldT)} FROM ${q(oldT.table)}`);
    this.deleteModel(oldT);
  }

  /**
   * SQLite's `_remake_table`: create "new__<table>" with the new definition,
   * copy the rows, drop the old table, rename the new one, recreate its
   * indexes. Columns keep the model's field order; created and altered
   * fields go last, as in Django.
   */
  remake(model, { createField = null, deleteField = null, alterFields = [] } = {}) {
    this.rebuilt = true;
    const own = new Set(model.fields);
    const body = new Map();
    const mapping = new Map();
    for (const f of model.fields) {
      if (!f.concrete) continue;
      body.set(f.name, f);
      mapping.set(f.column, q(f.column));
    }
    const renames = new Map();
    if (createField?.primaryKey || alterFields.some(([, n]) => n.primaryKey)) {
      for (const [name, f] of [...body]) {
        if (f.primaryKey && !alterFields.some(([, n]) => n.name === name)) {
          if (f.autoCreated) {
            body.delete(name);
            mapping.delete(f.column);
          } else {
            const demoted = { ...f, primaryKey: false, unique: !!f.fs.unique };
            own.add(demoted);
            body.set(name, demoted);
          }
        }
      }
    }
    if (createField) {
      body.set(createField.name, createField);
      if (createField.concrete) mapping.set(createField.column, this.effectiveDefault(createField));
    }
    for (const [oldF, newF] of alterFields) {
      body.delete(oldF.name);
      mapping.delete(oldF.column);
      body.set(newF.name, newF);
      renames.set(oldF.name, newF.name);
      if (oldF.null && !newF.null) mapping.set(newF.column, `coalesce(${q(oldF.column)}, ${this.effectiveDefault(newF)})`);
      else mapping.set(newF.column, q(oldF.column));
    }
    if (deleteField) {
      body.delete(deleteField.name);
      mapping.delete(deleteField.column);
      if (isAutoThrough(deleteField)) return this.deleteModel(throughOf(model, deleteField));
    }
    const uniqueTogether = model.uniqueTogether.map((names) => names.map((n) => renames.get(n) ?? n));
    const indexes = deleteField ? model.indexes.filter((i) => !i.fields.some((n) => n.replace(/^-/, "") === deleteField.name)) : model.indexes;
    // Django's new model orders its fields by creation: the model's own
    // first, then those of the newer state (created or altered, in their
    // model's order), then the self-referential keys, which it clones
    // while rebuilding.
    const selfRef = (f) => own.has(f) && f.relation && lower(f.to ?? "") === lower(model.name);
    const rank = (f) => (selfRef(f) ? 2 : own.has(f) ? 0 : 1);
    const position = (f) => (rank(f) === 1 ? f.model.fields.findIndex((x) => x.name === f.name) : 0);
    const fields = [...body.values()].map((f, i) => [f, i]).sort(([a, i], [b, j]) => rank(a) - rank(b) || position(a) - position(b) || i - j).map(([f]) => f);
    const newModel = { ...model, table: `new__${model.table}`, fields, uniqueTogether, indexes, constraints: model.constraints };
    this.createModel(newModel);
    const cols = [...mapping.keys()];
    this.execute(`INSERT INTO ${q(newModel.table)} (${cols.map(q).join(", ")}) SELECT ${[...mapping.values()].join(", ")} FROM ${q(model.table)}`);
    this.deleteModel(model, false);
    this.alterDbTable(newModel, newModel.table, model.table);
    for (const s of this.deferred) this.execute(s);
    this.deferred = [];
  }
}

/** A field by name in a rendered model (renamed fields included: a model being remade may hold old and new). */
function fieldNamed(model, name) {
  const f = model.fields.find((x) => x.name === name);
  if (!f) throw new Error(`internal: ${model.name} has no field ${name}`);
  return f;
}

function withField(model, f) {
  return model.fields.some((x) => x.name === f.name) ? model : { ...model, fields: [...model.fields, f] };
}

/** The attributes of a field state that reach the database (Django: deconstruct() minus non_db_attrs). */
export function dbAttrs(fs, dropTo) {
  const out = {};
  for (const [k, v] of Object.entries(fs)) {
    if (k === "dbColumn" || k === "blank" || (dropTo && k === "to")) continue;
    out[k] = k === "to" || k === "through" ? lower(v) : v;
  }
  return out;
}
