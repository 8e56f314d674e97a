// What a run's answer looks like on the page, as data: a table (columns and
// rows of display strings) or a single value. No DOM here: the tests compare
// these between D1 and the in-page SQLite executors.

/** One cell as text, and a class for its kind (null, num, bool, ...). */
export function cell(v, Model) {
  if (v === null || v === undefined) return { text: "NULL", kind: "null" };
  if (typeof v === "boolean") return { text: String(v), kind: "bool" };
  if (typeof v === "number") return { text: String(v), kind: "num" };
  if (typeof v === "bigint") return { text: `${v}n`, kind: "num" };
  if (typeof v === "string") return { text: v, kind: "str" };
  if (v instanceof Date) return { text: Number.isNaN(v.getTime()) ? "Invalid Date" : v.toISOString(), kind: "date" };
  if (v instanceof Uint8Array) return { text: `x'${Array.from(v, (b) => b.toString(16).padStart(2, "0")).join("")}'`, kind: "blob" };
  if (v instanceof Model) return { text: label(v), kind: "obj" };
  if (Array.isArray(v) && v.every((x) => x instanceof Model)) return { text: v.map(label).join(", ") || "(none)", kind: "obj" };
  try {
    return { text: JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `${x}n` : x)), kind: "obj" };
  } catch {
    return { text: String(v), kind: "obj" };
  }
}

/** "Jane Austen (Author 1)": the first text field's value, the model and the pk. */
export function label(obj) {
  const meta = obj.constructor._meta;
  const f = meta.fields.find((x) => (x.kind === "CharField" || x.kind === "TextField") && Object.hasOwn(obj, x.attname));
  return `${f ? obj[f.attname] : ""} (${meta.name} ${obj.pk})`.trim();
}

// Related objects that selectRelated() / prefetchRelated() loaded live in
// per-instance caches under symbols; the page shows them as extra columns.
function cacheOf(obj, description) {
  const s = Object.getOwnPropertySymbols(obj).find((x) => x.description === description);
  return s ? obj[s] : undefined;
}

function instanceTable(items, Model) {
  const meta = items[0].constructor._meta;
  const loaded = new Set(items.flatMap((o) => Object.keys(o.toJSON())));
  const columns = meta.fields.filter((f) => loaded.has(f.attname)).map((f) => f.attname);
  const related = new Set(items.flatMap((o) => Object.keys(cacheOf(o, "quarry.related") ?? {})));
  const prefetched = new Set(items.flatMap((o) => Object.keys(cacheOf(o, "quarry.prefetched") ?? {})));
  const rows = items.map((o) => {
    const json = o.toJSON();
    return [
      ...columns.map((c) => cell(json[c], Model)),
      ...[...related].map((r) => cell(cacheOf(o, "quarry.related")?.[r], Model)),
      ...[...prefetched].map((p) => cell(cacheOf(o, "quarry.prefetched")?.[p] ?? [], Model)),
    ];
  });
  return {
    kind: "table",
    columns: [...columns, ...[...related].map((r) => `${r} (selectRelated)`), ...[...prefetched].map((p) => `${p} (prefetched)`)],
    rows,
  };
}

/**
 * `value` as `{ kind: "table", columns, rows }` or `{ kind: "value", text, type }`.
 * `isQuerySet`: it is the list of a QuerySet (instances, values(), valuesList()
 * rows or flat values); `columns`: the SQL's column names, for valuesList().
 */
export function toTable(value, { isQuerySet = false, columns = [], Model }) {
  if (isQuerySet && Array.isArray(value)) {
    if (!value.length) return { kind: "table", columns: [], rows: [] };
    const first = value[0];
    if (first instanceof Model) return instanceTable(value, Model);
    if (Array.isArray(first)) {
      const n = Math.max(...value.map((r) => r.length));
      return { kind: "table", columns: Array.from({ length: n }, (_, i) => columns[i] ?? `#${i + 1}`), rows: value.map((r) => r.map((v) => cell(v, Model))) };
    }
    if (first !== null && typeof first === "object" && !(first instanceof Date) && !(first instanceof Uint8Array)) {
      const keys = [...new Set(value.flatMap((r) => Object.keys(r)))];
      return { kind: "table", columns: keys, rows: value.map((r) => keys.map((k) => cell(r[k], Model))) };
    }
    return { kind: "table", columns: [columns[0] ?? "value"], rows: value.map((v) => [cell(v, Model)]) };
  }
  if (value instanceof Model) return instanceTable([value], Model);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    // aaggregate(): one row, a column per alias.
    const keys = Object.keys(value);
    return { kind: "table", columns: keys, rows: [keys.map((k) => cell(value[k], Model))] };
  }
  const c = cell(value, Model);
  return { kind: "value", text: value === undefined ? "undefined" : c.text, type: c.kind };
}
