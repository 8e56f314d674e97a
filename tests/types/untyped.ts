// What stays loose: unregistered string targets, fields objects that are
// not literals, dynamic keys; plus the rest of the API's typings
// (executors, errors, Database).
import {
  Database, fields, Model, Q, F, d1Executor, httpExecutor, d1HttpExecutor,
  QuarryError, FieldError, ValueError, ValidationError, NotSupportedError, DatabaseError, DoesNotExist,
  MultipleObjectsReturned, IntegrityError, ExecutorError, ProtectedError, RestrictedError, QuarryTypeError,
  type Executor, type Field, type ModelInstance, type CompiledQuery,
} from "quarry";
import { check, type Equal } from "./helpers.js";

const db = new Database({ async execute(sql, params) { return { rows: [[sql, params.length]], changes: 0, lastRowId: null }; } }, { dialect: "sqlite", maxParams: 100, regexp: false });

// A string target that is not in the Models registry: the relation is untyped.
const Person = db.model("Person", { name: fields.CharField() });
const Pet = db.model("Pet", {
  name: fields.CharField(),
  owner: fields.ForeignKey("Person", { relatedName: "pets", onDelete: "CASCADE" }),
});

export async function unregistered() {
  const pet = await Pet.objects.aget({ owner__anything__goes: 1, owner: 3, name: "Rex" });
  check<Equal<typeof pet.owner, Model>>();
  check<Equal<typeof pet.owner_id, any>>();
  const anyField = pet.owner.whatever;
  // Its own fields are still checked.
  // @ts-expect-error misspelt field on the model itself
  Pet.objects.filter({ nmae: "Rex" });
  // Reverse relations of unregistered models are not known.
  const p = await Person.objects.aget({ pk: 1 });
  // @ts-expect-error reverse accessor of an unregistered model
  p.pets;
  // @ts-expect-error reverse lookup of an unregistered model
  Person.objects.filter({ pets__name: "Rex" });
  return anyField;
}

// A fields object that is not a literal: everything is as before typed models.
const defs: Record<string, Field> = { name: fields.CharField() };
const Loose = db.model("Loose", defs);

export async function loose() {
  const l = await Loose.objects.filter({ anything__icontains: "x" }).aget();
  check<Equal<typeof l, Model>>();
  const v: any = l.whatever;
  await Loose.objects.acreate({ anything: 1 });
  await Loose.objects.aupdate({ x: F("y") });
  const rows = await Loose.objects.values("a", "b__c").alist();
  check<Equal<typeof rows[number]["a"], any>>();
  new Loose({ x: 1 });
  return v;
}

export function database() {
  const compiled: CompiledQuery = db.compile(Person.objects.filter(Q({ name: "x" })));
  const ddl: string = db.schemaSql();
  const m: Promise<void> = db.migrate();
  const models = db.models.get("Person");
  new Database(null);
  const d1 = new Database({ prepare: (sql: string) => sql, batch: async (s: unknown[]) => s });
  // @ts-expect-error unknown dialect
  new Database(null, { dialect: "mysql" });
  // @ts-expect-error a model name is a string
  db.model(3, {});
  return [compiled, ddl, m, models, d1];
}

export function executors() {
  const e1: Executor = d1Executor({ prepare: (s: string) => s });
  const e2: Executor = httpExecutor("https://example.com/sql", { headers: { authorization: "x" } });
  const e3: Executor = d1HttpExecutor({ accountId: "a", databaseId: "b", apiToken: "c" });
  const custom: Executor = {
    async execute(sql, params) {
      return { rows: [{ sql, n: params.length }], columns: ["sql", "n"], changes: 1, lastRowId: 1 };
    },
    async batch(statements) {
      return statements.map(() => ({ rows: [] }));
    },
  };
  // @ts-expect-error execute must return a Promise of a result
  const bad: Executor = { execute: () => 1 };
  return [e1, e2, e3, custom, bad];
}

export function errors(e: unknown) {
  if (e instanceof FieldError || e instanceof ValueError || e instanceof ValidationError || e instanceof NotSupportedError) return e.message;
  if (e instanceof DatabaseError || e instanceof IntegrityError || e instanceof ProtectedError || e instanceof RestrictedError) return e.message;
  if (e instanceof DoesNotExist || e instanceof MultipleObjectsReturned) return e.message;
  if (e instanceof ExecutorError) return e.cause;
  if (e instanceof QuarryTypeError) check<Equal<typeof e extends TypeError ? true : false, true>>();
  if (e instanceof Pet.DoesNotExist) check<Equal<typeof Pet.DoesNotExist.modelName, "Pet">>();
  check<Equal<typeof FieldError extends abstract new (...a: any) => QuarryError ? true : false, true>>();
  return null;
}

export function instanceTypeOfClass() {
  check<Equal<InstanceType<typeof Pet>, ModelInstance<typeof Pet>>>();
}
