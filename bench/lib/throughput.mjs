// Child process of run.mjs: the query-mix throughput of
// Quarry, Kysely and Drizzle, printed as JSON on stdout.
//
// Each query is built from scratch (manager / selectFrom / qb.select) and
// compiled to { sql, params }; everything the caller pays is inside the timed
// region (JS wrappers, JS<->wasm crossings, argument conversion, SQL text).
// Runs of the three libraries alternate, so a noisy machine hits all of them
// alike. Every YIELD_EVERY passes the loop lets the event loop turn, as a
// server does between requests (this is when FinalizationRegistry callbacks,
// which free Quarry's wasm-side QuerySets, get to run).
import { median, settle, tick, normalize } from "./common.mjs";

const quick = process.argv.includes("--quick");
const RUNS = 5;
const PASSES = quick ? 400 : 2000; // passes over the 10-query mix per run: 20,000 queries
const YIELD_EVERY = 100; // passes (1,000 queries)
const SPLIT_ITERS = quick ? 50 : 100; // per query and mode, per sample
const SPLIT_SAMPLES = quick ? 5 : 25; // samples per query and mode (finely interleaved: noise hits all alike)

const libs = [];
for (const id of ["quarry", "kysely", "drizzle"]) {
  const m = await import(`./${id}.mjs`);
  libs.push({ id, name: m.name, queries: m.setup() });
}

// Same statement shape everywhere: same number of parameters per query.
const mismatches = [];
for (let i = 0; i < libs[0].queries.length; i++) {
  const counts = libs.map((l) => normalize(l.queries[i].compile(l.queries[i].build())).params.length);
  if (new Set(counts).size !== 1) mismatches.push(`${libs[0].queries[i].name}: ${libs.map((l, j) => `${l.name} ${counts[j]}`).join(", ")}`);
}

let sink = 0;

// Wall-clock and CPU time (this process, all threads: includes concurrent GC
// helpers) of one timed region, in µs per operation. On a shared, loaded
// machine the CPU figure is the steadier one.
function timer() {
  const w = performance.now();
  const c = process.cpuUsage();
  return (ops) => {
    const d = process.cpuUsage(c);
    return { wall: ((performance.now() - w) * 1000) / ops, cpu: (d.user + d.system) / ops };
  };
}

async function mixRun(qs) {
  const n = qs.length;
  const stop = timer();
  for (let p = 0; p < PASSES; p++) {
    for (let i = 0; i < n; i++) {
      const q = qs[i];
      sink += q.compile(q.build()).sql.length;
    }
    if ((p + 1) % YIELD_EVERY === 0) await tick();
  }
  return stop(PASSES * n);
}

async function splitRun(q, mode) {
  const built = q.build();
  for (let i = 0; i < 10; i++) sink += q.compile(q.build()).sql.length; // re-warm this query's paths
  const stop = timer();
  if (mode === "full") for (let i = 0; i < SPLIT_ITERS; i++) sink += q.compile(q.build()).sql.length;
  else if (mode === "build") for (let i = 0; i < SPLIT_ITERS; i++) sink += q.build() ? 1 : 0;
  else for (let i = 0; i < SPLIT_ITERS; i++) sink += q.compile(built).sql.length;
  await tick(); // inside the timed region, as in the mix: deferred frees (finalizers) are part of the cost
  return stop(SPLIT_ITERS);
}

const med = (runs) => (runs.length ? { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) } : null);

// Warm-up: one untimed run per library (JIT tiers, wasm tier-up).
for (const l of libs) await mixRun(l.queries);

const mix = Object.fromEntries(libs.map((l) => [l.id, []]));
for (let r = 0; r < RUNS; r++) {
  const order = libs.map((_, i) => libs[(i + r) % libs.length]);
  for (const l of order) {
    await settle();
    mix[l.id].push(await mixRun(l.queries));
  }
}

const modes = ["full", "build", "compile"];
const perQuery = Object.fromEntries(libs.map((l) => [l.id, l.queries.map((q) => ({ name: q.name, full: [], build: [], compile: [] }))]));
for (let r = 0; r < SPLIT_SAMPLES; r++) {
  await settle();
  for (const l of libs) {
    for (let i = 0; i < l.queries.length; i++) {
      // The build/compile split is reported for Quarry and Kysely only.
      for (const mode of l.id === "drizzle" ? ["full"] : modes) perQuery[l.id][i][mode].push(await splitRun(l.queries[i], mode));
    }
  }
}

// Indicative: Prisma 7's query compiler on the first query (a different kind of output).
let prisma = null;
try {
  const m = await import("./prisma.mjs");
  const [q] = m.setup();
  const runs = [];
  for (let i = 0; i < 50; i++) sink += JSON.stringify(q.compile(q.build())).length; // warm-up
  for (let r = 0; r < RUNS; r++) {
    const n = quick ? 50 : 200;
    const stop = timer();
    for (let i = 0; i < n; i++) sink += JSON.stringify(q.compile(q.build())).length;
    runs.push(stop(n));
    await tick();
  }
  prisma = { name: m.name, query: q.name, ...med(runs), runs };
} catch (e) {
  prisma = { error: String(e?.message ?? e) };
}

const out = {
  passes: PASSES,
  runs: RUNS,
  splitIters: SPLIT_ITERS,
  splitSamples: SPLIT_SAMPLES,
  mismatches,
  libs: libs.map((l) => ({
    id: l.id,
    name: l.name,
    mix: { ...med(mix[l.id]), runs: mix[l.id] },
    queries: perQuery[l.id].map((q) => ({ name: q.name, full: med(q.full), build: med(q.build), compile: med(q.compile) })),
  })),
  prisma,
  sample: Object.fromEntries(libs.map((l) => [l.id, l.queries.map((q) => normalize(q.compile(q.build())))])),
  sink,
};
process.stdout.write(JSON.stringify(out));
