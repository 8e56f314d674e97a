// Child process of run.mjs: time per op INSIDE a Worker (Issue 11, target 3).
//
// bench/worker/index.mjs is bundled with wrangler (`deploy --dry-run`, as
// scripts/bundle-worker.mjs does for the example Worker: `quarry` resolves
// through its "workerd" condition, pkg/quarry_bg.wasm stays a separate
// CompiledWasm module; Kysely with kysely-d1 and drizzle-orm/d1 are bundled
// in the same Worker) and run by Miniflare (real workerd) with an in-memory
// D1 as env.DB. Node only sends one request per round: all the timing is done
// inside workerd, so the loopback between Node and Miniflare is not counted.
//
// Each round is one GET /run: for each op, n turns in which every library runs
// the op once (the turn order rotating), each op timed inside workerd and
// summed per library. Per op and library: the median over rounds of ms/op,
// and the median over rounds of the ratio to raw D1 .all() in the same round
// (paired, so drift of the machine cancels). Prints JSON on stdout.
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { bundleWorker } from "../../scripts/bundle-worker.mjs";
import { median } from "./common.mjs";

const quick = process.argv.includes("--quick");
const root = fileURLToPath(new URL("../..", import.meta.url));
const LIBS = ["raw", "d1raw", "quarry", "kysely", "drizzle"];
const OPS = ["get", "list", "filter", "count"];
const BOOKS = 2000;
const ROUNDS = quick ? 6 : 30;
const WARMUP = quick ? 2 : 4;
// Target time of the raw baseline's ops in one round, per op kind (n is
// calibrated from it): sums over many ops average out workerd's coarse clock.
const BLOCK_MS = quick ? 15 : 100;

const tmp = mkdtempSync(join(tmpdir(), "quarry-bench-worker-"));
const config = join(tmp, "wrangler.toml");
writeFileSync(config, `name = "quarry-bench"\nmain = ${JSON.stringify(join(root, "bench/worker/index.mjs"))}\ncompatibility_date = "2026-04-20"\n`);

let mf;
try {
  const t0 = performance.now();
  const bundle = bundleWorker({ config, outdir: join(tmp, "out") });
  const bundleMs = performance.now() - t0;
  mf = new Miniflare({
    modules: bundle.modules,
    modulesRoot: bundle.outdir,
    compatibilityDate: bundle.compatibilityDate,
    d1Databases: ["DB"],
  });
  await mf.ready;
  const get = async (path, init) => {
    const res = await mf.dispatchFetch(new URL(path, "http://bench.local"), init);
    const text = await res.text();
    if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
    return JSON.parse(text);
  };
  await get(`/seed?books=${BOOKS}`, { method: "POST" });

  // All five must return the same rows (ids) and counts.
  const check = await get("/check");
  const disagreements = [];
  for (const op of OPS) for (const lib of LIBS) if (JSON.stringify(check[lib][op]) !== JSON.stringify(check.raw[op])) disagreements.push(`${op}: ${lib} ${JSON.stringify(check[lib][op])} vs raw ${JSON.stringify(check.raw[op])}`);

  // Calibration: n turns per op so that the raw baseline spends ~BLOCK_MS per op kind and round.
  let start = 0;
  const n = {};
  {
    const probe = await get(`/run?n=${OPS.map((op) => `${op}:20`).join(",")}&order=${LIBS.join(",")}&start=${start}`);
    start += 20 * OPS.length * LIBS.length;
    for (const op of OPS) n[op] = Math.max(5, Math.min(2000, Math.round(BLOCK_MS / Math.max(probe.ms[op].raw, 0.001))));
  }
  const nParam = OPS.map((op) => `${op}:${n[op]}`).join(",");
  const perRound = OPS.reduce((s, op) => s + n[op], 0) * LIBS.length;

  const rounds = [];
  for (let r = 0; r < WARMUP + ROUNDS; r++) {
    const order = LIBS.map((_, j) => LIBS[(j + r) % LIBS.length]);
    const out = await get(`/run?n=${nParam}&order=${order.join(",")}&start=${start}`);
    start += perRound;
    if (r >= WARMUP) rounds.push(out.ms);
  }

  const result = {};
  for (const op of OPS) {
    result[op] = {};
    for (const lib of LIBS) {
      result[op][lib] = {
        ms: median(rounds.map((m) => m[op][lib])),
        ratio: median(rounds.map((m) => m[op][lib] / m[op].raw)),
        extraUs: median(rounds.map((m) => (m[op][lib] - m[op].raw) * 1000)),
      };
    }
  }
  const gm = (ratios) => Math.exp(ratios.reduce((s, x) => s + Math.log(x), 0) / ratios.length);
  const geomean = Object.fromEntries(LIBS.map((lib) => [lib, gm(OPS.map((op) => result[op][lib].ratio))]));
  // Spread: the geomean ratio of each round on its own, its quartiles.
  const quartiles = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const at = (p) => s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))];
    return [at(0.25), at(0.75)];
  };
  const spread = Object.fromEntries(LIBS.map((lib) => [lib, quartiles(rounds.map((m) => gm(OPS.map((op) => m[op][lib] / m[op].raw))))]));
  process.stdout.write(JSON.stringify({ books: BOOKS, rounds: ROUNDS, warmup: WARMUP, n, bundleMs, disagreements, result, geomean, spread, raw: rounds }));
} finally {
  await mf?.dispose();
  rmSync(tmp, { recursive: true, force: true });
}
