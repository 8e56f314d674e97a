// Evaluating the editor's text: a QuerySet expression in JavaScript, with the
// models and the package's exports in scope. It is the user's own code in
// their own page, so `new Function` is fine; what matters is that nothing it
// does can break the page: every failure comes back as a value to show.
// No DOM here: the tests import this module in Node.

/** `{ names, values }` of what the user's code sees: the package's exports, `db`, the models. */
export function scopeOf(quarry, db, models) {
  const scope = { ...quarry, db, ...models };
  for (const k of Object.keys(scope)) if (!/^[A-Za-z_$][\w$]*$/.test(k)) delete scope[k];
  return { names: Object.keys(scope), values: Object.values(scope) };
}

// The forms tried in turn: an expression; an expression that awaits; a
// function body (statements, with `return`).
const FORMS = [
  (c) => `"use strict";\nreturn (\n${c}\n);`,
  (c) => `"use strict";\nreturn (async () => (\n${c}\n))();`,
  (c) => `"use strict";\nreturn (async () => {\n${c}\n})();`,
];

const cache = new Map();

/**
 * The user's code as a function of `names`. Throws the SyntaxError of the
 * expression form when no form parses (of the body form when the code says
 * `return`).
 */
export function compileCode(code, names) {
  const key = names.join() + "\0" + code;
  let fn = cache.get(key);
  if (fn) return fn;
  const expr = code.trim().replace(/;+$/, "");
  if (!expr) throw new SyntaxError("Write a QuerySet expression, e.g. Book.objects.filter({ pages__gt: 300 })");
  const errors = [];
  for (const [i, form] of FORMS.entries()) {
    try {
      fn = new Function(...names, form(i === 2 ? code : expr));
      break;
    } catch (e) {
      if (!(e instanceof SyntaxError)) throw e;
      errors.push(e);
    }
  }
  if (!fn) throw /\breturn\b/.test(code) ? errors[2] : errors[0];
  if (cache.size > 200) cache.delete(cache.keys().next().value);
  cache.set(key, fn);
  return fn;
}

export const isThenable = (v) => v !== null && (typeof v === "object" || typeof v === "function") && typeof v.then === "function";

/**
 * A host executor that runs nothing: it records each statement and answers
 * with no rows. The live preview evaluates the code against models defined
 * on a Database over it, so typing never touches the data.
 */
export function captureExecutor() {
  const sent = [];
  const empty = () => ({ rows: [], columns: [], changes: 0, lastRowId: null });
  return {
    sent,
    async execute(sql, params) {
      sent.push({ sql, params });
      return empty();
    },
    async batch(statements) {
      for (const s of statements) sent.push({ sql: s.sql, params: s.params });
      return statements.map(empty);
    },
  };
}

/** Wraps an executor so that every statement it runs lands in `log` (with its result's columns). */
export function loggingExecutor(inner, log) {
  return {
    async execute(sql, params) {
      const entry = { sql, params };
      log.push(entry);
      const res = await inner.execute(sql, params);
      entry.columns = res.columns;
      return res;
    },
    async batch(statements) {
      for (const s of statements) log.push({ sql: s.sql, params: s.params, batched: true });
      return inner.batch(statements);
    },
  };
}

/** Mean µs of `f()` over as many calls as fit in `budgetMs` (at least one, at most `max`). */
export function timeMicros(f, budgetMs = 5, max = 5000) {
  const t0 = performance.now();
  let n = 0;
  let t;
  do {
    f();
    n++;
    t = performance.now() - t0;
  } while (t < budgetMs && n < max);
  return { micros: (t * 1000) / n, runs: n };
}

/**
 * The live preview: the SQL the code compiles to, running nothing.
 * `preview` is `{ scope, capture, QuerySet }` (models on a capture executor).
 * Returns `{ kind: "queryset", statements: [{sql, params}], micros, runs }`,
 * `{ kind: "terminal", statements, micros, runs }` (a Promise: the statements
 * it sends before seeing any rows), `{ kind: "value", value }` or
 * `{ kind: "error", error }`.
 */
export async function previewCode(code, { scope, capture, QuerySet }) {
  try {
    const fn = compileCode(code, scope.names);
    capture.sent.length = 0;
    const value = fn(...scope.values);
    if (value instanceof QuerySet) {
      const compiled = value.compile();
      const t = timeMicros(() => fn(...scope.values).compile());
      return { kind: "queryset", statements: [compiled], ...t };
    }
    if (isThenable(value)) {
      let error = null;
      let resolved;
      await value.then((v) => (resolved = v), (e) => (error = e));
      const statements = capture.sent.slice();
      if (!statements.length) {
        // Nothing was sent: the mistake is in the code, not in the (absent) rows.
        if (error) return { kind: "error", error };
        if (!(resolved instanceof QuerySet)) return { kind: "value", value: resolved };
        // `await` in front of a QuerySet: its SQL.
        const compiled = resolved.compile();
        return { kind: "queryset", statements: [compiled], ...timeMicros(() => resolved.compile()) };
      }
      const t = timeMicros(() => {
        const p = fn(...scope.values);
        if (isThenable(p)) p.then(null, () => {});
      });
      capture.sent.length = 0;
      return { kind: "terminal", statements, ...t };
    }
    return { kind: "value", value };
  } catch (error) {
    return { kind: "error", error };
  }
}

/**
 * Runs the code against the real models: a QuerySet is listed (alist()), a
 * Promise awaited. Returns `{ ok: true, value, isQuerySet, ms, log }` or
 * `{ ok: false, error, ms, log }`; `log` holds the statements that ran.
 */
export async function runCode(code, { scope, log, QuerySet }) {
  log.length = 0;
  const t0 = performance.now();
  try {
    const fn = compileCode(code, scope.names);
    let value = fn(...scope.values);
    if (isThenable(value)) value = await value;
    const isQuerySet = value instanceof QuerySet;
    if (isQuerySet) value = await value.alist();
    return { ok: true, value, isQuerySet, ms: performance.now() - t0, log: log.slice() };
  } catch (error) {
    return { ok: false, error, ms: performance.now() - t0, log: log.slice() };
  }
}

/** Django's error class and message, as the page shows it. */
export function describeError(e) {
  if (e instanceof Error || (e && typeof e === "object" && "message" in e)) return { name: String(e.name ?? "Error"), message: String(e.message) };
  return { name: "Thrown", message: String(e) };
}
