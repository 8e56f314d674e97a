// Typings for Quarry's public API (the contract is API.md).
//
// Typed models. `db.model(name, fields, options)` returns a class whose
// instances, create/update arguments, lookups and result rows are typed from
// the field definitions:
//
//   const Author = db.model("Author", {
//     name: fields.CharField({ maxLength: 100 }),
//     age: fields.IntegerField({ null: true }),
//   });
//   const a = await Author.objects.aget({ name__istartswith: "a" });
//   a.age;                                  // number | null
//   Author.objects.filter({ age__gte: "x" }); // error: a number is expected
//   Author.objects.filter({ nmae: 1 });       // error: Cannot resolve keyword 'nmae' into field.
//
// How far the types reach:
// - Relations name their target as a model class (`fields.ForeignKey(Author)`)
//   or as "self": `book.author` is then the Author instance type and
//   `author__name__startswith` is checked through the join. A string target
//   (`fields.ForeignKey("Author")`) is resolved through the `Models` interface
//   below when the model is registered there; otherwise that relation is
//   untyped (its instance is `Model`, its lookups and `_id` are `any`).
// - Reverse relations (`author.books`, `author.book_set`, lookups such as
//   `books__title`) exist only on the other model's definition, so they are
//   typed for models registered in `Models`:
//
//     declare module "quarry" {
//       interface Models { Author: typeof Author; Book: typeof Book }
//     }
//
//   Without that, a reverse accessor or reverse lookup is a type error (the
//   run time accepts it); aggregates (`Count("books")`) are never checked.
// - Lookup keys (filter, exclude, aget, Q, agetOrCreate) are resolved one
//   `__` segment at a time, only for the keys written, so relation paths
//   have no depth limit and cost nothing until used. Field paths given as
//   strings elsewhere (values, valuesList, orderBy, only, defer,
//   selectRelated, prefetchRelated, distinct, aearliest/alatest) are checked
//   on their first segment only, to keep checking fast; a later segment that
//   does not resolve types as `unknown` in values()/valuesList() rows (the
//   run time throws FieldError when the QuerySet is built). Pattern lookups (contains, startswith, regex, iexact, ...) are typed
//   for text fields (CharField, TextField, UUIDField); the run time accepts
//   them on any field, as Django does. A lookups object whose keys are not
//   known statically (`Record<string, unknown>`) is not checked.
// - Instances: the primary key reads as its field's type (`id: number`) even
//   before the first save, when it is null at run time. Reading a relation
//   that was not loaded (selectRelated/prefetchRelated/afetch), or a field
//   left out by only()/defer(), throws at run time; the type cannot tell.
// - acreate() requires every field that has no `null: true`, no `default`,
//   is not the primary key and (for CharField/TextField) has no `blank: true`;
//   a required ForeignKey may be given as `author` (instance or pk) or
//   `author_id`. new Model({...}) takes any subset, as Django's constructor.
// - A model whose fields object is not a literal (`Record<string, Field>`)
//   is untyped: instances are `Model`, lookups are plain records.
//
// Nothing here exists at run time beyond what index.js exports: the symbols
// below are type-level brands only. Needs TypeScript 5.0 or later.

// ------------------------------------------------------------------ values

/** A value bound as an SQL parameter. Booleans are sent as 0/1 on SQLite. */
export type SqlParam = null | number | string | boolean | bigint | Uint8Array;

/** A compiled statement: `qs.compile()` / `db.compile(qs)`. */
export interface CompiledQuery {
  sql: string;
  params: SqlParam[];
}

// ------------------------------------------------------------------ executors

export interface ExecuteResult {
  rows: Record<string, unknown>[] | unknown[][];
  columns?: string[];
  changes?: number;
  lastRowId?: number | null;
}

/** Any host that runs SQL: an object with `execute` (and optionally `batch`). */
export interface Executor {
  execute(sql: string, params: SqlParam[]): Promise<ExecuteResult>;
  /** Runs the statements atomically (D1's batch()). */
  batch?(statements: CompiledQuery[]): Promise<ExecuteResult[]>;
}

/** The part of a Cloudflare D1 binding that Quarry uses. */
export interface D1Like {
  prepare(sql: string): unknown;
  batch?(statements: unknown[]): Promise<unknown[]>;
  /** D1 read replication (`db.withSession()`). */
  withSession?(constraintOrBookmark?: string): unknown;
}

export function d1Executor(d1: D1Like): Executor;
export function httpExecutor(
  url: string | URL,
  options?: { headers?: Record<string, string>; fetch?: typeof fetch },
): Executor;
export function d1HttpExecutor(options: {
  accountId: string;
  databaseId: string;
  apiToken: string;
  fetch?: typeof fetch;
  baseUrl?: string;
}): Executor;

// ------------------------------------------------------------------ in-browser SQLite executors

/** The part of a sql.js `Database` that `sqljsExecutor` uses. */
export interface SqlJsDatabaseLike {
  prepare(sql: string): {
    bind(params: any[]): unknown;
    step(): boolean;
    get(): unknown[];
    getColumnNames(): string[];
    free(): unknown;
  };
  create_function(name: string, fn: (...args: any[]) => unknown): unknown;
}

/** The part of an `@sqlite.org/sqlite-wasm` `oo1.DB` (OPFS ones too) that `sqliteWasmExecutor` uses. */
export interface SqliteWasmDatabaseLike {
  prepare(sql: string): {
    bind(params: any[]): unknown;
    step(): boolean;
    get(row: any[]): unknown;
    getColumnNames(): string[];
    finalize(): unknown;
  };
  createFunction(name: string, fn: (...args: any[]) => unknown, options?: object): unknown;
}

/**
 * A sql.js `Database` as a host executor: `execute` and an atomic `batch`
 * (one savepoint). Registers SQLite's REGEXP function on it, as Django does.
 */
export function sqljsExecutor(db: SqlJsDatabaseLike): Required<Executor>;
/**
 * An `@sqlite.org/sqlite-wasm` `oo1.DB` as a host executor: `execute` and an
 * atomic `batch` (one savepoint). Registers SQLite's REGEXP function on it.
 */
export function sqliteWasmExecutor(db: SqliteWasmDatabaseLike): Required<Executor>;

// ------------------------------------------------------------------ brands (type-level only)

declare const MODEL: unique symbol;
declare const LOOKUPS: unique symbol;
declare const OUTPUT: unique symbol;
declare const ROW: unique symbol;

// ------------------------------------------------------------------ fields

export type ScalarKind =
  | "AutoField"
  | "BigAutoField"
  | "IntegerField"
  | "BigIntegerField"
  | "FloatField"
  | "DecimalField"
  | "CharField"
  | "TextField"
  | "BooleanField"
  | "DateField"
  | "DateTimeField"
  | "JSONField"
  | "UUIDField"
  | "BinaryField";
export type RelationKind = "ForeignKey" | "OneToOneField" | "ManyToManyField";
export type FieldKind = ScalarKind | RelationKind;

/** The JavaScript type a field's value reads as. */
export interface FieldTypes {
  AutoField: number;
  BigAutoField: number;
  IntegerField: number;
  BigIntegerField: number;
  FloatField: number;
  /** Decimals are strings, to keep their digits. */
  DecimalField: string;
  CharField: string;
  TextField: string;
  BooleanField: boolean;
  /** "YYYY-MM-DD". */
  DateField: string;
  DateTimeField: Date;
  JSONField: unknown;
  UUIDField: string;
  BinaryField: Uint8Array;
}

/** What a field accepts when written or compared in a lookup. */
export interface FieldInputTypes {
  AutoField: number;
  BigAutoField: number | bigint;
  IntegerField: number;
  BigIntegerField: number | bigint;
  FloatField: number;
  DecimalField: string | number;
  CharField: string;
  TextField: string;
  BooleanField: boolean;
  DateField: string | Date;
  DateTimeField: Date | string;
  JSONField: unknown;
  UUIDField: string;
  BinaryField: Uint8Array;
}

export type OnDelete = "CASCADE" | "SET_NULL" | "SET_DEFAULT" | "PROTECT" | "RESTRICT" | "DO_NOTHING";

export interface FieldOptions<T = unknown> {
  null?: boolean;
  blank?: boolean;
  default?: T | (() => T);
  unique?: boolean;
  primaryKey?: boolean;
  dbColumn?: string;
  dbIndex?: boolean;
  choices?: ReadonlyArray<readonly [T, string]> | ReadonlyArray<T>;
  maxLength?: number;
}

export interface DecimalFieldOptions extends FieldOptions<string | number> {
  maxDigits?: number;
  decimalPlaces?: number;
}

export interface RelationOptions extends FieldOptions {
  /** The reverse accessor and query name; `"+"` (or ending in `+`) hides the reverse relation. */
  relatedName?: string;
  onDelete?: OnDelete;
  through?: string | AnyModelClass;
}

/** A field definition, as returned by the `fields.*` factories. */
export interface Field<K extends FieldKind = FieldKind, O = FieldOptions> {
  readonly kind: K;
  readonly options: O;
}

/** A relation's definition: `fields.ForeignKey(Author, {...})`. */
export interface RelationField<K extends RelationKind = RelationKind, To = ModelRef, O = RelationOptions> extends Field<K, O> {
  readonly to: To;
}

/** A relation's target: a model class (typed), `"self"`, or a model name. */
export type ModelRef = string | AnyModelClass;

/** The fields object passed to `db.model()`. */
export type FieldMap = { readonly [name: string]: { readonly kind: FieldKind } };

