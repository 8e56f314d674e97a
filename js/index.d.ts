// Typings for Quarry's public API (see /work/shared/API.md for the contract).
// Reasonable rather than exhaustive: lookups keep Django's double-underscore
// syntax, so filter arguments are typed as plain records.

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
}): Executor;

// ------------------------------------------------------------------ fields

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

export interface DecimalFieldOptions extends FieldOptions<string> {
  maxDigits?: number;
  decimalPlaces?: number;
}

export interface RelationOptions extends FieldOptions {
  relatedName?: string;
  onDelete?: OnDelete;
  through?: string | ModelClass;
}

/** A field definition, as returned by the `fields.*` factories. */
export interface Field {
  readonly kind: string;
}

export type ModelRef = string | ModelClass;

export const fields: {
  AutoField(options?: FieldOptions<number>): Field;
  BigAutoField(options?: FieldOptions<number | bigint>): Field;
  IntegerField(options?: FieldOptions<number>): Field;
  BigIntegerField(options?: FieldOptions<number | bigint>): Field;
  FloatField(options?: FieldOptions<number>): Field;
  DecimalField(options?: DecimalFieldOptions): Field;
  CharField(options?: FieldOptions<string>): Field;
  TextField(options?: FieldOptions<string>): Field;
  BooleanField(options?: FieldOptions<boolean>): Field;
  /** "YYYY-MM-DD" strings. */
  DateField(options?: FieldOptions<string>): Field;
  /** JS Dates, stored as ISO-8601 UTC text. */
  DateTimeField(options?: FieldOptions<Date>): Field;
  JSONField(options?: FieldOptions<unknown>): Field;
  UUIDField(options?: FieldOptions<string>): Field;
  BinaryField(options?: FieldOptions<Uint8Array>): Field;
  ForeignKey(to: ModelRef, options?: RelationOptions): Field;
  OneToOneField(to: ModelRef, options?: RelationOptions): Field;
  ManyToManyField(to: ModelRef, options?: RelationOptions): Field;
};

// ------------------------------------------------------------------ expressions

/** Anything usable where Django takes an expression. */
export interface Expression {
  add(other: unknown): Expression;
  sub(other: unknown): Expression;
  mul(other: unknown): Expression;
  div(other: unknown): Expression;
  mod(other: unknown): Expression;
}

export interface Aggregate extends Expression {}

/** Lookups: `{ name__istartswith: "a", author__age__gte: 30 }`. */
export type Lookups = Record<string, unknown>;

export interface Q {
  and(other: Q | Lookups): Q;
  or(other: Q | Lookups): Q;
  not(): Q;
}
export const Q: {
  (lookups?: Lookups, ...more: Array<Q | Lookups>): Q;
  not(q: Q | Lookups): Q;
};

export function F(name: string): Expression;
export function Value(value: unknown): Expression;
export function OuterRef(name: string): Expression;

export interface AggregateOptions {
  distinct?: boolean;
  filter?: Q | Lookups;
}
export function Count(expr: string | Expression, options?: AggregateOptions): Aggregate;
export function Sum(expr: string | Expression, options?: AggregateOptions): Aggregate;
export function Avg(expr: string | Expression, options?: AggregateOptions): Aggregate;
export function Min(expr: string | Expression, options?: AggregateOptions): Aggregate;
export function Max(expr: string | Expression, options?: AggregateOptions): Aggregate;

export interface When extends Expression {}
export function When(condition: Q | Lookups | Expression, options: { then: unknown }): When;
/** `default` / `then`: an expression, a field name (a string, as Django's `F`), or a plain value. */
export function Case(...args: Array<When | { default?: unknown; outputField?: Field }>): Expression;
export function Subquery(qs: QuerySet<any>): Expression;
export function Exists(qs: QuerySet<any>): Expression;

export type FilterArg = Lookups | Q | Expression;

// ------------------------------------------------------------------ querysets

export interface BulkCreateOptions {
  batchSize?: number;
  ignoreConflicts?: boolean;
  updateConflicts?: boolean;
  updateFields?: string[];
  uniqueFields?: string[];
}

