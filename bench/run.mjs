#!/usr/bin/env node
// Quarry benchmark: size, startup, query-building throughput and row
// hydration, against Kysely, Drizzle and Prisma 7's query compiler.
// `make bench` (or `node bench/run.mjs` after `make build`). See bench/README.md.
//
// Options: --quick (fewer samples/iterations, for a smoke run)
//          --only=size,startup,throughput,hydration (any subset)
//          --samples=N (fresh processes per startup figure, default 15)
import { spawn, execFileSync } from "node:child_process";
import { readFileSync, readdirSync, existsSync, mkdtempSync, mkdirSync, copyFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join, dirname } from "node:path";
import { tmpdir } from "node:os";
import os from "node:os";
import { median } from "./lib/common.mjs";
import * as snippets from "./lib/startup.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const bench = join(root, "bench");
const require = createRequire(join(root, "package.json"));

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = (args.find((a) => a.startsWith("--only="))?.slice(7) ?? "size,startup,throughput,hydration").split(",");
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
  for (const f of readdirSync(join(root, "js")).sort()) if (f.endsWith(".js") && !f.endsWith(".d.js")) files.push(`js/${f}`);
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
  rows.push(["Quarry", `as shipped: pkg/quarry_bg.wasm + pkg/quarry.js + js/*.js (${shipped.length} files)`, fmtInt(shipped.reduce((n, r) => n + r.raw, 0)), fmtInt(total), fmtInt(wasmGz)]);

  let esbuild = null;
  try {
    esbuild = await import(pathToFileURL(require.resolve("esbuild")).href);
  } catch {
    note("esbuild not found in node_modules: bundle figures skipped.");
  }
  if (esbuild) {
    // Quarry: the query-mix module bundled (JS API + glue, minified) + the .wasm beside it.
    mkdirSync(join(tmp, "b"), { recursive: true });
    mkdirSync(join(tmp, "pkg"), { recursive: true });
    copyFileSync(join(root, "pkg/quarry_bg.wasm"), join(tmp, "pkg/quarry_bg.wasm")); // init-node.js reads ../pkg/quarry_bg.wasm
    const qb = await esbuildBundle(esbuild, join(bench, "lib/quarry.mjs"), { minify: true, outfile: join(tmp, "b/quarry.mjs") });
    rows.push(["Quarry", "esbuild --minify bundle of the query mix + .wasm", fmtInt(qb.raw + wasm.length), fmtInt(qb.gzip + wasmGz), fmtInt(wasmGz)]);
    bundles.quarry = join(tmp, "b/quarry.mjs");
    for (const id of ["kysely", "drizzle"]) {
      const name = id === "kysely" ? "Kysely" : "Drizzle";
      const entry = join(bench, `lib/${id}.mjs`);
      try {
        const min = await esbuildBundle(esbuild, entry, { minify: true, outfile: join(tmp, `b/${id}.mjs`) });
        const plain = await esbuildBundle(esbuild, entry, { minify: false });
        const files = inputFiles(min.inputs);
        rows.push([name, `ESM files the query mix needs, as installed (${files.count} files, gzip each)`, fmtInt(files.raw), fmtInt(files.gzip), "-"]);
        rows.push([name, "esbuild bundle of the query mix (not minified)", fmtInt(plain.raw), fmtInt(plain.gzip), "-"]);
        rows.push([name, "esbuild --minify bundle of the query mix", fmtInt(min.raw), fmtInt(min.gzip), "-"]);
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
  note(`Quarry's size budget (scripts/size.mjs): 250,000 gzipped; as shipped: ${fmtInt(total)} (${total <= 250_000 ? "within" : `OVER by ${fmtInt(total - 250_000)}`}).`);
  note("Quarry's js/*.js ship unminified; its wasm is already -Oz. Kysely/Drizzle bundles hold only what the query mix uses (tree-shaken).");
  note(prismaMeasured
    ? "Prisma: only the query compiler (the client's JS runtime comes on top). Its output is a query plan the runtime interprets."
    : `Prisma: ${fmtInt(PRISMA_REFERENCE)} is the reference figure, not measured here.`);
  return bundles;
}

// ---- 2. startup --------------------------------------------------------------------------

async function samples(code, n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const text = await run(process.execPath, ["--input-type=module", "-e", code]);
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
  for (const [name, how, u] of variants) {
    try {
      const s = await samples(snippets.generic(u), SAMPLES);
      rows.push([name, how, fmt(s.load, 2), fmt(s.setup, 2), fmt(s.first, 2), fmt(s.total, 2), name.startsWith("Prisma") ? "-" : fmt(s.rest, 2)]);
    } catch (e) {
      rows.push([name, `failed: ${e.message.split("\n")[0].slice(0, 60)}`, "-", "-", "-", "-", "-"]);
    }
  }
  table(["library", "loaded from", "import+init", "setup", "1st compile", "total", "next 9 (cold)"], rows, [false, false, true, true, true, true, true]);
  note("import+init: import of the library (Quarry, Prisma: includes compiling + instantiating the wasm); setup: models/tables/db object;");
  note("1st compile: build + compile of the first query (equality filter); total = the three; next 9: the other queries, each compiled for the first time.");

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
}

// ---- 3. throughput -------------------------------------------------------------------------

async function throughputSection() {
  heading("3. Throughput: build + compile to { sql, params }, µs per query");
  const out = JSON.parse(await run(process.execPath, [join(bench, "lib/throughput.mjs"), ...(quick ? ["--quick"] : [])]));
  const [Q, K, D] = ["quarry", "kysely", "drizzle"].map((id) => out.libs.find((l) => l.id === id));
  if (out.mismatches.length) note(`WARNING: parameter counts differ: ${out.mismatches.join("; ")}`);
  note(`10-query mix, ${fmtInt(out.passes * 10)} queries per run after a warm-up run, median of ${out.runs} runs (runs of the three libraries alternate).`);
  note("CPU = process CPU time (user+sys, all threads) per query; wall = elapsed. On a busy machine CPU is the steadier figure.");
  table(
    ["", "Quarry", "Kysely", "Drizzle", "Quarry/Kysely", "Quarry/Drizzle"],
    [
      ["mix, CPU µs/query", fmt(Q.mix.cpu, 2), fmt(K.mix.cpu, 2), fmt(D.mix.cpu, 2), ratio(Q.mix.cpu, K.mix.cpu), ratio(Q.mix.cpu, D.mix.cpu)],
      ["mix, wall µs/query", fmt(Q.mix.wall, 2), fmt(K.mix.wall, 2), fmt(D.mix.wall, 2), ratio(Q.mix.wall, K.mix.wall), ratio(Q.mix.wall, D.mix.wall)],
      ["queries/second (CPU)", fmtInt(1e6 / Q.mix.cpu), fmtInt(1e6 / K.mix.cpu), fmtInt(1e6 / D.mix.cpu), "", ""],
    ],
  );
  console.log();
  note(`Per query (CPU µs, median of ${out.splitSamples} samples of ${out.splitIters} iterations, interleaved). build = chain calls only; compile = compile() of a built query.`);
  const rows = Q.queries.map((q, i) => {
    const k = K.queries[i];
    const d = D.queries[i];
    return [q.name, fmt(q.full.cpu), fmt(q.build.cpu), fmt(q.compile.cpu), fmt(k.full.cpu), fmt(k.build.cpu), fmt(k.compile.cpu), fmt(d.full.cpu), ratio(q.full.cpu, k.full.cpu)];
  });
  const sum = (lib, mode) => lib.queries.reduce((n, q) => n + q[mode].cpu, 0) / lib.queries.length;
  rows.push(["mean", ...[[Q, "full"], [Q, "build"], [Q, "compile"], [K, "full"], [K, "build"], [K, "compile"], [D, "full"]].map(([l, m]) => fmt(sum(l, m))), ratio(sum(Q, "full"), sum(K, "full"))]);
  table(["query", "Q full", "Q build", "Q compile", "K full", "K build", "K compile", "D full", "Q/K"], rows, [false, true, true, true, true, true, true, true, true]);
  const qb = sum(Q, "build");
  const qc = sum(Q, "compile");
  note(`Quarry's split: build ${fmt((100 * qb) / (qb + qc), 0)}% / compile ${fmt((100 * qc) / (qb + qc), 0)}% (Kysely: build ${fmt((100 * sum(K, "build")) / (sum(K, "build") + sum(K, "compile")), 0)}%).`);
  if (out.prisma?.cpu) {
    note(`Indicative: ${out.prisma.name} compiles the "${out.prisma.query}" query (JSON protocol request -> query plan) in ${fmt(out.prisma.cpu)} µs CPU (${fmt(out.prisma.wall)} wall).`);
  }
  if (args.includes("--show-sql")) {
    for (const [id, list] of Object.entries(out.sample)) for (const c of list) console.log(`  ${id}: ${c.sql}  ${JSON.stringify(c.params)}`);
  }
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

// ---- main ----------------------------------------------------------------------------------------

const t0 = performance.now();
console.log("Quarry benchmark" + (quick ? " (--quick)" : ""));
environment();
const tmp = mkdtempSync(join(tmpdir(), "quarry-bench-"));
try {
  let bundles = {};
  if (only.includes("size")) bundles = await sizeSection(tmp);
  if (only.includes("startup")) await startupSection(bundles);
  if (only.includes("throughput")) await throughputSection();
  if (only.includes("hydration")) await hydrationSection();
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`\nbench: done in ${fmt((performance.now() - t0) / 1000, 1)} s`);
