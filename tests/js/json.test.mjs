// JSONField values and lookups, KT, JSONObject, dates() and datetimes() on a
// real D1 (Miniflare): what is stored (Python's json.dumps, as Django writes
// it, so both can share a database), JSON null vs SQL NULL, plans re-bound
// with other values, and Django's errors at the call that makes them.
// Results are checked against real Django in django.test.mjs (cases "json ...", "dates ...").

import test, { before, after } from "node:test";
import assert from "node:assert/strict";
import { Database, fields, F, Q, KT, JSONObject, NotSupportedError, ValueError, QuarryTypeError, FieldError } from "quarry";
import { startD1, isError } from "./helpers.mjs";

let d1, dispose, Event;

before(async () => {
  ({ db: d1, dispose } = await startD1());
  const db = new Database(d1);
  Event = db.model("Event", {
    name: fields.CharField({ maxLength: 50 }),
    data: fields.JSONField({ null: true }),
    happened: fields.DateTimeField({ null: true }),
    day: fields.DateField({ null: true }),
  });
  await db.migrate();
  const rows = [
    ["a", { owner: { name: "Ann", tags: ["x", "y"] }, n: 5, ok: true, "ü": "é" }, "2021-01-01T00:00:00Z", "2021-01-01"],
    ["b", { owner: { name: "bob" }, n: "5", ok: false, none: null }, "2021-01-01T23:59:59Z", "2021-01-31"],
    ["c", [1, "two", { three: 3 }], "2021-02-01T00:00:00Z", "2021-02-28"],
    ["d", "text", "2020-12-31T23:59:59Z", null],
    ["e", null, null, "2022-06-01"],
  ];
  for (const [name, data, happened, day] of rows) await Event.objects.acreate({ name, data, happened: happened && new Date(happened), day });
});

after(() => dispose?.());

const names = (qs) => qs.orderBy("name").valuesList("name", { flat: true }).alist();

test("JSON is stored as Django stores it and read back as it was", async () => {
  const { results } = await d1.prepare("SELECT name, data FROM event ORDER BY name").all();
  assert.deepEqual(
    results.map((r) => r.data),
    ['{"owner": {"name": "Ann", "tags": ["x", "y"]}, "n": 5, "ok": true, "\\u00fc": "\\u00e9"}', '{"owner": {"name": "bob"}, "n": "5", "ok": false, "none": null}', '[1, "two", {"three": 3}]', '"text"', null],
  );
  const got = await Event.objects.orderBy("name").valuesList("data", { flat: true }).alist();
  assert.deepEqual(got, [{ owner: { name: "Ann", tags: ["x", "y"] }, n: 5, ok: true, "ü": "é" }, { owner: { name: "bob" }, n: "5", ok: false, none: null }, [1, "two", { three: 3 }], "text", null]);
  const a = await Event.objects.aget({ name: "a" });
  assert.equal(a.data.owner.tags[1], "y");
});

test("key and index transforms, has_key, key isnull, re-bound with other values", async () => {
  const owner = (v) => names(Event.objects.filter({ data__owner__name: v }));
  assert.deepEqual(await owner("Ann"), ["a"]);
  assert.deepEqual(await owner("bob"), ["b"]);
  // A number and a string holding it differ, as JSON values do.
  assert.deepEqual(await names(Event.objects.filter({ data__n: 5 })), ["a"]);
  assert.deepEqual(await names(Event.objects.filter({ data__n: "5" })), ["b"]);
  assert.deepEqual(await names(Event.objects.filter({ data__ok: false })), ["b"]);
  assert.deepEqual(await names(Event.objects.filter({ data__0: 1, data__2__three: 3 })), ["c"]);
  assert.deepEqual(await names(Event.objects.filter({ data__owner__tags__1: "y" })), ["a"]);
  // JSON null is a key holding null; isnull is a missing key.
  assert.deepEqual(await names(Event.objects.filter({ data__none: null })), ["b"]);
  assert.deepEqual(await names(Event.objects.filter({ data__none__isnull: false })), ["b"]);
  assert.deepEqual(await names(Event.objects.filter({ data__owner__isnull: true })), ["c", "d", "e"]);
  const has = (k) => names(Event.objects.filter({ data__has_key: k }));
  assert.deepEqual(await has("ok"), ["a", "b"]);
  assert.deepEqual(await has("ü"), ["a"]);
  assert.deepEqual(await names(Event.objects.filter({ data__has_keys: ["ok", "none"] })), ["b"]);
  assert.deepEqual(await names(Event.objects.filter({ data__has_any_keys: ["none", "ü"] })), ["a", "b"]);
  assert.deepEqual(await names(Event.objects.filter({ data__owner__has_key: "tags" })), ["a"]);
  assert.deepEqual(await names(Event.objects.filter(Q({ data__n__gt: 4 }).or({ data__owner__name__istartswith: "B" }))), ["a", "b"]);
  assert.deepEqual(await names(Event.objects.filter({ data__n__in: [5, "x"] })), ["a"]);
  // A key's `in` list longer than the host's parameters cannot go through json_each (its values are JSON texts): a clear error, never a wrong answer.
  const many = Array.from({ length: 150 }, (_, i) => i + 1000);
  assert.throws(() => Event.objects.filter({ data__n__in: [5, ...many] }).compile(), isError(ValueError, /This query needs \d+ bound parameters; the host allows 100\. Split it/));
  // The whole field: JSON text compared as Django compares it; null is JSON's null.
  assert.deepEqual(await names(Event.objects.filter({ data: "text" })), ["d"]);
  assert.deepEqual(await names(Event.objects.filter({ data: [1, "two", { three: 3 }] })), ["c"]);
  assert.deepEqual(await names(Event.objects.filter({ data: null })), []);
  assert.deepEqual(await names(Event.objects.filter({ data__isnull: true })), ["e"]);
  // SQL's NULL logic, as Django's: rows without the key are neither 5 nor not 5; SQL NULL is.
  assert.deepEqual(await names(Event.objects.exclude({ data__n: 5 })), ["b", "e"]);
});