export const fields: {
  AutoField<const O extends FieldOptions<number> = {}>(options?: O): Field<"AutoField", O>;
  BigAutoField<const O extends FieldOptions<number | bigint> = {}>(options?: O): Field<"BigAutoField", O>;
  IntegerField<const O extends FieldOptions<number> = {}>(options?: O): Field<"IntegerField", O>;
  BigIntegerField<const O extends FieldOptions<number | bigint> = {}>(options?: O): Field<"BigIntegerField", O>;
  FloatField<const O extends FieldOptions<number> = {}>(options?: O): Field<"FloatField", O>;
  DecimalField<const O extends DecimalFieldOptions = {}>(options?: O): Field<"DecimalField", O>;
  CharField<const O extends FieldOptions<string> = {}>(options?: O): Field<"CharField", O>;
  TextField<const O extends FieldOptions<string> = {}>(options?: O): Field<"TextField", O>;
  BooleanField<const O extends FieldOptions<boolean> = {}>(options?: O): Field<"BooleanField", O>;
  /** "YYYY-MM-DD" strings (a Date is accepted when writing). */
  DateField<const O extends FieldOptions<string | Date> = {}>(options?: O): Field<"DateField", O>;
  /** JS Dates, stored in UTC as Django stores them on SQLite. */
  DateTimeField<const O extends FieldOptions<Date | string> = {}>(options?: O): Field<"DateTimeField", O>;
  JSONField<const O extends FieldOptions<unknown> = {}>(options?: O): Field<"JSONField", O>;
  UUIDField<const O extends FieldOptions<string> = {}>(options?: O): Field<"UUIDField", O>;
  BinaryField<const O extends FieldOptions<Uint8Array> = {}>(options?: O): Field<"BinaryField", O>;
  ForeignKey<const To extends ModelRef, const O extends RelationOptions = {}>(to: To, options?: O): RelationField<"ForeignKey", To, O>;
  OneToOneField<const To extends ModelRef, const O extends RelationOptions = {}>(to: To, options?: O): RelationField<"OneToOneField", To, O>;
  ManyToManyField<const To extends ModelRef, const O extends RelationOptions = {}>(to: To, options?: O): RelationField<"ManyToManyField", To, O>;
};

// ------------------------------------------------------------------ model definitions (type level)

/** What the types know of a model: its name and its fields object. */
export interface ModelDef<N extends string = string, F extends FieldMap = FieldMap> {
  name: N;
  fields: F;
}

/** The definition of an untyped model (a fields object that is not a literal). */
export type UntypedDef = ModelDef<string, FieldMap>;

/**
 * Models registered for string relation targets and reverse relations.
 * Augment it with your models, keyed by model name:
 * `declare module "quarry" { interface Models { Author: typeof Author } }`.
 */
export interface Models {}

/**
 * Any model class, structurally: a constraint that is cheap to check (no
 * variance measurement of ModelClass / QuerySet, which is what makes
 * checking slow).
 */
export interface AnyModelClass {
  readonly modelName: string;
  readonly [MODEL]: ModelDef<string, any>;
}
/** The definition behind a model class type. */
export type DefOf<M extends AnyModelClass> = M[typeof MODEL];
/** The instance type of a model class: `ModelInstance<typeof Author>`. */
export type ModelInstance<M extends AnyModelClass> = Instance<DefOf<M>>;

type IsUntyped<D extends ModelDef> = string extends keyof D["fields"] ? true : false;
type FieldsOf<D extends ModelDef> = D["fields"];
type PkNameIn<F> = { [K in keyof F]: F[K] extends { options: { primaryKey: true } } ? K : never }[keyof F];
type AutoId = Field<"AutoField", { primaryKey: true }>;
/** The fields, with the `id` AutoField added when no field is the primary key. */
type AllFields<D extends ModelDef> = [PkNameIn<FieldsOf<D>>] extends [never] ? FieldsOf<D> & { id: AutoId } : FieldsOf<D>;
type PkName<D extends ModelDef> = [PkNameIn<FieldsOf<D>>] extends [never] ? "id" : PkNameIn<FieldsOf<D>> & string;
type PkField<D extends ModelDef> = AllFields<D>[PkName<D> & keyof AllFields<D>];
/** The scalar kind of a field's value: a relation's is its target's primary key's. */
type ValueKind<Fd, Owner extends ModelDef, Depth extends unknown[] = []> = Fd extends RelationField<any, infer To, any>
  ? Depth["length"] extends 4
    ? "AutoField"
    : TargetOf<To, Owner> extends infer T extends ModelDef
      ? IsUntyped<T> extends true
        ? "JSONField"
        : ValueKind<PkField<T>, T, [...Depth, 1]>
      : never
  : Fd extends Field<infer K, any>
    ? K & ScalarKind
    : never;
type PkKind<D extends ModelDef> = ValueKind<PkField<D>, D>;
type PkRead<D extends ModelDef> = IsUntyped<D> extends true ? any : FieldTypes[PkKind<D>];
type PkInput<D extends ModelDef> = IsUntyped<D> extends true ? any : FieldInputTypes[PkKind<D>];

type Nullable<Fd, T> = Fd extends { options: { null: true } } ? T | null : T;
type DefOfClass<C> = C extends { readonly [MODEL]: infer D extends ModelDef } ? D : UntypedDef;
type TargetOf<To, Owner extends ModelDef> = To extends "self"
  ? Owner
  : To extends string
    ? To extends keyof Models
      ? DefOfClass<Models[To]>
      : UntypedDef
    : DefOfClass<To>;
type TargetName<To, Owner extends ModelDef> = To extends "self" ? Owner["name"] : To extends string ? To : DefOfClass<To>["name"];

/** Field names that are a ForeignKey or OneToOneField (they have an `_id` attname). */
type FkNames<D extends ModelDef> = {
  [K in keyof AllFields<D>]: AllFields<D>[K] extends { kind: "ForeignKey" | "OneToOneField" } ? K : never;
}[keyof AllFields<D>] &
  string;
type ConcreteNames<D extends ModelDef> = {
  [K in keyof AllFields<D>]: AllFields<D>[K] extends { kind: "ManyToManyField" } ? never : K;
}[keyof AllFields<D>] &
  string;
type M2MNames<D extends ModelDef> = Exclude<keyof AllFields<D> & string, ConcreteNames<D>>;
/** The attribute name under which a concrete field's value is stored (`author_id`). */
type Attname<D extends ModelDef, K extends string> = K extends FkNames<D> ? `${K}_id` : K;
type Attnames<D extends ModelDef> = { [K in ConcreteNames<D>]: Attname<D, K> }[ConcreteNames<D>];

// ---- reverse relations (through the Models registry)

interface Reverse<S extends ModelDef = ModelDef, Kind extends RelationKind = RelationKind, A extends string = string, Qn extends string = string> {
  source: S;
  kind: Kind;
  accessor: A;
  query: Qn;
}
type HiddenName<O> = O extends { relatedName: `${string}+` } ? true : false;
type RevAccessor<S extends ModelDef, Kind, O> = O extends { relatedName: infer RN extends string }
  ? RN
  : Kind extends "OneToOneField"
    ? Lowercase<S["name"]>
    : `${Lowercase<S["name"]>}_set`;
type RevQuery<S extends ModelDef, O> = O extends { relatedName: infer RN extends string } ? RN : Lowercase<S["name"]>;
type ReverseFrom<S extends ModelDef, N extends string> = {
  [K in keyof S["fields"]]: S["fields"][K] extends RelationField<infer Kind, infer To, infer O>
    ? HiddenName<O> extends true
      ? never
      : TargetName<To, S> extends N
        ? Reverse<S, Kind, RevAccessor<S, Kind, O>, RevQuery<S, O>>
        : never
    : never;
}[keyof S["fields"]];
/** The reverse relations pointing at model D, from the registered models. */
type ReverseOf<D extends ModelDef> = string extends D["name"]
  ? never
  : { [R in keyof Models]: ReverseFrom<DefOfClass<Models[R]>, D["name"]> }[keyof Models];
type ReverseQueryNames<D extends ModelDef> = ReverseOf<D>["query"];
type ReverseByQuery<D extends ModelDef, Qn> = Extract<ReverseOf<D>, { query: Qn }>;
type ReverseByAccessor<D extends ModelDef, A> = Extract<ReverseOf<D>, { accessor: A }>;

// ------------------------------------------------------------------ instances

/** The methods every model instance has. */
type InstanceMethods<D extends ModelDef> = {
  /** INSERT when new (or with `forceInsert`), else UPDATE, as Django's save(). */
  asave(options?: { forceInsert?: boolean; using?: Using }): Promise<void>;
  /** Deletes the row (and cascades): Django's `[total, { Model: n }]`. */
  adelete(options?: { using?: Using }): Promise<DeleteResult>;
  /** Reloads `fields` (deferred ones included), else every loaded field. */
  arefreshFromDb(options?: { fields?: ReadonlyArray<FieldName<D>>; fromQueryset?: QuerySet<ModelClass<D>, any, any>; using?: Using }): Promise<void>;
  /** Django's `get_deferred_fields()`: attnames left out by only()/defer() and not loaded since. */
  getDeferredFields(): Set<Attnames<D>>;
  /** Loads a relation, caches it on the instance and resolves to it (a list for a to-many relation). */
  afetch<K extends RelationName<D>>(relation: K): Promise<FetchResult<D, K>>;
  /** Field values by attname; deferred fields are left out. */
  toJSON(): AttnameRow<D>;
};

type InstanceKeys<D extends ModelDef> = "pk" | (keyof AllFields<D> & string) | `${FkNames<D>}_id`;
type InstanceProp<D extends ModelDef, K> = K extends "pk"
  ? PkRead<D>
  : K extends keyof AllFields<D>
    ? FieldValue<D, AllFields<D>[K]>
    : K extends `${infer B}_id`
      ? B extends keyof AllFields<D>
        ? Nullable<AllFields<D>[B], PkRead<TargetOf<AllFields<D>[B] extends { to: infer To } ? To : never, D>>>
        : never
      : never;
type FieldValue<D extends ModelDef, Fd> = Fd extends RelationField<infer Kind, infer To, any>
  ? Kind extends "ManyToManyField"
    ? RelatedManager<ModelClass<TargetOf<To, D>>>
    : Nullable<Fd, Instance<TargetOf<To, D>>>
  : Fd extends Field<infer K, any>
    ? Nullable<Fd, FieldTypes[K & ScalarKind]>
    : never;
type ReverseProps<D extends ModelDef> = {
  [X in ReverseOf<D> as X["accessor"]]: X["kind"] extends "OneToOneField"
    ? Instance<X["source"]> | null
    : RelatedManager<ModelClass<X["source"]>>;
};
type TypedInstance<D extends ModelDef> = InstanceMethods<D> & { [K in InstanceKeys<D>]: InstanceProp<D, K> } & ReverseProps<D>;
/** The instance type of the model defined by D. */
export type Instance<D extends ModelDef> = IsUntyped<D> extends true ? Model : TypedInstance<D>;

/** Relations afetch(), selectRelated and prefetchRelated can name. */
type RelationName<D extends ModelDef> = IsUntyped<D> extends true
  ? string
  : FkNames<D> | M2MNames<D> | ReverseOf<D>["accessor"];
