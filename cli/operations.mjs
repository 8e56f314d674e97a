// Django 5.2's migration operations (django/db/migrations/operations/), on
// Quarry's model states: how each changes the state, the SQL it runs through
// the schema editor, and the optimizer's rules for merging them.
//
// A state is `{ models: Map<lowerName, ModelState> }`; a ModelState is
// `{ name, table, fields: [[name, fieldState], ...], indexes, constraints }`.
// Field states are never mutated (they may carry a live default).
import { render, throughOf } from "./schema.mjs";

const lower = (s) => s.toLowerCase();

export function cloneState(state) {
  const models = new Map();
  for (const [k, ms] of state.models) models.set(k, cloneModel(ms));
  return { models };
}

const cloneModel = (ms) => ({ ...ms, fields: [...ms.fields], indexes: [...ms.indexes], constraints: [...ms.constraints] });

function modelOf(state, name) {
  const ms = state.models.get(lower(name));
  if (!ms) throw new Error(`internal: no model ${name} in the state`);
  return ms;
}

const fieldOf = (model, name) => {
  const f = model.fields.find((x) => x.name === name);
  if (!f) throw new Error(`internal: ${model.name} has no field ${name}`);
  return f;
};

/** Does field state `fs` point at model `name` (its target or its through model)? */
export const fieldReferences = (fs, name) => (fs.to != null && lower(fs.to) === lower(name)) || (fs.through != null && lower(fs.through) === lower(name));

class Operation {
  referencesModel() {
    return true;
  }
  referencesField(model) {
    return this.referencesModel(model);
  }
  reduce() {
    return false;
  }
}

class ModelOperation extends Operation {
  constructor(name) {
    super();
    this.name = name;
  }
  referencesModel(name) {
    return lower(name) === lower(this.name);
  }
  reduce(op) {
    return super.reduce(op) || !op.referencesModel(this.name);
  }
}

export class CreateModel extends ModelOperation {
  static category = "+";
  constructor(name, fields, options) {
    super(name);
    this.fields = fields;
    this.options = { table: options.table, indexes: options.indexes ?? [], constraints: options.constraints ?? [] };
  }
  describe() {
    return `Create model ${this.name}`;
  }
  get fragment() {
    return lower(this.name);
  }
  stateForwards(state) {
    state.models.set(lower(this.name), { name: this.name, table: this.options.table, fields: [...this.fields], indexes: [...this.options.indexes], constraints: [...this.options.constraints] });
  }
  databaseForwards(editor, from, to) {
    editor.createModel(render(to, this.name));
  }
  referencesModel(name) {
    return lower(name) === lower(this.name) || this.fields.some(([, fs]) => fieldReferences(fs, name));
  }
  with(changes) {
    return new CreateModel(changes.name ?? this.name, changes.fields ?? this.fields, { ...this.options, ...changes.options });
  }
  reduce(op) {
    const same = (n) => lower(n) === lower(this.name);
    if (op instanceof DeleteModel && same(op.name)) return [];
    if (op instanceof RenameModel && same(op.oldName)) return [this.with({ name: op.newName })];
    if (op instanceof AlterModelTable && same(op.name)) return [this.with({ options: { table: op.table } })];
    if (op instanceof FieldOperation && same(op.modelName)) {
      if (op instanceof AddField) return [this.with({ fields: [...this.fields, [op.name, op.field]] })];
      if (op instanceof AlterField) return [this.with({ fields: this.fields.map(([n, f]) => [n, n === op.name ? op.field : f]) })];
      if (op instanceof RemoveField) return [this.with({ fields: this.fields.filter(([n]) => lower(n) !== lower(op.name)) })];
      if (op instanceof RenameField) return [this.with({ fields: this.fields.map(([n, f]) => [n === op.oldName ? op.newName : n, f]) })];
    }
    if (op instanceof IndexOperation && same(op.modelName)) {
      const o = this.options;
      if (op instanceof AddIndex) return [this.with({ options: { indexes: [...o.indexes, op.index] } })];
      if (op instanceof RemoveIndex) return [this.with({ options: { indexes: o.indexes.filter((i) => i.name !== op.name) } })];
      if (op instanceof AddConstraint) return [this.with({ options: { constraints: [...o.constraints, op.constraint] } })];
      if (op instanceof RemoveConstraint) return [this.with({ options: { constraints: o.constraints.filter((c) => c.name !== op.name) } })];
    }
    return super.reduce(op);
  }
}

export class DeleteModel extends ModelOperation {
  static category = "-";
  describe() {
    return `Delete model ${this.name}`;
  }
  get fragment() {
    return `delete_${lower(this.name)}`;
  }
  stateForwards(state) {
    state.models.delete(lower(this.name));
  }
  databaseForwards(editor, from) {
    editor.deleteModel(render(from, this.name));
  }
  referencesModel() {
    return true;
  }
}

