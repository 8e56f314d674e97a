// Bundles the example Worker with wrangler's own bundler
// (`wrangler deploy --dry-run --outdir`), which resolves the package's
// "workerd" export condition (so `import ... from "quarry"` is js/workerd.js,
// reached through package.json's self-reference) and emits pkg/quarry_bg.wasm
// as a separate CompiledWasm module (and .sql files, the example's
// migrations, as Text modules). workerModules() turns the output
// directory into Miniflare's `modules` list.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, extname } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));
const wranglerBin = join(root, "node_modules", "wrangler", "bin", "wrangler.js");

/**
 * Bundles the Worker named by `config` (default: the repository's
 * wrangler.toml) into `outdir` (default: a fresh temporary directory).
 * Returns { outdir, modules, dispose }.
 */
export function bundleWorker({ config = join(root, "wrangler.toml"), outdir } = {}) {
  const dir = outdir ?? mkdtempSync(join(tmpdir(), "quarry-worker-"));
  const r = spawnSync(
    process.execPath,
    [wranglerBin, "deploy", "--dry-run", "--config", config, "--outdir", dir],
    {
      cwd: root,
      encoding: "utf8",
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: "false",
        WRANGLER_LOG: process.env.WRANGLER_LOG ?? "warn",
        NO_UPDATE_NOTIFIER: "1",
        FORCE_COLOR: "0",
      },
    },
  );
  const dispose = () => {
    if (!outdir) rmSync(dir, { recursive: true, force: true });
  };
  if (r.status !== 0) {
    dispose();
    throw Object.assign(new Error(`wrangler deploy --dry-run failed (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`), { signal: r.signal });
  }
  try {
    return { outdir: dir, modules: workerModules(dir), compatibilityDate: compatibilityDate(config), dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}

/**
 * Miniflare `modules` for a wrangler output directory: the entry module
 * (index.js) first, then every other module with its type.
 */
export function workerModules(dir) {
  // (wrangler's default rules: .sql, .txt and .html files are imported as text.)
  const types = { ".js": "ESModule", ".mjs": "ESModule", ".cjs": "CommonJS", ".wasm": "CompiledWasm", ".sql": "Text", ".txt": "Text", ".html": "Text" };
  const files = [];
  (function walk(sub) {
    for (const name of readdirSync(join(dir, sub))) {
      const rel = sub ? `${sub}/${name}` : name;
      if (statSync(join(dir, rel)).isDirectory()) walk(rel);
      else if (types[extname(name)]) files.push(rel);
    }
  })("");
  const entry = files.includes("index.js") ? "index.js" : files.find((f) => types[extname(f)] === "ESModule");
  if (!entry) throw new Error(`no entry module in ${dir}`);
  return [entry, ...files.filter((f) => f !== entry)].map((rel) => ({
    type: types[extname(rel)],
    path: join(dir, rel),
    contents: readFileSync(join(dir, rel)),
  }));
}

/** compatibility_date from a wrangler.toml. */
export function compatibilityDate(config = join(root, "wrangler.toml")) {
  const m = /^\s*compatibility_date\s*=\s*"([^"]+)"/m.exec(readFileSync(config, "utf8"));
  if (!m) throw new Error(`no compatibility_date in ${config}`);
  return m[1];
}

/**
 * Miniflare options that run a bundle from bundleWorker() with a D1
 * database bound as env.DB (in memory unless d1Persist names a directory).
 */
export function workerOptions(bundle, { d1Persist = false } = {}) {
  return {
    modules: bundle.modules,
    modulesRoot: bundle.outdir,
    compatibilityDate: bundle.compatibilityDate,
    d1Databases: { DB: "quarry-example" },
    d1Persist,
  };
}
