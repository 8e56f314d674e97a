// Child process of run.mjs: the Issue 11 compile mix (build + compile to
// { sql, params }, µs per query) of Quarry, Kysely and Drizzle, printed as
// JSON on stdout.
//
// Each query is built from scratch every iteration (Book.objects /
// selectFrom / qb.select) with values that vary (i % 1000), and compiled to
// { sql, params }; everything the caller pays is inside the timed region (JS
// wrappers, JS<->wasm crossings, argument conversion, SQL text). Runs and
// samples of the three libraries alternate, so a noisy machine hits all of
// them alike. The loops let the event loop turn regularly, as a server does
// between requests (this is when FinalizationRegistry callbacks, which free
// Quarry's wasm-side QuerySets, get to run).
import { median, settle, tick, normalize } from "./common.mjs";

const quick = process.argv.includes("--quick");
const RUNS = 5;
const PASSES = quick ? 300 : 1500; // passes over the mix per run
const YIELD_EVERY = 100; // passes
const SPLIT_ITERS = quick ? 50 : 100; // iterations per sample, per query and mode
const SPLIT_SAMPLES = quick ? 7 : 25; // samples per query and mode (finely interleaved)

const libs = [];
for (const id of ["quarry", "kysely", "drizzle"]) {
  const m = await import(`./${id}.mjs`);
  libs.push({ id, name: m.name, queries: m.setup() });
}
const names = libs[0].queries.map((q) => q.name);
for (const l of libs) {
  if (l.queries.map((q) => q.name).join() !== names.join()) throw new Error(`${l.name}: the mix differs from Quarry's`);
}
const has = (l, i) => Boolean(l.queries[i].compile);
// The queries every library compiles (Quarry has no public compile for UPDATE): the mix and the geomean.
const common = names.map((_, i) => i).filter((i) => libs.every((l) => has(l, i)));

// Same statement shape everywhere: same number of parameters per query, and
// the values do change from one iteration to the next.
const mismatches = [];
for (let i = 0; i < names.length; i++) {
  const ls = libs.filter((l) => has(l, i));
  const counts = ls.map((l) => normalize(l.queries[i].compile(l.queries[i].build(7))).params.length);
  if (new Set(counts).size !== 1) mismatches.push(`${names[i]}: ${ls.map((l, j) => `${l.name} ${counts[j]}`).join(", ")}`);
  for (const l of ls) {
    const a = JSON.stringify(normalize(l.queries[i].compile(l.queries[i].build(7))).params);
    const b = JSON.stringify(normalize(l.queries[i].compile(l.queries[i].build(8))).params);
    if (a === b) mismatches.push(`${names[i]}: ${l.name}'s parameters do not vary with i`);
  }
}

let sink = 0;
let iter = 0; // the varying value: every build gets the next i

// Wall-clock and CPU time (this process, all threads: includes concurrent GC
// helpers) of one timed region, in µs per operation.
function timer() {
  const w = performance.now();
  const c = process.cpuUsage();
  return (ops) => {
    const d = process.cpuUsage(c);
    return { wall: ((performance.now() - w) * 1000) / ops, cpu: (d.user + d.system) / ops };
  };
}

async function mixRun(l) {
  const qs = common.map((i) => l.queries[i]);
  const n = qs.length;
  const stop = timer();
  for (let p = 0; p < PASSES; p++) {
    for (let j = 0; j < n; j++) {
      const q = qs[j];
      sink += q.compile(q.build(iter++)).sql.length;
    }
    if ((p + 1) % YIELD_EVERY === 0) await tick();
  }
  return stop(PASSES * n);
}

async function splitRun(q, mode) {
  for (let k = 0; k < 10; k++) sink += q.compile(q.build(iter++)).sql.length; // re-warm this query's paths
  const built = q.build(iter++);
  const stop = timer();
  if (mode === "full") for (let k = 0; k < SPLIT_ITERS; k++) sink += q.compile(q.build(iter++)).sql.length;
  else if (mode === "build") for (let k = 0; k < SPLIT_ITERS; k++) sink += q.build(iter++) ? 1 : 0;
  else for (let k = 0; k < SPLIT_ITERS; k++) sink += q.compile(built).sql.length;
  await tick(); // inside the timed region, as in the mix: deferred frees (finalizers) are part of the cost
  return stop(SPLIT_ITERS);
}

const med = (runs) => (runs.length ? { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) } : null);

// Warm-up: one untimed run per library (JIT tiers, wasm tier-up).
for (const l of libs) await mixRun(l);

const mix = Object.fromEntries(libs.map((l) => [l.id, []]));
for (let r = 0; r < RUNS; r++) {
  const order = libs.map((_, i) => libs[(i + r) % libs.length]);
  for (const l of order) {
    await settle();
    mix[l.id].push(await mixRun(l));
  }
}

