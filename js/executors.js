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
      if (reads(sql)) return { rows: await bind(sql, params).raw() };
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
