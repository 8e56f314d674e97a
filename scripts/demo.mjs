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

console.log("demo: bundling examples/worker/index.js with wrangler ...");
const bundle = bundleWorker();
const mf = new Miniflare({ ...workerOptions(bundle, { d1Persist: persist }), host, port });
const url = await mf.ready;

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  await mf.dispose().catch(() => {});
  bundle.dispose();
  process.exit(code);
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

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
