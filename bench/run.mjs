#!/usr/bin/env node
// Quarry benchmark: size, startup, the compile mix, row hydration and time
// per op inside a Worker, against Kysely, Drizzle (and Prisma 7's query
// compiler for size); ends with the Issue 11 targets.
// `make bench` (or `node bench/run.mjs` after `make build`). See bench/README.md.
//
// Options: --quick (fewer samples/iterations, for a smoke run)
//          --only=size,startup,compile,hydration,worker,types (any subset)
//          --samples=N (fresh processes per startup figure, default 15)
import { spawn, execFileSync } from "node:child_process";
import { readFileSync, readdirSync, existsSync, mkdtempSync, mkdirSync, copyFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join, dirname } from "node:path";
import { tmpdir } from "node:os";
import os from "node:os";
import { median } from "./lib/common.mjs";
import { BUDGET, TARGET } from "../scripts/size.mjs";
import * as snippets from "./lib/startup.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const bench = join(root, "bench");
const require = createRequire(join(root, "package.json"));

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = (args.find((a) => a.startsWith("--only="))?.slice(7) ?? "size,startup,compile,hydration,worker,types").split(",");
const SAMPLES = Number(args.find((a) => a.startsWith("--samples="))?.slice(10) ?? (quick ? 5 : 15));
const PRISMA_REFERENCE = 647_519;

// ---- output helpers ------------------------------------------------------------

const fmtInt = (n) => Math.round(n).toLocaleString("en-US");
const fmt = (n, d = 1) => (n == null || Number.isNaN(n) ? "-" : n.toFixed(d));
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}x` : "-");

/** Prints an aligned table; headers = null for a plain key/value list. */
function table(headers, rows, align) {
  const cells = (headers ? [headers, ...rows] : rows).map((r) => r.map((c) => String(c ?? "")));
  const w = cells[0].map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const right = align ?? w.map((_, i) => i > 0);
  const line = (r) => ("  " + r.map((c, i) => (right[i] ? c.padStart(w[i]) : c.padEnd(w[i]))).join("  ")).trimEnd();
  if (headers) {
    console.log(line(cells.shift()));
    console.log("  " + w.map((n) => "-".repeat(n)).join("  "));
  }
  for (const r of cells) console.log(line(r));
}

const heading = (s) => console.log(`\n== ${s} ${"=".repeat(Math.max(0, 74 - s.length))}`);
const note = (s) => console.log(`  ${s}`);

/** Installed version of a package (read from node_modules: not every package exports ./package.json). */
function version(pkg) {
  try {
    return JSON.parse(readFileSync(join(root, "node_modules", pkg, "package.json"), "utf8")).version;
  } catch {
    return null;
  }
}

function run(cmd, argv, { cwd = root } = {}) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, argv, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => (err += d));
    p.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${argv.slice(0, 3).join(" ")} exited ${code}: ${err.trim().slice(-2000)}`))));
  });
}

const gz = (buf) => gzipSync(buf, { level: 9 }).length;

// ---- environment ---------------------------------------------------------------------

function environment() {
  heading("Environment");
  const cpus = os.cpus();
  let rev = "?";
  try {
    rev = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
    if (execFileSync("git", ["status", "--porcelain", "--", "src", "js"], { cwd: root, encoding: "utf8" }).trim()) rev += " (src/ or js/ modified)";
  } catch {}
  table(
    null,
    [
      ["node", process.version + ` (V8 ${process.versions.v8})`],
      ["cpu", `${cpus[0]?.model ?? "?"} x ${cpus.length}`],
      ["os", `${os.platform()} ${os.release()} ${os.arch()}, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB`],
      ["load average", os.loadavg().map((x) => x.toFixed(2)).join(" ") + (os.loadavg()[0] > cpus.length * 0.75 ? "   <- busy machine: expect noisy numbers" : "")],
      ["quarry", `git ${rev}`],
      ["kysely", version("kysely") ?? "not installed"],
      ["drizzle-orm", version("drizzle-orm") ?? "not installed"],
      ["@prisma/query-compiler-wasm", version("@prisma/query-compiler-wasm") ?? "not installed"],
      ["esbuild", version("esbuild") ?? "not installed"],
    ],
    [false, false],
  );
}

