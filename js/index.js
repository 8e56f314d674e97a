// The public API (see API.md). Thin by design: every query is built, checked
// and compiled in Rust (pkg/quarry.js); this file wraps those handles in
// JavaScript classes, turns row arrays into instances with the per-column
// conversions the core hands back, and defines the model classes.
// The executors' glue is a section of it (one shipped module gzips 145
// bytes smaller than two); the error classes are a module of their own,
// which the lazily loaded migrations.js imports too (were they here,
// migrations.js would import this module back, and a bundler wraps modules
// in such a cycle in lazy-init closures that V8 parses twice: +2 ms of
// cold start in an esbuild bundle).

import { Core, setErrorFactory } from "../pkg/quarry.js";
import {
  QuarryError,
  QuarryTypeError,
  ValueError,
  NotSupportedError,
  DoesNotExist,
  ExecutorError,
  makeError,
  modelErrors,
  forModel,
} from "./errors.js";

export * from "./errors.js";

// ---- the wasm module ----------------------------------------------------------

let factorySet = false;
function ensureReady() {
  if (!factorySet) {
    setErrorFactory(makeError);
    factorySet = true;
  }
}

// Under Node and in Workers the entry instantiates the wasm synchronously
// before this module runs. A browser fetches it: browser.js hands the
// promise to __loading() (no top-level await, which default Vite builds
// refuse). Until it arrives, a Database records its models and defines them
// when it does, chain calls are checked when their query runs (the core
// reads the whole chain then), and every query waits for it; the few
// synchronous calls that need the core (compile(), new Model()) throw,
// naming `await ready()`.

/** The promise of the browser's wasm while it loads; its error if it failed. */
let loading = null;
let loadFailed = null;
const waiting = [];

/** @internal browser.js: the wasm module arrives with `promise`. */
export function __loading(promise) {
  loading = promise.then(
    () => {
      loading = null;
      for (const db of waiting.splice(0)) db._replay();
    },
    (e) => {
      loading = null;
      loadFailed = new QuarryError(`Quarry could not load quarry_bg.wasm: ${e?.message ?? e}`, { cause: e });
      for (const db of waiting.splice(0)) db._broken = loadFailed;
      throw loadFailed;
    },
  );
  loading.catch(() => {});
}

/**
 * Resolves when Quarry's WebAssembly module is ready: at once under Node and
 * in Workers; in a browser once it is fetched. Queries wait for it on their
 * own; only synchronous calls made before it (compile(), new Model()) need it.
 */
export function ready() {
  return loadFailed ? Promise.reject(loadFailed) : Promise.resolve(loading);
}

/** The core's asynchronous methods: while the wasm loads, they wait for it. */
const ASYNC = new Set(["update", "explain", "contains", "prefetch", "runBatch", "migrate", "atomic"]);

const stillLoading = () => new QuarryError("Quarry's WebAssembly module is still loading: await ready() before this call (queries wait on their own).");

/** A core that is not there yet (`resolve()` makes it): its queries wait for the wasm. */
function pendingCore(resolve) {
  return new Proxy(
    {},
    {
      get: (_, method) =>
        ASYNC.has(method)
          ? (...args) => ready().then(() => resolve()[method](...args))
          : (...args) => {
              if (loading) throw stillLoading();
              return resolve()[method](...args);
            },
    },
  );
}

// ---- fields ---------------------------------------------------------------

const field = (kind) => (options = {}) => Object.freeze({ kind, options });
const relation = (kind) => (to, options = {}) => Object.freeze({ kind, to, options });

/** Field constructors: `fields.CharField({ maxLength: 100 })`, `fields.ForeignKey("Author", {...})`. */
export const fields = Object.freeze({
  AutoField: field("AutoField"),
  BigAutoField: field("BigAutoField"),
  IntegerField: field("IntegerField"),
  BigIntegerField: field("BigIntegerField"),
  FloatField: field("FloatField"),
  DecimalField: field("DecimalField"),
  CharField: field("CharField"),
  TextField: field("TextField"),
  BooleanField: field("BooleanField"),
  DateField: field("DateField"),
  DateTimeField: field("DateTimeField"),
  JSONField: field("JSONField"),
  UUIDField: field("UUIDField"),
  BinaryField: field("BinaryField"),
  ForeignKey: relation("ForeignKey"),
  OneToOneField: relation("OneToOneField"),
  ManyToManyField: relation("ManyToManyField"),
});

// ---- Q, F, Value ------------------------------------------------------------

class QNode {
  constructor(connector, negated, children) {
    this.__quarry = "Q";
    this.connector = connector;
    this.negated = negated;
    this.children = children;
    Object.freeze(this);
  }
  #combine(other, connector) {
    // An object of lookups (as filter() takes) or a boolean expression is a Q of its own.
    other = Q(other ?? null, `Q.${connector.toLowerCase()}`);
    if (other.children.length === 0) return this;
    if (this.children.length === 0) return other;
    // As Django's Q.add: a chain of .or() (or .and()) stays one flat node,
    // and a Q of one lookup joins as that lookup (which decides how joins are promoted).
    const parts = (q) => ((q.connector === connector || q.children.length === 1) && !q.negated ? q.children : [q]);
    return new QNode(connector, false, [...parts(this), ...parts(other)]);
  }
  /** Django's `&`. */
  and(other) {
    return this.#combine(other, "AND");
  }
  /** Django's `|`. */
  or(other) {
    return this.#combine(other, "OR");
  }
  /** Django's `~`. */
  not() {
    return new QNode(this.connector, !this.negated, this.children);
  }
}

/** `Q({ name__startswith: "A" })`: lookups ANDed (sorted by key, as Django sorts kwargs). */
export function Q(lookups = {}, who = "Q") {
  if (lookups instanceof QNode) return lookups;
  // A boolean expression (`Q(Exists(qs))`) is one child, as in Django.
  if (lookups?.__quarry === "Exists") return new QNode("AND", false, [lookups]);
  // Anything else is refused: read as lookups, `Q(5)` or `Q(new Date())` has none and matches every row.
  if (!isLookups(lookups) || Object.getPrototypeOf(lookups) !== Object.prototype) {
    throw new QuarryTypeError(`${who}() takes a Q, an object of lookups or Exists(...).`);
  }
  const entries = Object.entries(lookups).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new QNode("AND", false, entries);
}
Q.not = (q) => Q(q).not();