export class RenameModel extends ModelOperation {
  static category = "~";
  constructor(oldName, newName) {
    super(oldName);
    this.oldName = oldName;
    this.newName = newName;
  }
  describe() {
    return `Rename model ${this.oldName} to ${this.newName}`;
  }
  get fragment() {
    return `rename_${lower(this.oldName)}_${lower(this.newName)}`;
  }
  stateForwards(state) {
    const renamed = { ...cloneModel(modelOf(state, this.oldName)), name: this.newName };
    for (const ms of state.models.values()) {
      ms.fields = ms.fields.map(([n, fs]) => {
        let out = fs;
        if (fs.to != null && lower(fs.to) === lower(this.oldName)) out = { ...out, to: this.newName };
        if (fs.through != null && lower(fs.through) === lower(this.oldName)) out = { ...out, through: this.newName };
        return [n, out];
      });
    }
    renamed.fields = state.models.get(lower(this.oldName)).fields;
    state.models.delete(lower(this.oldName));
    state.models.set(lower(this.newName), renamed);
  }
  databaseForwards(editor, from, to) {
    const newModel = render(to, this.newName);
    const oldModel = render(from, this.oldName);
    editor.alterDbTable(newModel, oldModel.table, newModel.table);
    // The fields pointing at the model (hidden auto-created through keys aside).
    for (const ms of from.models.values()) {
      for (const [fname, fs] of ms.fields) {
        if (fs.to == null || lower(fs.to) !== lower(this.oldName)) continue;
        const self = lower(ms.name) === lower(this.oldName);
        const model = self ? newModel : render(to, ms.name);
        const toField = fieldOf(self ? newModel : render(to, ms.name), fname);
        editor.alterField(model, fieldOf(render(from, ms.name), fname), toField);
      }
    }
    // Rename the M2M tables' columns named after the model.
    const oldM2M = oldModel.fields.filter((f) => f.many);
    const newM2M = newModel.fields.filter((f) => f.many);
    for (let i = 0; i < Math.min(oldM2M.length, newM2M.length); i++) {
      const nf = newM2M[i];
      if (lower(nf.to) === lower(newModel.name) || nf.through) continue;
      editor.alterManyToMany(newModel, oldM2M[i], nf);
    }
  }
  referencesModel(name) {
    return lower(name) === lower(this.oldName) || lower(name) === lower(this.newName);
  }
  reduce(op) {
    if (op instanceof RenameModel && lower(this.newName) === lower(op.oldName)) return [new RenameModel(this.oldName, op.newName)];
    return Operation.prototype.reduce.call(this, op) || !op.referencesModel(this.newName);
  }
}

export class AlterModelTable extends ModelOperation {
  static category = "~";
  constructor(name, table) {
    super(name);
    this.table = table;
  }
  describe() {
    return `Rename table for ${this.name} to ${this.table}`;
  }
  get fragment() {
    return `alter_${lower(this.name)}_table`;
  }
  stateForwards(state) {
    modelOf(state, this.name).table = this.table;
  }
  databaseForwards(editor, from, to) {
    const newModel = render(to, this.name);
    const oldModel = render(from, this.name);
    editor.alterDbTable(newModel, oldModel.table, newModel.table);
    const oldM2M = oldModel.fields.filter((f) => f.many);
    const newM2M = newModel.fields.filter((f) => f.many);
    for (let i = 0; i < Math.min(oldM2M.length, newM2M.length); i++) {
      if (newM2M[i].through) continue;
      const nt = throughOf(newModel, newM2M[i]);
      editor.alterDbTable(nt, throughOf(oldModel, oldM2M[i]).table, nt.table);
    }
  }
  reduce(op) {
    if ((op instanceof AlterModelTable || op instanceof DeleteModel) && lower(op.name) === lower(this.name)) return [op];
    return super.reduce(op);
  }
}

export class FieldOperation extends Operation {
  constructor(modelName, name, field = null) {
    super();
    this.modelName = modelName;
    this.name = name;
    this.field = field;
  }
  sameModel(op) {
    return lower(this.modelName) === lower(op.modelName);
  }
  sameField(op) {
    return this.sameModel(op) && lower(this.name) === lower(op.name);
  }
  referencesModel(name) {
    if (lower(name) === lower(this.modelName)) return true;
    return !!this.field && fieldReferences(this.field, name);
  }
  referencesField(model, name) {
    if (lower(model) === lower(this.modelName) && name === this.name) return true;
    return !!this.field && fieldReferences(this.field, model);
  }
  reduce(op) {
    return super.reduce(op) || !op.referencesField(this.modelName, this.name);
  }
}

