// The shipped code (wasm + glue + minified entry points), gzip -9, against
// the budget (scripts/size.mjs is what `make size` prints, with the budget's
// history): 200000 bytes, issue 11's target.
import { test } from "node:test";
import assert from "node:assert/strict";
import { measure, BUDGET } from "../../scripts/size.mjs";

test(`gzip -9 size of the shipped wasm + JS is within the ${BUDGET}-byte budget`, (t) => {
  assert.equal(BUDGET, 200_000);
  const { rows, total } = measure();
  for (const r of rows) t.diagnostic(`${r.file}: ${r.gzip}`);
  t.diagnostic(`total ${total}`);
  // The wasm is most of it; a missing or empty wasm would pass a size check.
  const wasm = rows.find((r) => r.file === "pkg/quarry_bg.wasm");
  assert.ok(wasm && wasm.gzip > 50_000, "pkg/quarry_bg.wasm is built");
  assert.ok(total <= BUDGET, `${total} bytes gzipped, budget ${BUDGET}`);
});