class Expression {
  #op(op, other) {
    return new Combined(op, this, other);
  }
  add(x) { return this.#op("+", x); }
  sub(x) { return this.#op("-", x); }
  mul(x) { return this.#op("*", x); }
  div(x) { return this.#op("/", x); }
  mod(x) { return this.#op("%", x); }
  /** `F("rating").asc({ nullsFirst: true })`: an ordering for `orderBy()`. */
  asc(options) { return orderExpr(this, false, options); }
  /** `F("rating").desc({ nullsLast: true })`. */
  desc(options) { return orderExpr(this, true, options); }
}
const orderExpr = (expr, desc, o = {}) => Object.freeze({ __quarry: "OrderBy", expr, desc, nullsFirst: o.nullsFirst, nullsLast: o.nullsLast });
class FExpr extends Expression {
  constructor(name) {
    super();
    this.__quarry = "F";
    this.name = name;
  }
}
class ValueExpr extends Expression {
  constructor(value) {
    super();
    this.__quarry = "Value";
    this.value = value;
  }
}
class Combined extends Expression {
  constructor(op, lhs, rhs) {
    super();
    this.__quarry = "expr";
    this.op = op;
    this.lhs = lhs;
    this.rhs = rhs;
  }
}

class FuncExpr extends Expression {
  constructor(fn, args) {
    super();
    this.__quarry = "Func";
    this.fn = fn;
    this.args = args;
  }
}

class WindowExpr extends Expression {
  constructor(expr, opts) {
    super();
    this.__quarry = "Window";
    this.expr = expr;
    this.opts = opts;
  }
}

/** `F("pages").add(1)`: a reference to a field, with arithmetic. */
export const F = (name) => new FExpr(name);
/** `Value(x)`: a constant expression. */
export const Value = (value) => new ValueExpr(value);

// Aggregates (`Count("books", { distinct, filter, default })`), `Case`/`When`
// and `Subquery`/`Exists`/`OuterRef` are descriptors carrying their arguments;
// the core resolves them (a Subquery's QuerySet is read through its recorded chain).
const descriptor = (kind) => (...args) => Object.freeze({ __quarry: kind, args });
// Aggregates are expressions too (`Count("books").desc()` in a Window's orderBy).
class Aggregate extends Expression {
  constructor(kind, args) {
    super();
    this.__quarry = kind;
    this.args = args;
    Object.freeze(this);
  }
}
// An aggregate's `filter` and a When's condition hold their lookups' values
// from here on, as filter() does: Django prepares them when annotate()
// resolves the expression, so a change made after that reaches neither (one
// made between When() and annotate() reaches only Django's).
export const [Count, Sum, Avg, Min, Max, StdDev, Variance] = "Count Sum Avg Min Max StdDev Variance".split(" ").map((k) => (...args) => {
  if (args[1]?.filter) args[1] = { ...args[1], filter: holdCond(args[1].filter) };
  return new Aggregate(k, args);
});
export const Case = descriptor("Case");
export const When = (...args) => {
  if (args.length) args[0] = holdCond(args[0]);
  return Object.freeze({ __quarry: "When", args });
};
export const Subquery = descriptor("Subquery");
export const Exists = descriptor("Exists");
export const OuterRef = descriptor("OuterRef");

// Database functions (`Lower("name")`, `Round("x", { precision: 2 })`): the
// core checks the arguments and writes the SQL. A string names a field.
const func = (fn) => (...args) => new FuncExpr(fn, args);
/** `Cast(expr, fields.FloatField())`. */
export const Cast = (expr, field) => new FuncExpr("Cast", field === undefined ? [expr] : [expr, { outputField: field }]);
/** `ExpressionWrapper(expr, { outputField })`: `expr`, typed as `outputField`. */
export const ExpressionWrapper = (expr, opts) => new FuncExpr("ExpressionWrapper", [expr, { outputField: opts?.outputField }]);
export const [Coalesce, Greatest, Least, NullIf, Concat, Left, Right, Length, Lower, Upper, LPad, RPad, LTrim, RTrim, Trim, Ord, Chr, Repeat, Replace, Reverse, StrIndex, Substr,
  Abs, ACos, ASin, ATan, ATan2, Ceil, Cos, Cot, Degrees, Exp, Floor, Ln, Log, Mod, Pi, Power, Radians, Random, Round, Sign, Sin, Sqrt, Tan, Now,
  Extract, ExtractYear, ExtractIsoYear, ExtractQuarter, ExtractMonth, ExtractWeek, ExtractDay, ExtractWeekDay, ExtractIsoWeekDay, ExtractHour, ExtractMinute, ExtractSecond,
  Trunc, TruncYear, TruncQuarter, TruncMonth, TruncWeek, TruncDay, TruncDate, TruncTime, TruncHour, TruncMinute, TruncSecond] =
  ("Coalesce Greatest Least NullIf Concat Left Right Length Lower Upper LPad RPad LTrim RTrim Trim Ord Chr Repeat Replace Reverse StrIndex Substr " +
    "Abs ACos ASin ATan ATan2 Ceil Cos Cot Degrees Exp Floor Ln Log Mod Pi Power Radians Random Round Sign Sin Sqrt Tan Now Extract " +
    "ExtractYear ExtractIsoYear ExtractQuarter ExtractMonth ExtractWeek ExtractDay ExtractWeekDay ExtractIsoWeekDay ExtractHour ExtractMinute ExtractSecond " +
    "Trunc TruncYear TruncQuarter TruncMonth TruncWeek TruncDay TruncDate TruncTime TruncHour TruncMinute TruncSecond").split(" ").map(func);

/** `KT("data__owner__name")`: Django's KeyTextTransform of a JSONField's key. */
export const KT = (lookup) => new FuncExpr("KT", [lookup]);
/** `JSONObject({ name: "name", n: F("pages") })`: Django's JSON_OBJECT (keys bound, strings name fields). */
export const JSONObject = (fields = {}) => new FuncExpr("JSONObject", Object.entries(fields).flatMap(([k, v]) => [Value(k), v]));
// Windows: `Window(RowNumber(), { partitionBy, orderBy, frame: RowRange({ start: -1, end: 0 }) })`.
export const Window = (expr, opts) => new WindowExpr(expr, opts ?? {});
const range = (kind) => ({ start = null, end = null } = {}) => Object.freeze({ __quarry: kind, start, end });
export const RowRange = range("RowRange");
export const ValueRange = range("ValueRange");
export const [RowNumber, Rank, DenseRank, PercentRank, CumeDist, FirstValue, LastValue] =
  "RowNumber Rank DenseRank PercentRank CumeDist FirstValue LastValue".split(" ").map(func);
export const Ntile = (n = 1) => new FuncExpr("Ntile", [n]);
// The options object, or Django's positional forms: Lag(expr, 2, default), NthValue(expr, 2).
const options = (o, key) => (o !== null && typeof o === "object" && !o.__quarry ? o : { [key]: o });
const lagLead = (fn) => (expr, o, d2 = null) => {
  const { offset = 1, default: d = d2 } = options(o, "offset");
  return new FuncExpr(fn, d === null ? [expr, offset] : [expr, offset, d]);
};
export const Lag = lagLead("Lag");
export const Lead = lagLead("Lead");
export const NthValue = (expr, o) => {
  const { nth = 1 } = options(o, "nth");
  return new FuncExpr("NthValue", [expr, nth]);
};

const AGGREGATES = new Set(["Count", "Sum", "Avg", "Min", "Max", "StdDev", "Variance"]);

// ---- row conversion -----------------------------------------------------------

const dashedUuid = (h) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;

function isoDate(v) {
  let s = String(v);
  if (!/[zZ]|[+-]\d\d:?\d\d$/.test(s.slice(10))) s = s.replace(" ", "T") + "Z";
  return new Date(s.replace(" ", "T"));
}

/** Python's `Context(prec=15).create_decimal_from_float(v)` as a string:
 *  exact when the float has at most 15 significant digits, else 15 of them. */
function decimal15(v) {
  let k = 0;
  while (k < 60 && !Number.isInteger(v * 2 ** k)) k++;
  const exact = v.toFixed(k);
  return exact.replace(/^-?0*\.?0*/, "").replace(".", "").length <= 15 ? exact : v.toPrecision(15);
}

/** Django's read of a DecimalField column: `decimal15(v)` quantized to
 *  `places` with ROUND_HALF_EVEN (12.345 reads "12.34", as in Python). */
function quantize(v, places) {
  const s = decimal15(v);
  if (s.includes("e")) return v.toFixed(places);
  const neg = s[0] === "-";
  const [int, frac = ""] = (neg ? s.slice(1) : s).split(".");
  const digits = (int + frac.padEnd(places, "0").slice(0, places)).split("");
  const rest = frac.slice(places);
  if (rest[0] > "5" || (rest[0] === "5" && (/[1-9]/.test(rest.slice(1)) || digits.at(-1) % 2 === 1))) {
    let i = digits.length - 1;
    for (; i >= 0 && digits[i] === "9"; i--) digits[i] = "0";
    if (i < 0) digits.unshift("1");
    else digits[i] = String(Number(digits[i]) + 1);
  }
  const cut = digits.length - places;
  return (neg ? "-" : "") + (digits.slice(0, cut).join("").replace(/^0+(?=\d)/, "") || "0") + (places ? "." + digits.slice(cut).join("") : "");
}

function converter(code) {
  switch (code[0]) {
    case "b": return (v) => (v == null ? null : Boolean(v));
    case "t": return (v) => (v == null ? null : isoDate(v));
    // Django's JSONField.from_db_value: text is JSON, unless it is not (a key's string).
    case "j": return (v) => {
      if (typeof v !== "string") return v ?? null;
      try { return JSON.parse(v); } catch { return v; }
    };
    case "d": {
      const places = Number(code.slice(1));
      // "d" alone: Django's Decimal of a float result (15 significant digits).
      if (code.length === 1) return (v) => (v == null ? null : decimal15(Number(v)));
      return (v) => (v == null ? null : quantize(Number(v), places));
    }
    case "u": return (v) => (v == null ? null : String(v).length === 32 ? dashedUuid(String(v)) : String(v));
    case "x": return (v) => (v == null ? null : v instanceof Uint8Array ? v : Array.isArray(v) ? Uint8Array.from(v) : new Uint8Array(v));
    default: return null;
  }
}

function planFns(plan) {
  if (!plan._fns) plan._fns = plan.convs.map((c) => (c ? converter(c) : null));
  return plan._fns;
}

const cellsOf = (row) => (Array.isArray(row) ? row : Object.values(row));

/** A row's cells, at least `n` of them: fewer is a host that did not run the SQL it was given. */
function cellsAtLeast(row, n) {
  const cells = cellsOf(row);
  if (cells.length < n) {
    throw new ExecutorError(`The host answered a row of ${cells.length} column(s) where the query selects ${n}: its answer does not fit the SQL it was sent.`);
  }
  return cells;
}

function fill(obj, keys, fns, cells, start, end) {
  for (let i = start; i < end; i++) {
    const f = fns[i];
    obj[keys[i]] = f ? f(cells[i]) : cells[i];
  }
  return obj;
}

/** Rows (arrays) → instances / objects / arrays / scalars, per the core's plan. */
function hydrate(db, plan, rows) {
  const fns = planFns(plan);
  const keys = plan.keys;
  const out = new Array(rows.length);
  switch (plan.kind) {
    case "flat": {
      const f = fns[0];
      for (let r = 0; r < rows.length; r++) {
        const c = cellsAtLeast(rows[r], 1)[0];
        out[r] = f ? f(c) : c;
      }
      return out;
    }
    case "list":
      for (let r = 0; r < rows.length; r++) {
        const cells = cellsAtLeast(rows[r], keys.length);
        const a = new Array(keys.length);
        for (let i = 0; i < keys.length; i++) a[i] = fns[i] ? fns[i](cells[i]) : cells[i];
        out[r] = a;
      }
      return out;
    case "values":
      for (let r = 0; r < rows.length; r++) out[r] = fill({}, keys, fns, cellsAtLeast(rows[r], keys.length), 0, keys.length);
      return out;
    default: {
      const model = db.models.get(plan.model);
      const proto = deferredProto(model, plan.deferred);
      const base = plan.related.length ? plan.related[0].start : keys.length;
      for (const rel of plan.related) {
        rel._model ??= db.models.get(rel.model);
        rel._proto ??= deferredProto(rel._model, rel.deferred);
        rel._pk ??= keys.indexOf(rel._model._meta.pkAttname, rel.start);
      }
      for (let r = 0; r < rows.length; r++) {
        const cells = cellsAtLeast(rows[r], keys.length);
        const obj = fill(Object.create(proto), keys, fns, cells, 0, base);
        for (const rel of plan.related) {
          const child = cells[rel._pk] == null ? null : fill(Object.create(rel._proto), keys, fns, cells, rel.start, rel.end);
          let parent = obj;
          for (let i = 0; i < rel.path.length - 1 && parent; i++) parent = relCache(parent)[rel.path[i]];
          if (parent) relCache(parent)[rel.path[rel.path.length - 1]] = child;
        }
        out[r] = obj;
      }
      return out;
    }
  }
}

// only()/defer(): instances get a prototype per model and deferred set whose
// accessors throw on read (Django would query there: SynchronousOnlyOperation
// in async code) and make an own property on write. A field is deferred when
// it is not an own property (Django: not in __dict__).
function deferredProto(model, deferred) {
  if (!deferred?.length) return model.prototype;
  const protos = (model._deferredProtos ??= new Map());
  const key = deferred.join();
  let proto = protos.get(key);
  if (!proto) {
    proto = Object.create(model.prototype);
    for (const attname of deferred) {
      Object.defineProperty(proto, attname, {
        get() {
          throw new QuarryError(`${model.modelName}.${attname} is deferred (only()/defer()) and not loaded: await obj.arefreshFromDb({ fields: ["${attname}"] }) loads it.`);
        },
        set(value) {
          Object.defineProperty(this, attname, { value, writable: true, enumerable: true, configurable: true });
        },
      });
    }
    protos.set(key, proto);
  }
  return proto;
}

// Per-instance caches under symbols: invisible to JSON and Object.keys, and
// cheap to add while hydrating (no defineProperty per row).
const REL = Symbol("quarry.related");
const PREFETCHED = Symbol("quarry.prefetched");
/** The core an instance was loaded or saved through (Django's `_state.db`), when not its Database's own. */
const USING = Symbol("quarry.using");

/** Instances loaded through `core` (using()), with what they carry, remember it. */
function adopt(objs, core) {
  for (const o of objs) {
    if (o === null || typeof o !== "object" || o[USING] === core) continue;
    o[USING] = core;
    if (o[REL]) adopt(Object.values(o[REL]), core);
    if (o[PREFETCHED]) for (const list of Object.values(o[PREFETCHED])) adopt(list, core);
  }
}

/** `cls.objects`, run through `core` when given. */
const objectsOf = (cls, core) => (core ? new QuerySet(cls, cls.objects._n, core) : cls.objects);

function relCache(obj) {
  return (obj[REL] ??= Object.create(null));
}

function prefetchCache(obj) {
  return (obj[PREFETCHED] ??= Object.create(null));
}

// ---- the recorded chain -----------------------------------------------------------
//
// A QuerySet is plain data: the last chain call as a node
// `{ up, id, op, args, vals }` (see src/bindings/decode.rs), `up` leading back
// to the model's root node. Nothing lives in wasm per QuerySet. `id` is the
// chain's shape id: two chains with the same id differ only in their values
// (model, calls, names and value kinds are the same). A chain call whose shape
// is new is checked by the core once, so Django's errors come from the call
// that made the mistake; a known shape costs a Map lookup.

/** Terminal codes (src/chain.rs `Terminal::ALL`). */
const T = { ROWS: 0, COUNT: 1, EXISTS: 2, GET: 3, FIRST: 4, LAST: 5 };

/** Shape ids of one Database: (parent id, call key) → id, bounded. */
class Shapes {
  constructor(limit) {
    this.ids = new Map();
    this.next = 1;
    this.limit = limit;
  }
  find(parent, key) {
    return this.ids.get(parent + "\u0001" + key);
  }
  fresh() {
    return this.next++;
  }
  add(parent, key, id) {
    if (this.ids.size >= this.limit) this.ids.delete(this.ids.keys().next().value);
    this.ids.set(parent + "\u0001" + key, id);
  }
}

const EMPTY = Object.freeze([]);

// Shape keys: names are written with their length (injective whatever they
// contain), values as their kind only (see `fact`).
const name = (s) => (typeof s === "string" ? s.length + ":" + s : "?" + typeof s);
const names = (list) => list.map(name).join("");

/** The kind of a value, as far as it can change the SQL (src: `Input::fact`). */
function fact(v) {
  switch (typeof v) {
    case "string":
      return "s";
    case "number":
      return Number.isSafeInteger(v) ? "i" : Number.isFinite(v) ? "r" : "I";
    case "boolean":
      return v ? "t" : "f";
    case "bigint":
      return "g";
    case "undefined":
      return "z";
    case "object": {
      if (v === null) return "z";
      if (Array.isArray(v) || v instanceof Float64Array) {
        let s = "[";
        for (let i = 0; i < v.length; i++) s += fact(v[i]);
        return s + "]";
      }
      if (v.__quarry) return exprKey(v);
      if (v instanceof QuerySet) return "Q#" + v._n.id;
      if (v instanceof Date) return "d";
      if (v instanceof Uint8Array || v instanceof ArrayBuffer) return "x";
      if (v._quarryModel) return "m" + name(v._quarryModel) + fact(v.pk);
      return "o";
    }
    default:
      return "?";
  }
}

/** Key of a filter argument: a Q tree, a boolean expression, or an object of lookups. */
function qKey(q) {
  if (q instanceof QNode) {
    let s = (q.connector === "OR" ? "|" : "&") + (q.negated ? "!" : "") + "(";
    for (const c of q.children) s += (Array.isArray(c) ? name(c[0]) + "=" + fact(c[1]) : qKey(c)) + ",";
    return s + ")";
  }
  if (q?.__quarry) return exprKey(q);
  // Anything else but lookups is refused: arrays by the core (as filter(5) is), the rest by Q().
  if (q === null || typeof q !== "object" || Array.isArray(q)) return "?" + typeof q;
  return qKey(Q(q));
}

/** Key of an expression descriptor; plain values inside are kinds. */
function exprKey(e) {
  switch (e.__quarry) {
    case "F":
      return "F" + name(e.name);
    case "Value":
      return "V" + fact(e.value);
    case "expr":
      return "(" + fact(e.lhs) + e.op + fact(e.rhs) + ")";
    case "Q":
      return e instanceof QNode ? qKey(e) : "Q?";
    case "Subquery":
    case "Exists":
      return e.__quarry + "#" + (e.args[0]?._n?.id ?? "?");
    case "OrderBy":
      return (e.desc ? "-" : "+") + String(e.nullsFirst) + String(e.nullsLast) + exprKey(e.expr);
    case "Window": {
      // The frame's bounds are written into the SQL: part of the key.
      const { partitionBy: p, orderBy: o, frame: f } = e.opts;
      return "W(" + argKey(e.expr) + "|" + argKey(p) + "|" + argKey(o) + "|" + (f?.__quarry ?? fact(f)) + String(f?.start) + "," + String(f?.end) + ")";
    }
    case "Func": {
      let s = e.fn + "(";
      for (const a of e.args) s += argKey(a) + ",";
      return s + ")";
    }
    default: {
      // Aggregates, Case, When, OuterRef: the kind and each argument (a
      // frame has none: out of place, the core names it).
      let s = e.__quarry + "(";
      for (const a of e.args ?? EMPTY) s += argKey(a) + ",";
      return s + ")";
    }
  }
}

/** An argument of Count/Case/When/OuterRef: names are structure, options by key. */
function argKey(a) {
  if (typeof a === "string") return name(a);
  if (a === null || typeof a !== "object") return fact(a);
  if (a.__quarry || a instanceof QNode) return exprKey(a);
  // Options ({ distinct, filter, default, then, outputField }) or a When's lookups.
  let s = "{";
  for (const k of Object.keys(a).sort()) {
    const v = a[k];
    s += name(k) + "=" + (k === "filter" ? qKey(v) : k === "outputField" ? name(v?.kind) : k === "distinct" ? String(Boolean(v)) : argKey(v)) + ";";
  }
  return s + "}";
}

/** The values of a filter argument, in slot order (src/query/slots.rs). */
function qVals(q, out) {
  if (q instanceof QNode) {
    for (const c of q.children) {
      if (Array.isArray(c)) lookupVals(c[1], out);
      else qVals(c, out);
    }
  } else if (q?.__quarry) exprVals(q, out);
  else if (q !== null && typeof q === "object" && !Array.isArray(q)) qVals(Q(q), out);
  return out;
}

/** A lookup's value takes one slot; an expression's own values follow it
 * (those of each expression in an `in`/`range` list, in order). */
function lookupVals(v, out) {
  out.push(v);
  if (v !== null && typeof v === "object") {
    if (v.__quarry) exprVals(v, out);
    else if (Array.isArray(v)) for (const x of v) if (x !== null && typeof x === "object" && x.__quarry) exprVals(x, out);
  }
}

/** A value inside an expression: a plain value is a `Value()`. */
function valVals(v, out) {
  if (v !== null && typeof v === "object" && v.__quarry) exprVals(v, out);
  else out.push(v);
}

function exprVals(e, out) {
  switch (e.__quarry) {
    case "F":
    case "OuterRef":
    case "Subquery":
    case "Exists":
      return;
    case "Value":
      out.push(e.value);
      return;
    case "expr":
      valVals(e.lhs, out);
      valVals(e.rhs, out);
      return;
    case "Q":
      if (e instanceof QNode) qVals(e, out);
      return;
    case "OrderBy":
      exprVals(e.expr, out);
      return;
    case "Window":
      // The source, then each partitionBy and orderBy item (src/query/slots.rs).
      branchVals(e.expr, out);
      for (const k of ["partitionBy", "orderBy"]) [e.opts[k] ?? []].flat().forEach((v) => branchVals(v, out));
      return;
    case "Func":
      // As the core reads them: a string names a field, a last plain object is
      // the options (its `precision` a value), anything else a value.
      e.args.forEach((a, i) => {
        if (typeof a === "string") return;
        if (i === e.args.length - 1 && a !== null && typeof a === "object" && Object.getPrototypeOf(a) === Object.prototype && !a.__quarry) {
          if (a.precision !== undefined) branchVals(a.precision, out);
        } else valVals(a, out);
      });
      return;
    case "Case":
      for (const a of e.args) {
        if (a?.__quarry === "When") {
          const [cond, opts] = a.args;
          if (cond !== null && typeof cond === "object") qVals(cond, out);
          branchVals(opts?.then, out);
        } else if (a !== null && typeof a === "object" && a.default !== undefined) branchVals(a.default, out);
      }
      return;
    default: {
      // An aggregate: its expression, its filter, its default when given.
      const [arg, opts] = e.args ?? EMPTY;
      if (arg !== null && typeof arg === "object" && arg.__quarry) exprVals(arg, out);
      if (opts?.filter != null) qVals(opts.filter, out);
      if (opts?.default != null) out.push(opts.default);
    }
  }
}

/** A When's `then` or a Case's `default`: a string names a field. */
function branchVals(v, out) {
  if (typeof v !== "string") valVals(v, out);
}

/** All values of a chain, root first. A combinator starts the numbering
 *  again: its operands' values are their own (src/query/slots.rs). */
function chainVals(n) {
  const parts = [];
  for (; n && n.op !== "u"; n = n.up) if (n.vals.length) parts.push(n.vals);
  if (parts.length === 1) return parts[0];
  const out = [];
  for (let i = parts.length - 1; i >= 0; i--) for (const v of parts[i]) out.push(v);
  return out;
}

/** The values of `aupdate(values)`: the chain's, then each pair's in order. */
function updateVals(n, values) {
  const out = chainVals(n).slice();
  if (values !== null && typeof values === "object") {
    for (const k of Object.keys(values)) {
      // Django's Model.prepare_database_save.
      if (values[k] instanceof Model && values[k].pk == null) throw new ValueError(`Unsaved model instance ${pyRepr(values[k])} cannot be used in an ORM query.`);
      lookupVals(values[k], out);
    }
  }
  return out;
}

/** The shape id of `aupdate(values)` on `qs`: its chain, then the fields set and their kinds. */
function updateShape(qs, values) {
  let key = "U";
  if (values !== null && typeof values === "object") for (const k of Object.keys(values)) key += name(k) + "=" + fact(values[k]) + ";";
  else key += "?" + typeof values;
  const shapes = qs.model._db._shapes;
  let id = shapes.find(qs._n.id, key);
  if (id === undefined) shapes.add(qs._n.id, key, (id = shapes.fresh()));
  return id;
}

/** Key of `[name, expression or value]` pairs (values(), annotate()); their values go to `vals`. */
function pairsKey(pairs, vals) {
  let key = "";
  for (const [n, e] of pairs) {
    key += name(n) + "=" + (e?.__quarry ? exprKey(e) : fact(e)) + ";";
    if (e?.__quarry) exprVals(e, vals);
  }
  return key;
}

/** A slice mark no check could refuse. */
const sliceMark = (v) => v === null || (Number.isSafeInteger(v) && v >= 0);

/** Arguments copied at the call (Django evaluates them there). */
function snapshot(args) {
  return args.map((a) => {
    if (!isLookups(a)) return holdCond(a);
    const q = Q(a);
    for (const c of q.children) c[1] = held(c[1]); // its own pairs (Object.entries)
    return q;
  });
}

/**
 * A Q's lookups with their lists, Dates and model instances copied: Django
 * prepares a lookup's value when filter() is called (`In.get_prep_lookup`),
 * so changing the caller's list afterwards changes nothing. A list of
 * numbers is held as a Float64Array: it crosses into wasm in one copy, not
 * one call per number.
 */
function heldQ(q) {
  const cs = q.children;
  let children = null;
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i];
    let d = c;
    if (c instanceof QNode) d = heldQ(c);
    else if (Array.isArray(c)) {
      const v = held(c[1]);
      if (v !== c[1]) d = [c[0], v];
    }
    if (d !== c) (children ??= cs.slice())[i] = d;
  }
  return children ? new QNode(q.connector, q.negated, children) : q;
}
/** An object of lookups (`{ name__startswith: "A" }`): not a Q, an expression or a list. */
const isLookups = (a) => a !== null && typeof a === "object" && !Array.isArray(a) && !a.__quarry;
/** A condition (a Q, an object of lookups) with its values held as filter() holds them. */
const holdCond = (c) => (c instanceof QNode ? heldQ(c) : isLookups(c) ? Object.fromEntries(Object.entries(c).map(([k, v]) => [k, held(v)])) : c);
function held(v) {
  if (!Array.isArray(v)) return heldValue(v);
  // Every index (a hole is undefined, as Django's None: not a number).
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== "number") return v.map(heldValue);
  return new Float64Array(v);
}
// One level: a list's own lists stay the caller's (and a list nested
// thousands deep reaches the core, which names the depth). A model
// instance is its model and pk as they are now (Django reads the pk then).
const heldValue = (v) => (v instanceof Date ? new Date(+v) : v?._quarryModel ? pendingRef(v, v.pk) : v);

// ---- QuerySet -------------------------------------------------------------------

/** A lazy, immutable QuerySet: every chain method returns a new one. */
export class QuerySet {
  /** @internal `using`: the core of `qs.using(host)`, else undefined (the Database's). */
  constructor(model, node, using) {
    this.model = model;
    this._n = node;
    this._using = using;
  }

  /** @internal the core that runs this QuerySet. */
  get _core() {
    return this._using ?? this.model._db.core;
  }

  /**
   * Django's `using()`: this QuerySet run through a session of this Database
   * (`db.withSession()`), or a host (a D1 binding or an executor) instead of
   * the Database's own executor; `null`: the Database's own again. Instances
   * it loads save, delete and refresh through it too. In a Worker: models
   * defined once at module scope, `Author.objects.using(env.DB)` per request.
   */
  using(x) {
    return new QuerySet(this.model, this._n, this.model._db._coreOf(x));
  }
  /** Django's `raw(sql, params)`: a RawQuerySet of this model, through this QuerySet's executor. */
  raw(sql, params = []) {
    return new RawQuerySet(this.model, sql, params, this._using);
  }

  /** @internal a new QuerySet one chain call further, checked when its shape is new. */
  _op(op, args, key, vals = EMPTY) {
    const db = this.model._db;
    const up = this._n;
    const k = op + key;
    // The interned entry is the shape id, negated when the core asked for
    // its values to be checked on every call (a field could refuse them).
    const known = db._shapes.find(up.id, k);
    const n = { up, id: known === undefined ? 0 : Math.abs(known), op, args, vals };
    if (known === undefined) {
      n.id = db._shapes.fresh();
      // While the browser's wasm loads, the query checks the chain when it runs.
      if (db._core) db._shapes.add(up.id, k, db._core.check(n) ? n.id : -n.id);
      else if (db._broken) throw db._broken;
    } else if (vals.length && (known < 0 || (op === "s" && !vals.every(sliceMark)))) {
      db.core.check(n);
    }
    return new QuerySet(this.model, n, this._using);
  }

  /** @internal */
  _names(op, fieldNames) {
    return this._op(op, fieldNames, names(fieldNames));
  }

  all() { return new QuerySet(this.model, this._n, this._using); }
  filter(...args) { return this._q("f", args); }
  exclude(...args) { return this._q("x", args); }
  /** @internal filter ("f"), exclude ("x") or aget's filter ("G"): the arguments copied, keyed, their values in slot order. */
  _q(op, args) {
    args = snapshot(args);
    let key = "";
    const vals = [];
    for (const a of args) {
      key += qKey(a) + ";";
      qVals(a, vals);
    }
    return this._op(op, args, key, vals);
  }
  orderBy(...items) {
    let key = "";
    const vals = [];
    for (const f of items) {
      if (typeof f === "string") key += name(f);
      else {
        key += "<" + (f?.__quarry ? exprKey(f) : fact(f)) + ">";
        if (f?.__quarry) exprVals(f, vals);
      }
    }
    return this._op("o", items, key, vals);
  }
  reverse() { return this._op("r", EMPTY, ""); }
  distinct(...fieldNames) { return this._names("d", fieldNames); }
  /** `values("id", { lower: Lower("name") })`: Django's `values(*fields, **expressions)`. */
  values(...fieldNames) {
    const last = fieldNames[fieldNames.length - 1];
    if (last === null || typeof last !== "object" || last.__quarry || Array.isArray(last)) return this._names("v", fieldNames);
    const fields = fieldNames.slice(0, -1);
    const pairs = Object.entries(last);
    const vals = [];
    return this._op("v", [...fields, pairs], names(fields) + "{" + pairsKey(pairs, vals), vals);
  }
  valuesList(...args) {
    const last = args[args.length - 1];
    const opts = last !== null && typeof last === "object" ? args.pop() : {};
    const flat = Boolean(opts.flat);
    const named = Boolean(opts.named);
    return this._op("l", [args, flat, named], (named ? (flat ? "3" : "2") : flat ? "1" : "0") + names(args));
  }
  /** Django's `dates(field, kind, { order })`: distinct `"YYYY-MM-DD"` strings. */
  dates(field, kind, { order = "ASC" } = {}) { return this.#dates(field, kind, order, false); }
  /** Django's `datetimes(field, kind, { order })`: distinct `Date`s. */
  datetimes(field, kind, { order = "ASC" } = {}) { return this.#dates(field, kind, order, true); }
  #dates(field, kind, order, datetime) { return this._op("T", [field, kind, order, datetime], name(field) + name(kind) + name(order) + datetime); }
  slice(start, end) { return this._op("s", [start, end], fact(start) + fact(end), [start ?? null, end ?? null]); }
  none() { return this._op("n", EMPTY, ""); }
  selectRelated(...paths) { return this._names("S", paths); }
  prefetchRelated(...paths) { return this._names("P", paths); }
  /** `annotate({ numBooks: Count("books") })`, `annotate(Count("books"))` (named `books__count`). */
  annotate(...args) { return this.#annotate("a", namedExpressions(args, "annotate")); }
  /** Like annotate(), but usable only in filter/orderBy, not selected. */
  alias(...args) { return this.#annotate("A", namedExpressions(args, "alias")); }
  #annotate(op, pairs) {
    const vals = [];
    return this._op(op, pairs, pairsKey(pairs, vals), vals);
  }
  only(...fieldNames) { return this._names("O", fieldNames); }
  defer(...fieldNames) { return this._names("D", fieldNames); }
  /** `union(qs1, qs2, { all: true })`: the options object is optional and last. */
  union(...others) {
    const last = others[others.length - 1];
    const opts = last !== null && typeof last === "object" && !(last instanceof QuerySet) ? others.pop() : {};
    return this.#combine("union", others, Boolean(opts.all));
  }
  intersection(...others) { return this.#combine("intersection", others, false); }
  difference(...others) { return this.#combine("difference", others, false); }
  #combine(op, others, all) {
    let key = op + (all ? "+" : "");
    for (const o of others) {
      if (!(o instanceof QuerySet)) throw new QuarryTypeError(`${op}() takes QuerySets.`);
      key += "#" + o._n.id;
    }
    return this._op("u", [op, others, all], key);
  }

  /** `{ sql, params }` of the query, running nothing. */
  compile() {
    return this._core.compile(this._n, T.ROWS, chainVals(this._n));
  }

  /** @internal the row plan of this shape (cached per Database). */
  _plan() {
    const db = this.model._db;
    let plan = db._plans.get(this._n.id);
    if (!plan) {
      plan = db.core.plan(this._n, T.ROWS);
      if (db._plans.size >= 256) db._plans.delete(db._plans.keys().next().value);
      db._plans.set(this._n.id, plan);
    }
    return plan;
  }

  /**
   * @internal run a read terminal: rows, a count or a boolean. The core sends
   * the statement to the host synchronously and hands back the host's
   * Promise; it is awaited here (one await, no wasm-side future), and the
   * core reads what it resolved to.
   */
  async _run(term) {
    // While the browser's wasm loads, wait for it (then a pending core delegates).
    if (loading) await ready();
    const core = this._core;
    const n = this._n;
    const vals = chainVals(n);
    const sent = core.send(n, term, vals);
    let res = null;
    if (sent !== null) {
      try {
        res = await sent;
      } catch (e) {
        throw core.failure(e, n, term, vals);
      }
    }
    return core.answer(term, res, sent !== null, term === T.GET ? this.model.modelName : undefined);
  }

  /** @internal rows → results, then prefetches. */
  async _load(rows) {
    const db = this.model._db;
    const plan = this._plan();
    const items = hydrate(db, plan, rows);
    if (plan.prefetch.length && plan.kind === "model") await prefetch(db, this.model, items, plan.prefetch, this._core);
    if (this._using && plan.kind === "model") adopt(items, this._using);
    return items;
  }

  /** Every result, as an array. */
  async alist() {
    return this._load(await this._run(T.ROWS));
  }

  [Symbol.asyncIterator]() {
    return iterate(this);
  }

  /** Fetches `chunkSize` rows at a time and caches nothing. */
  async *aiterator({ chunkSize = 2000 } = {}) {
    if (!(Number.isInteger(chunkSize) && chunkSize > 0)) throw new ValueError("Chunk size must be strictly positive.");
    for (let offset = 0; ; offset += chunkSize) {
      const chunk = this._op("c", [offset, chunkSize], "", [offset, offset + chunkSize]);
      const rows = await chunk._run(T.ROWS);
      yield* await this._load(rows);
      if (rows.length < chunkSize) return;
    }
  }

  async aget(...args) {
    let rows;
    try {
      const qs = args.length ? this._q("G", args) : this;
      rows = await qs._run(T.GET);
    } catch (e) {
      throw forModel(e, this.model);
    }
    return (await this._load(rows))[0];
  }
  async acount() { return this._run(T.COUNT); }
  async aexists() { return this._run(T.EXISTS); }
  async afirst() {
    return (await this._load(await this._run(T.FIRST)))[0] ?? null;
  }
  async alast() {
    return (await this._load(await this._run(T.LAST)))[0] ?? null;
  }
  async aearliest(...fieldNames) { return this.#earliest(fieldNames, false); }
  async alatest(...fieldNames) { return this.#earliest(fieldNames, true); }
  async #earliest(fieldNames, latest) {
    let rows;
    try {
      rows = await this._op("e", [fieldNames, latest], (latest ? "1" : "0") + names(fieldNames))._run(T.GET);
    } catch (e) {
      throw forModel(e, this.model);
    }
    return (await this._load(rows))[0];
  }
  async acontains(obj) {
    if (obj == null || typeof obj !== "object" || !obj._quarryModel) throw new QuarryTypeError("'obj' must be a model instance.");
    return this._core.contains(this._n, obj._quarryModel, obj.pk);
  }
  async ainBulk(ids, { fieldName = "pk" } = {}) {
    if (loading) await ready();
    const plan = this._plan();
    if (plan.sliced) throw new QuarryTypeError("Cannot use 'limit' or 'offset' with in_bulk().");
    if (plan.kind !== "model") throw new QuarryTypeError("in_bulk() cannot be used with values() or values_list().");
    if (ids !== undefined && ids !== null && !Array.isArray(ids)) throw new QuarryTypeError("ainBulk() takes an array of values.");
    if (ids && ids.length === 0) return new Map();
    const qs = ids ? this.filter({ [`${fieldName}__in`]: ids }) : this;
    const meta = this.model._meta;
    const attname = fieldName === "pk" ? meta.pkAttname : meta.fields.find((f) => f.name === fieldName)?.attname ?? fieldName;
    const map = new Map();
    for (const obj of await qs.alist()) map.set(obj[attname], obj);
    return map;
  }
  async acreate(values = {}) {
    if (loading) await ready();
    const obj = new this.model(values);
    if (this._using) obj[USING] = this._using;
    await obj.asave({ forceInsert: true });
    return obj;
  }
  async agetOrCreate(lookups = {}, { defaults = {} } = {}) {
    try {
      return [await this.aget(lookups), false];
    } catch (e) {
      if (!(e instanceof DoesNotExist)) throw e;
    }
    const params = createParams(lookups, defaults);
    try {
      return [await this.acreate(params), true];
    } catch (e) {
      if (e?.name !== "IntegrityError") throw e;
      try {
        return [await this.aget(lookups), false];
      } catch {
        throw e;
      }
    }
  }
  async aupdateOrCreate(lookups = {}, { defaults = {}, createDefaults } = {}) {
    let obj;
    try {
      obj = await this.aget(lookups);
    } catch (e) {
      if (!(e instanceof DoesNotExist)) throw e;
      return [await this.acreate(createParams(lookups, createDefaults ?? defaults)), true];
    }
    for (const [k, v] of Object.entries(defaults ?? {})) obj[k] = typeof v === "function" ? v() : v;
    await obj.asave();
    return [obj, false];
  }
  async aupdate(values) { return this._core.update(this._n, values, updateVals(this._n, values), updateShape(this, values)); }
  async adelete() { return (await this._core.atomic([["d", this._n]], false))[0]; }
  /** `aaggregate({ total: Sum("pages") }, Count("id"))`: one object of results, as Django's aggregate(). */
  async aaggregate(...args) {
    const pairs = namedExpressions(args, "aggregate");
    let key = "";
    const vals = [];
    for (const [n, e] of pairs) {
      key += name(n) + "=" + exprKey(e) + ";";
      exprVals(e, vals);
    }
    const qs = this._op("g", pairs, key, vals);
    const rows = await qs._run(T.ROWS);
    // An empty QuerySet runs nothing: Django's defaults (Count 0, else None).
    if (!rows.length) return Object.fromEntries(pairs.map(([alias, agg]) => [alias, agg.args[1]?.default ?? (agg.__quarry === "Count" ? 0 : null)]));
    return hydrate(this.model._db, qs._plan(), rows)[0];
  }
  /** Django's `explain()`: SQLite's `EXPLAIN QUERY PLAN` rows, one line each. */
  async aexplain({ format = null, ...options } = {}) {
    return this._core.explain(this._n, format == null ? undefined : String(format), Object.keys(options));
  }
  async abulkCreate(objs, options = {}) {
    if (loading) await ready();
    const instances = objs.map((o) => (o instanceof this.model ? o : new this.model(o)));
    const [pks] = await this._core.atomic([["c", this.model.modelName, instances.map((o) => o._dbValues(undefined, false, undefined, "bulk_create")), options]], false);
    instances.forEach((o, i) => {
      if (pks[i] != null) o.pk = pks[i];
    });
    if (this._using) adopt(instances, this._using);
    return instances;
  }
  /** Django's bulk_update(): one CASE per field per batch, all batches atomic; resolves to the rows matched. */
  async abulkUpdate(objs, fields, options = {}) {
    if (loading) await ready();
    const unsaved = [];
    const values = [...objs].map((o) => {
      if (!(o instanceof this.model)) throw new QuarryTypeError(`abulkUpdate() takes ${this.model.modelName} instances.`);
      const u = [];
      unsaved.push(u);
      return o._dbValues(u);
    });
    const statements = this._core.compileBulkUpdate(this._n, values, unsaved, fields, options);
    if (!statements.length) return 0;
    return (await this._core.runBatch(statements)).reduce((a, b) => a + b, 0);
  }
}

// Django's synchronous names, and array habits, on a QuerySet (a forgotten
// `await` or `alist()`): each throws naming the async form to use, as
// Django's SynchronousOnlyOperation does in async code. `names`: Django's
// names, whose async form is `a` + the name; `arrays`: Array methods.
function asyncOnly(proto, what, names, use, arrays = "") {
  for (const name of (names + arrays).split(" ")) {
    const fix = arrays.split(" ").includes(name) ? `for await (const obj of qs), or (await qs.alist()).${name}(...)` : `await ${use}.a${name}()`;
    Object.defineProperty(proto, name, {
      configurable: true,
      writable: true,
      value() {
        throw new QuarryTypeError(`${what}.${name}() does not exist: Quarry is async only. Use ${fix}.`);
      },
    });
  }
}
asyncOnly(
  QuerySet.prototype,
  "QuerySet",
  "get count first last exists contains create getOrCreate updateOrCreate update delete bulkCreate bulkUpdate inBulk earliest latest aggregate explain iterator",
  "qs",
  " map forEach reduce find some every",
);
Object.defineProperty(QuerySet.prototype, "length", {
  get() {
    throw new QuarryTypeError("QuerySet.length does not exist: Quarry is async only. Use await qs.acount().");
  },
});
QuerySet.prototype[Symbol.iterator] = () => {
  throw new QuarryTypeError("A QuerySet is not iterable: Quarry is async only. Use for await (const obj of qs), or await qs.alist().");
};

/** Positional aggregates get Django's default alias (`books__count`); objects map names to expressions. */
function namedExpressions(args, method) {
  const pairs = [];
  for (const a of args) {
    if (a && AGGREGATES.has(a.__quarry)) {
      if (typeof a.args[0] !== "string") throw new QuarryTypeError(`Complex ${method === "aggregate" ? "aggregates" : "annotations"} require an alias`);
      pairs.push([`${a.args[0]}__${a.__quarry.toLowerCase()}`, a]);
    } else if (a && typeof a === "object" && !a.__quarry) {
      for (const [name, expr] of Object.entries(a)) pairs.push([name, expr]);
    } else if (a && a.__quarry) {
      throw new QuarryTypeError(`Complex ${method === "aggregate" ? "aggregates" : "annotations"} require an alias`);
    } else {
      throw new QuarryTypeError(`QuerySet.${method}() received non-expression(s): ${String(a)}.`);
    }
  }
  return pairs;
}

function createParams(lookups, defaults) {
  const params = {};
  for (const [k, v] of Object.entries(lookups)) if (!k.includes("__")) params[k] = v;
  // Django's `defaults or {}`: null is none.
  for (const [k, v] of Object.entries(defaults ?? {})) params[k] = typeof v === "function" ? v() : v;
  return params;
}

/** `for await` over `qs.alist()`: the rows are fetched once, on the first `next()`. */
function iterate(qs) {
  let items = null;
  let i = 0;
  return {
    next: async () => {
      if (items === null) items = await qs.alist();
      return i < items.length ? { value: items[i++], done: false } : { value: undefined, done: true };
    },
    return: async () => {
      i = Infinity;
      return { value: undefined, done: true };
    },
  };
}

/**
 * Django's RawQuerySet: `Model.objects.raw(sql, params)`. Django's `%s`
 * placeholders (`%%` a literal `%`), params always bound. Rows become
 * instances: columns named as the model's fields' columns load them (the
 * others are deferred), other columns become attributes.
 */
export class RawQuerySet {
  constructor(model, sql, params, using) {
    if (typeof sql !== "string") throw new QuarryTypeError(`raw() takes the SQL as a string, got ${typeof sql}.`);
    if (!Array.isArray(params)) throw new QuarryTypeError("raw() takes its params as an array, one value per %s placeholder: raw(sql, [value, ...]).");
    this.model = model;
    this.rawQuery = sql;
    this.params = [...params];
    this._using = using;
  }
  /** Django's `using()`: run through this host or session (null: the Database's executor). */
  using(x) {
    return new RawQuerySet(this.model, this.rawQuery, this.params, this.model._db._coreOf(x));
  }
  /** Every instance, as an array. */
  async alist() {
    if (loading) await ready();
    const core = this._using ?? this.model._db.core;
    const sent = core.rawSend(this.rawQuery, this.params);
    let res;
    let failed;
    try {
      res = await sent;
    } catch (e) {
      res = e;
      failed = this.rawQuery;
    }
    const [plan, rows] = core.rawAnswer(this.model.modelName, res, failed);
    if (plan === null) return [];
    const pick = plan.pick;
    const picked = rows.map((row) => {
      const cells = cellsOf(row);
      return pick.map((i) => cells[i]);
    });
    const items = hydrate(this.model._db, plan, picked);
    if (this._using) adopt(items, this._using);
    return items;
  }
  [Symbol.asyncIterator]() {
    return iterate(this);
  }
  toString() {
    return `<RawQuerySet: ${this.rawQuery}>`;
  }
}

/** `Model.objects`: a QuerySet of all rows, without `adelete` (as Django's Manager). */
class Manager extends QuerySet {
  async adelete() {
    throw new QuarryTypeError("'Manager' object has no attribute 'adelete': use Model.objects.all().adelete().");
  }
}

/** @internal the list a manager was prefetched into, if any. */
const prefetched = (instance, accessor) => instance[PREFETCHED]?.[accessor];

function instancesOrPks(objs, what) {
  return objs.flat().map((o) => {
    if (o == null) throw new QuarryTypeError(`${what}() got a null or undefined object.`);
    return o;
  });
}

/**
 * A related manager: `author.books` (reverse foreign key) or `book.tags` /
 * `tag.books` (many-to-many). A QuerySet bound to the instance, plus the
 * methods that change the relation.
 */
class RelatedManager extends QuerySet {
  constructor(model, node, instance, accessor, info, using) {
    super(model, node, using);
    this._instance = instance;
    this._accessor = accessor;
    this._info = info;
  }
  /** @internal the bound object on the far side of the foreign key. */
  get _bind() {
    return { [this._info.farField]: this._instance };
  }
  /** @internal the related model's objects, through this manager's core. */
  get _objects() {
    return objectsOf(this.model, this._using);
  }
  /** Django: all() of a prefetched manager is served from the prefetch cache. */
  all() {
    return new RelatedManager(this.model, this._n, this._instance, this._accessor, this._info, this._using);
  }
  async alist() {
    const cached = prefetched(this._instance, this._accessor);
    return cached ? cached.slice() : super.alist();
  }
  async afirst() {
    const cached = prefetched(this._instance, this._accessor);
    return cached ? cached[0] ?? null : super.afirst();
  }
  async acount() {
    const cached = prefetched(this._instance, this._accessor);
    return cached ? cached.length : super.acount();
  }
  async aexists() {
    const cached = prefetched(this._instance, this._accessor);
    return cached ? cached.length > 0 : super.aexists();
  }
  async acreate(values = {}) {
    if (this._info.kind === "m2m") {
      const obj = await this._objects.acreate(values);
      await this.aadd(obj);
      return obj;
    }
    return super.acreate({ ...values, ...this._bind });
  }
  async agetOrCreate(lookups = {}, { defaults = {} } = {}) {
    if (this._info.kind === "m2m") {
      // Looked up inside the relation; a new object is created and linked.
      try {
        return [await this.aget(lookups), false];
      } catch (e) {
        if (!(e instanceof DoesNotExist)) throw e;
      }
      const obj = await this._objects.acreate(createParams(lookups, defaults));
      await this.aadd(obj);
      return [obj, true];
    }
    return super.agetOrCreate(lookups, { defaults: { ...defaults, ...this._bind } });
  }
  async aupdateOrCreate(lookups = {}, opts = {}) {
    if (this._info.kind === "m2m") {
      let obj;
      try {
        obj = await this.aget(lookups);
      } catch (e) {
        if (!(e instanceof DoesNotExist)) throw e;
        obj = await this._objects.acreate(createParams(lookups, opts.createDefaults ?? opts.defaults ?? {}));
        await this.aadd(obj);
        return [obj, true];
      }
      for (const [k, v] of Object.entries(opts.defaults ?? {})) obj[k] = typeof v === "function" ? v() : v;
      await obj.asave();
      return [obj, false];
    }
    const bind = (d) => (d ? { ...d, ...this._bind } : d);
    return super.aupdateOrCreate(lookups, { defaults: bind(opts.defaults ?? {}), createDefaults: bind(opts.createDefaults) });
  }
  async #m2m(op, objs) {
    delete this._instance[PREFETCHED]?.[this._accessor];
    await this._core.atomic([["m", this._instance.constructor.modelName, this._accessor, this._instance.pk, op, objs]], false);
  }
  /** Reverse-FK aremove/aclear exist only when the foreign key is nullable (Django). */
  #nullableOnly(name) {
    const fk = this.model._meta.fields.find((f) => f.name === this._info.farField);
    if (!fk?.null) {
      throw new QuarryTypeError(`'RelatedManager' object has no attribute '${name}': ${this.model.modelName}.${fk?.name} is not nullable.`);
    }
  }
  #instance(o) {
    if (!(o instanceof this.model)) throw new QuarryTypeError(`'${this.model.modelName}' instance expected, got ${String(o?._quarryModel ?? typeof o)}`);
  }
  #checkSaved(objs) {
    for (const o of objs) {
      this.#instance(o);
      if (o.pk == null) throw new ValueError(`${pyRepr(o)} instance isn't saved. Use bulk=False or save the object first.`);
    }
    return objs.map((o) => o.pk);
  }
  /**
   * @internal a reverse-FK change ("add", "remove", "set", "reset" (set with
   * clear), "clear") checked as Django checks it: its UPDATEs `[qs, values]`
   * and what to do to the objects once they ran.
   */
  _reversePlan(op, objs) {
    const fk = this.model._meta.fields.find((f) => f.name === this._info.farField);
    const unbind = { [fk.name]: null };
    const to = (v) => () => {
      for (const o of objs) o[fk.name] = v;
    };
    if (op === "clear" || op === "remove") this.#nullableOnly(`a${op}`);
    if (op === "clear") return { updates: [[this._objects.filter(this._bind), unbind]], after() {} };
    if (op === "remove") {
      // Django checks each object in turn; one without a pk removes nothing.
      const owner = this._instance;
      for (const o of objs) {
        this.#instance(o);
        if (o[fk.attname] !== owner.pk) {
          throw new this.model.DoesNotExist(`${pyRepr(o)} is not related to ${pyRepr(owner)}.`);
        }
      }
      const pks = objs.map((o) => o.pk).filter((pk) => pk != null);
      return { updates: [[this._objects.filter({ pk__in: pks, ...this._bind }), unbind]], after: to(null) };
    }
    const pks = this.#checkSaved(objs);
    const bind = pks.length ? [[this._objects.filter({ pk__in: pks }), this._bind]] : [];
    // A foreign key that is not nullable cannot let the old objects go: set() only adds, as in Django.
    if (op === "add" || !fk.null) return { updates: bind, after: to(this._instance) };
    const release = op === "reset" ? this._objects.filter(this._bind) : this._objects.filter(this._bind).exclude({ pk__in: pks });
    return { updates: [[release, unbind], ...bind], after: to(this._instance) };
  }
  /** Runs a reverse-FK change (one atomic batch). */
  async #reverse(op, objs) {
    const { updates, after } = this._reversePlan(op, objs);
    if (!updates.length) return;
    if (updates.length === 1) await updates[0][0].aupdate(updates[0][1]);
    else {
      const core = this._core;
      await core.runBatch(updates.map(([qs, values]) => core.compileUpdate(qs._n, values, updateVals(qs._n, values), updateShape(qs, values))));
    }
    after();
    delete this._instance[PREFETCHED]?.[this._accessor];
  }
  /** Adds objects to the relation (M2M: through rows; reverse FK: sets their foreign key). */
  async aadd(...objs) {
    objs = instancesOrPks(objs, "aadd");
    return this._info.kind === "m2m" ? this.#m2m("add", objs) : this.#reverse("add", objs);
  }
  /** Removes objects from the relation (reverse FK: only when the foreign key is nullable). */
  async aremove(...objs) {
    objs = instancesOrPks(objs, "aremove");
    return this._info.kind === "m2m" ? this.#m2m("remove", objs) : this.#reverse("remove", objs);
  }
  /** Empties the relation. */
  async aclear() {
    return this._info.kind === "m2m" ? this.#m2m("clear", []) : this.#reverse("clear", []);
  }
  /**
   * Makes the relation hold exactly `objs` (one atomic batch). On a reverse
   * foreign key that is not nullable the old objects cannot be let go, so,
   * as in Django, this only adds.
   */
  async aset(objs, { clear = false } = {}) {
    objs = instancesOrPks([objs], "aset");
    const op = clear ? "reset" : "set";
    return this._info.kind === "m2m" ? this.#m2m(op, objs) : this.#reverse(op, objs);
  }
}

asyncOnly(RelatedManager.prototype, "RelatedManager", "add remove clear set", "manager");

/** Loads `paths` for `items` (model instances): one query per level. */
async function prefetch(db, model, items, paths, core) {
  for (const path of paths) await prefetchLevel(db, model, items, path.split("__"), core);
}

async function prefetchLevel(db, model, items, [name, ...rest], core) {
  if (!items.length) return;
  const info = relationInfoOf(db, model, name);
  const target = db.models.get(info.target);
  const loaded = (o) => (info.many ? prefetched(o, name) !== undefined : o[REL] !== undefined && name in o[REL]);
  if (!items.every(loaded)) {
    const keys = [...new Set(items.map((o) => o[info.parentKey]).filter((k) => k != null))];
    const groups = new Map();
    if (keys.length) {
      const [rows, plan] = await core.prefetch(model.modelName, name, keys);
      const objs = hydrate(db, plan, rows);
      const at = plan.keyAt;
      for (let i = 0; i < rows.length; i++) {
        const key = cellsOf(rows[i])[at];
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key).push(objs[i]);
      }
    }
    for (const o of items) {
      const found = groups.get(o[info.parentKey]) ?? [];
      if (info.many) {
        prefetchCache(o)[name] = found;
      } else {
        relCache(o)[name] = found[0] ?? null;
      }
    }
  }
  if (rest.length) {
    const next = items.flatMap((o) => (info.many ? prefetched(o, name) : [o[REL][name]])).filter(Boolean);
    await prefetchLevel(db, target, next, rest, core);
  }
}

