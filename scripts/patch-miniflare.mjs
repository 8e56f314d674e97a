#!/usr/bin/env node
// Mends a race in the Miniflare the tests pin (4.20260426.0), once per
// install (scripts/tools.sh runs this after npm ci; a second run finds it done).
//
// Miniflare's Node proxy makes a synchronous call (`d1.prepare()`,
// `stmt.bind()`) by posting it to a worker thread and blocking in
// `Atomics.wait` until the worker answers: the worker posts the answer, sets
// the flag, then calls `Atomics.notify`. When the worker answers before the
// main thread starts waiting, the wait returns at once, and the worker's
// late `notify` can wake the main thread's *next* wait before that call's
// answer exists. `receiveMessageOnPort` then finds nothing, Miniflare's
// `assert(message?.id === id)` fails ("false == true"), and every later
// synchronous call on that Miniflare reads the previous call's answer. Seen
// twice on loaded 2-core machines, each time failing the rest of one test
// file (tests/js/defer.test.mjs in stop 21).
//
// The mend: after a wake-up with no answer, wait again (the flag is still 0
// until this call's answer is posted).
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const file = fileURLToPath(new URL("../node_modules/miniflare/dist/src/index.js", import.meta.url));
const MARK = "/* quarry: wait until the answer is there */";
const before = `    Atomics.wait(
      this.#notifyHandle,
      /* index */
      0,
      /* value */
      0
    );
    const message = (0, import_node_worker_threads.receiveMessageOnPort)(
      this.#channel.port1
    )?.message;`;
const after = `    ${MARK}
    let message;
    for (;;) {
      Atomics.wait(this.#notifyHandle, 0, 0);
      message = (0, import_node_worker_threads.receiveMessageOnPort)(this.#channel.port1)?.message;
      if (message !== undefined) break;
    }`;

if (!existsSync(file)) {
  console.error(`patch-miniflare: ${file} is missing: run npm ci first`);
  process.exit(1);
}
const src = readFileSync(file, "utf8");
if (src.includes(MARK)) process.exit(0);
const at = src.indexOf(before);
if (at < 0 || src.indexOf(before, at + 1) >= 0) {
  console.error(
    "patch-miniflare: SynchronousFetcher.fetch is not the code this script mends (another Miniflare version?): " +
      "check whether that version still has the race, then update or drop scripts/patch-miniflare.mjs.",
  );
  process.exit(1);
}
writeFileSync(file, src.slice(0, at) + after + src.slice(at + before.length));
console.log("patch-miniflare: SynchronousFetcher waits until its answer is there");