// ---- 1. size -----------------------------------------------------------------------------

function quarryShipped() {
  const files = ["pkg/quarry_bg.wasm", "pkg/quarry.js"];
  for (const f of readdirSync(join(root, "dist")).sort()) if (f.endsWith(".js")) files.push(`dist/${f}`);
  const missing = files.filter((f) => !existsSync(join(root, f)));
  if (missing.length) throw new Error(`missing ${missing.join(", ")}: run \`make build\` first`);
  return files.map((f) => {
    const b = readFileSync(join(root, f));
    return { file: f, raw: b.length, gzip: gz(b) };
  });
}

async function esbuildBundle(esbuild, entry, { minify, outfile }) {
  const r = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "node",
    target: "es2022",
    minify,
    treeShaking: true,
    legalComments: "none",
    metafile: true,
    write: Boolean(outfile),
    outfile,
    logLevel: "silent",
    absWorkingDir: root,
  });
  const code = outfile ? readFileSync(outfile) : Buffer.from(r.outputFiles[0].contents);
  const inputs = Object.keys(r.metafile.inputs).filter((f) => !f.startsWith("bench/"));
  return { raw: code.length, gzip: gz(code), inputs };
}

/** Per-file gzip of the package files a bundle pulled in (the "as installed" figure). */
function inputFiles(inputs) {
  let raw = 0;
  let gzip = 0;
  for (const f of inputs) {
    const b = readFileSync(join(root, f));
    raw += b.length;
    gzip += gz(b);
  }
  return { raw, gzip, count: inputs.length };
}

