// The shipped code (wasm + glue + entry points) stays within 250000 bytes gzipped.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("../../scripts/size.mjs", import.meta.url));

test("gzip -9 size of pkg/quarry_bg.wasm + pkg/quarry.js + js/*.js is within budget", (t) => {
  const r = spawnSync(process.execPath, [script, "--check"], { encoding: "utf8" });
  for (const line of r.stdout.trimEnd().split("\n")) t.diagnostic(line);
  assert.equal(r.status, 0, `size check failed:\n${r.stdout}${r.stderr}`);
});