type FetchResult<D extends ModelDef, K> = K extends FkNames<D>
  ? Nullable<AllFields<D>[K], Instance<TargetOf<AllFields<D>[K] extends { to: infer To } ? To : never, D>>>
  : K extends M2MNames<D>
    ? Array<Instance<TargetOf<AllFields<D>[K] extends { to: infer To } ? To : never, D>>>
    : ReverseByAccessor<D, K> extends infer X extends Reverse
      ? X["kind"] extends "OneToOneField"
        ? Instance<X["source"]> | null
        : Array<Instance<X["source"]>>
      : any;

/** A row of values() with no fields: every concrete field by attname. */
type AttnameRow<D extends ModelDef> = IsUntyped<D> extends true
  ? Record<string, any>
  : { [K in ConcreteNames<D> as Attname<D, K>]: AttnameValue<D, AllFields<D>[K]> };
type AttnameValue<D extends ModelDef, Fd> = Fd extends RelationField<any, infer To, any>
  ? Nullable<Fd, PkRead<TargetOf<To, D>>>
  : Fd extends Field<infer K, any>
    ? Nullable<Fd, FieldTypes[K & ScalarKind]>
    : never;

// ---- create / update arguments

/** The value a field takes when written: a relation takes an instance or a primary key. */
type WriteValue<D extends ModelDef, Fd> = Fd extends RelationField<any, infer To, any>
  ? Nullable<Fd, Instance<TargetOf<To, D>> | PkInput<TargetOf<To, D>>>
  : Fd extends Field<infer K, any>
    ? Nullable<Fd, FieldInputTypes[K & ScalarKind]>
    : never;
type IsOptional<Fd> = Fd extends { options: { null: true } }
  ? true
  : Fd extends { options: { default: any } }
    ? true
    : Fd extends { options: { primaryKey: true } }
      ? true
      : Fd extends { kind: "AutoField" | "BigAutoField" }
        ? true
        : Fd extends { kind: "CharField" | "TextField"; options: { blank: true } }
          ? true
          : false;
type RequiredScalars<D extends ModelDef> = {
  [K in ConcreteNames<D>]: K extends FkNames<D> ? never : IsOptional<AllFields<D>[K]> extends true ? never : K;
}[ConcreteNames<D>];
type RequiredFks<D extends ModelDef> = { [K in FkNames<D>]: IsOptional<AllFields<D>[K]> extends true ? never : K }[FkNames<D>];
/** Every writable key (field name, `_id` attname, `pk`), all optional: `new Model({...})`, `aupdate()` on instances. */
type InitValues<D extends ModelDef> = IsUntyped<D> extends true
  ? Record<string, unknown>
  : { [K in ConcreteNames<D>]?: WriteValue<D, AllFields<D>[K]> } & {
      [K in FkNames<D> as `${K}_id`]?: Nullable<AllFields<D>[K], PkInput<TargetOf<AllFields<D>[K] extends { to: infer To } ? To : never, D>>>;
    } & { pk?: PkInput<D> };
/** acreate()/abulkCreate() values: the required scalar fields must be present. */
export type CreateValues<D extends ModelDef> = IsUntyped<D> extends true
  ? Record<string, unknown>
  : InitValues<D> & { [K in RequiredScalars<D>]: WriteValue<D, AllFields<D>[K]> };
/**
 * acreate() values, checked key by key: each given key's type, Django's
 * error for an unknown key, the required scalar fields, and a required
 * relation given neither as `author` nor as `author_id`.
 */
type CreateArg<D extends ModelDef, V> = IsUntyped<D> extends true
  ? Record<string, unknown>
  : { [K in keyof V]: K extends keyof InitValues<D> ? InitValues<D>[K] : NoField<K & string> } & {
      [K in RequiredScalars<D>]: WriteValue<D, AllFields<D>[K]>;
    } & {
      [K in RequiredFks<D> as K extends keyof V ? never : `${K}_id` extends keyof V ? never : K]: WriteValue<D, AllFields<D>[K]>;
    };
/** aupdate() values: any writable field, to a value or an expression (`F("pages").add(1)`). */
export type UpdateValues<D extends ModelDef> = IsUntyped<D> extends true
  ? Record<string, unknown>
  : { [K in ConcreteNames<D>]?: WriteValue<D, AllFields<D>[K]> | Expression } & {
      [K in FkNames<D> as `${K}_id`]?: Nullable<AllFields<D>[K], PkInput<TargetOf<AllFields<D>[K] extends { to: infer To } ? To : never, D>>> | Expression;
    };
/** agetOrCreate/aupdateOrCreate defaults: values, or functions called for them. */
type DefaultValues<D extends ModelDef> = IsUntyped<D> extends true
  ? Record<string, unknown>
  : { [K in keyof InitValues<D>]?: InitValues<D>[K] | (() => InitValues<D>[K]) };

// ------------------------------------------------------------------ lookups

type NoField<H extends string> = `Cannot resolve keyword '${H}' into field.`;
type Unsupported<L extends string, K extends string> = `Unsupported lookup '${L}' for ${K} or join on the field not permitted.`;

type Category = {
  AutoField: "ordered";
  BigAutoField: "ordered";
  IntegerField: "ordered";
  BigIntegerField: "ordered";
  FloatField: "ordered";
  DecimalField: "ordered";
  CharField: "text";
  TextField: "text";
  UUIDField: "text";
  BooleanField: "plain";
  BinaryField: "plain";
  DateField: "ordered";
  DateTimeField: "ordered";
  JSONField: "json";
};
type OrderedLookup = "exact" | "in" | "gt" | "gte" | "lt" | "lte" | "range" | "isnull";
type PatternLookup = "iexact" | "contains" | "icontains" | "startswith" | "istartswith" | "endswith" | "iendswith" | "regex" | "iregex";
type CategoryLookups = {
  ordered: OrderedLookup;
  text: OrderedLookup | PatternLookup;
  plain: "exact" | "in" | "isnull";
  json: never;
};
type DateTransform = "year" | "iso_year" | "month" | "day" | "week" | "week_day" | "iso_week_day" | "quarter";
type Transforms = {
  DateField: DateTransform;
  DateTimeField: DateTransform | "hour" | "minute" | "second" | "date";
};
type TransformsOf<K extends ScalarKind> = K extends keyof Transforms ? Transforms[K] : never;
type TransformKind<T> = T extends "date" ? "DateField" : "IntegerField";

type AnyQuerySet = QuerySet<any, any, any>;
type LookupValue<K extends ScalarKind, L> = L extends "exact"
  ? FieldInputTypes[K] | null | Expression | AnyQuerySet
  : L extends "in"
    ? ReadonlyArray<FieldInputTypes[K] | Expression> | AnyQuerySet
    : L extends "range"
      ? readonly [FieldInputTypes[K] | Expression, FieldInputTypes[K] | Expression]
      : L extends "isnull"
        ? boolean
        : L extends "gt" | "gte" | "lt" | "lte"
          ? FieldInputTypes[K] | Expression | AnyQuerySet
          : string | Expression;

// Resolution results: `[T]` is the value type of a valid key, a string is
// Django's error for an invalid one.
type ScalarLookup<K extends ScalarKind, R extends string> = R extends ""
  ? [LookupValue<K, "exact">]
  : Category[K] extends "json"
    ? [unknown]
    : R extends CategoryLookups[Category[K]]
      ? [LookupValue<K, R>]
      : R extends `${infer T}__${infer Rest}`
        ? T extends TransformsOf<K>
          ? ScalarLookup<TransformKind<T>, Rest>
          : Unsupported<T, K>
        : R extends TransformsOf<K>
          ? [LookupValue<TransformKind<R>, "exact">]
          : Unsupported<R, K>;
type RelatedValue<T extends ModelDef> = Instance<T> | PkInput<T> | Expression;
type RelationLookup<T extends ModelDef, R extends string> = IsUntyped<T> extends true
  ? [any]
  : R extends "" | "exact"
    ? [RelatedValue<T> | null | AnyQuerySet]
    : R extends "in"
      ? [ReadonlyArray<RelatedValue<T>> | AnyQuerySet]
      : R extends "isnull"
        ? [boolean]
        : R extends "gt" | "gte" | "lt" | "lte"
          ? [PkInput<T> | Expression]
          : LookupOn<T, {}, R>;
type FieldLookup<D extends ModelDef, Fd, R extends string> = Fd extends RelationField<any, infer To, any>
  ? RelationLookup<TargetOf<To, D>, R>
  : Fd extends Field<infer K, any>
    ? ScalarLookup<K & ScalarKind, R>
    : never;
/** The scalar kind an annotation's lookups follow, from its type. */
type KindOfType<T> = [NonNullable<T>] extends [never]
  ? "JSONField"
  : [NonNullable<T>] extends [number]
    ? "FloatField"
    : [NonNullable<T>] extends [string]
      ? "TextField"
      : [NonNullable<T>] extends [Date]
        ? "DateTimeField"
        : [NonNullable<T>] extends [boolean]
          ? "BooleanField"
          : "JSONField";
type LookupSegment<D extends ModelDef, A, H extends string, R extends string> = H extends keyof A
  ? ScalarLookup<KindOfType<A[H]>, R>
  : H extends "pk"
    ? FieldLookup<D, PkField<D>, R>
    : H extends keyof AllFields<D>
      ? FieldLookup<D, AllFields<D>[H], R>
      : H extends `${infer B}_id`
        ? B extends FkNames<D>
          ? ScalarLookup<ValueKind<AllFields<D>[B], D>, R>
          : NoField<H>
        : H extends ReverseQueryNames<D>
          ? RelationLookup<ReverseByQuery<D, H>["source"], R>
          : NoField<H>;
/** Resolves one lookup key on model D (with annotations A): `[valueType]` or an error message. */
type LookupOn<D extends ModelDef, A, K extends string> = [DunderAnnotation<A, K>] extends [never]
  ? K extends `${infer H}__${infer R}`
    ? LookupSegment<D, A, H, R>
    : LookupSegment<D, A, K, "">
  : ScalarLookup<KindOfType<DunderAnnotation<A, K>["type"]>, DunderAnnotation<A, K>["rest"]>;