async function sizeSection(tmp) {
  heading("1. Size (gzip -9 bytes)");
  const rows = [];
  const bundles = {};
  const wasm = readFileSync(join(root, "pkg/quarry_bg.wasm"));
  const wasmGz = gz(wasm);

  const shipped = quarryShipped();
  const total = shipped.reduce((n, r) => n + r.gzip, 0);
  rows.push(["Quarry", `as shipped: pkg/quarry_bg.wasm + pkg/quarry.js + dist/*.js (${shipped.length} files)`, fmtInt(shipped.reduce((n, r) => n + r.raw, 0)), fmtInt(total), fmtInt(wasmGz)]);

  let esbuild = null;
  try {
    esbuild = await import(pathToFileURL(require.resolve("esbuild")).href);
  } catch {
    note("esbuild not found in node_modules: bundle figures skipped.");
  }
  if (esbuild) {
    // Quarry: the compile-mix module bundled (JS API + glue, minified) + the .wasm beside it.
    mkdirSync(join(tmp, "b"), { recursive: true });
    mkdirSync(join(tmp, "pkg"), { recursive: true });
    copyFileSync(join(root, "pkg/quarry_bg.wasm"), join(tmp, "pkg/quarry_bg.wasm")); // node.js reads ../pkg/quarry_bg.wasm
    const qb = await esbuildBundle(esbuild, join(bench, "lib/quarry.mjs"), { minify: true, outfile: join(tmp, "b/quarry.mjs") });
    rows.push(["Quarry", "esbuild --minify bundle of the compile mix + .wasm", fmtInt(qb.raw + wasm.length), fmtInt(qb.gzip + wasmGz), fmtInt(wasmGz)]);
    bundles.quarry = join(tmp, "b/quarry.mjs");
    for (const id of ["kysely", "drizzle"]) {
      const name = id === "kysely" ? "Kysely" : "Drizzle";
      const entry = join(bench, `lib/${id}.mjs`);
      try {
        const min = await esbuildBundle(esbuild, entry, { minify: true, outfile: join(tmp, `b/${id}.mjs`) });
        const plain = await esbuildBundle(esbuild, entry, { minify: false });
        const files = inputFiles(min.inputs);
        rows.push([name, `ESM files the compile mix needs, as installed (${files.count} files, gzip each)`, fmtInt(files.raw), fmtInt(files.gzip), "-"]);
        rows.push([name, "esbuild bundle of the compile mix (not minified)", fmtInt(plain.raw), fmtInt(plain.gzip), "-"]);
        rows.push([name, "esbuild --minify bundle of the compile mix", fmtInt(min.raw), fmtInt(min.gzip), "-"]);
        bundles[id] = join(tmp, `b/${id}.mjs`);
      } catch (e) {
        rows.push([name, `bundle failed: ${e.message.split("\n")[0]}`, "-", "-", "-"]);
      }
    }
  }

  let prismaMeasured = false;
  try {
    const dir = join(dirname(require.resolve("@prisma/query-compiler-wasm/package.json")), "sqlite");
    for (const variant of ["small", "fast"]) {
      const files = [`query_compiler_${variant}_bg.wasm`, `query_compiler_${variant}_bg.js`, `query_compiler_${variant}.js`].map((f) => readFileSync(join(dir, f)));
      const raw = files.reduce((n, b) => n + b.length, 0);
      const g = files.reduce((n, b) => n + gz(b), 0);
      const what = variant === "small" ? "SQLite query compiler, \"small\" wasm (what @prisma/client 7 bundles) + glue" : "SQLite query compiler, \"fast\" wasm + glue (for reference)";
      rows.push(["Prisma 7", what, fmtInt(raw), fmtInt(g), fmtInt(gz(files[0]))]);
    }
    prismaMeasured = true;
  } catch {
    rows.push(["Prisma 7", "SQLite query-compiler wasm: REFERENCE, NOT MEASURED (package not installed)", "-", fmtInt(PRISMA_REFERENCE), fmtInt(PRISMA_REFERENCE)]);
  }

  table(["library", "what", "raw bytes", "gzip -9", "of which wasm"], rows, [false, false, true, true, true]);
  note(`Quarry's size budget (scripts/size.mjs): ${fmtInt(BUDGET)} gzipped, issue 11's target ${fmtInt(TARGET)}; as shipped: ${fmtInt(total)} (${total <= BUDGET ? "within the budget" : `OVER the budget by ${fmtInt(total - BUDGET)}`}, ${total <= TARGET ? "target met" : `${fmtInt(total - TARGET)} over the target`}).`);
  note("Quarry's dist/*.js are js/*.js minified one by one; its wasm is -Oz. Kysely/Drizzle bundles hold only what the compile mix uses (tree-shaken).");
  note(prismaMeasured
    ? "Prisma: only the query compiler (the client's JS runtime comes on top). Its output is a query plan the runtime interprets."
    : `Prisma: ${fmtInt(PRISMA_REFERENCE)} is the reference figure, not measured here.`);
  return bundles;
}

/** The esbuild bundles the startup section loads, when the size section (which makes them) is not run. */
async function makeBundles(tmp) {
  const bundles = {};
  let esbuild;
  try {
    esbuild = await import(pathToFileURL(require.resolve("esbuild")).href);
  } catch {
    return bundles;
  }
  mkdirSync(join(tmp, "b"), { recursive: true });
  mkdirSync(join(tmp, "pkg"), { recursive: true });
  copyFileSync(join(root, "pkg/quarry_bg.wasm"), join(tmp, "pkg/quarry_bg.wasm"));
  for (const id of ["quarry", "kysely", "drizzle"]) {
    try {
      await esbuildBundle(esbuild, join(bench, `lib/${id}.mjs`), { minify: true, outfile: join(tmp, `b/${id}.mjs`) });
      bundles[id] = join(tmp, `b/${id}.mjs`);
    } catch {}
  }
  return bundles;
}

