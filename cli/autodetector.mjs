// Django 5.2's MigrationAutodetector (django/db/migrations/autodetector.py)
// for Quarry's model states: the operations that turn one state into
// another, in the order Django generates, sorts and optimizes them, so that
// the SQL (and so the column order of every table) is what Django's
// `makemigrations` + `migrate` would produce for the same change.
//
// Renames are never guessed: `renames` (from `--rename`) says which removed
// model or field became which added one, where Django's interactive
// questioner would ask.
import {
  AddConstraint,
  AddField,
  AddIndex,
  AlterField,
  AlterModelTable,
  CreateModel,
  DeleteModel,
  RemoveConstraint,
  RemoveField,
  RemoveIndex,
  RenameField,
  RenameIndex,
  RenameModel,
  fieldReferences,
  optimize,
} from "./operations.mjs";
import { RELATIONS } from "./schema.mjs";

const lower = (s) => s.toLowerCase();
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const key = (...parts) => JSON.stringify(parts);
const canon = (x) => JSON.stringify(x);

const CREATE = "create";
const REMOVE = "remove";
const ALTER = "alter";

/** A refused change: the message says why and how to fix it. */
export class MigrationRefused extends Error {}

/**
 * The operations from `from` to `to` (states), optimized, as Django's
 * autodetector makes them for one app. `renames`: `{ models: [[old, new]],
 * fields: [[Model, old, new]] }` with the names as written.
 */
export function detectChanges(from, to, renames = { models: [], fields: [] }) {
  return new Autodetector(from, to, renames).changes();
}

class Autodetector {
  constructor(from, to, renames) {
    this.from = from;
    this.to = to;
    this.renames = renames;
    this.ops = [];
  }

  add(op, deps = [], beginning = false) {
    op.deps = deps;
    if (beginning) this.ops.unshift(op);
    else this.ops.push(op);
  }

  fromModel(name) {
    return this.from.models.get(lower(name));
  }
  toModel(name) {
    return this.to.models.get(lower(name));
  }
  oldName(lowerName) {
    return this.renamedModels.get(lowerName) ?? lowerName;
  }

  changes() {
    this.oldKeys = new Set(this.from.models.keys());
    this.newKeys = new Set(this.to.models.keys());
    this.generateRenamedModels();
    this.prepareFieldLists();
    this.generateThroughModelMap();
    this.generateDeletedModels();
    this.generateCreatedModels();
    this.createRenamedFields();
    this.createAlteredIndexes();
    this.createAlteredConstraints();
    this.generateRemovedConstraints();
    this.generateRemovedIndexes();
    this.generateRenamedFields();
    this.generateRenamedIndexes();
    this.generateRemovedFields();
    this.generateAddedFields();
    this.generateAlteredFields();
    this.generateAddedIndexes();
    this.generateAddedConstraints();
    this.generateAlteredDbTable();
    return optimize(this.sort());
  }

  generateRenamedModels() {
    this.renamedModels = new Map(); // new lower name -> old lower name
    this.renamedModelsRel = new Map(); // old lower -> new lower
    for (const [oldName, newName] of this.renames.models) {
      const o = lower(oldName);
      const n = lower(newName);
      if (!this.oldKeys.has(o)) throw new MigrationRefused(`--rename ${oldName}=${newName}: the migrations have no model ${oldName}.`);
      if (!this.newKeys.has(n)) throw new MigrationRefused(`--rename ${oldName}=${newName}: the models define no model ${newName}.`);
      if (this.newKeys.has(o)) throw new MigrationRefused(`--rename ${oldName}=${newName}: the models still define ${oldName}.`);
      if (this.oldKeys.has(n)) throw new MigrationRefused(`--rename ${oldName}=${newName}: the migrations already have a model ${newName}.`);
    }
    const added = [...this.newKeys].filter((k) => !this.oldKeys.has(k)).sort();
    for (const n of added) {
      const rename = this.renames.models.find(([, nn]) => lower(nn) === n);
      if (!rename) continue;
      const o = lower(rename[0]);
      const newState = this.toModel(n);
      const deps = [];
      for (const [, fs] of newState.fields) if (RELATIONS.has(fs.kind)) deps.push(...this.fkDeps(fs));
      for (const ms of this.to.models.values()) {
        for (const [, fs] of ms.fields) if (fieldReferences(fs, newState.name)) deps.push({ model: lower(ms.name), field: null, type: CREATE });
      }
      this.add(new RenameModel(this.fromModel(o).name, newState.name), deps);
      this.renamedModels.set(n, o);
      this.renamedModelsRel.set(o, n);
      this.oldKeys.delete(o);
      this.oldKeys.add(n);
    }
  }