/** An annotation whose name has `__` (`books__count`) matched at the start of key K. */
type DunderAnnotation<A, K extends string> = {
  [N in keyof A & `${string}__${string}`]: K extends N ? { type: A[N]; rest: "" } : K extends `${N}__${infer R}` ? { type: A[N]; rest: R } : never;
}[keyof A & `${string}__${string}`];
type Unwrap<X> = X extends [infer T] ? T : X;
/** Checks a lookups object: each key's value type, or Django's error for an invalid key. */
export type LookupCheck<D extends ModelDef, A, L> = IsUntyped<D> extends true
  ? { [K in keyof L]: unknown }
  : string extends keyof L
    ? { [K in keyof L]: unknown }
    : { [K in keyof L]: K extends string ? Unwrap<LookupOn<D, A, K>> : never };
/** Field names offered for completion in a lookups object (types come from LookupCheck). */
type LookupHints<D extends ModelDef, A> = IsUntyped<D> extends true
  ? {}
  : { [K in InstanceKeys<D> | ReverseQueryNames<D> | (keyof A & string)]?: unknown };
/** One argument of filter/exclude/aget: a lookups object, a Q, or a boolean expression such as Exists(). */
export type FilterArg<D extends ModelDef, A, X> = X extends Q<infer L>
  ? Q<LookupCheck<D, A, L>>
  : X extends Expression
    ? X
    : LookupCheck<D, A, X> & LookupHints<D, A>;

// ---- field paths (values, valuesList, orderBy, F)

/** Resolves a field path to `[type]` (transforms included) or an error message. */
type PathOn<D extends ModelDef, A, P extends string> = [DunderAnnotation<A, P>] extends [never]
  ? P extends `${infer H}__${infer R}`
    ? PathSegment<D, A, H, R>
    : PathSegment<D, A, P, "">
  : DunderAnnotation<A, P>["rest"] extends ""
    ? [DunderAnnotation<A, P>["type"]]
    : [unknown];
type PathSegment<D extends ModelDef, A, H extends string, R extends string> = H extends keyof A
  ? R extends ""
    ? [A[H]]
    : [unknown]
  : H extends "pk"
    ? FieldPath<D, PkField<D>, R>
    : H extends keyof AllFields<D>
      ? FieldPath<D, AllFields<D>[H], R>
      : H extends `${infer B}_id`
        ? B extends FkNames<D>
          ? R extends ""
            ? [AttnameValue<D, AllFields<D>[B]>]
            : ScalarPath<ValueKind<AllFields<D>[B], D>, R, AllFields<D>[B]>
          : NoField<H>
        : H extends ReverseQueryNames<D>
          ? RelationPath<ReverseByQuery<D, H>["source"], R, true>
          : NoField<H>;
type FieldPath<D extends ModelDef, Fd, R extends string> = Fd extends RelationField<infer Kind, infer To, any>
  ? RelationPath<TargetOf<To, D>, R, Kind extends "ManyToManyField" ? true : Fd extends { options: { null: true } } ? true : false>
  : Fd extends Field<infer K, any>
    ? ScalarPath<K & ScalarKind, R, Fd>
    : never;
type ScalarPath<K extends ScalarKind, R extends string, Fd> = R extends ""
  ? [Nullable<Fd, FieldTypes[K]>]
  : Category[K] extends "json"
    ? [unknown]
    : R extends `${infer T}__${infer Rest}`
      ? T extends TransformsOf<K>
        ? ScalarPath<TransformKind<T>, Rest, Fd>
        : Unsupported<T, K>
      : R extends TransformsOf<K>
        ? [Nullable<Fd, FieldTypes[TransformKind<R>]>]
        : Unsupported<R, K>;
type OrNull<X, N extends boolean> = N extends true ? (X extends [infer T] ? [T | null] : X) : X;
type RelationPath<T extends ModelDef, R extends string, N extends boolean> = IsUntyped<T> extends true
  ? [any]
  : R extends ""
    ? OrNull<[PkRead<T>], N>
    : OrNull<PathOn<T, {}, R>, N>;
/** The type at a field path (`"author__name"`, `"pubDate__year"`), `unknown` when the path does not resolve. */
type PathValue<D extends ModelDef, A, P extends string> = IsUntyped<D> extends true
  ? any
  : PathOn<D, A, P> extends [infer T]
    ? T
    : unknown;
/** Field names of D (and `pk`, `_id` attnames), offered for completion. */
export type FieldName<D extends ModelDef> = IsUntyped<D> extends true ? string : InstanceKeys<D>;
/**
 * A field name, an annotation, a reverse query name, or a `__` path that
 * starts with one of them. Only that first segment is checked here (cheaply);
 * a later segment that does not resolve gives `unknown` in the result.
 */
type PathKey<D extends ModelDef, A> = IsUntyped<D> extends true
  ? string
  : TopName<D, A> | `${TopName<D, A>}__${string}`;
type TopName<D extends ModelDef, A> = InstanceKeys<D> | ReverseQueryNames<D> | (keyof A & string);
/** An orderBy() argument: a path, `-path` for descending, or `"?"`. */
type OrderKey<D extends ModelDef, A> = IsUntyped<D> extends true ? string : PathKey<D, A> | `-${PathKey<D, A>}` | "?";

/** values(...fields) rows. */
type ValuesRow<D extends ModelDef, A, K extends readonly string[]> = K extends readonly []
  ? AttnameRow<D> & A
  : { [P in K[number]]: PathValue<D, A, P> };
type ListRow<D extends ModelDef, A, K extends readonly string[]> = { -readonly [I in keyof K]: PathValue<D, A, K[I] & string> };

// ------------------------------------------------------------------ expressions

/** Anything usable where Django takes an expression. `T` is its output type where it can be known on its own. */
export interface Expression<T = unknown> {
  readonly __quarry: string;
  readonly [OUTPUT]?: T;
}

/** F, Value and their arithmetic: `F("price").mul(2).add(F("tax"))`. */
export interface Combinable<T = unknown> extends Expression<T> {
  add<R>(other: R): CombinedExpression<this, R>;
  sub<R>(other: R): CombinedExpression<this, R>;
  mul<R>(other: R): CombinedExpression<this, R>;
  div<R>(other: R): CombinedExpression<this, R>;
  mod<R>(other: R): CombinedExpression<this, R>;
  /** `F("rating").asc({ nullsFirst: true })`: an ordering for `orderBy()`. */
  asc(options?: NullsOptions): OrderBy<this>;
  /** `Lower("name").desc({ nullsLast: true })`. */
  desc(options?: NullsOptions): OrderBy<this>;
}
/** Where NULLs sort (one of the two, `true`; Django's `nulls_first` / `nulls_last`). */
export interface NullsOptions {
  nullsFirst?: true | null;
  nullsLast?: true | null;
}
/** An ordering expression: `expr.asc()` / `expr.desc()`, accepted by `orderBy()`. */
export interface OrderBy<E = unknown> {
  readonly __quarry: "OrderBy";
  readonly expr: E;
  readonly desc: boolean;
}
export interface FExpression<P extends string = string> extends Combinable {
  readonly __quarry: "F";
  readonly name: P;
}
export interface ValueExpression<T = unknown> extends Combinable<T> {
  readonly __quarry: "Value";
  readonly value: T;
}
export interface CombinedExpression<L = unknown, R = unknown> extends Combinable {
  readonly __quarry: "expr";
  readonly op: "+" | "-" | "*" | "/" | "%";
  readonly lhs: L;
  readonly rhs: R;
}

export function F<const P extends string>(name: P): FExpression<P>;
export function Value<T>(value: T): ValueExpression<T>;

// ---- database functions (Django's django.db.models.functions)

/** An argument of a database function: a field path (a string), an expression, or a value. */
export type FuncArg = string | Expression | number | boolean | Date | null;
/**
 * `Lower("name")`, `Round("rating", { precision: 1 })`: its output type `T`,
 * or (`Arg` given) that of its first argument, as Django's output field.
 */
export interface FuncExpression<T = unknown, Arg = never> extends Combinable<T> {
  readonly __quarry: "Func";
  readonly fn: string;
  readonly args: readonly unknown[];
  readonly [ROW]?: Arg;
}
/** Options every function takes: `outputField` sets its type (Django's `output_field`). */
export interface FuncOptions {
  outputField?: Field<any, any>;
}
type Text = FuncExpression<string | null>;
type Num = FuncExpression<number | null>;
/** Functions whose type is their first argument's (`Abs`, `Coalesce`, `Round`, ...). */
type SameAs<E> = FuncExpression<unknown, E>;
type FieldOutput<F> = F extends Field<infer K, any> ? FieldTypes[K & ScalarKind] | null : unknown;