// ---- 2. startup --------------------------------------------------------------------------

async function samples(code, n, flags = []) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const text = await run(process.execPath, [...flags, "--input-type=module", "-e", code]);
    out.push(JSON.parse(text.trim().split("\n").pop()));
  }
  const keys = Object.keys(out[0]);
  return Object.fromEntries(keys.map((k) => [k, median(out.map((o) => o[k]))]));
}

async function startupSection(bundles) {
  heading(`2. Startup (ms, median of ${SAMPLES} fresh processes; performance.now() inside the process)`);
  const url = (p) => pathToFileURL(p).href;
  const variants = [["Quarry", "pkg + js as shipped", url(join(bench, "lib/quarry.mjs"))]];
  if (bundles.quarry) variants.push(["Quarry", "esbuild bundle + .wasm", url(bundles.quarry)]);
  for (const [id, name] of [["kysely", "Kysely"], ["drizzle", "Drizzle"]]) {
    if (!version(id === "kysely" ? "kysely" : "drizzle-orm")) continue;
    variants.push([name, "node_modules (many ESM files)", url(join(bench, `lib/${id}.mjs`))]);
    if (bundles[id]) variants.push([name, "esbuild --minify bundle", url(bundles[id])]);
  }
  if (version("@prisma/query-compiler-wasm")) variants.push(["Prisma 7 QC", "small wasm; setup = QueryCompiler(schema)", url(join(bench, "lib/prisma.mjs"))]);

  const rows = [];
  const totals = {};
  for (const [name, how, u] of variants) {
    try {
      const s = await samples(snippets.generic(u), SAMPLES);
      totals[`${name}|${how}`] = s.total;
      rows.push([name, how, fmt(s.load, 2), fmt(s.setup, 2), fmt(s.first, 2), fmt(s.total, 2), name.startsWith("Prisma") ? "-" : fmt(s.rest, 2)]);
    } catch (e) {
      rows.push([name, `failed: ${e.message.split("\n")[0].slice(0, 60)}`, "-", "-", "-", "-", "-"]);
    }
  }
  table(["library", "loaded from", "import+init", "setup", "1st compile", "total", "rest of mix (cold)"], rows, [false, false, true, true, true, true, true]);
  note("import+init: import of the library (Quarry, Prisma: includes compiling + instantiating the wasm); setup: models/tables/db object;");
  note("1st compile: build + compile of the first query (select by pk); total = the three (Issue 11's cold start);");
  note("rest of mix: the other queries of the compile mix, each compiled for the first time (Kysely, Drizzle: + the UPDATE).");
  const pick = (name, how) => totals[`${name}|${how}`];
  const cold = {
    quarry: pick("Quarry", "esbuild bundle + .wasm") ?? pick("Quarry", "pkg + js as shipped"),
    quarryHow: pick("Quarry", "esbuild bundle + .wasm") ? "esbuild bundle + .wasm" : "pkg + js as shipped",
    kysely: pick("Kysely", "esbuild --minify bundle"),
    drizzle: pick("Drizzle", "esbuild --minify bundle"),
  };

  const p = await samples(
    snippets.quarryPhased(url(join(root, "pkg/quarry.js")), join(root, "pkg/quarry_bg.wasm"), url(join(bench, "lib/quarry.mjs"))),
    SAMPLES,
  );
  console.log();
  note("Quarry's load, phase by phase (separate processes, same median):");
  table(
    ["glue import", "read .wasm", "WebAssembly.Module", "instantiate", "JS API import", "setup", "1st compile", "total"],
    [[p.glue, p.read, p.compile, p.instantiate, p.api, p.setup, p.first, p.total].map((x) => fmt(x, 2))],
  );
  // What the first query makes V8 compile: wasm functions are compiled on
  // their first call, one whole body at a time (Liftoff), on the main thread.
  const traced = await run(process.execPath, ["--trace-wasm-compilation-times", "--input-type=module", "-e", snippets.firstQuery(url(join(bench, "lib/quarry.mjs")))]);
  let lazyFns = 0;
  let lazyBytes = 0;
  for (const m of traced.matchAll(/^Compiled function .* using Liftoff.* bodysize (\d+)/gm)) {
    lazyFns++;
    lazyBytes += Number(m[1]);
  }
  const eager = await samples(snippets.generic(url(join(bench, "lib/quarry.mjs"))), SAMPLES, ["--no-wasm-lazy-compilation"]);
  note(`Wasm compiled on first call up to the first SQL (node --trace-wasm-compilation-times): ${fmtInt(lazyFns)} functions,`);
  note(`${fmtInt(lazyBytes)} bytes of bodies (the module: ${fmtInt(statSync(join(root, "pkg/quarry_bg.wasm")).size)}). With V8's lazy compilation off (--no-wasm-lazy-compilation:`);
  note(`every body compiled at import instead) setup + 1st compile take ${fmt(eager.setup + eager.first, 2)} ms, against ${fmt(p.setup + p.first, 2)} above.`);
  console.log();
  note(`Cold start (import + models + first SQL), bundled as a Worker gets it: Quarry ${fmt(cold.quarry, 2)} ms (${cold.quarryHow}),`);
  note(`Kysely ${fmt(cold.kysely, 2)} ms, Drizzle ${fmt(cold.drizzle, 2)} ms: Quarry/Kysely ${ratio(cold.quarry, cold.kysely)}, Quarry/Drizzle ${ratio(cold.quarry, cold.drizzle)}.`);
  return cold;
}