  prepareFieldLists() {
    this.kept = [...this.oldKeys].filter((k) => this.newKeys.has(k)).sort();
    this.oldFieldKeys = new Set();
    this.newFieldKeys = new Set();
    for (const m of this.kept) {
      for (const [f] of this.fromModel(this.oldName(m)).fields) this.oldFieldKeys.add(key(m, f));
      for (const [f] of this.toModel(m).fields) this.newFieldKeys.add(key(m, f));
    }
  }

  generateThroughModelMap() {
    this.throughUsers = new Map();
    for (const m of [...this.oldKeys].sort()) {
      const old = this.fromModel(this.oldName(m));
      for (const [fname, fs] of old.fields) if (fs.through) this.throughUsers.set(lower(fs.through), [lower(old.name), fname]);
    }
  }

  /** Django's _get_dependencies_for_foreign_key. */
  fkDeps(fs) {
    const deps = [{ model: lower(fs.to), field: null, type: CREATE }];
    if (fs.through) deps.push({ model: lower(fs.through), field: null, type: CREATE });
    return deps;
  }

  /** Fields of `state` pointing at model `name` (its "relations"): [[modelLower, field, fieldState]]. */
  relationsTo(state, name) {
    const out = [];
    for (const ms of state.models.values()) for (const [f, fs] of ms.fields) if (fieldReferences(fs, name)) out.push([lower(ms.name), f, fs]);
    return out;
  }

  generateDeletedModels() {
    const deleted = [...this.oldKeys].filter((k) => !this.newKeys.has(k)).sort();
    for (const m of deleted) {
      const ms = this.fromModel(m);
      const related = ms.fields.filter(([, fs]) => fs.to != null || fs.through != null).map(([f]) => f).sort(cmp);
      for (const f of related) this.add(new RemoveField(m, f));
      const deps = [];
      for (const [model, f, fs] of this.relationsTo(this.from, m)) {
        deps.push({ model, field: f, type: REMOVE });
        if (fs.kind !== "ManyToManyField") deps.push({ model, field: f, type: ALTER });
      }
      for (const f of related) deps.push({ model: m, field: f, type: REMOVE });
      const user = this.throughUsers.get(m);
      if (user) deps.push({ model: user[0], field: user[1], type: REMOVE });
      this.add(new DeleteModel(ms.name), deps);
    }
  }

  generateCreatedModels() {
    const added = [...this.newKeys].filter((k) => !this.oldKeys.has(k)).sort().reverse();
    for (const m of added) {
      const ms = this.toModel(m);
      const related = new Map();
      let pkRel = null;
      for (const [f, fs] of ms.fields) {
        if (RELATIONS.has(fs.kind) && fs.to != null) {
          if (fs.primaryKey) pkRel = fs.to;
          else related.set(f, fs);
        }
        if (fs.through) related.set(f, fs);
      }
      const deps = [{ model: m, field: null, type: REMOVE }];
      if (pkRel) deps.push({ model: lower(pkRel), field: null, type: CREATE });
      const fields = ms.fields.filter(([f]) => !related.has(f));
      this.add(new CreateModel(ms.name, fields, { table: ms.table }), deps, true);
      const names = [...related.keys()].sort(cmp);
      for (const f of names) {
        this.add(new AddField(m, f, related.get(f)), [...this.fkDeps(related.get(f)), { model: m, field: null, type: CREATE }]);
      }
      const relatedDeps = [...names.map((f) => ({ model: m, field: f, type: CREATE })), { model: m, field: null, type: CREATE }];
      for (const index of ms.indexes) this.add(new AddIndex(m, index), relatedDeps);
      for (const c of ms.constraints) this.add(new AddConstraint(m, c), relatedDeps);
    }
  }

  createRenamedFields() {
    this.renamedFields = new Map(); // key(model, new) -> old
    this.renamedOperations = [];
    const wanted = new Map();
    for (const [model, oldF, newF] of this.renames.fields) {
      const m = lower(model);
      const flag = `--rename ${model}.${oldF}=${newF}`;
      if (!this.kept.includes(m)) throw new MigrationRefused(`${flag}: ${model} is not a model both the migrations and the models have.`);
      if (!this.oldFieldKeys.has(key(m, oldF))) throw new MigrationRefused(`${flag}: the migrations have no field ${model}.${oldF}.`);
      if (!this.newFieldKeys.has(key(m, newF))) throw new MigrationRefused(`${flag}: the models define no field ${model}.${newF}.`);
      if (this.newFieldKeys.has(key(m, oldF))) throw new MigrationRefused(`${flag}: the models still define ${model}.${oldF}.`);
      if (this.oldFieldKeys.has(key(m, newF))) throw new MigrationRefused(`${flag}: the migrations already have a field ${model}.${newF}.`);
      wanted.set(key(m, newF), oldF);
    }
    const added = [...this.newFieldKeys].filter((k) => !this.oldFieldKeys.has(k)).sort();
    for (const k of added) {
      const oldF = wanted.get(k);
      if (oldF === undefined) continue;
      const [m, newF] = JSON.parse(k);
      const field = this.toModel(m).fields.find(([n]) => n === newF)[1];
      const old = this.fromModel(this.oldName(m)).fields.find(([n]) => n === oldF)[1];
      this.renamedOperations.push([m, oldF, old, newF, field]);
      this.renamedFields.set(k, oldF);
    }
  }