/** `Cast("pages", fields.FloatField())`. */
export function Cast<F extends Field<any, any>>(expr: FuncArg, outputField: F): FuncExpression<FieldOutput<F>>;
/** `ExpressionWrapper(F("pages").div(7), { outputField: fields.IntegerField() })`: the expression, typed as `outputField`. */
export function ExpressionWrapper<F extends Field<any, any>>(expr: FuncArg, options: { outputField: F }): FuncExpression<FieldOutput<F>>;
export function Coalesce<const E extends FuncArg>(first: E, second: FuncArg, ...more: Array<FuncArg | FuncOptions>): SameAs<E>;
export function Greatest<const E extends FuncArg>(first: E, second: FuncArg, ...more: Array<FuncArg | FuncOptions>): SameAs<E>;
export function Least<const E extends FuncArg>(first: E, second: FuncArg, ...more: Array<FuncArg | FuncOptions>): SameAs<E>;
export function NullIf<const E extends FuncArg>(expr1: E, expr2: FuncArg, options?: FuncOptions): SameAs<E>;
export function Concat(first: FuncArg, second: FuncArg, ...more: Array<FuncArg | FuncOptions>): Text;
export function Left(expr: FuncArg, length: number | Expression): Text;
export function Right(expr: FuncArg, length: number | Expression): Text;
export function Length(expr: FuncArg): FuncExpression<number | null>;
export function Lower(expr: FuncArg): Text;
export function Upper(expr: FuncArg): Text;
export function LPad(expr: FuncArg, length: number | Expression, fillText?: FuncArg): Text;
export function RPad(expr: FuncArg, length: number | Expression, fillText?: FuncArg): Text;
export function LTrim(expr: FuncArg): Text;
export function RTrim(expr: FuncArg): Text;
export function Trim(expr: FuncArg): Text;
export function Ord(expr: FuncArg): Num;
export function Chr(expr: FuncArg): Text;
export function Repeat(expr: FuncArg, number: number | Expression): Text;
export function Replace(expr: FuncArg, text: FuncArg, replacement?: FuncArg): Text;
export function Reverse(expr: FuncArg): Text;
export function StrIndex(string: FuncArg, substring: FuncArg): Num;
export function Substr(expr: FuncArg, pos: number | Expression, length?: number | Expression): Text;
export function Abs<const E extends FuncArg>(expr: E): SameAs<E>;
export function Ceil<const E extends FuncArg>(expr: E): SameAs<E>;
export function Floor<const E extends FuncArg>(expr: E): SameAs<E>;
export function Sign<const E extends FuncArg>(expr: E): SameAs<E>;
/** `Round("rating", { precision: 2 })` (SQLite: no negative precision). */
export function Round<const E extends FuncArg>(expr: E, options?: { precision?: number | Expression }): SameAs<E>;
/** Math functions: a float (a decimal string when an argument is a DecimalField). */
export function ACos(expr: FuncArg): Num;
export function ASin(expr: FuncArg): Num;
export function ATan(expr: FuncArg): Num;
export function ATan2(y: FuncArg, x: FuncArg): Num;
export function Cos(expr: FuncArg): Num;
export function Cot(expr: FuncArg): Num;
export function Degrees(expr: FuncArg): Num;
export function Exp(expr: FuncArg): Num;
export function Ln(expr: FuncArg): Num;
export function Log(base: FuncArg, x: FuncArg): Num;
export function Mod(x: FuncArg, y: FuncArg): Num;
export function Pi(): FuncExpression<number>;
export function Power(x: FuncArg, y: FuncArg): Num;
export function Radians(expr: FuncArg): Num;
export function Random(): FuncExpression<number>;
export function Sin(expr: FuncArg): Num;
export function Sqrt(expr: FuncArg): Num;
export function Tan(expr: FuncArg): Num;
/** The current date and time (UTC), as Django's `Now()`. */
export function Now(): FuncExpression<Date>;
/** `Extract("pubDate", "year")`: a part of a DateField or DateTimeField, as an integer. */
export function Extract(
  expr: FuncArg,
  lookupName: "year" | "iso_year" | "quarter" | "month" | "week" | "day" | "week_day" | "iso_week_day" | "hour" | "minute" | "second",
): Num;
export function ExtractYear(expr: FuncArg): Num;
export function ExtractIsoYear(expr: FuncArg): Num;
export function ExtractQuarter(expr: FuncArg): Num;
export function ExtractMonth(expr: FuncArg): Num;
export function ExtractWeek(expr: FuncArg): Num;
export function ExtractDay(expr: FuncArg): Num;
export function ExtractWeekDay(expr: FuncArg): Num;
export function ExtractIsoWeekDay(expr: FuncArg): Num;
export function ExtractHour(expr: FuncArg): Num;
export function ExtractMinute(expr: FuncArg): Num;
export function ExtractSecond(expr: FuncArg): Num;
/** `Trunc("created", "month", { outputField })`: of a DateField a `"YYYY-MM-DD"` string, of a DateTimeField a `Date`. */
export function Trunc<const E extends FuncArg>(
  expr: E,
  kind: "year" | "quarter" | "month" | "week" | "day" | "hour" | "minute" | "second",
  options?: FuncOptions,
): SameAs<E>;
export function TruncYear<const E extends FuncArg>(expr: E, options?: FuncOptions): SameAs<E>;
export function TruncQuarter<const E extends FuncArg>(expr: E, options?: FuncOptions): SameAs<E>;
export function TruncMonth<const E extends FuncArg>(expr: E, options?: FuncOptions): SameAs<E>;
export function TruncWeek<const E extends FuncArg>(expr: E, options?: FuncOptions): SameAs<E>;
export function TruncDay<const E extends FuncArg>(expr: E, options?: FuncOptions): SameAs<E>;
export function TruncHour<const E extends FuncArg>(expr: E, options?: FuncOptions): SameAs<E>;
export function TruncMinute<const E extends FuncArg>(expr: E, options?: FuncOptions): SameAs<E>;
export function TruncSecond<const E extends FuncArg>(expr: E, options?: FuncOptions): SameAs<E>;
/** The date of a DateTimeField: a `"YYYY-MM-DD"` string. */
export function TruncDate(expr: FuncArg): Text;
/** The time of a DateTimeField: an `"HH:MM:SS[.ffffff]"` string. */
export function TruncTime(expr: FuncArg): Text;

/** `KT("data__owner__name")`: the text of a JSONField key (Django's KeyTextTransform; numbers stay numbers). */
export function KT(lookup: `${string}__${string}`): FuncExpression<string | number | null>;
/** `JSONObject({ name: "name", n: F("pages") })`: a JSON object per row (strings name fields). */
export function JSONObject(fields?: Record<string, FuncArg>): FuncExpression<Record<string, unknown>>;

// ---- windows (Django's Window, RowRange, ValueRange, django.db.models.functions.window)

/** A frame: `RowRange` / `ValueRange`; negative = preceding, positive = following, `null` = unbounded, 0 = current row. */
export interface WindowFrame {
  readonly __quarry: "RowRange" | "ValueRange";
  readonly start: number | null;
  readonly end: number | null;
}
export interface FrameBounds {
  start?: number | null;
  end?: number | null;
}
export function RowRange(bounds?: FrameBounds): WindowFrame;
export function ValueRange(bounds?: FrameBounds): WindowFrame;
type WindowOrder = string | Expression | OrderBy;
export interface WindowOptions {
  /** A field name, an expression, or an array of them. */
  partitionBy?: FuncArg | readonly FuncArg[];
  /** A field name (`"-pages"` descending), an expression, `expr.desc()`, or an array of them. */
  orderBy?: WindowOrder | readonly WindowOrder[];
  frame?: WindowFrame;
}
/** `Window(Rank(), { orderBy: "-pages" })`: its value is its source's. */
export interface Window<E = unknown> extends Combinable {
  readonly __quarry: "Window";
  readonly expr: E;
}
export function Window<const E extends FuncExpression<any, any> | Aggregate<any, any, any>>(expr: E, options?: WindowOptions): Window<E>;
export function RowNumber(): FuncExpression<number>;
export function Rank(): FuncExpression<number>;
export function DenseRank(): FuncExpression<number>;
export function PercentRank(): FuncExpression<number>;
export function CumeDist(): FuncExpression<number>;
export function Ntile(numBuckets?: number | Expression): FuncExpression<number>;
/** `Lag("pages", { offset: 1, default: 0 })`: the value `offset` rows before (a string `default` names a field). */
export function Lag<const E extends FuncArg>(expr: E, options?: { offset?: number | Expression; default?: FuncArg }): SameAs<E>;
/** Django's positional form: `Lag(expr, offset, default)`. */
export function Lag<const E extends FuncArg>(expr: E, offset: number, defaultValue?: FuncArg): SameAs<E>;
export function Lead<const E extends FuncArg>(expr: E, options?: { offset?: number | Expression; default?: FuncArg }): SameAs<E>;
/** Django's positional form: `Lead(expr, offset, default)`. */
export function Lead<const E extends FuncArg>(expr: E, offset: number, defaultValue?: FuncArg): SameAs<E>;
export function FirstValue<const E extends FuncArg>(expr: E): SameAs<E>;
export function LastValue<const E extends FuncArg>(expr: E): SameAs<E>;
export function NthValue<const E extends FuncArg>(expr: E, options?: { nth?: number | Expression }): SameAs<E>;
/** Django's positional form: `NthValue(expr, nth)`. */
export function NthValue<const E extends FuncArg>(expr: E, nth: number): SameAs<E>;

export type AggregateFunction = "Count" | "Sum" | "Avg" | "Min" | "Max" | "StdDev" | "Variance";
export interface AggregateOptions {
  distinct?: boolean;
  filter?: Q<any> | Lookups;
  /** The result for no rows (else Count 0, the others null). */
  default?: unknown;
}
/** `Count("books", { distinct: true })`: `Arg` is the field path or expression aggregated. */
export interface Aggregate<Fn extends AggregateFunction = AggregateFunction, Arg = unknown, O = {}> extends Expression {
  readonly __quarry: Fn;
  readonly args: readonly [Arg, O?];
  /** `Count("books").desc()`: an ordering (in a Window's `orderBy`). */
  asc(options?: NullsOptions): OrderBy<this>;
  desc(options?: NullsOptions): OrderBy<this>;
}
export function Count<const Arg extends string | Expression, const O extends AggregateOptions = {}>(expr: Arg, options?: O): Aggregate<"Count", Arg, O>;
export function Sum<const Arg extends string | Expression, const O extends AggregateOptions = {}>(expr: Arg, options?: O): Aggregate<"Sum", Arg, O>;
export function Avg<const Arg extends string | Expression, const O extends AggregateOptions = {}>(expr: Arg, options?: O): Aggregate<"Avg", Arg, O>;
export function Min<const Arg extends string | Expression, const O extends AggregateOptions = {}>(expr: Arg, options?: O): Aggregate<"Min", Arg, O>;
export function Max<const Arg extends string | Expression, const O extends AggregateOptions = {}>(expr: Arg, options?: O): Aggregate<"Max", Arg, O>;
/** Options of `StdDev`/`Variance`: `sample: true` for the sample's (n - 1), else the population's. No `distinct` (Django's TypeError). */
export interface SpreadOptions extends Omit<AggregateOptions, "distinct"> {
  sample?: boolean;
}
/** `StdDev("pages", { sample: true })`: a float, null for no rows (or one row of a sample). */
export function StdDev<const Arg extends string | Expression, const O extends SpreadOptions = {}>(expr: Arg, options?: O): Aggregate<"StdDev", Arg, O>;
/** `Variance("pages", { sample: true })`: a float, null for no rows (or one row of a sample). */
export function Variance<const Arg extends string | Expression, const O extends SpreadOptions = {}>(expr: Arg, options?: O): Aggregate<"Variance", Arg, O>;

/** Plain lookups, unchecked (as in When() and Q() before they reach a QuerySet). */
export type Lookups = Record<string, unknown>;

/**
 * Django's Q: lookups combined with `and`, `or`, `not`. Its keys are checked
 * when it is passed to a QuerySet of a typed model.
 */