function relationInfoOf(db, model, name) {
  let cache = model._relInfo;
  if (!cache) cache = model._relInfo = new Map();
  let info = cache.get(name);
  if (!info) {
    info = db.core.relationInfo(model.modelName, name);
    cache.set(name, info);
  }
  return info;
}

// ---- models -----------------------------------------------------------------------

/** Base class of every model class `db.model()` returns. */
export class Model {
  constructor(values = {}) {
    const cls = this.constructor;
    // Not there while the browser's wasm loads (the core throws, naming ready()).
    const meta = cls._meta ?? cls._db.core.modelMeta(cls.modelName);
    const unexpected = Object.keys(values).filter((key) => !cls._keys.has(key));
    if (unexpected.length) {
      // Django's TypeError, then the names it takes (as FieldError lists them).
      const choices = [...new Set(meta.fields.filter((f) => f.kind !== "ManyToManyField").flatMap((f) => [f.name, f.attname]))].sort();
      throw new QuarryTypeError(`${meta.name}() got unexpected keyword arguments: ${unexpected.map((k) => `'${k}'`).join(", ")}. Choices are: ${choices.join(", ")}`);
    }
    for (const f of meta.fields) {
      if (f.kind === "ManyToManyField") {
        // Its accessor refuses the value with Django's TypeError.
        if (Object.hasOwn(values, f.name)) this[f.name] = values[f.name];
        continue;
      }
      // Own keys only: an inherited (Object.prototype) key is not a field value.
      if (f.primaryKey && Object.hasOwn(values, "pk")) this[f.attname] = values.pk;
      else if (Object.hasOwn(values, f.name)) this[f.name] = values[f.name];
      else if (Object.hasOwn(values, f.attname)) this[f.attname] = values[f.attname];
      else this[f.attname] = defaultFor(cls, f);
    }
  }