  /** A field state as compared across a model rename (Django repoints `to` to the old model). */
  comparable(fs) {
    if (fs.to != null && this.renamedModels.has(lower(fs.to))) fs = { ...fs, to: this.fromModel(this.renamedModels.get(lower(fs.to))).name };
    if (fs.through != null && this.renamedModels.has(lower(fs.through))) fs = { ...fs, through: this.fromModel(this.renamedModels.get(lower(fs.through))).name };
    return canon(normalized(fs));
  }

  generateRenamedFields() {
    for (const [m, oldF, old, newF, field] of this.renamedOperations) {
      // Django adds a no-op AlterField first when db_column differs; a
      // rename that also changes the field (allowed by --rename) does the
      // same: alter under the old name, then rename.
      if (old.dbColumn !== field.dbColumn || this.comparable(field) !== this.comparable(old)) {
        this.add(new AlterField(m, oldF, field));
      }
      this.add(new RenameField(m, oldF, newF));
      this.oldFieldKeys.delete(key(m, oldF));
      this.oldFieldKeys.add(key(m, newF));
    }
  }

  generateAddedFields() {
    for (const k of [...this.newFieldKeys].filter((x) => !this.oldFieldKeys.has(x)).sort()) {
      const [m, f] = JSON.parse(k);
      this.generateAddedField(m, f);
    }
  }

  generateAddedField(m, f) {
    const ms = this.toModel(m);
    const fs = ms.fields.find(([n]) => n === f)[1];
    const deps = [{ model: m, field: f, type: REMOVE }];
    if (RELATIONS.has(fs.kind)) deps.push(...this.fkDeps(fs));
    const emptyStrings = !["IntegerField", "BigIntegerField", "FloatField", "DecimalField", "BooleanField", "DateField", "DateTimeField", "JSONField", "UUIDField", "AutoField", "BigAutoField", "ForeignKey", "OneToOneField"].includes(fs.kind);
    const preserve = fs.null || fs.default !== undefined || fs.kind === "ManyToManyField" || (fs.blank && emptyStrings) || fs.kind === "AutoField" || fs.kind === "BigAutoField";
    if (!preserve) {
      throw new MigrationRefused(
        `It is impossible to add a non-nullable field '${f}' to ${m} without specifying a default. This is because the database needs something to populate existing rows.\n` +
          `Fix the model: give ${ms.name}.${f} a default ({ default: ... }, used for the existing rows and for new ones), or make it nullable ({ null: true }); then run makemigrations again.`,
      );
    }
    this.add(new AddField(m, f, fs), deps);
  }

  generateRemovedFields() {
    for (const k of [...this.oldFieldKeys].filter((x) => !this.newFieldKeys.has(x)).sort()) {
      const [m, f] = JSON.parse(k);
      this.add(new RemoveField(m, f));
    }
  }

  generateAlteredFields() {
    for (const k of [...this.oldFieldKeys].filter((x) => this.newFieldKeys.has(x)).sort()) {
      const [m, f] = JSON.parse(k);
      const oldF = this.renamedFields.get(k) ?? f;
      const old = this.fromModel(this.oldName(m)).fields.find(([n]) => n === oldF)[1];
      const ms = this.toModel(m);
      const fs = ms.fields.find(([n]) => n === f)[1];
      const deps = RELATIONS.has(fs.kind) && fs.to != null ? this.fkDeps(fs) : [];
      if (this.comparable(fs) === this.comparable(old) || oldF !== f) continue;
      const bothM2M = old.kind === "ManyToManyField" && fs.kind === "ManyToManyField";
      const neither = old.kind !== "ManyToManyField" && fs.kind !== "ManyToManyField";
      if (bothM2M || neither) {
        if (old.null && !fs.null && fs.default === undefined && fs.kind !== "ManyToManyField") {
          throw new MigrationRefused(
            `It is impossible to change a nullable field '${f}' on ${m} to non-nullable without providing a default. This is because the database needs something to populate existing rows.\n` +
              `Fix the model: give ${ms.name}.${f} a default ({ default: ... }: existing rows with NULL get it), or keep it nullable; then run makemigrations again.`,
          );
        }
        this.add(new AlterField(m, f, fs), deps);
      } else {
        this.add(new RemoveField(m, f));
        this.generateAddedField(m, f);
      }
    }
  }

