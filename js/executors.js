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