export interface Q<L = {}> extends Expression<boolean> {
  readonly __quarry: "Q";
  readonly connector: "AND" | "OR";
  readonly negated: boolean;
  readonly children: ReadonlyArray<unknown>;
  readonly [LOOKUPS]?: L;
  /** Django's `&`. */
  and<L2 = {}>(other: Q<L2> | Exists): Q<L | L2>;
  /** Django's `|`. */
  or<L2 = {}>(other: Q<L2> | Exists): Q<L | L2>;
  /** Django's `~`. */
  not(): Q<L>;
}
export const Q: {
  <L extends object = {}>(lookups?: L): Q<L extends Q<infer X> ? X : L extends Expression ? {} : L>;
  not<L extends object>(q: L): Q<L extends Q<infer X> ? X : L extends Expression ? {} : L>;
};

export interface When<T = unknown> extends Expression {
  readonly __quarry: "When";
  readonly args: readonly [unknown, { then: T }];
}
/** `When({ age__lt: 18 }, { then: Value("minor") })`; `then` may also be a field name or a plain value. */
export function When<const T>(condition: Q<any> | Lookups | Expression, options: { then: T }): When<T>;
export interface Case<T = unknown> extends Expression {
  readonly __quarry: "Case";
  readonly [ROW]?: T;
}
type CaseBranch<X> = X extends When<infer T> ? T : X extends { default: infer T } ? T : never;
type CaseDefault<Args extends readonly unknown[]> = Extract<Args[number], { default: unknown }> extends never ? null : never;
/** `Case(When(...), ..., { default, outputField })`. Without a default, unmatched rows are null. */
export function Case<const Args extends ReadonlyArray<When<any> | { default?: unknown; outputField?: Field<any, any> }>>(
  ...args: Args
): Case<CaseBranch<Args[number]> | CaseDefault<Args>>;

export interface Subquery<R = unknown> extends Expression {
  readonly __quarry: "Subquery";
  readonly [ROW]?: R;
}
export interface Exists extends Expression<boolean> {
  readonly __quarry: "Exists";
}
export interface OuterRef<P extends string = string> extends Expression {
  readonly __quarry: "OuterRef";
}
/** `Subquery(qs.values("x").slice(0, 1))`: its value is the single column's, or null. */
export function Subquery<R>(qs: QuerySet<any, R, any>): Subquery<R>;
export function Exists(qs: QuerySet<any, any, any>): Exists;
export function OuterRef<const P extends string>(name: P): OuterRef<P>;

/** The output type of an expression in the context of model D with annotations A. */
type ExprType<D extends ModelDef, A, E> = E extends FExpression<infer P>
  ? PathValue<D, A, P>
  : E extends Window<infer S>
    ? ExprType<D, A, S>
  : E extends FuncExpression<infer T, infer Arg>
    ? [Arg] extends [never]
      ? T
      : ExprType<D, A, Arg> | null
  : E extends ValueExpression<infer T>
    ? T
    : E extends CombinedExpression<infer L, any>
      ? ExprType<D, A, L>
      : E extends Aggregate<infer Fn, infer Arg, infer O>
        ? AggregateType<D, A, Fn, Arg, O>
        : E extends Case<infer T>
          ? CaseValue<D, A, T>
          : E extends Subquery<infer R>
            ? SubqueryValue<R>
            : E extends Expression<infer T>
              ? T
              : E extends string
                ? PathValue<D, A, E>
                : E;
type CaseValue<D extends ModelDef, A, T> = T extends Expression ? ExprType<D, A, T> : T extends string ? PathValue<D, A, T> : T;
type SubqueryValue<R> = R extends Record<string, unknown>
  ? R extends Date | Uint8Array
    ? R | null
    : keyof R extends infer K extends keyof R
      ? [K] extends [never]
        ? unknown
        : R[K] | null
      : unknown
  : R | null;
type ArgType<D extends ModelDef, A, Arg> = Arg extends string ? PathValue<D, A, Arg> : ExprType<D, A, Arg>;
type NullUnlessDefault<T, O> = O extends { default: infer X } ? (X extends null | undefined ? T | null : T) : T | null;
type AggregateType<D extends ModelDef, A, Fn, Arg, O> = Fn extends "Count"
  ? number
  : Fn extends "StdDev" | "Variance"
    ? NullUnlessDefault<number, O>
    : unknown extends ArgType<D, A, Arg>
      ? unknown
      : Fn extends "Sum" | "Avg"
        ? NullUnlessDefault<NonNullable<ArgType<D, A, Arg>> extends string ? string : number, O>
        : NullUnlessDefault<NonNullable<ArgType<D, A, Arg>>, O>;
/** The types of an object of named expressions. */
type Resolved<D extends ModelDef, A, X> = { -readonly [K in keyof X]: ExprType<D, A, X[K]> };
/** Django's default alias of a positional aggregate: `Count("books")` is `books__count`. */
type DefaultAlias<E> = E extends Aggregate<infer Fn, infer Arg extends string, any> ? `${Arg}__${Lowercase<Fn>}` : never;
type Positional<D extends ModelDef, A, E> = { [K in DefaultAlias<E>]: ExprType<D, A, E> };
/** A row type with annotations added (instances and values() rows; valuesList rows are left alone). */
type WithAnnotations<R, X> = R extends readonly unknown[] ? R : R extends Date | Uint8Array ? R : R extends object ? R & X : R;

// ------------------------------------------------------------------ querysets

export interface BulkCreateOptions<D extends ModelDef = UntypedDef> {
  batchSize?: number;
  ignoreConflicts?: boolean;
  updateConflicts?: boolean;
  updateFields?: ReadonlyArray<FieldName<D>>;
  uniqueFields?: ReadonlyArray<FieldName<D>>;
}

/** Django's delete() counts: `[total, { "Book": 3, "Book_tags": 5 }]`. */
export type DeleteResult = [number, Record<string, number>];

/**
 * A lazy, immutable QuerySet: every chain method returns a new QuerySet;
 * terminal methods (prefixed `a`) return Promises. `M` is the model class
 * (`QuerySet<typeof Book>`), `R` the row type (an instance, a values() row,
 * a valuesList() tuple or a flat value), `A` the annotations so far.
 */

/** Django's RawQuerySet (`Model.objects.raw(sql, params)`): `for await`, `alist()`. Columns named as a field's column load it (the other fields are deferred); other columns become attributes. */
export declare class RawQuerySet<T> {
  readonly rawQuery: string;
  readonly params: unknown[];
  /** Run through this host or session (null: the Database's executor). */
  using(x: Using | null): RawQuerySet<T>;
  /** Every instance; extra columns are attributes (`obj["n"]`). */
  alist(): Promise<Array<T & Record<string, unknown>>>;
  [Symbol.asyncIterator](): AsyncIterator<T & Record<string, unknown>>;
}

export interface QuerySet<in out M extends AnyModelClass = ModelClass, out R = ModelInstance<M>, in out A = {}> extends QuerySetBase<M, R, A> {
  /** INSERT one row; required fields must be given. */
  acreate<V = {}>(values: CreateArg<DefOf<M>, V>): Promise<ModelInstance<M>>;
}

/** Everything a QuerySet has but acreate() (which a RelatedManager binds). */
export interface QuerySetBase<in out M extends AnyModelClass = ModelClass, out R = ModelInstance<M>, in out A = {}> extends AsyncIterable<R> {
  readonly model: M;