  createAlteredIndexes() {
    this.alteredIndexes = [];
    for (const m of this.kept) {
      const oldIdx = this.fromModel(this.oldName(m)).indexes;
      const newIdx = this.toModel(m).indexes;
      const has = (list, i) => list.some((x) => canon(x) === canon(i));
      let added = newIdx.filter((i) => !has(oldIdx, i));
      let removed = oldIdx.filter((i) => !has(newIdx, i));
      const renamed = [];
      const fromAdded = new Set();
      const fromRemoved = new Set();
      for (const n of added) {
        for (const o of removed) {
          if (canon(n.fields) === canon(o.fields) && n.name !== o.name) {
            renamed.push([o.name, n.name]);
            fromAdded.add(n);
            fromRemoved.add(o);
          }
        }
      }
      added = added.filter((i) => !fromAdded.has(i));
      removed = removed.filter((i) => !fromRemoved.has(i));
      this.alteredIndexes.push([m, { added, removed, renamed }]);
    }
  }

  createAlteredConstraints() {
    this.alteredConstraints = [];
    for (const m of this.kept) {
      const oldC = this.fromModel(this.oldName(m)).constraints;
      const newC = this.toModel(m).constraints;
      const has = (list, c) => list.some((x) => canon(x) === canon(c));
      this.alteredConstraints.push([m, { added: newC.filter((c) => !has(oldC, c)), removed: oldC.filter((c) => !has(newC, c)) }]);
    }
  }

  modelDeps(m) {
    const deps = [];
    for (const [, fs] of this.toModel(m).fields) if (RELATIONS.has(fs.kind)) deps.push(...this.fkDeps(fs));
    return deps;
  }

  generateRemovedConstraints() {
    for (const [m, alt] of this.alteredConstraints) for (const c of alt.removed) this.add(new RemoveConstraint(m, c.name));
  }
  generateRemovedIndexes() {
    for (const [m, alt] of this.alteredIndexes) for (const i of alt.removed) this.add(new RemoveIndex(m, i.name));
  }
  generateRenamedIndexes() {
    for (const [m, alt] of this.alteredIndexes) for (const [o, n] of alt.renamed) this.add(new RenameIndex(m, n, o));
  }
  generateAddedIndexes() {
    for (const [m, alt] of this.alteredIndexes) for (const i of alt.added) this.add(new AddIndex(m, i), this.modelDeps(m));
  }
  generateAddedConstraints() {
    for (const [m, alt] of this.alteredConstraints) for (const c of alt.added) this.add(new AddConstraint(m, c), this.modelDeps(m));
  }

  generateAlteredDbTable() {
    for (const m of this.kept) {
      const old = this.fromModel(this.oldName(m)).table;
      const now = this.toModel(m).table;
      if (old !== now) this.add(new AlterModelTable(m, now));
    }
  }

  /** Django's check_dependency: does `op` satisfy `dep`? */
  satisfies(op, dep) {
    const same = (a) => lower(a) === dep.model;
    if (dep.type === CREATE && dep.field == null) return op instanceof CreateModel && same(op.name);
    if (dep.type === CREATE) {
      return (op instanceof CreateModel && same(op.name) && op.fields.some(([n]) => n === dep.field)) || (op instanceof AddField && same(op.modelName) && lower(op.name) === lower(dep.field));
    }
    if (dep.type === REMOVE && dep.field != null) return op instanceof RemoveField && same(op.modelName) && lower(op.name) === lower(dep.field);
    if (dep.type === REMOVE) return op instanceof DeleteModel && same(op.name);
    if (dep.type === ALTER) return op instanceof AlterField && same(op.modelName) && lower(op.name) === lower(dep.field);
    return false;
  }

  /** Django's _sort_migrations: graphlib.TopologicalSorter(...).static_order(). */
  sort() {
    const info = new Map();
    const node = (op) => {
      if (!info.has(op)) info.set(op, { preds: 0, succ: [] });
      return info.get(op);
    };
    for (const op of this.ops) {
      node(op);
      for (const dep of op.deps) {
        const preds = this.ops.filter((x) => this.satisfies(x, dep));
        const n = node(op);
        for (const p of preds) node(p).succ.push(op);
        n.preds += preds.length;
      }
    }
    const out = [];
    let ready = [...info].filter(([, i]) => i.preds === 0).map(([op]) => op);
    while (ready.length) {
      const group = ready;
      ready = [];
      out.push(...group);
      for (const op of group) {
        for (const s of info.get(op).succ) if (--info.get(s).preds === 0) ready.push(s);
      }
    }
    if (out.length !== info.size) throw new MigrationRefused("The changes depend on each other in a cycle; make them in two steps (two makemigrations runs).");
    return out;
  }
}

/** A field state as the autodetector compares it (keys in a fixed order). */
function normalized(fs) {
  const out = {};
  for (const k of Object.keys(fs).sort()) out[k] = fs[k];
  return out;
}
