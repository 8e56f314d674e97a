#!/usr/bin/env node
// `make demo`: bundles the example Worker (examples/worker/index.js) with
// wrangler, runs it in Miniflare (a real workerd) with a local D1, seeds it,
// and serves it on http://127.0.0.1:8787/ until Ctrl-C.
//
//   node scripts/demo.mjs [--persist]     PORT=8788 node scripts/demo.mjs
//
// The D1 is in memory unless --persist is given (then .wrangler/demo/d1).
import { Miniflare } from "miniflare";
import { join } from "node:path";
import { bundleWorker, workerOptions, root } from "./bundle-worker.mjs";

const host = "127.0.0.1";
const port = Number(process.env.PORT ?? 8787);
const persist = process.argv.includes("--persist") ? join(root, ".wrangler", "demo", "d1") : false;

// Ctrl-C (SIGINT) or SIGTERM at any point stops everything. The bundle's
// temporary folder never outlives the bundling: Miniflare gets the modules'
// contents, and its own exit hook may end the process before an async stop
// could remove anything.
let mf = null;
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  await mf?.dispose().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

console.log("demo: bundling examples/worker/index.js with wrangler ...");
let bundle;
try {
  bundle = bundleWorker();
} catch (e) {
  // Ctrl-C while wrangler bundles: it was stopped too; nothing to report.
  if (e.signal) process.exit(130);
  throw e;
}
const options = workerOptions(bundle, { d1Persist: persist });
bundle.dispose();
mf = new Miniflare({ ...options, host, port });
const url = await mf.ready;

const res = await fetch(new URL("/seed", url), { method: "POST" });
const seeded = await res.text();
if (!res.ok) {
  console.error(`demo: POST /seed failed (${res.status}):\n${seeded}`);
  await stop(1);
}
const { authors, books, migrated } = JSON.parse(seeded);
console.log(`demo: D1 ${persist ? `persisted in ${persist}` : "in memory"}, migrated (${migrated.length ? migrated.join(", ") : "nothing new"}), seeded with ${authors} authors and ${books} books`);
console.log("");
console.log(`  Quarry example Worker: http://${host}:${port}/`);
console.log(`  JSON:                  http://${host}:${port}/api/authors?startswith=A`);
console.log("");
console.log("Ctrl-C stops it.");