/** Django's delete() counts: `[total, { "Book": 3, "Book_tags": 5 }]`. */
export type DeleteResult = [number, Record<string, number>];

/**
 * A lazy, immutable QuerySet: every chain method returns a new QuerySet;
 * terminal methods (prefixed `a`) return Promises. `T` is the row type: a
 * model instance, or a plain object after `values()`, or an array / scalar
 * after `valuesList()`.
 */
export interface QuerySet<T = Model> extends AsyncIterable<T> {
  readonly model: ModelClass;

  // chain
  /** Django's `using()`: run through `host`; instances it loads save, delete and refresh through it. */
  using(host: Host): QuerySet<T>;
  all(): QuerySet<T>;
  filter(...args: FilterArg[]): QuerySet<T>;
  exclude(...args: FilterArg[]): QuerySet<T>;
  orderBy(...fields: string[]): QuerySet<T>;
  reverse(): QuerySet<T>;
  distinct(...fields: string[]): QuerySet<T>;
  values(...fields: string[]): QuerySet<Record<string, unknown>>;
  valuesList(...fields: string[]): QuerySet<unknown[]>;
  valuesList(field: string, options: { flat: true }): QuerySet<unknown>;
  valuesList(...fieldsAndOptions: Array<string | { flat?: boolean; named?: boolean }>): QuerySet<unknown>;
  annotate(annotations: Record<string, Expression | unknown>): QuerySet<T>;
  alias(aliases: Record<string, Expression | unknown>): QuerySet<T>;
  selectRelated(...paths: string[]): QuerySet<T>;
  prefetchRelated(...paths: string[]): QuerySet<T>;
  /** Load only these fields (and the pk; `author__name` restricts a selectRelated model). Reading another field of a result throws. */
  only(...fields: string[]): QuerySet<T>;
  /** Leave these fields out of the SELECT (they accumulate); `defer(null)` clears every deferral. */
  defer(...fields: Array<string | null>): QuerySet<T>;
  /** Django's `qs[start:end]`. */
  slice(start: number, end?: number): QuerySet<T>;
  none(): QuerySet<T>;
  /**
   * Django's `union()`: `UNION` (`UNION ALL` with `{ all: true }`). After a
   * combinator only slice, orderBy (selected columns), reverse, values,
   * valuesList, none and the read terminals (acount, aexists, alist, aget()
   * without filters, afirst, alast, aearliest, alatest) work; anything else
   * throws NotSupportedError. Ordered or sliced operands throw DatabaseError
   * (SQLite takes no ORDER BY / LIMIT in them): clear Meta.ordering with orderBy().
   */
  union(other: QuerySet<any>, options?: { all?: boolean }): QuerySet<T>;
  union(...others: Array<QuerySet<any> | { all?: boolean }>): QuerySet<T>;
  /** Django's `intersection()`: `INTERSECT`. */
  intersection(...others: QuerySet<any>[]): QuerySet<T>;
  /** Django's `difference()`: `EXCEPT`. */
  difference(...others: QuerySet<any>[]): QuerySet<T>;

  /** The SQL and parameters this QuerySet runs, without running it. */
  compile(): CompiledQuery;

  // terminal
  aget(...args: FilterArg[]): Promise<T>;
  afirst(): Promise<T | null>;
  alast(): Promise<T | null>;
  acount(): Promise<number>;
  aexists(): Promise<boolean>;
  acontains(obj: Model): Promise<boolean>;
  alist(): Promise<T[]>;
  aaggregate(aggregates: Record<string, Aggregate | Expression>): Promise<Record<string, unknown>>;
  aearliest(...fields: string[]): Promise<T>;
  alatest(...fields: string[]): Promise<T>;
  ainBulk(ids?: unknown[], options?: { fieldName?: string }): Promise<Map<unknown, T>>;
  acreate(values: Record<string, unknown>): Promise<T>;
  abulkCreate(objs: Array<Model | Record<string, unknown>>, options?: BulkCreateOptions): Promise<T[]>;
  /** Django's bulk_update(): the rows matched; all batches run as one atomic batch where the host has `batch`. */
  abulkUpdate(objs: Iterable<T>, fields: string[], options?: { batchSize?: number }): Promise<number>;
  agetOrCreate(lookups: Lookups, options?: { defaults?: Record<string, unknown> }): Promise<[T, boolean]>;
  aupdateOrCreate(
    lookups: Lookups,
    options?: { defaults?: Record<string, unknown>; createDefaults?: Record<string, unknown> },
  ): Promise<[T, boolean]>;
  aupdate(values: Record<string, unknown>): Promise<number>;
  adelete(): Promise<DeleteResult>;
  /**
   * Django's `explain()` on SQLite: `EXPLAIN QUERY PLAN` rows as
   * "id parent notused detail" lines. SQLite has no formats and no options:
   * any `format` or other option throws ValueError.
   */
  aexplain(options?: { format?: string | null; [option: string]: unknown }): Promise<string>;
  /** Fetches rows chunk by chunk, caching nothing. */
  aiterator(options?: { chunkSize?: number }): AsyncGenerator<T, void, undefined>;
  [Symbol.asyncIterator](): AsyncIterator<T>;
}

