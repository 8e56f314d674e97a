#!/usr/bin/env node
// A CPU profile of one library's ops inside workerd (the bench Worker of
// bench/worker/index.mjs on Miniflare's D1), through V8's inspector: where
// in-Worker time goes that Node cannot show. `ws` comes with wrangler.
//
//   node bench/profile-worker.mjs [quarry|raw|d1raw|kysely|drizzle]
//
// Prints the functions with the most self time (file:line:column of the
// bundle; wasm-bindgen's glue functions are the anonymous ones in the
// bundle's imports object).
import { Miniflare } from "miniflare";
import { bundleWorker, root } from "../scripts/bundle-worker.mjs";
import WebSocket from "ws";
import { writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
const tmp = mkdtempSync(join(tmpdir(), "wprof-"));
const config = join(tmp, "wrangler.toml");
writeFileSync(config, `name = "quarry-bench"\nmain = ${JSON.stringify(join(root, "bench/worker/index.mjs"))}\ncompatibility_date = "2026-04-20"\n`);
const bundle = bundleWorker({ config, outdir: join(tmp, "out") });
const mf = new Miniflare({ modules: bundle.modules, modulesRoot: bundle.outdir, compatibilityDate: bundle.compatibilityDate, d1Databases: ["DB"], inspectorPort: 9239 });
await mf.ready;
const get = async (path, init) => { const r = await mf.dispatchFetch(new URL(path, "http://b.local"), init); return r.text(); };
await get("/seed?books=2000", { method: "POST" });
const lib = process.argv[2] ?? "quarry";
for (let i = 0; i < 3; i++) await get(`/run?n=get:300,count:300&order=${lib}&start=${i * 1000}`);
const targets = await (await fetch("http://127.0.0.1:9239/json")).json();
const t = targets.find((x) => x.webSocketDebuggerUrl) ?? targets[0];
const ws = new WebSocket(t.webSocketDebuggerUrl);
await new Promise((r) => ws.on("open", r));
let id = 0; const pending = new Map();
ws.on("message", (m) => { const d = JSON.parse(m); if (d.id && pending.has(d.id)) { pending.get(d.id)(d); pending.delete(d.id); } });
const send = (method, params = {}) => new Promise((r) => { const i = ++id; pending.set(i, r); ws.send(JSON.stringify({ id: i, method, params })); });
await send("Profiler.enable"); await send("Profiler.setSamplingInterval", { interval: 50 }); await send("Profiler.start");
const out = await get(`/run?n=get:1500,count:1500&order=${lib}&start=9000`);
const { result } = await send("Profiler.stop");
const p = result.profile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const counts = new Map(); p.samples.forEach((s, i) => counts.set(s, (counts.get(s) || 0) + (p.timeDeltas[i] || 0)));
const self = new Map();
for (const [nid, tt] of counts) { const n = byId.get(nid); const k = n.callFrame.functionName + " " + (n.callFrame.url || "").split("/").pop() + ":" + n.callFrame.lineNumber + ":" + n.callFrame.columnNumber; self.set(k, (self.get(k) || 0) + tt); }
const tot = [...self.values()].reduce((a, b) => a + b, 0);
console.log(lib, "profile ms", (tot / 1000).toFixed(1), "result", out.slice(0, 200));
[...self].sort((a, b) => b[1] - a[1]).slice(0, 25).forEach(([k, tt]) => console.log(((tt / tot) * 100).toFixed(1) + "%", (tt / 1000).toFixed(1) + "ms", k.slice(0, 100)));
ws.close();
await mf.dispose();
rmSync(tmp, { recursive: true, force: true });