// Per query: "full" (build + compile) for every library; the build/compile
// split for Quarry and Kysely. Samples of every query, mode and library interleaved.
const modes = ["full", "build", "compile"];
const perQuery = Object.fromEntries(libs.map((l) => [l.id, names.map((name) => ({ name, full: [], build: [], compile: [] }))]));
for (let r = 0; r < SPLIT_SAMPLES; r++) {
  await settle();
  const order = libs.map((_, i) => libs[(i + r) % libs.length]);
  for (let i = 0; i < names.length; i++) {
    for (const l of order) {
      if (!has(l, i)) continue;
      for (const mode of l.id === "drizzle" ? ["full"] : modes) perQuery[l.id][i][mode].push(await splitRun(l.queries[i], mode));
    }
  }
}

// Caches cold: before each query, a sweep over 8 MB and a little unrelated
// JSON work evict the library's code and data from the CPU caches, as D1's
// I/O and JSON do between two ops inside a Worker; then that one build +
// compile is timed alone (wall, performance.now()). Libraries interleaved.
const COLD_PASSES = quick ? 100 : 400;
const sweep = new Float64Array(1 << 20);
function evict() {
  for (let i = 0; i < sweep.length; i += 8) sweep[i] += 1;
  sink += JSON.parse(JSON.stringify({ a: [1, 2, 3], b: "x".repeat(100) })).a.length;
}
const cold = Object.fromEntries(libs.map((l) => [l.id, common.map(() => 0)]));
for (let p = 0; p < COLD_PASSES; p++) {
  for (const l of libs.map((_, i) => libs[(i + p) % libs.length])) {
    common.forEach((i, j) => {
      const q = l.queries[i];
      evict();
      const t0 = performance.now();
      sink += q.compile(q.build(iter++)).sql.length;
      cold[l.id][j] += performance.now() - t0;
    });
  }
  if ((p + 1) % 50 === 0) await tick();
}

// Indicative only: Quarry's UPDATE through the public API, aupdate() on a
// host whose execute() resolves at once (compile + the Promise round trip).
let quarryUpdate = null;
{
  const { models } = await import("./quarry.mjs");
  const { Book } = models({ execute: () => Promise.resolve({ rows: [], changes: 1 }) });
  const one = (i) => Book.objects.filter({ pk: i % 1000 }).aupdate({ pages: i % 1000 });
  const sql = [];
  {
    const { Book: B2 } = models({ execute: (s, p) => (sql.push({ sql: s, params: p }), Promise.resolve({ rows: [], changes: 1 })) });
    await B2.objects.filter({ pk: 7 }).aupdate({ pages: 7 });
  }
  for (let k = 0; k < 200; k++) sink += await one(iter++);
  const runs = [];
  const n = quick ? 200 : 1000;
  for (let r = 0; r < RUNS; r++) {
    await settle();
    const stop = timer();
    for (let k = 0; k < n; k++) sink += await one(iter++);
    await tick();
    runs.push(stop(n));
  }
  quarryUpdate = { ...med(runs), sql };
}

// Indicative: Prisma 7's query compiler on one query (a different kind of output).
let prisma = null;
try {
  const m = await import("./prisma.mjs");
  const [q] = m.setup();
  const runs = [];
  for (let k = 0; k < 50; k++) sink += JSON.stringify(q.compile(q.build())).length; // warm-up
  for (let r = 0; r < RUNS; r++) {
    const n = quick ? 50 : 200;
    const stop = timer();
    for (let k = 0; k < n; k++) sink += JSON.stringify(q.compile(q.build())).length;
    runs.push(stop(n));
    await tick();
  }
  prisma = { name: m.name, query: q.name, ...med(runs), runs };
} catch (e) {
  prisma = { error: String(e?.message ?? e) };
}

const out = {
  passes: PASSES,
  coldPasses: COLD_PASSES,
  runs: RUNS,
  splitIters: SPLIT_ITERS,
  splitSamples: SPLIT_SAMPLES,
  names,
  common,
  mismatches,
  libs: libs.map((l) => ({
    id: l.id,
    name: l.name,
    mix: { ...med(mix[l.id]), runs: mix[l.id] },
    cold: cold[l.id].map((ms) => (ms * 1000) / COLD_PASSES),
    queries: perQuery[l.id].map((q, i) => ({
      name: q.name,
      aggregate: Boolean(libs[0].queries[i].aggregate),
      full: med(q.full),
      build: med(q.build),
      compile: med(q.compile),
    })),
  })),
  quarryUpdate,
  prisma,
  sample: Object.fromEntries(libs.map((l) => [l.id, l.queries.map((q) => (q.compile ? normalize(q.compile(q.build(7))) : null))])),
  sink,
};
process.stdout.write(JSON.stringify(out));