  get pk() {
    return this[this.constructor._meta.pkAttname];
  }
  set pk(v) {
    this[this.constructor._meta.pkAttname] = v;
  }

  /**
   * Field values by attribute name (`author_id`), for JSON. Deferred fields are
   * left out: reading them throws, and null would claim a value the row may not hold.
   */
  toJSON() {
    const out = {};
    for (const f of this.constructor._meta.fields) if (f.kind !== "ManyToManyField" && Object.hasOwn(this, f.attname)) out[f.attname] = this[f.attname];
    return out;
  }

  /** Django's `get_deferred_fields()`: the attnames left out by only()/defer() and not loaded since. */
  getDeferredFields() {
    const out = new Set();
    for (const f of this.constructor._meta.fields) if (f.kind !== "ManyToManyField" && !Object.hasOwn(this, f.attname)) out.add(f.attname);
    return out;
  }

  /** @internal values to write, by attribute name; relations holding an unsaved object throw (naming `op`, as Django), or go to `unsaved`; `loadedOnly` skips deferred fields. */
  _dbValues(unsaved, loadedOnly, pending, op = "save") {
    const cls = this.constructor;
    const out = {};
    for (const f of cls._meta.fields) {
      if (f.kind === "ManyToManyField" || (loadedOnly && !Object.hasOwn(this, f.attname))) continue;
      if (f.target) {
        const cached = this[REL]?.[f.name];
        // An object created earlier in the same db.atomic() group: its reserved key.
        const key = cached && pending?.get(cached);
        // (A relation loaded as null is no pending object: `key` is null then.)
        if (key != null) {
          out[f.attname] = pendingRef(cached, key);
          continue;
        }
        if (cached && cached.pk == null) {
          if (unsaved) {
            unsaved.push(f.name);
            continue;
          }
          throw new ValueError(`${op}() prohibited to prevent data loss due to unsaved related object '${f.name}'.`);
        }
        if (cached) this[f.attname] = cached.pk;
      }
      out[f.attname] = this[f.attname];
    }
    return out;
  }