export class AddField extends FieldOperation {
  static category = "+";
  describe() {
    return `Add field ${this.name} to ${this.modelName}`;
  }
  get fragment() {
    return `${lower(this.modelName)}_${lower(this.name)}`;
  }
  stateForwards(state) {
    modelOf(state, this.modelName).fields.push([this.name, this.field]);
  }
  databaseForwards(editor, from, to) {
    editor.addField(render(from, this.modelName), fieldOf(render(to, this.modelName), this.name));
  }
  reduce(op) {
    if (op instanceof FieldOperation && this.sameField(op)) {
      if (op instanceof AlterField) return [new AddField(this.modelName, op.name, op.field)];
      if (op instanceof RemoveField) return [];
      if (op instanceof RenameField) return [new AddField(this.modelName, op.newName, this.field)];
    }
    return super.reduce(op);
  }
}

export class RemoveField extends FieldOperation {
  static category = "-";
  describe() {
    return `Remove field ${this.name} from ${this.modelName}`;
  }
  get fragment() {
    return `remove_${lower(this.modelName)}_${lower(this.name)}`;
  }
  stateForwards(state) {
    const ms = modelOf(state, this.modelName);
    ms.fields = ms.fields.filter(([n]) => n !== this.name);
  }
  databaseForwards(editor, from) {
    const model = render(from, this.modelName);
    editor.removeField(model, fieldOf(model, this.name));
  }
  reduce(op) {
    if (op instanceof DeleteModel && lower(op.name) === lower(this.modelName)) return [op];
    return super.reduce(op);
  }
}

export class AlterField extends FieldOperation {
  static category = "~";
  describe() {
    return `Alter field ${this.name} on ${this.modelName}`;
  }
  get fragment() {
    return `alter_${lower(this.modelName)}_${lower(this.name)}`;
  }
  stateForwards(state) {
    const ms = modelOf(state, this.modelName);
    ms.fields = ms.fields.map(([n, f]) => [n, n === this.name ? this.field : f]);
  }
  databaseForwards(editor, from, to) {
    const model = render(from, this.modelName);
    editor.alterField(model, fieldOf(model, this.name), fieldOf(render(to, this.modelName), this.name));
  }
  reduce(op) {
    if ((op instanceof AlterField || op instanceof RemoveField) && this.sameField(op)) return [op];
    if (op instanceof RenameField && this.sameField(op) && this.field.dbColumn == null) {
      return [op, new AlterField(this.modelName, op.newName, this.field)];
    }
    return super.reduce(op);
  }
}

export class RenameField extends FieldOperation {
  static category = "~";
  constructor(modelName, oldName, newName) {
    super(modelName, oldName);
    this.oldName = oldName;
    this.newName = newName;
  }
  describe() {
    return `Rename field ${this.oldName} on ${this.modelName} to ${this.newName}`;
  }
  get fragment() {
    return `rename_${lower(this.oldName)}_${lower(this.modelName)}_${lower(this.newName)}`;
  }
  stateForwards(state) {
    const ms = modelOf(state, this.modelName);
    const found = ms.fields.find(([n]) => n === this.oldName);
    ms.fields = [...ms.fields.filter(([n]) => n !== this.oldName), [this.newName, found[1]]];
  }
  databaseForwards(editor, from, to) {
    const model = render(from, this.modelName);
    editor.alterField(model, fieldOf(model, this.oldName), fieldOf(render(to, this.modelName), this.newName));
  }
  referencesField(model, name) {
    return this.referencesModel(model) && (lower(name) === lower(this.oldName) || lower(name) === lower(this.newName));
  }
  reduce(op) {
    if (op instanceof RenameField && this.sameModel(op) && lower(this.newName) === lower(op.oldName)) {
      return [new RenameField(this.modelName, this.oldName, op.newName)];
    }
    return Operation.prototype.reduce.call(this, op) || !(op.referencesField(this.modelName, this.oldName) || op.referencesField(this.modelName, this.newName));
  }
}

class IndexOperation extends Operation {
  constructor(modelName) {
    super();
    this.modelName = modelName;
  }
}

export class AddIndex extends IndexOperation {
  static category = "+";
  constructor(modelName, index) {
    super(modelName);
    this.index = index;
  }
  describe() {
    return `Create index ${this.index.name} on field(s) ${this.index.fields.join(", ")} of model ${this.modelName}`;
  }
  get fragment() {
    return `${lower(this.modelName)}_${lower(this.index.name)}`;
  }
  stateForwards(state) {
    modelOf(state, this.modelName).indexes.push(this.index);
  }
  databaseForwards(editor, from, to) {
    editor.addIndex(render(to, this.modelName), this.index);
  }
  reduce(op) {
    if (op instanceof RemoveIndex && this.index.name === op.name) return [];
    if (op instanceof RenameIndex && this.index.name === op.oldName) return [new AddIndex(this.modelName, { ...this.index, name: op.newName })];
    return super.reduce(op);
  }
}