/** A reverse-FK or many-to-many manager: a QuerySet with extra methods. */
export interface RelatedManager<T = Model> extends QuerySet<T> {
  aadd(...objs: Array<Model | unknown>): Promise<void>;
  aremove(...objs: Array<Model | unknown>): Promise<void>;
  aclear(): Promise<void>;
  aset(objs: Array<Model | unknown>): Promise<void>;
  acreate(values: Record<string, unknown>): Promise<T>;
}

// ------------------------------------------------------------------ models

/** A model instance: field values as properties. */
export interface Model {
  pk: unknown;
  [field: string]: any;
  /** `using`: the host to save through (the instance's own afterwards), as Django's save(using=). */
  asave(options?: { updateFields?: string[]; using?: Host }): Promise<void>;
  adelete(options?: { using?: Host }): Promise<DeleteResult>;
  /** Reloads `fields` (deferred ones included), else every loaded field. */
  arefreshFromDb(options?: { fields?: string[]; fromQueryset?: QuerySet<any>; using?: Host }): Promise<void>;
  /** Django's `get_deferred_fields()`: attnames left out by only()/defer() and not loaded since. */
  getDeferredFields(): Set<string>;
  /** Loads a relation, caches it on the instance and resolves to it. */
  afetch(relation: string): Promise<any>;
  /** Field values by attname; deferred fields are left out. */
  toJSON(): Record<string, unknown>;
}

/** A model class, as returned by `db.model(...)`. */
export interface ModelClass<T extends Model = Model> {
  new (values?: Record<string, unknown>): T;
  readonly objects: QuerySet<T>;
  readonly DoesNotExist: typeof DoesNotExist;
  readonly MultipleObjectsReturned: typeof MultipleObjectsReturned;
  readonly modelName?: string;
}

export interface ModelOptions {
  /** Table name; default: the model name lower-cased. */
  table?: string;
  /** Default ordering, as for orderBy(). */
  ordering?: string[];
  [option: string]: unknown;
}

export interface DatabaseOptions {
  /** "sqlite" (the default) or "postgres". */
  dialect?: "sqlite" | "postgres";
  /** The host's SQLite has REGEXP (regex lookups). Default: true for an Executor, false for D1 or no host. */
  regexp?: boolean;
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
  model<T extends Model = Model>(
    name: string,
    fields: Record<string, Field>,
    options?: ModelOptions,
  ): ModelClass<T>;
  /** CREATE TABLE IF NOT EXISTS for every model, in dependency order (through `using` when given). */
  migrate(options?: { using?: Host }): Promise<void>;
  /** The DDL migrate() runs. */
  schemaSql(): string;
  compile(qs: QuerySet<any>): CompiledQuery;
}

// ------------------------------------------------------------------ errors

export class QuarryError extends Error {}
export class FieldError extends QuarryError {}
/** The database cannot run the query: an ordered or sliced operand of union() and the other combinators. */
export class DatabaseError extends QuarryError {}
export class DoesNotExist extends QuarryError {}
export class MultipleObjectsReturned extends QuarryError {}
export class IntegrityError extends QuarryError {}
export class ExecutorError extends QuarryError {
  cause?: unknown;
}
