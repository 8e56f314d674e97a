// Shared harness for the JS tests: a real D1 (Miniflare's, on a real workerd)
// and the example Worker, bundled by wrangler and run by Miniflare.
//
//   import { withD1, startD1, bundleWorker, startWorker } from "./helpers.mjs";
//
//   await withD1(async ({ db }) => { const d = new Database(db); ... });
//
//   const { db, mf, dispose } = await startD1();   // db: a D1 binding in Node
//   after(dispose);
import { appendFileSync } from "node:fs";
import assert from "node:assert/strict";
import { Miniflare } from "miniflare";
import { QuarryError } from "quarry";
import { bundleWorker, workerOptions } from "../../scripts/bundle-worker.mjs";

export { bundleWorker, workerOptions };

const NOOP_WORKER = "export default { fetch() { return new Response(null, { status: 204 }); } };";

/**
 * Starts a Miniflare (real workerd) with one D1 database, in memory.
 * Returns { db, mf, dispose }: `db` is the D1 binding (`await mf.getD1Database("DB")`),
 * usable from Node as in a Worker (prepare/bind/all/run/first/raw/batch/exec).
 */
export async function startD1({ binding = "DB" } = {}) {
  const mf = new Miniflare({
    modules: true,
    script: NOOP_WORKER,
    compatibilityDate: "2026-04-20",
    d1Databases: [binding],
  });
  try {
    const db = logged(await mf.getD1Database(binding));
    return { db, mf, dispose: () => mf.dispose() };
  } catch (e) {
    await mf.dispose();
    throw e;
  }
}

/**
 * With QUARRY_SQL_LOG=<file> (set by `make test`), every statement prepared
 * on the D1 binding is appended to that file as one JSON line
 * `{ sql, params }` (params: how many values were bound), so that
 * `cargo test --test logged_sql` can re-parse every statement the JS tests
 * ran with sqlparser. The binding itself is the real one.
 */
function logged(d1) {
  const file = process.env.QUARRY_SQL_LOG;
  if (!file) return d1;
  const log = (sql, params) => appendFileSync(file, JSON.stringify({ sql, params }) + "\n");
  const unbound = new WeakMap(); // proxy → [real statement, sql]
  return {
    prepare(sql) {
      const stmt = d1.prepare(sql);
      const proxy = new Proxy(stmt, {
        get(target, prop) {
          if (prop === "bind") {
            return (...args) => {
              log(sql, args.length);
              return target.bind(...args);
            };
          }
          const v = target[prop];
          if (typeof v !== "function") return v;
          return (...a) => {
            if (["raw", "run", "all", "first"].includes(prop)) log(sql, 0);
            return v.apply(target, a);
          };
        },
      });
      unbound.set(proxy, [stmt, sql]);
      return proxy;
    },
    batch(statements) {
      return d1.batch(
        statements.map((s) => {
          const raw = unbound.get(s);
          if (!raw) return s;
          log(raw[1], 0);
          return raw[0];
        }),
      );
    },
    exec: (...a) => d1.exec(...a),
    dump: (...a) => d1.dump(...a),
    withSession: (...a) => d1.withSession(...a),
  };
}

/** Runs fn({ db, mf }) with a fresh D1 database and disposes of it afterwards. */
export async function withD1(fn, options) {
  const d1 = await startD1(options);
  try {
    return await fn(d1);
  } finally {
    await d1.dispose();
  }
}

/**
 * Starts a bundled Worker (from bundleWorker()) in Miniflare with an in-memory
 * D1 as env.DB, served over HTTP on 127.0.0.1 (a random port).
 * Returns { url, mf, fetch(path, init), dispose }.
 */
export async function startWorker(bundle = bundleWorker(), options = {}) {
  const mf = new Miniflare({ ...workerOptions(bundle, options), host: "127.0.0.1", port: 0 });
  let url;
  try {
    url = await mf.ready;
  } catch (e) {
    await mf.dispose();
    throw e;
  }
  return {
    url,
    mf,
    fetch: (path, init) => fetch(new URL(path, url), init),
    dispose: () => mf.dispose(),
  };
}

/**
 * A static file server for `root` on 127.0.0.1 (a random port), as any web
 * host serves a build (scripts/serve-static.mjs, which `make demo` uses).
 * Returns { origin, url, log, close() }; `log` holds "status path" per request.
 */
export async function serveStatic(root) {
  const { serveStatic: serve } = await import("../../scripts/serve-static.mjs");
  const site = await serve(root);
  return { ...site, origin: site.url.replace(/\/$/, "") };
}

/** A free TCP port on 127.0.0.1. */
export async function freePort() {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Debian's Chromium, and the flags it needs on these machines (no GPU, no
 * sandbox as root, no background connections: the network is closed). */
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * For assert.throws / assert.rejects: the error is a `cls`, a QuarryError and
 * an Error, with exactly `message` (a string) or matching it (a RegExp).
 */
export const isError = (cls, message) => (e) => {
  assert.ok(e instanceof cls, `expected ${cls.name}, got ${e?.constructor?.name}: ${e?.message}`);
  assert.ok(e instanceof QuarryError, "every error is a QuarryError");
  assert.ok(e instanceof Error);
  if (message instanceof RegExp) assert.match(e.message, message);
  else if (message !== undefined) assert.equal(e.message, message);
  return true;
};