export class RemoveIndex extends IndexOperation {
  static category = "-";
  constructor(modelName, name) {
    super(modelName);
    this.name = name;
  }
  describe() {
    return `Remove index ${this.name} from ${this.modelName}`;
  }
  get fragment() {
    return `remove_${lower(this.modelName)}_${lower(this.name)}`;
  }
  stateForwards(state) {
    const ms = modelOf(state, this.modelName);
    ms.indexes = ms.indexes.filter((i) => i.name !== this.name);
  }
  databaseForwards(editor, from) {
    const model = render(from, this.modelName);
    editor.removeIndex(model, model.indexes.find((i) => i.name === this.name));
  }
}

export class RenameIndex extends IndexOperation {
  static category = "~";
  constructor(modelName, newName, oldName) {
    super(modelName);
    this.newName = newName;
    this.oldName = oldName;
  }
  describe() {
    return `Rename index ${this.oldName} on ${this.modelName} to ${this.newName}`;
  }
  get fragment() {
    return `rename_${lower(this.oldName)}_${lower(this.newName)}`;
  }
  stateForwards(state) {
    const ms = modelOf(state, this.modelName);
    ms.indexes = ms.indexes.map((i) => (i.name === this.oldName ? { ...i, name: this.newName } : i));
  }
  databaseForwards(editor, from, to) {
    const oldIndex = render(from, this.modelName).indexes.find((i) => i.name === this.oldName);
    if (oldIndex.name === this.newName) return;
    const model = render(to, this.modelName);
    editor.renameIndex(model, oldIndex, model.indexes.find((i) => i.name === this.newName));
  }
  reduce(op) {
    if (op instanceof RenameIndex && lower(this.modelName) === lower(op.modelName) && lower(this.newName) === lower(op.oldName)) {
      return [new RenameIndex(this.modelName, op.newName, this.oldName)];
    }
    return super.reduce(op);
  }
}

export class AddConstraint extends IndexOperation {
  static category = "+";
  constructor(modelName, constraint) {
    super(modelName);
    this.constraint = constraint;
  }
  describe() {
    return `Create constraint ${this.constraint.name} on model ${this.modelName}`;
  }
  get fragment() {
    return `${lower(this.modelName)}_${lower(this.constraint.name)}`;
  }
  stateForwards(state) {
    modelOf(state, this.modelName).constraints.push(this.constraint);
  }
  databaseForwards(editor, from, to) {
    editor.addConstraint(render(to, this.modelName), this.constraint);
  }
  reduce(op) {
    if (op instanceof RemoveConstraint && lower(this.modelName) === lower(op.modelName) && this.constraint.name === op.name) return [];
    return super.reduce(op);
  }
}

export class RemoveConstraint extends IndexOperation {
  static category = "-";
  constructor(modelName, name) {
    super(modelName);
    this.name = name;
  }
  describe() {
    return `Remove constraint ${this.name} from model ${this.modelName}`;
  }
  get fragment() {
    return `remove_${lower(this.modelName)}_${lower(this.name)}`;
  }
  stateForwards(state) {
    const ms = modelOf(state, this.modelName);
    ms.constraints = ms.constraints.filter((c) => c.name !== this.name);
  }
  databaseForwards(editor, from, to) {
    editor.removeConstraint(render(to, this.modelName));
  }
}

/** Django's MigrationOptimizer: merge operations until nothing changes. */
export function optimize(operations) {
  for (;;) {
    const result = optimizeInner(operations);
    if (result.length === operations.length && result.every((op, i) => op === operations[i])) return result;
    operations = result;
  }
}

function optimizeInner(operations) {
  const out = [];
  for (let i = 0; i < operations.length; i++) {
    const operation = operations[i];
    let right = true;
    let merged = false;
    for (let j = i + 1; j < operations.length; j++) {
      const other = operations[j];
      const result = operation.reduce(other);
      if (Array.isArray(result)) {
        const between = operations.slice(i + 1, j);
        if (right) {
          out.push(...between, ...result);
        } else if (between.every((op) => op.reduce(other) === true)) {
          out.push(...result, ...between);
        } else {
          out.push(operation);
          merged = true;
          break;
        }
        out.push(...operations.slice(j + 1));
        return out;
      }
      if (!result) right = false;
    }
    if (!merged) out.push(operation);
  }
  return out;
}
