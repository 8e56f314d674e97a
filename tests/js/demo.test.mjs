// `make demo` (scripts/demo.mjs) stopped with Ctrl-C leaves nothing behind:
// no /tmp/quarry-worker-* bundle folder. Ctrl-C is a SIGINT to the whole
// process group (node, wrangler, workerd), sent here to a demo started in a
// group of its own, with TMPDIR pointing at a fresh folder to look in.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./helpers.mjs";

const repo = fileURLToPath(new URL("../..", import.meta.url));


/** Starts the demo; `until(output)` decides when to press Ctrl-C. Resolves to { code, signal, output, leftovers, port }. */
async function ctrlC(until) {
  const tmp = mkdtempSync(join(tmpdir(), "quarry-demo-test-"));
  const port = await freePort();
  const child = spawn(process.execPath, ["scripts/demo.mjs"], { cwd: repo, detached: true, env: { ...process.env, TMPDIR: tmp, PORT: String(port), PLAYGROUND_PORT: "0" }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  try {
    const t0 = Date.now();
    while (!(await until(output, port))) {
      if (child.exitCode !== null) assert.fail(`the demo ended by itself:\n${output}`);
      if (Date.now() - t0 > 60_000) assert.fail(`the demo did not get there in 60 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    process.kill(-child.pid, "SIGINT");
    const timeout = setTimeout(() => process.kill(-child.pid, "SIGKILL"), 15_000);
    const { code, signal } = await exited;
    clearTimeout(timeout);
    return { code, signal, output, port, leftovers: readdirSync(tmp).filter((f) => f.startsWith("quarry-worker-")) };
  } finally {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid, "SIGKILL");
    rmSync(tmp, { recursive: true, force: true });
  }
}

test("Ctrl-C on the running demo stops it and removes its bundle folder", { timeout: 90_000 }, async () => {
  let served = false;
  const r = await ctrlC(async (output, port) => {
    if (!output.includes("Ctrl-C stops both.")) return false;
    const res = await fetch(`http://127.0.0.1:${port}/api/authors?startswith=A`);
    served = res.status === 200 && (await res.json()).results.length === 2;
    return true;
  });
  assert.ok(served, r.output);
  // 130: Miniflare's exit hook ends the process as a SIGINT does.
  assert.ok([0, 130].includes(r.code), `exit code ${r.code} (${r.signal})\n${r.output}`);
  assert.deepEqual(r.leftovers, []);
});

test("Ctrl-C while the demo is still bundling leaves no folder either", { timeout: 90_000 }, async () => {
  const r = await ctrlC((output) => output.includes("demo: bundling"));
  assert.ok(!r.output.includes("Ctrl-C stops it."), r.output);
  assert.equal(r.code, 130, r.output);
  assert.doesNotMatch(r.output, /Error/);
  assert.deepEqual(r.leftovers, [], r.output);
});