test("keys in values, orderBy, F, KT and JSONObject", async () => {
  const v = await Event.objects.filter({ name__in: ["a", "b"] }).orderBy("-data__owner__name").values("name", "data__owner", "data__n", "data__ok").alist();
  assert.deepEqual(v, [
    // A key's text is read as JSON when it parses (Django's JSONField.from_db_value): "5" reads as 5.
    { name: "b", data__owner: { name: "bob" }, data__n: 5, data__ok: false },
    { name: "a", data__owner: { name: "Ann", tags: ["x", "y"] }, data__n: 5, data__ok: true },
  ]);
  const kt = await Event.objects.annotate({ o: KT("data__owner__name"), t: KT("data__owner") }).filter({ o__startswith: "A" }).values("o", "t").alist();
  assert.deepEqual(kt, [{ o: "Ann", t: '{"name":"Ann","tags":["x","y"]}' }]);
  const f = await Event.objects.annotate({ n: F("data__n") }).filter({ n: 5 }).valuesList("name", "n").alist();
  assert.deepEqual(f, [["a", 5]]);
  const obj = await Event.objects.filter({ name: "a" }).annotate({ j: JSONObject({ name: "name", n: F("data__n"), k: "day" }) }).valuesList("j", { flat: true }).alist();
  assert.deepEqual(obj, [{ name: "a", n: 5, k: "2021-01-01" }]);
  assert.deepEqual(await Event.objects.annotate({ j: JSONObject({ name: "name" }) }).filter({ j__name: "c" }).valuesList("name", { flat: true }).alist(), ["c"]);
});

test("dates() and datetimes() as Django: distinct, non-null, ordered", async () => {
  assert.deepEqual(await Event.objects.dates("day", "month").alist(), ["2021-01-01", "2021-02-01", "2022-06-01"]);
  assert.deepEqual(await Event.objects.dates("day", "year", { order: "DESC" }).alist(), ["2022-01-01", "2021-01-01"]);
  assert.deepEqual(await Event.objects.dates("happened", "day").alist(), ["2020-12-31", "2021-01-01", "2021-02-01"]);
  const dt = await Event.objects.datetimes("happened", "month", { order: "DESC" }).alist();
  assert.deepEqual(dt.map((d) => d.toISOString()), ["2021-02-01T00:00:00.000Z", "2021-01-01T00:00:00.000Z", "2020-12-01T00:00:00.000Z"]);
  assert.ok(dt[0] instanceof Date);
  const hours = await Event.objects.datetimes("happened", "hour").alist();
  assert.deepEqual(hours.map((d) => d.toISOString()), ["2020-12-31T23:00:00.000Z", "2021-01-01T00:00:00.000Z", "2021-01-01T23:00:00.000Z", "2021-02-01T00:00:00.000Z"]);
  assert.equal(await Event.objects.filter({ data__has_key: "owner" }).dates("day", "month").acount(), 1);
});

test("Django's errors when the QuerySet is built", () => {
  assert.throws(() => Event.objects.filter({ data__contains: { n: 5 } }), isError(NotSupportedError, "contains lookup is not supported on this database backend."));
  assert.throws(() => Event.objects.filter({ data__owner__contains: "x" }), isError(NotSupportedError, "contains lookup is not supported on this database backend."));
  assert.throws(() => Event.objects.filter({ data__contained_by: {} }), isError(NotSupportedError, "contained_by lookup is not supported on this database backend."));
  assert.throws(() => Event.objects.filter({ data__n__gt: null }), isError(ValueError, "Cannot use None as a query value"));
  assert.throws(() => Event.objects.annotate({ x: KT("data") }), isError(ValueError, "Lookup must contain key or index transforms."));
  assert.throws(() => Event.objects.dates("day", "hour"), isError(ValueError, "'kind' must be one of 'year', 'month', 'week', or 'day'."));
  assert.throws(() => Event.objects.dates("day", "month", { order: "up" }), isError(ValueError, "'order' must be either 'ASC' or 'DESC'."));
  assert.throws(() => Event.objects.datetimes("day", "hour"), isError(ValueError, "Cannot truncate DateField 'day' to DateTimeField."));
  assert.throws(() => Event.objects.dates("name", "day"), isError(QuarryTypeError, "'name' isn't a DateField, TimeField, or DateTimeField."));
  assert.throws(() => Event.objects.dates("nope", "day"), FieldError);
});