// ---- 3. compile mix ------------------------------------------------------------------------

const geomean = (xs) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);

async function compileSection() {
  heading("3. Compile mix: build + compile to { sql, params }, µs per query");
  const out = JSON.parse(await run(process.execPath, [join(bench, "lib/throughput.mjs"), ...(quick ? ["--quick"] : [])]));
  const [Q, K, D] = ["quarry", "kysely", "drizzle"].map((id) => out.libs.find((l) => l.id === id));
  if (out.mismatches.length) note(`WARNING: ${out.mismatches.join("; ")}`);
  note(`Each query built from Model.objects / selectFrom / qb.select every iteration, values varying with i % 1000.`);
  note(`Per query: CPU µs, median of ${out.splitSamples} samples of ${out.splitIters} iterations (samples of all queries and libraries interleaved).`);
  const rows = out.names.map((n, i) => {
    const [q, k, d] = [Q, K, D].map((l) => l.queries[i].full?.cpu);
    return [n, fmt(q, 2), fmt(k, 2), fmt(d, 2), ratio(q, k), ratio(q, d)];
  });
  const common = out.common;
  const gm = (l) => geomean(common.map((i) => l.queries[i].full.cpu));
  const gmRatio = (a, b, idx = common) => geomean(idx.map((i) => a.queries[i].full.cpu / b.queries[i].full.cpu));
  const agg = common.filter((i) => Q.queries[i].aggregate);
  rows.push([`geomean (${common.length} queries, no UPDATE)`, fmt(gm(Q), 2), fmt(gm(K), 2), fmt(gm(D), 2), `${gmRatio(Q, K).toFixed(2)}x`, `${gmRatio(Q, D).toFixed(2)}x`]);
  rows.push(["aggregate + group by alone", "", "", "", `${gmRatio(Q, K, agg).toFixed(2)}x`, `${gmRatio(Q, D, agg).toFixed(2)}x`]);
  table(["query", "Quarry", "Kysely", "Drizzle", "Quarry/Kysely", "Quarry/Drizzle"], rows, [false, true, true, true, true, true]);
  note(`"aggregate + group by alone": geomean of the ${agg.length} aggregate queries (${agg.map((i) => out.names[i]).join(", ")}).`);
  const qu = out.quarryUpdate;
  note(`UPDATE: the public API has no compile() for an update, so Quarry has no figure in the mix. Indicative: aupdate()`);
  note(`  on a host that resolves at once (compile + Promise round trip, ${qu.sql[0]?.sql}): ${fmt(qu.cpu, 2)} µs CPU.`);

  console.log();
  note(`Whole mix (the ${common.length} shared queries in turn), ${fmtInt(out.passes * common.length)} queries per run after a warm-up run, median of ${out.runs} runs:`);
  table(
    ["", "Quarry", "Kysely", "Drizzle", "Quarry/Kysely", "Quarry/Drizzle"],
    [
      ["mix, CPU µs/query", fmt(Q.mix.cpu, 2), fmt(K.mix.cpu, 2), fmt(D.mix.cpu, 2), ratio(Q.mix.cpu, K.mix.cpu), ratio(Q.mix.cpu, D.mix.cpu)],
      ["mix, wall µs/query", fmt(Q.mix.wall, 2), fmt(K.mix.wall, 2), fmt(D.mix.wall, 2), ratio(Q.mix.wall, K.mix.wall), ratio(Q.mix.wall, D.mix.wall)],
    ],
  );
  const coldGm = (l) => geomean(l.cold);
  note(`Caches cold: before each query, an 8 MB sweep and some unrelated JSON evict the library from the CPU caches (as D1's I/O`);
  note(`does between two ops in a Worker); that one build + compile timed alone, wall µs, mean of ${fmtInt(out.coldPasses)} per query, geomean:`);
  note(`Quarry ${fmt(coldGm(Q), 2)}, Kysely ${fmt(coldGm(K), 2)}, Drizzle ${fmt(coldGm(D), 2)}: Quarry/Kysely ${ratio(coldGm(Q), coldGm(K))}, Quarry/Drizzle ${ratio(coldGm(Q), coldGm(D))}.`);
  console.log();
  note("Build / compile split (CPU µs): build = chain calls only; compile = compile() of an already built query.");
  const split = common.map((i) => {
    const [q, k] = [Q.queries[i], K.queries[i]];
    return [out.names[i], fmt(q.build.cpu, 2), fmt(q.compile.cpu, 2), fmt(k.build.cpu, 2), fmt(k.compile.cpu, 2)];
  });
  table(["query", "Q build", "Q compile", "K build", "K compile"], split, [false, true, true, true, true]);
  if (out.prisma?.cpu) {
    note(`Indicative: ${out.prisma.name} compiles the "${out.prisma.query}" query (JSON protocol request -> query plan) in ${fmt(out.prisma.cpu)} µs CPU (${fmt(out.prisma.wall)} wall).`);
  }
  if (args.includes("--show-sql")) {
    for (const [id, list] of Object.entries(out.sample)) for (const c of list) if (c) console.log(`  ${id}: ${c.sql}  ${JSON.stringify(c.params)}`);
  }
  return { n: common.length, quarry: gm(Q), kysely: gm(K), drizzle: gm(D), vsKysely: gmRatio(Q, K), vsDrizzle: gmRatio(Q, D), aggVsKysely: gmRatio(Q, K, agg), aggVsDrizzle: gmRatio(Q, D, agg) };
}