  /** INSERT when new, else UPDATE (then INSERT if the row is gone), as Django's save(). */
  async asave({ forceInsert = false, using } = {}) {
    const cls = this.constructor;
    // Django's save(using=): the instance belongs to that database afterwards.
    if (using) this[USING] = cls._db._coreOf(using);
    const core = this[USING] ?? cls._db.core;
    if (forceInsert || this.pk == null) {
      const [[pk]] = await core.atomic([["c", cls.modelName, [this._dbValues()], {}]], false);
      // A primary key given stays as given (D1 reads one beyond 2^53 back rounded).
      if (this.pk == null) this.pk = pk;
      return;
    }
    // Django's save(): an instance loaded with deferred fields saves only its
    // loaded fields (update_fields), when it has any besides the primary key.
    const loadedOnly = this._loadedOnly();
    const [[pk]] = await core.atomic([["s", cls.modelName, this._dbValues(undefined, loadedOnly), this.pk, loadedOnly]], false);
    this.pk = pk;
  }

  /** @internal loaded with deferred fields, and some besides the pk: saved by an UPDATE of those alone. */
  _loadedOnly() {
    const fields = this.constructor._meta.fields;
    return this.getDeferredFields().size > 0 && fields.some((f) => !f.primaryKey && f.kind !== "ManyToManyField" && Object.hasOwn(this, f.attname));
  }