  // chain
  /**
   * Django's `using()`: run through a session of this Database
   * (`db.withSession()`) or a host (a D1 binding, an Executor); `null`: the
   * Database's own. Instances it loads save, delete and refresh through it.
   */
  using(x: Using | null): QuerySet<M, R, A>;
  /** Django's `raw(sql, params)`: `%s` placeholders (`%%` a literal `%`), params always bound; instances of this model. */
  raw(sql: string, params?: readonly unknown[]): RawQuerySet<Instance<DefOf<M>>>;
  all(): QuerySet<M, R, A>;
  /** Lookups objects, Q objects and boolean expressions, ANDed. */
  filter<X1 = {}, X2 = {}, X3 = {}, X4 = {}>(
    a?: FilterArg<DefOf<M>, A, X1>,
    b?: FilterArg<DefOf<M>, A, X2>,
    c?: FilterArg<DefOf<M>, A, X3>,
    d?: FilterArg<DefOf<M>, A, X4>,
    ...more: Array<Q<any> | Expression>
  ): QuerySet<M, R, A>;
  exclude<X1 = {}, X2 = {}, X3 = {}, X4 = {}>(
    a?: FilterArg<DefOf<M>, A, X1>,
    b?: FilterArg<DefOf<M>, A, X2>,
    c?: FilterArg<DefOf<M>, A, X3>,
    d?: FilterArg<DefOf<M>, A, X4>,
    ...more: Array<Q<any> | Expression>
  ): QuerySet<M, R, A>;
  /** Field names (`"-pages"`), expressions and `expr.asc()` / `expr.desc({ nullsLast: true })`. */
  orderBy(...fields: Array<OrderKey<DefOf<M>, A> | Expression | OrderBy>): QuerySet<M, R, A>;
  reverse(): QuerySet<M, R, A>;
  distinct(...fields: Array<PathKey<DefOf<M>, A>>): QuerySet<M, R, A>;
  /** Rows as plain objects: `values("title", "author__name")`; no fields: every field by attname, and the annotations. */
  values<const K extends ReadonlyArray<PathKey<DefOf<M>, A>>>(...fields: K): QuerySet<M, ValuesRow<DefOf<M>, A, K>, A>;
  /** `values("id", { lower: Lower("name") })`: Django's `values(*fields, **expressions)`. */
  values<const K extends ReadonlyArray<PathKey<DefOf<M>, A>>, const X extends Record<string, Expression>>(
    ...fieldsAndExpressions: [...fields: K, expressions: X]
  ): QuerySet<M, (K extends readonly [] ? {} : ValuesRow<DefOf<M>, A, K>) & Resolved<DefOf<M>, A, X>, A & Resolved<DefOf<M>, A, X>>;
  /** `valuesList("id", { flat: true })`: one value per row. */
  valuesList<const P extends PathKey<DefOf<M>, A>>(field: P, options: { flat: true }): QuerySet<M, PathValue<DefOf<M>, A, P>, A>;
  /** Django's `dates()`: the distinct `"YYYY-MM-DD"` dates of a DateField or DateTimeField, truncated to `kind`. */
  dates(field: PathKey<DefOf<M>, A>, kind: "year" | "month" | "week" | "day", options?: { order?: "ASC" | "DESC" }): QuerySet<M, string, A>;
  /** Django's `datetimes()`: the distinct `Date`s of a DateTimeField, truncated to `kind`. */
  datetimes(
    field: PathKey<DefOf<M>, A>,
    kind: "year" | "month" | "week" | "day" | "hour" | "minute" | "second",
    options?: { order?: "ASC" | "DESC" },
  ): QuerySet<M, Date, A>;
  /** Rows as arrays, in the order of `fields`. */
  valuesList<const K extends ReadonlyArray<PathKey<DefOf<M>, A>>>(...fields: K): QuerySet<M, ListRow<DefOf<M>, A, K>, A>;
  valuesList<const K extends ReadonlyArray<PathKey<DefOf<M>, A>>>(
    ...fieldsAndOptions: [...fields: K, options: { flat?: false; named?: false }]
  ): QuerySet<M, ListRow<DefOf<M>, A, K>, A>;
  /** `valuesList("id", "title", { named: true })`: rows as objects keyed by the field names, in order (Django's `Row`). */
  valuesList<const K extends ReadonlyArray<PathKey<DefOf<M>, A>>>(
    ...fieldsAndOptions: [...fields: K, options: { named: true; flat?: false }]
  ): QuerySet<M, ValuesRow<DefOf<M>, A, K>, A>;
  /** `annotate({ n: Count("books") })`; a positional aggregate is named as Django names it (`books__count`). */
  annotate<const X extends Record<string, Expression>>(annotations: X): QuerySet<M, WithAnnotations<R, Resolved<DefOf<M>, A, X>>, A & Resolved<DefOf<M>, A, X>>;
  annotate<const E extends Aggregate<any, string, any>>(aggregate: E): QuerySet<M, WithAnnotations<R, Positional<DefOf<M>, A, E>>, A & Positional<DefOf<M>, A, E>>;
  /** Like annotate(), usable in filter/orderBy but not selected. */
  alias<const X extends Record<string, Expression>>(aliases: X): QuerySet<M, R, A & Resolved<DefOf<M>, A, X>>;
  /** Follows forward relations in the same query. */
  selectRelated(...paths: Array<PathKey<DefOf<M>, A>>): QuerySet<M, R, A>;
  /** Loads relations (to-many included) with one extra query per level. */
  prefetchRelated(...paths: Array<PathKey<DefOf<M>, A>>): QuerySet<M, R, A>;
  /** Load only these fields (and the pk; `author__name` restricts a selectRelated model). Reading another field of a result throws. */
  only(...fields: Array<PathKey<DefOf<M>, A>>): QuerySet<M, R, A>;
  /** Leave these fields out of the SELECT (they accumulate); `defer(null)` clears every deferral. */
  defer(clear: null): QuerySet<M, R, A>;
  defer(...fields: Array<PathKey<DefOf<M>, A>>): QuerySet<M, R, A>;
  /** Django's `qs[start:end]`. */
  slice(start: number, end?: number | null): QuerySet<M, R, A>;
  none(): QuerySet<M, R, A>;
  /**
   * Django's `union()`: `UNION` (`UNION ALL` with `{ all: true }`). After a
   * combinator only slice, orderBy (selected columns), reverse, values,
   * valuesList, none and the read terminals (acount, aexists, alist, aget()
   * without filters, afirst, alast, aearliest, alatest) work; anything else
   * throws NotSupportedError. Ordered or sliced operands throw DatabaseError
   * (SQLite takes no ORDER BY / LIMIT in them): clear Meta.ordering with orderBy().
   */
  union(...others: Array<AnyQuerySet | { all?: boolean }>): QuerySet<M, R, A>;
  /** Django's `intersection()`: `INTERSECT`. */
  intersection(...others: AnyQuerySet[]): QuerySet<M, R, A>;
  /** Django's `difference()`: `EXCEPT`. */
  difference(...others: AnyQuerySet[]): QuerySet<M, R, A>;

  /** The SQL and parameters this QuerySet runs, without running it. */
  compile(): CompiledQuery;

  // terminal
  aget<X1 = {}, X2 = {}, X3 = {}, X4 = {}>(
    a?: FilterArg<DefOf<M>, A, X1>,
    b?: FilterArg<DefOf<M>, A, X2>,
    c?: FilterArg<DefOf<M>, A, X3>,
    d?: FilterArg<DefOf<M>, A, X4>,
    ...more: Array<Q<any> | Expression>
  ): Promise<R>;
  afirst(): Promise<R | null>;
  alast(): Promise<R | null>;
  acount(): Promise<number>;
  aexists(): Promise<boolean>;
  acontains(obj: ModelInstance<M>): Promise<boolean>;
  /** Every row, as an array. */
  alist(): Promise<R[]>;
  /** `aaggregate({ total: Sum("pages"), n: Coalesce(Max("pages"), 0) })`, or positional aggregates named as Django names them (`pages__sum`). */
  aaggregate<const X extends Record<string, Aggregate<any, any, any> | FuncExpression<any, any>>>(aggregates: X): Promise<Resolved<DefOf<M>, A, X>>;
  aaggregate<const E extends Aggregate<any, string, any>>(aggregate: E): Promise<Positional<DefOf<M>, A, E>>;
  aaggregate(...aggregates: Array<Aggregate<any, any, any> | Record<string, Aggregate<any, any, any>>>): Promise<Record<string, unknown>>;
  aearliest(...fields: Array<OrderKey<DefOf<M>, A>>): Promise<R>;
  alatest(...fields: Array<OrderKey<DefOf<M>, A>>): Promise<R>;
  /** A Map from primary key (or `fieldName`) to instance. */
  ainBulk(ids?: ReadonlyArray<PkInput<DefOf<M>>> | null): Promise<Map<PkRead<DefOf<M>>, ModelInstance<M>>>;
  ainBulk<const K extends FieldName<DefOf<M>>>(
    ids: ReadonlyArray<unknown> | null | undefined,
    options: { fieldName: K },
  ): Promise<Map<PathValue<DefOf<M>, {}, K>, ModelInstance<M>>>;
  abulkCreate(
    objs: ReadonlyArray<ModelInstance<M> | CreateValues<DefOf<M>>>,
    options?: BulkCreateOptions<DefOf<M>>,
  ): Promise<Array<ModelInstance<M>>>;
  /** Django's bulk_update(): the rows matched; all batches run as one atomic batch where the host has `batch`. */
  abulkUpdate(
    objs: Iterable<ModelInstance<M>>,
    fields: ReadonlyArray<FieldName<DefOf<M>>>,
    options?: { batchSize?: number },
  ): Promise<number>;
  /** Resolves to `[obj, created]`; on create, the lookups without `__` and `defaults` are the values. */
  agetOrCreate<X = {}>(
    lookups?: FilterArg<DefOf<M>, A, X>,
    options?: { defaults?: DefaultValues<DefOf<M>> },
  ): Promise<[ModelInstance<M>, boolean]>;
  aupdateOrCreate<X = {}>(
    lookups?: FilterArg<DefOf<M>, A, X>,
    options?: { defaults?: DefaultValues<DefOf<M>>; createDefaults?: DefaultValues<DefOf<M>> },
  ): Promise<[ModelInstance<M>, boolean]>;
  /** UPDATE the matched rows; resolves to their number. */
  aupdate(values: UpdateValues<DefOf<M>>): Promise<number>;
  adelete(): Promise<DeleteResult>;
  /**
   * Django's `explain()` on SQLite: `EXPLAIN QUERY PLAN` rows as
   * "id parent notused detail" lines. SQLite has no formats and no options:
   * any `format` or other option throws ValueError.
   */
  aexplain(options?: { format?: string | null; [option: string]: unknown }): Promise<string>;
  /** Fetches rows chunk by chunk, caching nothing. */
  aiterator(options?: { chunkSize?: number }): AsyncGenerator<R, void, undefined>;
  [Symbol.asyncIterator](): AsyncIterator<R>;
}

/** `Model.objects`: a QuerySet of all rows, whose adelete() throws (use `objects.all().adelete()`, as in Django). */
export interface Manager<in out M extends AnyModelClass = ModelClass> extends QuerySet<M> {
  /** Not callable: Django's Manager has no delete() (it throws at run time). Use `Model.objects.all().adelete()`. */
  readonly adelete: never;
}

/** A reverse-FK or many-to-many manager: a QuerySet bound to the instance, with methods that change the relation. */
export interface RelatedManager<in out M extends AnyModelClass = ModelClass> extends QuerySetBase<M> {
  aadd(...objs: Array<ModelInstance<M> | PkInput<DefOf<M>>>): Promise<void>;
  aremove(...objs: Array<ModelInstance<M> | PkInput<DefOf<M>>>): Promise<void>;
  aclear(): Promise<void>;
  /** Makes the relation hold exactly `objs` (`clear: true` empties it first). */
  aset(objs: ReadonlyArray<ModelInstance<M> | PkInput<DefOf<M>>>, options?: { clear?: boolean }): Promise<void>;
  /** Creates an object and adds it to the relation. */
  acreate(values?: InitValues<DefOf<M>>): Promise<ModelInstance<M>>;
}

// ------------------------------------------------------------------ models

/**
 * The base class of every model class (`obj instanceof Model`), and the
 * type of an untyped model's instances: field values as properties.
 */
export class Model {
  constructor(values?: Record<string, unknown>);
  [field: string]: any;
  pk: any;
  /** `using`: the host to save through (the instance's own afterwards), as Django's save(using=). */
  asave(options?: { forceInsert?: boolean; using?: Using }): Promise<void>;
  adelete(options?: { using?: Using }): Promise<DeleteResult>;
  /** Reloads `fields` (deferred ones included), else every loaded field. */
  arefreshFromDb(options?: { fields?: ReadonlyArray<string>; fromQueryset?: AnyQuerySet; using?: Using }): Promise<void>;
  /** Django's `get_deferred_fields()`: attnames left out by only()/defer() and not loaded since. */
  getDeferredFields(): Set<string>;
  /** Loads a relation, caches it on the instance and resolves to it. */
  afetch(relation: string): Promise<any>;
  /** Field values by attname; deferred fields are left out. */
  toJSON(): Record<string, unknown>;
}