// ---- 4. hydration ----------------------------------------------------------------------------

async function hydrationSection() {
  heading("4. Row hydration: Quarry alist() over a fake host returning 1000 canned row arrays");
  const out = JSON.parse(await run(process.execPath, [join(bench, "lib/hydration.mjs"), ...(quick ? ["--quick"] : [])]));
  note(`µs per alist() call (CPU; median of ${out.runs} runs of ${out.calls} calls). 0 rows = fixed cost (compile in wasm + executor round trip).`);
  const rows = out.results.map((r) => [
    r.name,
    fmt(r.full.cpu),
    fmt(r.empty.cpu),
    fmt(((r.full.cpu - r.empty.cpu) * 1000) / out.rows, 0),
  ]);
  rows.push(["plain JS loop: arrays -> object literals (floor)", fmt(out.baseline.cpu), "-", fmt((out.baseline.cpu * 1000) / out.rows, 0)]);
  table([`query (${out.rows} rows)`, "µs/call", "µs/call, 0 rows", "ns/row"], rows, [false, true, true, true]);
}

// ---- 5. in-Worker time per op ---------------------------------------------------------------

const OP_NAMES = { get: "get by pk", list: "list 1,000 rows", filter: "filter + order + limit 20", count: "count" };

async function workerSection() {
  heading("5. In-Worker time per op vs raw D1 .all() (Miniflare / workerd, timed inside the Worker)");
  const out = JSON.parse(await run(process.execPath, [join(bench, "lib/worker.mjs"), ...(quick ? ["--quick"] : [])]));
  if (out.disagreements.length) note(`WARNING: results differ: ${out.disagreements.join("; ")}`);
  note(`One Worker (wrangler bundle; quarry via its workerd condition + .wasm module, kysely + kysely-d1, drizzle-orm/d1), D1 with ${fmtInt(out.books)} books.`);
  note(`Per round and op: n turns, each library running the op once per turn (order rotating), every op timed with performance.now() inside workerd.`);
  note(`n per op: ${Object.entries(out.n).map(([op, n]) => `${op} ${n}`).join(", ")}; ${out.warmup} warm-up rounds, then the median over ${out.rounds} rounds of ms/op and of the per-round ratio to raw .all().`);
  const libs = [["raw", "raw .all()"], ["d1raw", "raw .raw()"], ["quarry", "Quarry"], ["kysely", "Kysely"], ["drizzle", "Drizzle"]];
  const rows = Object.entries(out.result).map(([op, r]) => [OP_NAMES[op] ?? op, ...libs.flatMap(([id]) => [fmt(r[id].ms, 3), id === "raw" ? "" : `${r[id].ratio.toFixed(3)}x`])]);
  rows.push(["geomean of the ratios", ...libs.flatMap(([id]) => ["", id === "raw" ? "1.000x" : `${out.geomean[id].toFixed(3)}x`])]);
  rows.push(["  per-round geomean, quartiles", ...libs.flatMap(([id]) => ["", id === "raw" ? "" : out.spread[id].map((x) => x.toFixed(2)).join("-")])]);
  table(["op (ms/op, ratio)", ...libs.flatMap(([, n]) => [n, ""])], rows, [false, ...libs.flatMap(() => [true, true])]);
  note(".raw() (rows as arrays, what Quarry asks D1 for) is for reference; the baseline is .all().");
  note("Time over raw .all() per op, µs (median of the per-round differences; D1's own latency dominates every figure):");
  note("  " + libs.slice(1).map(([id, n]) => `${n}: ${Object.keys(out.result).map((op) => `${op} ${out.result[op][id].extraUs >= 0 ? "+" : ""}${fmt(out.result[op][id].extraUs, 0)}`).join(", ")}`).join("; "));
  return out;
}

