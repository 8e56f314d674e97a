// Random chains over the Django oracle's models, run on a real SQLite
// (sql.js, in this process): thousands of QuerySets built from every chain
// method, lookup, function, window, subquery and combinator, with names and
// values now right, now wrong, now hostile (symbols, NaN, 2**64, lone
// surrogates, Maps, Dates that are not dates). Each then runs a random
// terminal. What must hold for every one of them:
// - no wasm trap (a Rust panic kills the instance for every later call);
// - every error a QuarryError (never a bare TypeError from inside Quarry);
// - the Database answers the next query right (counted against SQLite itself);
// - when the host refuses the SQL, for one of the reasons Django's SQL on
//   SQLite is refused too (tests/django checks the answers themselves).
// Seeded, so a failure names the seed and the chain's number: QUARRY_FUZZ=seed:count
// runs one seed, and QUARRY_FUZZ_SHOW=n prints chain n's steps.

import test from "node:test";
import assert from "node:assert/strict";
import initSqlJs from "sql.js";
import * as q from "quarry";
import { defineOracleModels } from "./oracle-models.mjs";

const { Database, fields, QuarryError, sqljsExecutor } = q;
const SQL = await initSqlJs({ useOldExtensionFunctions: false });

// What SQLite says of SQL it refuses that Django would send too: compound
// SELECTs of different widths, an aggregate where SQLite takes none, a JSON
// path made from a list (Django writes invalid SQL there), a text too long,
// an INTEGER PRIMARY KEY set to a non-integer.
const HOST_REFUSALS = [
  /do not have the same number of result columns/,
  /HAVING clause on a non-aggregate query/,
  /misuse of (aggregate|window) function/,
  /datatype mismatch/,
  /bad JSON path/,
  /malformed JSON/,
  /string or blob too big/,
  /sub-select returns \d+ columns - expected 1/,
  /ORDER BY term does not match any column in the result set/,
  /Invalid regular expression/,
  /UNIQUE constraint failed|NOT NULL constraint failed|FOREIGN KEY constraint failed/,
  /ON CONFLICT clause does not match any PRIMARY KEY or UNIQUE constraint/,
  /LIKE or GLOB pattern too complex/,
];

/** A seeded source of numbers in [0, 1) (mulberry32), a pick from an array, a coin with odds `p`. */
function random(seed) {
  let s = seed >>> 0;
  const rnd = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { rnd, pick: (a) => a[Math.floor(rnd() * a.length)], chance: (p) => rnd() < p };
}