/** A model class, as returned by `db.model(...)`. */
export interface ModelClass<in out D extends ModelDef = UntypedDef> {
  new (values?: InitValues<D>): Instance<D>;
  readonly prototype: Instance<D>;
  readonly objects: Manager<ModelClass<D>>;
  readonly modelName: D["name"];
  readonly DoesNotExist: typeof DoesNotExist & { readonly modelName: D["name"] };
  readonly MultipleObjectsReturned: typeof MultipleObjectsReturned & { readonly modelName: D["name"] };
  /** Type-level only: the definition the types are inferred from. */
  readonly [MODEL]: D;
}

export interface ModelOptions<F extends FieldMap = FieldMap> {
  /** Table name; default: the model name lower-cased. */
  table?: string;
  /** Default ordering, as for orderBy(). */
  ordering?: string | ReadonlyArray<string>;
  /** Fields aearliest()/alatest() use when given none. */
  getLatestBy?: string | ReadonlyArray<string>;
  /** Django's Meta.indexes (for makemigrations): field names, "-name" for descending; unnamed ones are named as Django names them. */
  indexes?: ReadonlyArray<{ fields: ReadonlyArray<string>; name?: string }>;
  /** Django's Meta.constraints (for makemigrations): UniqueConstraint(fields, name). */
  constraints?: ReadonlyArray<{ fields: ReadonlyArray<string>; name: string }>;
}

/** Migration files as `npx quarry makemigrations` writes them: `[{ name, sql }]`, or `{ "path/0001_initial.sql": sql }` (a bundler's glob import). */
export type MigrationFiles = { name: string; sql: string }[] | Record<string, string>;

export interface MigrateOptions {
  migrations: MigrationFiles;
  /** The table recording what ran, as wrangler.toml's migrations_table; default "d1_migrations". */
  table?: string;
  /** The host to apply them on (the Database's own by default). */
  using?: Host;
}

export interface DatabaseOptions {
  /** "sqlite" (the default) or "postgres". */
  dialect?: "sqlite" | "postgres";
  /** The host's SQLite has REGEXP (regex lookups). Default: true for an Executor, false for D1 or no host. */
  regexp?: boolean;
  /** Bound parameters per statement (default 100, D1's limit). */
  maxParams?: number;
}

/** A host a query runs through: a D1 binding or an Executor. */
export type Host = D1Like | Executor;

/**
 * Resolves when Quarry's WebAssembly module is ready: at once under Node and
 * in Workers; in a browser once fetched. Queries wait for it on their own;
 * only synchronous calls made before it (compile(), new Model()) need it.
 */
export function ready(): Promise<void>;

export class Database {
  /**
   * A D1 binding (anything with prepare()), an Executor, or none: then each
   * query names its host with `using()` (a Worker's models defined once at
   * module scope, `Author.objects.using(env.DB)` per request).
   */
  constructor(host?: Host | null, options?: DatabaseOptions);
  /** The models defined on this database, by name. */
  readonly models: Map<string, AnyModelClass>;
  /** Defines a model; its class is typed from `fields` (see the top of this file). */
  model<N extends string, F extends FieldMap>(name: N, fields: F, options?: ModelOptions<F>): ModelClass<ModelDef<N, F>>;
  /** CREATE TABLE IF NOT EXISTS for every model, in dependency order (through `using` when given). */
  migrate(options?: { using?: Host }): Promise<void>;
  /** Applies the files not yet recorded in d1_migrations, as `wrangler d1 migrations apply` does; resolves to their names. */
  migrate(options: MigrateOptions): Promise<string[]>;
  /** The DDL migrate() runs. */
  schemaSql(): string;
  compile(qs: AnyQuerySet): CompiledQuery;
  /**
   * Records writes with `fn(tx)` and runs them all or nothing, as one batch
   * (D1's `batch()`); resolves to one result per write, in order. A host
   * without `batch` gets NotSupportedError; a failing statement rejects with
   * its typed error (IntegrityError naming the constraint) and writes nothing.
   * `using`: a session of this Database or a host, as `qs.using()` takes
   * (a Database without an executor: `{ using: env.DB }`).
   */
  atomic<R>(fn: AtomicCallback<R>, options?: { using?: Using }): Promise<AtomicResult[]>;
  /**
   * Opens a D1 session (`env.DB.withSession(constraintOrBookmark)`) on the
   * Database's binding, or on `using` (a Worker's env.DB when the models are
   * defined once without one); a host without sessions throws NotSupportedError.
   */
  withSession(constraintOrBookmark?: SessionConstraint, options?: { using?: D1Like }): Session;
}

// ------------------------------------------------------------------ errors

export class QuarryError extends Error {}
/** Unknown field or lookup, bad field use (Django's FieldError). */
export class FieldError extends QuarryError {}
/** A bad value (Django's ValueError). */
export class ValueError extends QuarryError {}
/** A value a field cannot hold (Django's ValidationError). */
export class ValidationError extends QuarryError {}
/** The backend cannot do this (Django's NotSupportedError). */
export class NotSupportedError extends QuarryError {}
/** The database cannot run the query: an ordered or sliced operand of union() and the other combinators. */
export class DatabaseError extends QuarryError {}
/** get() found nothing; each model has its own subclass, `Model.DoesNotExist`. */
export class DoesNotExist extends QuarryError {
  static readonly modelName?: string;
}
/** get() found several rows; each model has its own subclass. */
export class MultipleObjectsReturned extends QuarryError {
  static readonly modelName?: string;
}
/** A constraint failure reported by the host. */
export class IntegrityError extends QuarryError {}
/** Migration files that cannot be applied as given: two with one number, an edited quarry:state line. */
export class MigrationError extends QuarryError {}
/** The host failed; `cause` holds the host's own error. */
export class ExecutorError extends QuarryError {
  cause?: unknown;
}
/** Deletion blocked by an onDelete: "PROTECT" relation. */
export class ProtectedError extends QuarryError {}
/** Deletion blocked by an onDelete: "RESTRICT" relation. */
export class RestrictedError extends QuarryError {}
/** API misuse where Django raises TypeError: a real TypeError that is also `instanceof QuarryError`. */
export class QuarryTypeError extends TypeError {}

// ------------------------------------------------------------------ db.atomic and D1 sessions

/** One write's result, as the matching a-method's: see `Atomic`. */
export type AtomicResult = Model | Model[] | number | DeleteResult | undefined;

/** An instance of any model, typed or not (what `tx.save()` / `tx.delete()` take). */
type AnyInstance = Model | ModelInstance<any>;

/**
 * What `db.atomic(fn)` hands to `fn`. Each method records one write, in
 * order; nothing runs until `fn` returns. Then every write is compiled and
 * checked (a FieldError, a wrong value, a PROTECT refusal writes nothing)
 * and all run as one atomic batch. An object `create`/`bulkCreate`/`save`
 * returns has its primary key once the group has run, and can be used by
 * the writes after it (`tx.create(Book, { author: a })`).
 */
export interface Atomic {
  /** `Model.objects.acreate(values)`: the instance (its pk set when the group has run). */
  create<M extends AnyModelClass, V = {}>(model: M, values: CreateArg<DefOf<M>, V>): ModelInstance<M>;
  /** `Model.objects.abulkCreate(objs, options)`: the instances. */
  bulkCreate<M extends AnyModelClass>(
    model: M,
    objs: Iterable<ModelInstance<M> | CreateValues<DefOf<M>>>,
    options?: BulkCreateOptions<DefOf<M>>,
  ): Array<ModelInstance<M>>;
  /** `qs.aupdate(values)`: resolves to the rows matched. */
  update<M extends AnyModelClass>(qs: QuerySetBase<M, any, any>, values: UpdateValues<DefOf<M>>): void;
  /** `qs.adelete()` or `obj.adelete()`, cascades included: resolves to `[total, { Model: n }]`. */
  delete(target: QuerySetBase<any, any, any> | AnyInstance): void;
  /** `obj.asave()`: an UPDATE, else an INSERT, as Django's save(); resolves to undefined. */
  save(obj: AnyInstance): void;
  /** `qs.abulkUpdate(objs, fields, options)`: resolves to the rows matched. */
  bulkUpdate<M extends AnyModelClass>(
    qs: QuerySetBase<M, any, any>,
    objs: Iterable<ModelInstance<M>>,
    fields: ReadonlyArray<FieldName<DefOf<M>>>,
    options?: { batchSize?: number },
  ): void;
  /** `manager.aadd(...objs)` on a related manager (`book.tags`, `author.books`). */
  add<M extends AnyModelClass>(manager: RelatedManager<M>, ...objs: Array<ModelInstance<M> | PkInput<DefOf<M>>>): void;
  /** `manager.aremove(...objs)`. */
  remove<M extends AnyModelClass>(manager: RelatedManager<M>, ...objs: Array<ModelInstance<M> | PkInput<DefOf<M>>>): void;
  /** `manager.aset(objs, { clear })`. */
  set<M extends AnyModelClass>(manager: RelatedManager<M>, objs: ReadonlyArray<ModelInstance<M> | PkInput<DefOf<M>>>, options?: { clear?: boolean }): void;
  /** `manager.aclear()`. */
  clear(manager: RelatedManager<any>): void;
}

/**
 * The callback of `db.atomic()`: it records the writes synchronously. An
 * `async` function, or one returning a Promise, is a TypeError (and a type
 * error here).
 */
export type AtomicCallback<R = void> = (tx: Atomic) => R & (R extends PromiseLike<unknown> ? never : unknown);

/** What D1's `withSession()` takes: a constraint, or a bookmark from an earlier session. */
export type SessionConstraint = "first-primary" | "first-unconstrained" | (string & {});

/** A D1 session (`db.withSession(...)`): run queries through it with `qs.using(session)`. */
export class Session {
  private constructor();
  /** The Database it belongs to. */
  readonly db: Database;
  /** The session's latest bookmark (D1's `getBookmark()`), to hand to the next request; `null` before any query. */
  bookmark(): string | null;
  /** `db.atomic(fn)` inside the session. */
  atomic<R>(fn: AtomicCallback<R>): Promise<AtomicResult[]>;
}

/** What `using()` and the `{ using }` options take: a session of the Database, or a host. */
export type Using = Host | Session;