// ---- 6. type-checking cost of typed models --------------------------------------------------

async function typesSection() {
  heading("6. Type-checking typed models: tsc --noEmit --strict --extendedDiagnostics");
  const out = JSON.parse(await run(process.execPath, [join(bench, "types.mjs"), "--json"]));
  note(`A generated project of ${out.models} models (${fmtInt(out.lines)} lines: every field kind, FK chains, M2M, long chains, paths 5 joins deep), TypeScript ${out.typescript}.`);
  table(
    ["check time (s, fastest of 3)", "total tsc time (s)", "instantiations", "types", "memory (KB)"],
    [[fmt(out.checkSeconds, 2), fmt(out.totalSeconds, 2), fmtInt(out.instantiations), fmtInt(out.types), fmtInt(out.memoryKB)]],
    [true, true, true, true, true],
  );
  note("The check time includes TypeScript's own lib.dom / lib.es2022 (skipLibCheck off), about 0.9 s here.");
}

// ---- summary ----------------------------------------------------------------------------------

function summary({ compile, cold, worker }) {
  heading("Issue 11 targets");
  const verdict = (x, target) => (x == null || Number.isNaN(x) ? "not measured" : x <= target ? "MET" : "NOT MET");
  const rows = [];
  const details = [];
  if (compile) {
    rows.push(["1. build + compile, geomean of the mix", `${compile.vsKysely.toFixed(2)}x Kysely`, `${compile.vsDrizzle.toFixed(2)}x Drizzle`, "<= 1.00x Kysely", verdict(compile.vsKysely, 1.0)]);
    rows.push(["   aggregate + group by alone", `${compile.aggVsKysely.toFixed(2)}x Kysely`, `${compile.aggVsDrizzle.toFixed(2)}x Drizzle`, "", ""]);
    details.push(`1: µs/query (CPU, geomean of the ${compile.n} shared queries): Quarry ${fmt(compile.quarry, 2)}, Kysely ${fmt(compile.kysely, 2)}, Drizzle ${fmt(compile.drizzle, 2)}.`);
  } else rows.push(["1. build + compile", "not run", "", "<= 1.00x Kysely", "not measured"]);
  if (cold?.quarry && cold.kysely) {
    rows.push(["2. cold start: import + models + 1st SQL", `${(cold.quarry / cold.kysely).toFixed(2)}x Kysely`, `${ratio(cold.quarry, cold.drizzle)} Drizzle`, "<= 1.00x Kysely", verdict(cold.quarry / cold.kysely, 1.0)]);
    details.push(`2: ms (median, fresh processes): Quarry ${fmt(cold.quarry, 2)} (${cold.quarryHow}), Kysely ${fmt(cold.kysely, 2)}, Drizzle ${fmt(cold.drizzle, 2)} (esbuild --minify bundles).`);
  } else rows.push(["2. cold start", "not run", "", "<= 1.00x Kysely", "not measured"]);
  if (worker) {
    const r = worker.result;
    rows.push(["3. in-Worker time per op, geomean", `${worker.geomean.quarry.toFixed(3)}x raw D1`, `(Kysely ${worker.geomean.kysely.toFixed(3)}x, Drizzle ${worker.geomean.drizzle.toFixed(3)}x)`, "<= 1.05x raw .all()", verdict(worker.geomean.quarry, 1.05)]);
    details.push(`3: ms/op, Quarry / raw .all(): ${Object.keys(r).map((op) => `${op} ${fmt(r[op].quarry.ms, 2)} / ${fmt(r[op].raw.ms, 2)}`).join(", ")}; per-round geomean quartiles ${worker.spread.quarry.map((x) => x.toFixed(2)).join("-")}.`);
  } else rows.push(["3. in-Worker", "not run", "", "<= 1.05x raw .all()", "not measured"]);
  table(["target", "Quarry", "", "target", "verdict"], rows, [false, true, false, false, false]);
  for (const d of details) note(d);
}

// ---- main ----------------------------------------------------------------------------------------

const t0 = performance.now();
console.log("Quarry benchmark" + (quick ? " (--quick)" : ""));
environment();
const tmp = mkdtempSync(join(tmpdir(), "quarry-bench-"));
const results = {};
try {
  let bundles = {};
  if (only.includes("size")) bundles = await sizeSection(tmp);
  else if (only.includes("startup")) bundles = await makeBundles(tmp);
  if (only.includes("startup")) results.cold = await startupSection(bundles);
  if (only.includes("compile") || only.includes("throughput")) results.compile = await compileSection();
  if (only.includes("hydration")) await hydrationSection();
  if (only.includes("worker")) results.worker = await workerSection();
  if (only.includes("types")) await typesSection();
  summary(results);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`\nbench: done in ${fmt((performance.now() - t0) / 1000, 1)} s`);