  /** Deletes the row (and cascades); resolves to Django's `[total, { Model: n }]`. */
  async adelete({ using } = {}) {
    const cls = this.constructor;
    if (this.pk == null) {
      throw new ValueError(`${cls.modelName} object can't be deleted because its ${cls._meta.pk} attribute is set to None.`);
    }
    const result = await objectsOf(cls, using ? cls._db._coreOf(using) : this[USING]).filter({ pk: this.pk }).adelete();
    this.pk = null;
    return result;
  }

  /** Django's refresh_from_db(): reloads `fields` (deferred ones too), else the loaded fields; drops their caches. */
  async arefreshFromDb({ fields, fromQueryset, using } = {}) {
    const meta = this.constructor._meta;
    const pre = this[PREFETCHED];
    if (fields) {
      // Prefetched relations named in fields are dropped, not reloaded.
      fields = new Set([...fields].filter((f) => !(pre && f in pre && delete pre[f])));
      if (!fields.size) return;
      if ([...fields].some((f) => String(f).includes("__"))) throw new ValueError('Found "__" in fields argument. Relations and transforms are not allowed in fields.');
    } else delete this[PREFETCHED];
    const concrete = meta.fields.filter((f) => f.kind !== "ManyToManyField");
    const deferred = this.getDeferredFields();
    const cls = this.constructor;
    let qs = (fromQueryset ?? objectsOf(cls, using ? cls._db._coreOf(using) : this[USING])).filter({ pk: this.pk });
    if (fields || deferred.size) qs = qs.only(...(fields ?? concrete.filter((f) => !deferred.has(f.attname)).map((f) => f.attname)));
    const fresh = await qs.aget();
    const notLoaded = fresh.getDeferredFields();
    const rel = this[REL];
    for (const f of concrete) {
      if (notLoaded.has(f.attname)) continue;
      this[f.attname] = fresh[f.attname];
      if (fresh[REL] && f.name in fresh[REL]) relCache(this)[f.name] = fresh[REL][f.name];
      else if (rel) delete rel[f.name];
    }
    for (const r of meta.reverse) if (rel && (!fields || fields.has(r.queryName) || fields.has(r.accessor))) delete rel[r.accessor];
  }

  /**
   * Loads a relation, caches it on the instance and resolves to it: the
   * related object (or null) for a foreign key or one-to-one, the list for
   * a reverse foreign key or many-to-many.
   */
  async afetch(name) {
    const cls = this.constructor;
    const db = cls._db;
    const info = relationInfoOf(db, cls, name);
    const target = db.models.get(info.target);
    if (info.many) {
      const list = await objectsOf(target, this[USING]).filter({ [info.kind === "m2m" ? info.farQueryName : info.farField]: this.pk }).alist();
      prefetchCache(this)[name] = list;
      return list;
    }
    const key = this[info.parentKey];
    let obj = null;
    if (key != null) {
      const objects = objectsOf(target, this[USING]);
      obj = info.kind === "forward" ? await objects.aget({ pk: key }) : await objects.filter({ [info.farField]: key }).afirst();
    }
    relCache(this)[name] = obj;
    return obj;
  }

  get _quarryModel() {
    return this.constructor.modelName;
  }
}

asyncOnly(Model.prototype, "Model", "save delete refreshFromDb", "obj");

function defaultFor(cls, f) {
  const def = cls._defs[f.name]?.options?.default;
  if (def !== undefined) return typeof def === "function" ? def() : def;
  if (!f.null && (f.kind === "CharField" || f.kind === "TextField")) return "";
  return null;
}

/** Python's repr() of a value, as Django's messages show it. */
function pyRepr(v) {
  if (typeof v === "string") return `'${v}'`;
  if (typeof v === "boolean") return v ? "True" : "False";
  if (v?._quarryModel) return `<${v._quarryModel}: ${v._quarryModel} object (${pyRepr(v.pk ?? null)})>`;
  return v === null ? "None" : typeof v === "object" ? JSON.stringify(v) : String(v);
}

function defineForwardRelation(cls, f) {
  Object.defineProperty(cls.prototype, f.name, {
    configurable: true,
    get() {
      const cache = this[REL];
      if (cache && f.name in cache) return cache[f.name];
      if (this[f.attname] == null) return null;
      throw new QuarryError(
        `${cls.modelName}.${f.name} is not loaded: add selectRelated("${f.name}") or prefetchRelated("${f.name}") to the QuerySet, or await obj.afetch("${f.name}") first.`,
      );
    },
    set(v) {
      if (v == null) {
        if (this[REL]) delete this[REL][f.name];
        this[f.attname] = v;
        return;
      }
      // Django's ForwardManyToOneDescriptor: an instance of the target or None (a pk goes to `author_id`).
      if (v._quarryModel !== f.target) throw new ValueError(`Cannot assign "${pyRepr(v)}": "${cls.modelName}.${f.name}" must be a "${f.target}" instance.`);
      relCache(this)[f.name] = v;
      this[f.attname] = v.pk;
    },
  });
}

function defineManagers(db, cls, meta = db.core.modelMeta(cls.modelName)) {
  cls._meta = meta;
  cls._relInfo = new Map();
  const accessors = meta.fields.filter((f) => f.kind === "ManyToManyField").map((f) => f.name);
  for (const r of meta.reverse) accessors.push(r.accessor);
  for (const accessor of accessors) {
    const kind = meta.reverse.find((r) => r.accessor === accessor)?.kind;
    const oneToOne = kind === "OneToOneField";
    Object.defineProperty(cls.prototype, accessor, {
      configurable: true,
      // Django's ReverseManyToOneDescriptor / ManyToManyDescriptor.__set__ (JS's own TypeError said only "has only a getter").
      set: oneToOne ? undefined : () => {
        throw new QuarryTypeError(`Direct assignment to the ${kind ? "reverse" : "forward"} side of a ${kind === "ForeignKey" ? "related" : "many-to-many"} set is prohibited. Use ${accessor}.aset() instead.`);
      },
      get() {
        if (oneToOne) {
          const cache = this[REL];
          if (cache && accessor in cache) return cache[accessor];
          throw new QuarryError(
            `${cls.modelName}.${accessor} is not loaded: add selectRelated or prefetchRelated("${accessor}") to the QuerySet, or await obj.afetch("${accessor}") first.`,
          );
        }
        const info = relationInfoOf(db, cls, accessor);
        if (this.pk == null) {
          const needs = `"${pyRepr(this)}" needs to have a value for field "${cls._meta.pk}" before this`;
          if (info.kind === "m2m") throw new ValueError(`${needs} many-to-many relationship can be used.`);
          return unsavedManager(`'${cls.modelName}' instance needs to have a primary key value before this relationship can be used.`, `${needs} relationship can be used.`);
        }
        const related = db.models.get(info.target);
        const qs = related.objects.filter({ [info.kind === "m2m" ? info.farQueryName : info.farField]: this.pk });
        return new RelatedManager(related, qs._n, this, accessor, info, this[USING]);
      },
    });
  }
}

const UNSAVED = Symbol("quarry.unsaved");
const CHANGES = new Set(["aadd", "aremove", "aclear", "aset", "acreate", "agetOrCreate", "aupdateOrCreate"]);

/**
 * `author.books` of an instance without a primary key, as Django's reverse
 * manager: querying it throws `query`, changing it (and tx.add() etc.) `change`.
 */