async function fuzz(seed, count) {
  const { rnd, pick, chance } = random(seed);
  const show = Number(process.env.QUARRY_FUZZ_SHOW ?? -1);
  const sdb = new SQL.Database();
  const db = new Database(sqljsExecutor(sdb));
  const M = defineOracleModels(db, fields);
  await db.migrate();
  const a1 = await M.Author.objects.acreate({ name: "Ann", age: 30, email: "a@x" });
  const a2 = await M.Author.objects.acreate({ name: "Bob", age: null, email: "b@x" });
  const p1 = await M.Publisher.objects.acreate({ name: "P" });
  for (let i = 0; i < 6; i++) {
    await M.Book.objects.acreate({
      title: "T" + i, pages: i * 50, rating: i % 3 ? i / 2 : null, author: i % 2 ? a1 : a2, publisher: i % 3 ? p1 : null,
      pubDate: `2020-0${i + 1}-1${i}`, created: new Date(Date.UTC(2021, i, 3, i)), price: i % 2 ? "12.50" : null,
    });
  }
  await M.Event.objects.acreate({ name: "e", data: { a: 1, b: [1, 2, { c: "x" }] }, day: "2020-01-01" });

const NAMES = {
  Book: ["id", "pk", "title", "pages", "rating", "inPrint", "pubDate", "created", "price", "author", "author_id", "publisher", "tags", "author__name", "author__age", "publisher__name", "tags__name", "author__books__title", "nope", "title__x", ""],
  Author: ["id", "pk", "name", "age", "email", "books", "books__title", "books__pages", "books__tags__name", "nope", "books__author__name"],
  Event: ["id", "name", "data", "happened", "day", "data__a", "data__b__0", "data__b__2__c", "nope"],
  Publisher: ["id", "name", "books", "books__title"],
  Tag: ["id", "name", "books", "books__pages"],
};
const LOOKUPS = ["", "exact", "iexact", "gt", "gte", "lt", "lte", "in", "contains", "icontains", "startswith", "endswith", "istartswith", "iendswith", "range", "isnull", "regex", "iregex", "year", "month", "day", "week_day", "date", "hour", "quarter", "iso_year", "has_key", "has_keys", "has_any_keys", "contained_by", "len", "lower", "bogus", "year__gt", "date__lt", "month__in", "lower__exact"];
const GARBAGE = [Symbol("s"), () => 1, [[1]], 1e308, -Infinity, NaN, 2 ** 64, 10n ** 30n, -(2n ** 63n), { a: 1 }, {}, new Date(NaN), new Map(), new Uint8Array(2), "\ud800", "a\0b", null, undefined, true, -0, [], [null], [1, "x", null], new Date(0), "2020-13-45", "   ", "%_\\", 1.5, -1];
const FUNCS1 = ["Length", "Lower", "Upper", "LTrim", "RTrim", "Trim", "Ord", "Chr", "Reverse", "Abs", "ACos", "ASin", "ATan", "Ceil", "Cos", "Cot", "Degrees", "Exp", "Floor", "Ln", "Radians", "Sign", "Sin", "Sqrt", "Tan", "ExtractYear", "ExtractIsoYear", "ExtractQuarter", "ExtractMonth", "ExtractWeek", "ExtractDay", "ExtractWeekDay", "ExtractIsoWeekDay", "ExtractHour", "ExtractMinute", "ExtractSecond", "TruncYear", "TruncQuarter", "TruncMonth", "TruncWeek", "TruncDay", "TruncDate", "TruncTime", "TruncHour", "TruncMinute", "TruncSecond", "Count", "Sum", "Avg", "Min", "Max", "StdDev", "Variance", "RowNumber", "Rank", "DenseRank", "PercentRank", "CumeDist", "FirstValue", "LastValue", "KT"];
const FUNCS2 = ["Coalesce", "Greatest", "Least", "NullIf", "Concat", "Left", "Right", "Repeat", "StrIndex", "ATan2", "Mod", "Power", "Log", "Substr", "Replace", "LPad", "RPad", "Round", "Extract", "Trunc", "Lag", "Lead", "NthValue"];

let model = "Book";
const name = () => (chance(0.02) ? pick(GARBAGE) : pick(NAMES[model].filter((n) => chance(0.3) || !/nope|__x|^$/.test(n))));
const lookupKey = () => { const n = name(); const l = pick(LOOKUPS); return typeof n === "string" ? (l ? n + "__" + l : n) : String(l || "x"); };
function value(d = 0) {
  const r = rnd();
  if (r < 0.25) return pick([1, 0, 2, 30, 100, -5, 2.5]);
  if (r < 0.4) return pick(["Ann", "T1", "", "a%", "2020-01-01", "x"]);
  if (r < 0.5) return pick([[1, 2], ["Ann", "Bob"], [1, 200], ["2020-01-01", "2021-01-01"], [], ["a"]]);
  if (r < 0.6) return pick([true, false, null, new Date(Date.UTC(2020, 5, 1))]);
  if (r < 0.75 && d < 3) return expr(d + 1);
  if (r < 0.8) return pick([a1, a2, p1]);
  if (r < 0.85 && d < 2) return subq(d + 1);
  if (r < 0.9) return pick(GARBAGE);
  return pick([3, "T2", [2, 3]]);
}
function expr(d = 0) {
  const r = rnd();
  if (r < 0.25 || d > 3) return q.F(name());
  if (r < 0.35) return q.Value(value(d + 1));
  if (r < 0.55) { const f = pick(FUNCS1); const fn = q[f]; return chance(0.3) && /Count|Sum|Avg|Min|Max|StdDev|Variance/.test(f) ? fn(pick([name(), expr(d + 1)]), pick([{ filter: q.Q({ [lookupKey()]: value(d + 1) }) }, { distinct: true }, { default: 0 }, { sample: true }, { filter: 5 }])) : fn(chance(0.6) ? name() : expr(d + 1)); }
  if (r < 0.7) { const f = pick(FUNCS2); const a = () => (chance(0.5) ? name() : chance(0.5) ? expr(d + 1) : value(d + 1)); return f === "Round" ? q.Round(a(), { precision: pick([0, 2, -1, "x"]) }) : f === "Extract" || f === "Trunc" ? q[f](a(), pick(["year", "month", "day", "hour", "week", "quarter", "bogus"])) : f === "NthValue" ? q.NthValue(a(), { nth: pick([1, 2, 0, -1]) }) : f === "Lag" || f === "Lead" ? q[f](a(), pick([undefined, { offset: 2 }, { offset: 1, default: 0 }, { offset: -1 }])) : q[f](a(), a(), ...(chance(0.3) ? [a()] : [])); }
  if (r < 0.77) return q.F(name()).add(value(d + 1)).mul(chance(0.5) ? 2 : value(d + 1));
  if (r < 0.83) return q.Case(q.When({ [lookupKey()]: value(d + 1) }, { then: value(d + 1) }), ...(chance(0.5) ? [q.When(q.Q({ [lookupKey()]: value(d + 1) }).or(q.Q({ [lookupKey()]: value(d + 1) })), { then: value(d + 1) })] : []), { default: chance(0.5) ? value(d + 1) : undefined, outputField: chance(0.3) ? fields.IntegerField() : undefined });
  if (r < 0.9) return q.Window(q[pick(["RowNumber", "Rank", "Sum", "Count", "Avg", "Lag"])](...(chance(0.7) ? [name()] : [])), { partitionBy: chance(0.5) ? name() : undefined, orderBy: chance(0.7) ? pick([name(), "-" + String(name()), [name(), q.F(name()).desc()]]) : undefined, frame: chance(0.3) ? q[pick(["RowRange", "ValueRange"])]({ start: pick([null, -1, 0, 2, "x"]), end: pick([null, 0, 1, -2]) }) : undefined });
  if (r < 0.95) return q.Cast(chance(0.5) ? name() : expr(d + 1), pick([fields.IntegerField(), fields.FloatField(), fields.CharField({ maxLength: 5 }), fields.DateField(), fields.DecimalField({ maxDigits: 5, decimalPlaces: 2 }), fields.BooleanField(), "x"]));
  return q.ExpressionWrapper(q.F(name()).sub(value(d + 1)), { outputField: pick([fields.IntegerField(), fields.FloatField(), undefined]) });
}
function subq(d) {
  const save = model; model = pick(["Book", "Author"]);
  let qs = M[model].objects.filter({ [lookupKey()]: chance(0.5) ? q.OuterRef(pick(NAMES[save])) : value(d + 1) });
  if (chance(0.5)) qs = qs.values(name());
  if (chance(0.3)) qs = qs.slice(0, 1);
  model = save;
  return chance(0.5) ? q.Subquery(qs) : q.Exists(qs);
}
function cond(d = 0) {
  const r = rnd();
  if (r < 0.6) { const o = {}; const n = 1 + Math.floor(rnd() * 3); for (let i = 0; i < n; i++) o[lookupKey()] = value(d); return o; }
  if (r < 0.85) { let x = q.Q({ [lookupKey()]: value(d) }); const k = Math.floor(rnd() * 3); for (let i = 0; i < k; i++) x = pick([() => x.or(q.Q(cond(d + 1))), () => x.and(q.Q({ [lookupKey()]: value(d) })), () => x.not()])(); return x; }
  if (r < 0.92) return pick([q.Exists(M.Book.objects.filter({ author: q.OuterRef("pk") })), q.Q()]);
  return pick(GARBAGE);
}
function step(qs) {
  const r = rnd();
  const ann = () => { const o = {}; o[pick(["n", "m", "x", "pk", "title", "age"])] = expr(); return o; };
  if (r < 0.25) return qs.filter(cond());
  if (r < 0.35) return qs.exclude(cond());
  if (r < 0.47) return qs.annotate(chance(0.85) ? ann() : pick(GARBAGE));
  if (r < 0.5) return qs.alias(ann());
  if (r < 0.58) return qs.orderBy(...Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => pick([name(), "-" + String(name()), "?", expr(), q.F(name()).desc({ nullsLast: true }), pick(GARBAGE)])));
  if (r < 0.64) return qs.values(...Array.from({ length: Math.floor(rnd() * 3) }, () => chance(0.8) ? name() : { e: expr() }));
  if (r < 0.68) return qs.valuesList(...Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => name()), ...(chance(0.3) ? [pick([{ flat: true }, { named: true }, { flat: true, named: true }])] : []));
  if (r < 0.72) return qs.slice(pick([0, 1, 2, undefined, null, -1, 2 ** 53, "1"]), pick([undefined, 1, 3, 10, null, 0]));
  if (r < 0.75) return qs.distinct(...(chance(0.5) ? [name()] : []));
  if (r < 0.78) return qs.selectRelated(...(chance(0.7) ? [pick(["author", "publisher", "author__nope", "tags", "nope", "books"])] : []));
  if (r < 0.8) return qs.reverse();
  if (r < 0.83) return qs.only(name());
  if (r < 0.86) return qs.defer(name());
  if (r < 0.88) return qs.none();
  if (r < 0.91) return qs[pick(["union", "intersection", "difference"])](M[model].objects.filter(cond()), ...(chance(0.3) ? [{ all: true }] : []));
  if (r < 0.94) return qs.dates(pick(["pubDate", "created", "title", "day"]), pick(["year", "month", "week", "day", "hour"]), { order: pick(["ASC", "DESC", "x"]) });
  if (r < 0.96) return qs.datetimes(pick(["created", "happened", "pubDate"]), pick(["year", "hour", "minute", "second", "day"]));
  return qs.all();
}
  const rowsAreValues = (qs) => {
    for (let n = qs._n; n; n = n.up) if (n.op === "v" || n.op === "l" || n.op === "T") return true;
    return false;
  };
  // The other terminals and writes, the model's and the QuerySet's.
  const fieldValues = () => {
    const o = {};
    const n = Math.floor(rnd() * 4);
    for (let j = 0; j < n; j++) o[chance(0.8) ? pick(NAMES[model]) : pick(["nope", "pk", "author_id", "tags"])] = value();
    return o;
  };
  async function write(qs, Model) {
    const w = pick(["acreate", "agetOrCreate", "aupdateOrCreate", "ainBulk", "adelete", "abulkCreate", "abulkUpdate", "new", "aearliest", "alatest", "acontains", "aiterator", "raw", "dates"]);
    if (w === "acreate") await Model.objects.acreate(fieldValues());
    else if (w === "agetOrCreate") await qs.agetOrCreate(fieldValues(), chance(0.5) ? { defaults: chance(0.8) ? fieldValues() : null } : undefined);
    // On values()/valuesList()/dates() rows Django's update_or_create() fails with an AttributeError ('tuple' object
    // has no attribute 'save'), and Quarry with JS's TypeError: not asked here.
    else if (w === "aupdateOrCreate" && !rowsAreValues(qs)) await qs.aupdateOrCreate(fieldValues(), { defaults: chance(0.8) ? fieldValues() : null, createDefaults: chance(0.3) ? fieldValues() : undefined });
    else if (w === "ainBulk") await qs.ainBulk(chance(0.7) ? [value(), 1, 2] : value(), chance(0.3) ? { fieldName: name() } : undefined);
    else if (w === "adelete") await (chance(0.2) ? qs : qs.none()).adelete();
    else if (w === "abulkCreate") {
      const objs = [new Model(fieldValues()), chance(0.5) ? fieldValues() : new Model(fieldValues())];
      await Model.objects.abulkCreate(objs, pick([{}, { batchSize: pick([1, 0, -1, "x"]) }, { ignoreConflicts: true }, { updateConflicts: true, updateFields: [name()], uniqueFields: [name()] }]));
    } else if (w === "abulkUpdate") {
      const objs = await qs.slice(0, 2).alist();
      for (const o of objs) {
        const f = name();
        if (typeof f === "string" && o && typeof o === "object" && !Object.isFrozen(o)) try { o[f] = value(); } catch (e) { if (!(e instanceof QuarryError)) throw e; }
      }
      await Model.objects.abulkUpdate(objs.length ? objs : [value()], [name(), ...(chance(0.3) ? [name()] : [])], chance(0.3) ? { batchSize: pick([1, 0, "x"]) } : undefined);
    } else if (w === "new") {
      const o = new Model(fieldValues());
      await o.asave();
      if (chance(0.5)) await o.arefreshFromDb();
      if (chance(0.5)) await o.adelete();
    } else if (w === "aearliest") await qs.aearliest(...(chance(0.7) ? [name()] : []));
    else if (w === "alatest") await qs.alatest(name(), ...(chance(0.3) ? [name()] : []));
    else if (w === "acontains") await qs.acontains(pick([a1, a2, p1, value()]));
    else if (w === "aiterator") {
      for await (const x of qs.aiterator(pick([undefined, { chunkSize: 2 }, { chunkSize: pick([0, -1, NaN, "x", 1e9]) }]))) void x;
    } else if (w === "raw") {
      // The SQL is the user's own: here always SQL SQLite takes, with the params it asks for.
      const [sql, n] = pick([["SELECT * FROM book WHERE id > %s", 1], ["SELECT id, title FROM book", 0], ["SELECT * FROM author WHERE name LIKE %s || '%%'", 1]]);
      await M.Book.objects.raw(sql, n ? [chance(0.7) ? pick([1, "A", 2.5, true, null]) : value()] : []).alist();
    } else await qs.dates(name(), pick(["year", "month", "day", "week", "x"]));
  }
  // What a user does with the instances it loads.
  async function instanceOps(qs) {
    for (const o of await qs.slice(0, 2).alist()) {
      if (o === null || typeof o !== "object" || typeof o.asave !== "function") continue;
      const r = rnd();
      if (r < 0.3) {
        const f = name();
        if (typeof f === "string") o[f] = value();
        await o.asave(chance(0.3) ? { updateFields: [name()] } : undefined);
      } else if (r < 0.45) await o.arefreshFromDb(chance(0.5) ? { fields: [name()] } : undefined);
      else if (r < 0.55) await o.afetch(pick(["author", "publisher", "books", "nope", "tags"]));
      else if (r < 0.7) {
        const m = o[pick(["books", "tags", "author", "nope"])];
        if (m && typeof m.afirst === "function") {
          await m.filter(cond()).afirst();
          if (typeof m.aadd === "function") await m[pick(["aadd", "aremove", "aset", "aclear", "acreate"])](...pick([[value()], [[value()]], [{ title: "x" }], []]));
        }
      } else if (r < 0.8) JSON.stringify(o.toJSON());
      else if (r < 0.85) await o.adelete();
    }
  }

  const found = [];
  const tally = { ok: 0, quarryErrors: 0, refused: 0 };
  for (let i = 0; i < count; i++) {
    model = pick(["Book", "Book", "Book", "Author", "Event", "Publisher", "Tag"]);
    let qs = M[model].objects.all();
    let phase = "build";
    try {
      const k = 1 + Math.floor(rnd() * 4);
      for (let j = 0; j < k; j++) {
        qs = step(qs);
        if (i === show) console.log("step", j, qs._n.op, qs._n.args);
      }
      phase = "compile";
      const compiled = qs.compile();
      if (i === show) console.log(compiled);
      phase = "run";
      const term = pick(["alist", "alist", "acount", "aexists", "afirst", "aaggregate", "aupdate", "aget", "write", "write", "write", "instance", "instance"]);
      if (term === "aaggregate") await qs.aaggregate({ z: expr() });
      else if (term === "aupdate") await qs.aupdate({ [pick(NAMES[model])]: value() });
      else if (term === "aget") await qs.aget();
      else if (term === "write") await write(qs, M[model]);
      else if (term === "instance") await instanceOps(qs);
      else await qs[term]();
      tally.ok++;
    } catch (e) {
      const msg = String(e?.message ?? e);
      const where = `seed ${seed}, chain ${i} (${phase})`;
      if (i === show) console.log(e);
      if (e instanceof WebAssembly.RuntimeError || /unreachable|panicked|memory access out of bounds/.test(msg)) found.push(`${where}: wasm trap: ${msg}`);
      else if (!(e instanceof QuarryError)) found.push(`${where}: ${e?.constructor?.name} is not a QuarryError: ${msg}`);
      else if (e.name === "ExecutorError") {
        if (HOST_REFUSALS.some((r) => r.test(msg))) tally.refused++;
        else found.push(`${where}: the host refused the SQL for a new reason: ${msg.slice(0, 300)}`);
      } else tally.quarryErrors++;
    }
    // The Database still answers right.
    const n = await M.Book.objects.filter({ pages__gte: 100 }).acount();
    const raw = sdb.exec("SELECT COUNT(*) FROM book WHERE pages >= 100")[0].values[0][0];
    if (n !== raw) {
      found.push(`seed ${seed}, after chain ${i}: counted ${n} books, SQLite has ${raw}`);
      break;
    }
  }
  sdb.close();
  return { found, tally };
}

