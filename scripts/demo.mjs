#!/usr/bin/env node
// `make demo`: the two demos, until Ctrl-C.
//  - The playground (examples/playground): built by esbuild into
//    examples/playground/dist/ and served as static files on
//    http://127.0.0.1:8788/ (Quarry and SQLite run in the page).
//  - The example Worker (examples/worker/index.js): bundled with wrangler,
//    run in Miniflare (a real workerd) with a local D1, seeded, on
//    http://127.0.0.1:8787/.
//
//   node scripts/demo.mjs [--persist]     PORT=8790 PLAYGROUND_PORT=8791 node scripts/demo.mjs
//
// PORT / PLAYGROUND_PORT 0 pick free ports (the tests do). The D1 is in
// memory unless --persist is given (then .wrangler/demo/d1).
import { Miniflare } from "miniflare";
import { join } from "node:path";
import { bundleWorker, workerOptions, root } from "./bundle-worker.mjs";
import { buildPlayground } from "./build-playground.mjs";
import { serveStatic } from "./serve-static.mjs";

const host = "127.0.0.1";
const port = Number(process.env.PORT ?? 8787);
const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 8788);
const persist = process.argv.includes("--persist") ? join(root, ".wrangler", "demo", "d1") : false;

// Ctrl-C (SIGINT) or SIGTERM at any point stops everything. The bundle's
// temporary folder never outlives the bundling: Miniflare gets the modules'
// contents, and its own exit hook may end the process before an async stop
// could remove anything.
let mf = null;
let site = null;
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  await mf?.dispose().catch(() => {});
  await site?.close().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

try {
  console.log("demo: building the playground with esbuild ...");
  const { outDir } = await buildPlayground({ log: null });
  site = await serveStatic(outDir, { host, port: playgroundPort });

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
  const url = new URL(await mf.ready);

  const res = await fetch(new URL("/seed", url), { method: "POST" });
  const seeded = await res.text();
  if (!res.ok) throw new Error(`POST /seed failed (${res.status}):\n${seeded}`);
  const { authors, books, migrated } = JSON.parse(seeded);
  console.log(`demo: D1 ${persist ? `persisted in ${persist}` : "in memory"}, migrated (${migrated.length ? migrated.join(", ") : "nothing new"}), seeded with ${authors} authors and ${books} books`);
  console.log("");
  console.log(`  Quarry playground (in-page SQLite): ${site.url}`);
  console.log(`  Quarry example Worker (D1):         http://${host}:${url.port}/`);
  console.log(`  JSON:                               http://${host}:${url.port}/api/authors?startswith=A`);
  console.log("");
  console.log("Ctrl-C stops both.");
} catch (e) {
  console.error(`demo: ${e.stack ?? e.message}`);
  await stop(1);
}