function unsavedManager(query, change) {
  return new Proxy(
    {},
    {
      get(_, k) {
        if (k === UNSAVED) return change;
        // Django's remove() of nothing returns before it checks.
        if (CHANGES.has(k)) return async (...objs) => (k === "aremove" && !objs.length ? undefined : Promise.reject(new ValueError(change)));
        if (typeof k === "symbol") return undefined;
        throw new ValueError(query);
      },
    },
  );
}

// ---- db.atomic and sessions ------------------------------------------------------

/** An instance created earlier in a db.atomic() group, as the core reads it: its reserved key. */
const pendingRef = (obj, key) => ({ _quarryModel: obj._quarryModel, pk: key });
/** Reserved keys: -(2^53) + 1 + (write << 24) + row (src/exec/atomic.rs `PENDING`). */
const PENDING = 1 - 2 ** 53;

/**
 * What `db.atomic(fn)` hands to `fn`: each method records one write, checked
 * and compiled with the others when `fn` returns, then all run as one batch.
 */
class Atomic {
  constructor(db, using) {
    this._db = db;
    /** The core of `using` (a session's, or one bound to a host); undefined: the Database's own. */
    this._using = using;
    /** The writes as the core reads them; per user's write, its result from all of theirs. */
    this._writes = [];
    this._results = [];
    /** Objects created in the group without a primary key yet → their reserved key. */
    this._pending = new Map();
    this._open = true;
  }
  /** Records `write`; `done` turns its result into the user's (none: a step of the next one). */
  #push(write, done) {
    this.#open();
    const i = this._writes.push(write) - 1;
    if (done) this._results.push((raw) => done(raw[i]));
  }
  /** A user's write whose result `f` makes without a write of its own. */
  #result(f) {
    this.#open();
    this._results.push(f);
  }
  #open() {
    if (!this._open) throw new QuarryTypeError("db.atomic(): this group was already sent; record its writes synchronously inside the callback.");
  }
  #model(model, what) {
    if (!(typeof model === "function" && model.prototype instanceof Model && model._db === this._db)) {
      throw new QuarryTypeError(`tx.${what}() takes a model class of this Database first.`);
    }
  }
  #qs(qs, what) {
    if (!(qs instanceof QuerySet && qs.model._db === this._db)) throw new QuarryTypeError(`tx.${what}() takes a QuerySet of this Database.`);
    this.#same(qs._using, what);
  }
  /**
   * A QuerySet, instance or manager bound to another executor (using()) than
   * the group's would say it writes elsewhere than it does; unbound ones
   * follow the group.
   */
  #same(core, what) {
    if (core && core !== this._using) {
      throw new QuarryTypeError(`tx.${what}(): this runs through another executor (using()) than the group: run the group through the same one, db.atomic(fn, { using }) or session.atomic(fn).`);
    }
  }
  /** Objects of this group without a primary key: reserved keys (write, row) for later writes. */
  #created(objs) {
    const w = PENDING + (this._writes.length - 1) * 2 ** 24;
    objs.forEach((o, r) => {
      if (o.pk == null) this._pending.set(o, w + r);
    });
  }
  /** A value to write: an object created earlier in the group as its reserved key. */
  #value(v) {
    const key = v !== null && typeof v === "object" ? this._pending.get(v) : undefined;
    return key === undefined ? v : pendingRef(v, key);
  }
  /** After the batch: `obj`'s new primary key, and its foreign keys to objects created before it. */
  #found(obj, pk) {
    if (obj.pk == null && pk != null) obj.pk = pk;
    for (const f of obj.constructor._meta.fields) {
      const related = f.target && obj[REL]?.[f.name];
      if (related?.pk != null) obj[f.attname] = related.pk;
    }
    if (this._using) obj[USING] = this._using;
    return obj;
  }
  /** `Model.objects.acreate(values)`: resolves to the instance (returned now, its pk set when the group has run). */
  create(model, values = {}) {
    this.#model(model, "create");
    const obj = new model(values);
    this.#insert(model, [obj], {}, ([o]) => o);
    return obj;
  }
  /** `Model.objects.abulkCreate(objs, options)`: resolves to the instances. */
  bulkCreate(model, objs, options = {}) {
    this.#model(model, "bulkCreate");
    const instances = [...objs].map((o) => (o instanceof model ? o : new model(o)));
    this.#insert(model, instances, options, (all) => all, "bulk_create");
    return instances;
  }
  /** INSERTs of `objs` (one model's); `done` gets them back with their primary keys. */
  #insert(model, objs, options, done, op) {
    const values = objs.map((o) => o._dbValues(undefined, false, this._pending, op));
    this.#push(["c", model.modelName, values, options], (pks) => done(objs.map((o, i) => this.#found(o, pks[i]))));
    if (!options.ignoreConflicts && !options.updateConflicts) this.#created(objs);
  }
  /** `qs.aupdate(values)`: resolves to the number of rows matched. */
  update(qs, values) {
    this.#update(qs, values, (n) => n);
  }
  #update(qs, values, done) {
    this.#qs(qs, "update");
    if (values !== null && typeof values === "object") values = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, this.#value(v)]));
    this.#push(["u", qs._n, values, updateVals(qs._n, values), updateShape(qs, values)], done);
  }
  /** `qs.adelete()` (or `obj.adelete()`): resolves to `[total, { Model: n }]`. */
  delete(qs) {
    let obj = null;
    if (qs instanceof Model) {
      const cls = (obj = qs).constructor;
      if (qs.pk == null) throw new ValueError(`${cls.modelName} object can't be deleted because its ${cls._meta.pk} attribute is set to None.`);
      qs = objectsOf(cls, qs[USING]).filter({ pk: qs.pk });
    }
    this.#qs(qs, "delete");
    if (qs instanceof Manager) throw new QuarryTypeError("'Manager' object has no attribute 'delete': use tx.delete(Model.objects.all()).");
    this.#push(["d", qs._n], (r) => r);
    // As Django's obj.delete() inside transaction.atomic(): the instance has no pk from here
    // on, so a later write of the group using it is refused as Django refuses it.
    if (obj) obj.pk = null;
  }
  /** `obj.asave()`: an UPDATE, else an INSERT, as Django's; resolves to undefined. */
  save(obj) {
    if (!(obj instanceof Model && obj.constructor._db === this._db)) throw new QuarryTypeError("tx.save() takes a model instance of this Database.");
    this.#same(obj[USING], "save");
    const cls = obj.constructor;
    if (obj.pk == null) return this.#insert(cls, [obj], {}, () => undefined);
    if (obj._loadedOnly()) {
      throw new NotSupportedError(
        `tx.save(): this ${cls.modelName} was loaded with only()/defer(), and Django saves it with an UPDATE that must match a row, which a batch cannot check. Load it whole, or use tx.update().`,
      );
    }
    this.#push(["s", cls.modelName, obj._dbValues(undefined, false, this._pending), obj.pk], () => void this.#found(obj));
  }
  /** `qs.abulkUpdate(objs, fields, options)`: resolves to the number of rows matched. */
  bulkUpdate(qs, objs, fields, options = {}) {
    this.#qs(qs, "bulkUpdate");
    const unsaved = [];
    const values = [...objs].map((o) => {
      if (!(o instanceof qs.model)) throw new QuarryTypeError(`tx.bulkUpdate() takes ${qs.model.modelName} instances.`);
      const u = [];
      unsaved.push(u);
      return o._dbValues(u, false, this._pending);
    });
    this.#push(["B", qs._n, values, unsaved, fields, options], (n) => n);
  }
  /** `manager.aadd(...objs)`. */
  add(manager, ...objs) {
    this.#related(manager, "add", instancesOrPks(objs, "add"));
  }
  /** `manager.aremove(...objs)`. */
  remove(manager, ...objs) {
    this.#related(manager, "remove", instancesOrPks(objs, "remove"));
  }
  /** `manager.aset(objs, { clear })`. */
  set(manager, objs, { clear = false } = {}) {
    this.#related(manager, clear ? "reset" : "set", instancesOrPks([objs], "set"));
  }
  /** `manager.aclear()`. */
  clear(manager) {
    this.#related(manager, "clear", []);
  }
  /** A related manager's change: M2M rows, or (reverse foreign key) UPDATEs as the a-methods run them. */
  #related(manager, op, objs) {
    if (manager?.[UNSAVED]) throw new ValueError(manager[UNSAVED]);
    if (!(manager instanceof RelatedManager && manager.model._db === this._db)) {
      throw new QuarryTypeError(`tx.${op === "reset" ? "set" : op}() takes a related manager (author.books, book.tags) of this Database first.`);
    }
    this.#same(manager._using, op === "reset" ? "set" : op);
    const forget = () => delete manager._instance[PREFETCHED]?.[manager._accessor];
    if (manager._info.kind === "m2m") {
      const owner = manager._instance;
      const targets = objs.map((o) => this.#value(o));
      this.#push(["m", owner.constructor.modelName, manager._accessor, owner.pk, op, targets], () => void forget());
      return;
    }
    // Reverse foreign key: the same checks and UPDATEs as aadd/aremove/aset/aclear.
    const plan = manager._reversePlan(op, objs);
    const done = () => {
      plan.after();
      forget();
    };
    plan.updates.forEach(([qs, values], i) => this.#update(qs, values, i === plan.updates.length - 1 && done));
    if (!plan.updates.length) this.#result(done);
  }
}

/** `db.atomic(fn)` / `session.atomic(fn)`: through core `using` when given (a session's, or one bound to a host), else the Database's own. */
async function atomic(db, fn, using) {
  if (typeof fn !== "function") throw new QuarryTypeError("db.atomic() takes a function: db.atomic((tx) => { tx.create(...); tx.update(...); }).");
  const rule = "db.atomic(fn): fn must not be async or return a Promise. It records the writes synchronously and they run as one batch when it returns: await db.atomic(...) itself, and read what the writes need before it.";
  if (/^Async/.test(fn[Symbol.toStringTag])) throw new QuarryTypeError(rule);
  const tx = new Atomic(db, using);
  let r;
  try {
    r = fn(tx);
  } finally {
    tx._open = false;
  }
  if (r !== null && typeof r === "object" && typeof r.then === "function") {
    r.then(undefined, () => {}); // its own rejection is reported as this TypeError
    throw new QuarryTypeError(rule);
  }
  const raw = tx._writes.length ? await (using ?? db.core).atomic(tx._writes, true) : [];
  return tx._results.map((f) => f(raw));
}

/**
 * A D1 session (`db.withSession(...)`): queries run through it with
 * `qs.using(session)`, and the instances they load write through it too.
 */
export class Session {
  constructor(db, raw) {
    this.db = db;
    /** @internal what the host's withSession() returned. */
    this._raw = raw;
    /** @internal a core over the Database's models (and caches) that runs through the session. */
    this.core = db._bind(raw, "db.withSession()");
  }
  /** The session's latest bookmark (D1's `getBookmark()`), for the next request. */
  bookmark() {
    return this._raw.getBookmark?.() ?? null;
  }
  /** `db.atomic(fn)` inside the session. */
  atomic(fn) {
    return atomic(this.db, fn, this.core);
  }
}

let databases = 0;

/** One database: the models defined on it and the executor that runs their SQL. */
export class Database {
  /**
   * @param executor a D1 binding, an object with `execute(sql, params)`, or null to only compile
   * @param options `{ dialect: "sqlite" | "postgres", regexp, maxParams }`
   */
  constructor(executor, options = {}) {
    /** @internal which Database a recorded chain belongs to. */
    this._token = ++databases;
    /** @internal the host, for migrate({ migrations }) and withSession(). */
    this._executor = executor;
    this.models = new Map();
    /** @internal shape ids of chains, and row plans by shape id (both bounded). */
    this._shapes = new Shapes(4096);
    this._plans = new Map();
    /** @internal the core, once the wasm is there; until then, model definitions to replay. */
    this._core = null;
    this._args = [executor, options];
    /** @internal cores bound to other executors (using()), by host object. */
    this._binds = new WeakMap();
    this._queue = [];
    if (loadFailed) this._broken = loadFailed;
    else if (loading) waiting.push(this);
    else this._start();
  }

  /** @internal the wasm core of this Database (while the browser's wasm loads, one that waits). */
  get core() {
    if (this._core) return this._core;
    if (this._broken) throw this._broken;
    return (this._pending ??= pendingCore(() => this.core));
  }