const only = process.env.QUARRY_FUZZ?.split(":").map(Number);
const runs = only ? [only] : [[1, 1500], [2, 1500], [3, 1500], [4, 1500]];
for (const [seed, count] of runs) {
  test(`${count} random chains, seed ${seed}: no trap, QuarryErrors only, the Database keeps answering`, async () => {
    const { found, tally } = await fuzz(seed, count);
    assert.deepEqual(found, []);
    // A generator that only ever built broken chains would prove nothing.
    assert.ok(tally.ok > count / 20, `only ${tally.ok} of ${count} chains ran (${JSON.stringify(tally)})`);
    assert.ok(tally.quarryErrors > count / 4, `only ${tally.quarryErrors} of ${count} chains were refused by Quarry`);
  });
}

// Random model definitions: three models a time, fields of every kind with
// options right, wrong or hostile, relations to each other, to themselves
// or to nothing, then migrate() and a create, get, list, count and delete on
// each. No trap, only QuarryErrors. (A field named as an instance's own
// method, `asave` or `constructor`, hides it and fails with JS's TypeError:
// those names are not drawn.) It found primary keys in a cycle overflowing
// the wasm stack in migrate(), which broke every later call.
async function fuzzModels(seed, count) {
  const { rnd, pick, chance } = random(seed);
  const GARBAGE = [Symbol("s"), () => 1, NaN, -1, 0, 2 ** 64, 10n ** 30n, {}, [], null, undefined, true, "", "x", "\ud800", new Date(NaN), [1, 2]];
  const FNAMES = ["a", "b", "title", "n", "pk", "id", "", "a__b", "_x", "x_", "class", "__proto__", "objects", "save", "DoesNotExist", "é", "select", "order", "1a", "a b", 'q"', "author_id", "author"];
  const KINDS = ["AutoField", "BigAutoField", "IntegerField", "BigIntegerField", "FloatField", "DecimalField", "CharField", "TextField", "BooleanField", "DateField", "DateTimeField", "JSONField", "UUIDField", "BinaryField", "ForeignKey", "OneToOneField", "ManyToManyField"];
  const found = [];
  let ok = 0;
  const stats = {};
  for (let i = 0; i < count; i++) {
    const db = new Database(sqljsExecutor(new SQL.Database()));
    const names = ["M0", "M1", "M2"];
    const models = [];
    let phase = "define";
    try {
      for (const mn of names) {
        const spec = {};
        const nf = Math.floor(rnd() * 4);
        for (let j = 0; j < nf; j++) {
          const fname = chance(0.7) ? pick(["a", "b", "c", "d"]) + j : pick(FNAMES);
          const kind = pick(KINDS);
          const o = {};
          for (let k = 0; k < Math.floor(rnd() * 3); k++) {
            const opt = pick(["null", "blank", "default", "unique", "primaryKey", "dbColumn", "dbIndex", "choices", "maxLength", "relatedName", "onDelete", "through", "maxDigits", "decimalPlaces", "autoNow", "db_column", "related_name"]);
            o[opt] = chance(0.5) ? pick(GARBAGE) : opt === "onDelete" ? pick(["CASCADE", "SET_NULL", "PROTECT", "x"]) : opt === "default" ? pick([1, "x", () => 2, null]) : opt === "choices" ? pick([[[1, "a"]], [["a", "A"], ["b", "B"]], "x"]) : opt === "maxLength" ? pick([10, 0, -1, 1e9]) : opt === "dbColumn" ? pick(["col", "a", 'q"x', "", "id"]) : opt === "relatedName" ? pick(["rel", "+", "a b", "", "objects", "pk"]) : opt === "through" ? pick(names) : pick([true, false]);
          }
          const target = pick([...names, "self", "Nope", 5]);
          spec[fname] = ["ForeignKey", "OneToOneField", "ManyToManyField"].includes(kind) ? (chance(0.9) ? fields[kind](target, o) : fields[kind](o)) : chance(0.95) ? fields[kind](o) : pick(GARBAGE);
        }
        const meta = chance(0.5) ? {} : { table: chance(0.7) ? mn.toLowerCase() + "_t" : pick(GARBAGE), ordering: chance(0.5) ? [pick(["a0", "-a0", "?", "nope", "pk", "-id"])] : pick(GARBAGE) };
        try { models.push(db.model(mn, spec, meta)); } catch (e) { if (!(e instanceof QuarryError)) throw e; stats["define " + e.name] = (stats["define " + e.name] ?? 0) + 1; }
      }
      phase = "migrate";
      await db.migrate();
      phase = "use";
      for (const M of models) {
        const vals = {};
        for (const f of M._meta?.fields ?? []) if (chance(0.6)) vals[f.name] = pick([1, "x", null, true, new Date(0), "2020-01-01", { a: 1 }, new Uint8Array(2), "1.5"]);
        try {
          const o = await M.objects.acreate(vals);
          await M.objects.filter({ pk: o.pk }).afirst();
          await M.objects.all().alist();
          await M.objects.acount();
          o.pk != null && (await o.adelete());
          ok++;
        } catch (e) { if (!(e instanceof QuarryError)) throw e; stats["use " + e.name] = (stats["use " + e.name] ?? 0) + 1; }
      }
    } catch (e) {
      const msg = String(e?.message ?? e);
      if (e instanceof WebAssembly.RuntimeError || /unreachable|panicked|memory access/.test(msg)) found.push(`#${i} ${phase} TRAP ${msg}`);
      else if (!(e instanceof QuarryError)) found.push(`#${i} ${phase} ${e?.constructor?.name}: ${msg.slice(0, 200)} | ${(e?.stack ?? "").split("\n")[1]}`);
      else stats[phase + " " + e.name] = (stats[phase + " " + e.name] ?? 0) + 1;
    }
  }
  return { found, ok };
}

for (const seed of [1, 2, 3, 4, 5, 6]) {
  test(`300 random sets of model definitions, seed ${seed}: no trap, QuarryErrors only`, async () => {
    const { found, ok } = await fuzzModels(seed, 300);
    assert.deepEqual(found, []);
    assert.ok(ok > 30, `only ${ok} models were created and queried`);
  });
}