  /**
   * @internal the core `using(x)` names: a session's (of this Database),
   * undefined for null (the Database's own), else one bound to host `x`.
   */
  _coreOf(x) {
    if (x == null) return undefined;
    if (x instanceof Session) {
      if (x.db !== this) throw new QuarryTypeError("using() takes a session of this Database (db.withSession()); this one belongs to another Database.");
      return x.core;
    }
    return this._bind(x);
  }

  /** @internal the core running this Database's queries through `host` (one per host object); `call` names the call in its errors. */
  _bind(host, call) {
    if (host === null || typeof host !== "object") {
      throw new QuarryTypeError(
        `using() takes a D1 binding (env.DB) or an object with execute(sql, params), a session of this Database (db.withSession()), or null; got ${typeof host}.`,
      );
    }
    let core = this._binds.get(host);
    if (!core) {
      if (!this._core) return this._broken ? this.core : pendingCore(() => this._bind(host, call));
      core = this._core.bind(host, call);
      this._binds.set(host, core);
    }
    return core;
  }

  /** @internal make the core and define the models recorded while the wasm loaded. */
  _start() {
    const [executor, options] = this._args;
    ensureReady();
    // checkPlans (tests): every cached plan is re-checked against a full compile.
    const checkPlans = options.checkPlans ?? globalThis.process?.env?.QUARRY_CHECK_PLANS === "1";
    this._core = new Core(executor ?? null, { ...options, checkPlans, db: this._token });
  }

  /** @internal the wasm arrived: make the core, define the models recorded meanwhile. */
  _replay() {
    try {
      this._start();
      for (const define of this._queue.splice(0)) define();
    } catch (e) {
      // Every later use of this Database throws what failed.
      this._core = null;
      this._broken = e;
    }
  }

  /** Define a model; returns its class (`Author.objects`, `new Author({...})`). */
  model(name, fieldDefs, options = {}) {
    if (typeof name !== "string") throw new QuarryTypeError(`db.model() needs the model name as a string, got ${typeof name}.`);
    if (fieldDefs === null || typeof fieldDefs !== "object") throw new QuarryTypeError("db.model() needs an object of fields as its second argument.");
    const cls = { [name]: class extends Model {} }[name];
    cls._db = this;
    cls._defs = fieldDefs;
    cls.modelName = name;
    Object.assign(cls, modelErrors(name));
    cls.objects = new Manager(cls, { up: null, id: this._shapes.fresh(), op: "M", args: name, db: this._token, vals: EMPTY });
    const define = () => this._define(cls, Object.entries(fieldDefs), options);
    if (this._core) define();
    else if (this._broken) throw this._broken;
    else this._queue.push(define);
    return cls;
  }

  /** @internal define `cls` in the core. */
  _define(cls, entries, options) {
    const name = cls.modelName;
    const meta = this._core.defineModel(name, entries, options);
    cls._meta = meta;
    cls._keys = new Set(meta.fields.flatMap((f) => [f.name, f.attname]).concat(["pk"]));
    for (const f of meta.fields) if (f.target && f.kind !== "ManyToManyField") defineForwardRelation(cls, f);
    this.models.set(name, cls);
    // Reverse accessors change on this model and on the models it points at.
    defineManagers(this, cls, meta);
    for (const t of new Set(meta.fields.map((f) => f.target))) {
      const target = t !== undefined && t !== name ? this.models.get(t) : undefined;
      if (target) defineManagers(this, target);
    }
  }

  /** `{ sql, params }` of a QuerySet. */
  compile(qs) {
    return qs.compile();
  }

  /** The DDL `migrate()` runs. */
  schemaSql() {
    return this.core.schemaSql();
  }

  /**
   * Without `migrations`: creates every table and index that does not exist
   * yet. With `{ migrations }` (the files of `npx quarry makemigrations`):
   * applies those not yet recorded in d1_migrations, as `wrangler d1
   * migrations apply` does; resolves to their names. Through `using`, when given.
   */
  async migrate(options) {
    // A session runs them as its host would.
    if (options?.using instanceof Session) options = { ...options, using: options.using._raw };
    const quick = options === undefined || (options !== null && typeof options === "object" && "using" in options && Object.keys(options).length === 1);
    if (quick) return void (await (options?.using ? this._bind(options.using) : this.core).migrate());
    // Loaded on first use: most programs never apply migration files.
    const { applyMigrations } = await import("./migrations.js");
    return applyMigrations(this, options);
  }

  /**
   * Records writes with `fn(tx)` (synchronously) and runs them all or
   * nothing as one batch; resolves to one result per write. `using`: a
   * session of this Database or a host (as `qs.using()`), for a Database
   * whose executor comes per request.
   */
  atomic(fn, { using } = {}) {
    return atomic(this, fn, this._coreOf(using));
  }

  /**
   * A D1 session: `"first-primary"`, `"first-unconstrained"` or a bookmark
   * (D1's `withSession()`), of the Database's binding or of `using` (a
   * Worker's env.DB, when the models are defined once without one).
   */
  withSession(constraintOrBookmark, { using } = {}) {
    const host = using ?? this._executor;
    if (typeof host?.withSession !== "function") {
      throw new NotSupportedError(
        "db.withSession(): this Database's host has no sessions; pass a D1 binding: new Database(env.DB), or db.withSession(bookmark, { using: env.DB }) when the models are defined once without one.",
      );
    }
    return new Session(this, host.withSession(constraintOrBookmark));
  }
}

// The build minifies this file without keeping names, and a bundler may
// rename a class (esbuild turns a class that names itself into `_QuerySet`):
// each class says its own, as console.log and util.inspect show it.
for (const [className, cls] of Object.entries({ QNode, Expression, FExpr, ValueExpr, Combined, FuncExpr, WindowExpr, Aggregate, Shapes, QuerySet, RawQuerySet, Manager, RelatedManager, Model, Atomic, Session, Database })) {
  Object.defineProperty(cls, "name", { value: className });
}

// ---- executors' glue -------------------------------------------------------
//
// Executors' glue: objects with `execute(sql, params)` (and `batch`) for hosts
// that are not a D1 binding passed directly. `new Database(env.DB)` needs
// none of these: the core drives a D1 binding itself.

/** A D1 binding as a generic executor (rows as arrays, via `raw()`; writes via `run()`). */
export function d1Executor(binding) {
  const bind = (sql, params) => {
    const stmt = binding.prepare(sql);
    return params.length ? stmt.bind(...params) : stmt;
  };
  const reads = (sql) => /^\s*(SELECT|WITH|EXPLAIN)\b/i.test(sql) || /\bRETURNING\b/i.test(sql);
  return {
    async execute(sql, params) {
      if (reads(sql)) {
        const rows = await bind(sql, params).raw({ columnNames: true });
        const columns = rows.shift(); // D1's first row: the column names
        return { rows, columns };
      }
      const res = await bind(sql, params).run();
      return { rows: [], changes: res.meta?.changes ?? 0, lastRowId: res.meta?.last_row_id ?? null };
    },
    async batch(statements) {
      const results = await binding.batch(statements.map((s) => bind(s.sql, s.params)));
      return results.map((r) => ({ rows: r.results ?? [], changes: r.meta?.changes ?? 0, lastRowId: r.meta?.last_row_id ?? null }));
    },
  };
}

async function postJson(url, body, headers, fetchImpl) {
  const res = await fetchImpl(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status} from ${url}: ${text.slice(0, 500)}`);
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`The response from ${url} is not JSON: ${text.slice(0, 200)}`);
  }
}

const encodeParams = (params) => params.map((p) => (p instanceof Uint8Array ? { $bytes: Array.from(p) } : p));

/**
 * An SQL-over-HTTP endpoint: POSTs `{ sql, params }` (and `{ batch: [...] }`)
 * as JSON and expects `{ rows, columns?, changes?, lastRowId? }` back.
 */
export function httpExecutor(url, { headers = {}, fetch: fetchImpl = globalThis.fetch } = {}) {
  return {
    execute: (sql, params) => postJson(url, { sql, params: encodeParams(params) }, headers, fetchImpl),
    async batch(statements) {
      const out = await postJson(url, { batch: statements.map((s) => ({ sql: s.sql, params: encodeParams(s.params) })) }, headers, fetchImpl);
      return out.results ?? out;
    },
  };
}

/** Cloudflare's D1 HTTP API (`/accounts/:id/d1/database/:id/raw`). */
export function d1HttpExecutor({ accountId, databaseId, apiToken, fetch: fetchImpl = globalThis.fetch, baseUrl = "https://api.cloudflare.com/client/v4" }) {
  const url = `${baseUrl}/accounts/${accountId}/d1/database/${databaseId}/raw`;
  const headers = { authorization: `Bearer ${apiToken}` };
  const one = (r) => ({ rows: r.results?.rows ?? [], columns: r.results?.columns, changes: r.meta?.changes ?? 0, lastRowId: r.meta?.last_row_id ?? null });
  const check = (out) => {
    if (out.success === false) throw new Error(`D1 HTTP API error: ${JSON.stringify(out.errors ?? out)}`);
    return out.result;
  };
  return {
    async execute(sql, params) {
      return one(check(await postJson(url, { sql, params }, headers, fetchImpl))[0]);
    },
    async batch(statements) {
      const out = check(await postJson(url, { batch: statements.map((s) => ({ sql: s.sql, params: s.params })) }, headers, fetchImpl));
      return out.map(one);
    },
  };
}

// ---- In-browser SQLite: sql.js and @sqlite.org/sqlite-wasm (API.md) --------
// Both libraries are the user's dependencies: these take an open database and
// only call its methods. Rows come back as arrays with `columns`, as D1's
// raw() gives them; INSERT/UPDATE/DELETE also report `changes` and
// `lastRowId`. Values go in as the libraries bind them (numbers, strings,
// null, bigint, Uint8Array as a BLOB) and come out as they read them (BLOBs
// as Uint8Array; sqlite-wasm reads integers beyond 2^53 exactly as bigint,
// sql.js as the nearest double, as D1 does).

const WRITES = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i;

/** Django's REGEXP for SQLite (re.search; Quarry's iregex prefixes "(?i)"): 1, 0 or NULL. */
function regexp(pattern, value) {
  if (pattern == null || value == null) return null;
  const s = String(pattern);
  const i = s.startsWith("(?i)");
  return new RegExp(i ? s.slice(4) : s, i ? "i" : "").test(String(value)) ? 1 : 0;
}

/**
 * `{ execute, batch }` over `step(sql, params) → { rows, columns }`, which
 * runs one statement. Turns foreign keys on, as Django does on SQLite (and D1 is).
 */
function sqliteExecutor(step) {
  step("PRAGMA foreign_keys = ON", []);
  const one = (sql, params = []) => {
    const out = step(sql, params);
    if (WRITES.test(sql)) {
      const [changes, id] = step("SELECT changes(), last_insert_rowid()", []).rows[0];
      out.changes = Number(changes);
      out.lastRowId = Number(id);
    }
    return out;
  };
  return {
    async execute(sql, params) {
      return one(sql, params);
    },
    // A savepoint, not BEGIN: atomic on its own, and nests inside a
    // transaction the caller opened.
    async batch(statements) {
      step("SAVEPOINT quarry_batch", []);
      try {
        const out = statements.map((s) => one(s.sql, s.params));
        step("RELEASE quarry_batch", []);
        return out;
      } catch (e) {
        try {
          step("ROLLBACK TO quarry_batch", []);
          step("RELEASE quarry_batch", []);
        } catch {
          // SQLite already rolled the transaction back.
        }
        throw e;
      }
    },
  };
}

/** Runs one statement through a prepared-statement API (`get` reads the current row as an array). */
const stepper = (db, get, free) => (sql, params) => {
  const st = db.prepare(sql);
  try {
    if (params.length) st.bind(params);
    const rows = [];
    while (st.step()) rows.push(get(st));
    // sqlite-wasm throws on getColumnNames() of a statement with no columns.
    return { rows, columns: st.columnCount === 0 ? [] : st.getColumnNames() };
  } finally {
    st[free]();
  }
};

/** A sql.js `Database` as a host executor (registers REGEXP on it, as Django does on SQLite). */
export function sqljsExecutor(db) {
  db.create_function("regexp", regexp);
  return sqliteExecutor(stepper(db, (st) => st.get(), "free"));
}

/** An `@sqlite.org/sqlite-wasm` `oo1.DB` (OPFS ones too) as a host executor (registers REGEXP on it). */
export function sqliteWasmExecutor(db) {
  db.createFunction("regexp", (_ctx, pattern, value) => regexp(pattern, value), { arity: 2, deterministic: true });
  return sqliteExecutor(stepper(db, (st) => st.get([]), "finalize"));
}
