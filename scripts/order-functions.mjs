#!/usr/bin/env node
// Orders a wasm module's functions so that gzip compresses it better, without
// changing any function: `node scripts/order-functions.mjs in.wasm out.wasm`
// writes in.wasm with a "name" section that names each defined function by
// its new rank (f0000, f0001, ...); build.sh then runs `wasm-opt
// --reorder-functions-by-name --strip-debug` on it, which moves the bodies
// into that order, renumbers every call and drops the names again.
//
// Why: deflate finds repeats only within its last 32 KB. LLVM lays functions
// out roughly by crate and module, so two bodies that share most of their
// bytes (two Display impls, two statement builders, two drop glues) can sit
// 200 KB apart and compress as if unrelated. The order here is greedy: after
// each function comes the one whose 6-byte sequences the last 32 KB placed
// already hold the largest share of. -4,122 B gzipped on 1dabe69 (194,311 ->
// 190,189 for the wasm). The same greedy with 4-, 5-, 8- or 12-byte
// sequences, or 16 or 24 KB windows, did 0-2 KB worse (zlib estimates). A
// refinement that deflated the best 5-100 candidates against the window and
// took the smallest per byte moved the result by -389 to +183 B: noise.
// Binaryen's own --reorder-functions (most-called first, for the shortest
// call indices) makes the raw module 3 KB smaller and its gzip 7.6 KB larger.
//
// The greedy walk depends on where it starts: at 9bdeea7, eight starting
// points spread over the module gave 180,374-180,538 B (zlib -9, before
// short-imports.mjs; the first function: 180,496), and sixteen on a later
// tree 180,489-181,056. So it walks from TRIES starting points, lays each
// order out with wasm-reorder.mjs (milliseconds; binaryen takes ~7 s) and
// keeps the order whose module gzips smallest: `node
// scripts/order-functions.mjs in.wasm out.wasm [tries [moves]]` (default 32
// and 1,000; 1 and 0: the first function's greedy order only, as before).
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { reorderer } from "./wasm-reorder.mjs";
import { Reader, customSection, leb, name, section } from "./wasm-binary.mjs";

const K = 6; // bytes per sequence: 6 bytes fit a double exactly, so keys never collide
const WINDOW = 32 * 1024; // deflate's window

const [input, output, triesArg = "32", movesArg = "1000"] = process.argv.slice(2);
const TRIES = Number(triesArg);
const MOVES = Number(movesArg);
if (!input || !output || !(TRIES >= 1) || !(MOVES >= 0)) {
  console.error("usage: node scripts/order-functions.mjs in.wasm out.wasm [tries [moves]]");
  process.exit(2);
}
const wasm = readFileSync(input);

// Imported functions come first in the function index space; the code
// section holds the bodies of the defined ones, in index order.
let imported = 0;
const bodies = [];
for (const r = new Reader(wasm); r.pos < wasm.length; ) {
  const { id, end } = r.section();
  if (id === 0) {
    if (r.str() === "name") throw new Error(`order-functions: ${input} has a name section already (strip it first)`);
  } else if (id === 2) {
    for (let n = r.u32(); n > 0; n--) {
      r.str(); // module name
      r.str(); // field name
      if (r.importDesc() === 0) imported++;
    }
  } else if (id === 10) {
    for (let n = r.u32(); n > 0; n--) {
      const length = r.u32();
      bodies.push(wasm.subarray(r.pos, r.pos + length));
      r.pos += length;
    }
  }
  r.pos = end;
}
if (!bodies.length) throw new Error(`order-functions: ${input} has no code section`);

// Each body's distinct K-byte sequences, and for each sequence the bodies that hold it.
const seqs = bodies.map((b) => {
  const keys = new Set();
  for (let i = 0; i + K <= b.length; i++) {
    let key = 0;
    for (let j = 0; j < K; j++) key = key * 256 + b[i + j];
    keys.add(key);
  }
  return [...keys];
});
const holders = new Map();
seqs.forEach((keys, f) => {
  for (const key of keys) {
    const list = holders.get(key);
    if (list) list.push(f);
    else holders.set(key, [f]);
  }
});

// score[f]: how many of f's sequences the window holds.
const score = new Int32Array(bodies.length);
const inWindow = new Map();
const enter = (f) => {
  for (const key of seqs[f]) {
    const count = (inWindow.get(key) ?? 0) + 1;
    inWindow.set(key, count);
    if (count === 1) for (const g of holders.get(key)) score[g]++;
  }
};
const leave = (f) => {
  for (const key of seqs[f]) {
    const count = inWindow.get(key) - 1;
    if (count) inWindow.set(key, count);
    else {
      inWindow.delete(key);
      for (const g of holders.get(key)) score[g]--;
    }
  }
};

/** The greedy order from function `start`. */
function greedy(start) {
  score.fill(0);
  inWindow.clear();
  const placed = new Uint8Array(bodies.length);
  const order = [];
  const window = [];
  let windowBytes = 0;
  for (let f = start; ; ) {
    placed[f] = 1;
    order.push(f);
    enter(f);
    window.push(f);
    windowBytes += bodies[f].length;
    while (window.length > 1 && windowBytes - bodies[window[0]].length > WINDOW) {
      const old = window.shift();
      windowBytes -= bodies[old].length;
      leave(old);
    }
    if (order.length === bodies.length) break;
    let best = -1;
    let bestShare = -1;
    for (let g = 0; g < bodies.length; g++) {
      if (placed[g]) continue;
      const share = score[g] / (seqs[g].length || 1);
      if (share > bestShare) {
        bestShare = share;
        best = g;
      }
    }
    f = best;
  }
  return order;
}

// Each starting point's order, laid out and gzipped as size.mjs counts it.
const layout = reorderer(wasm);
const gzipped = (order) => gzipSync(layout(order), { level: 9 }).length;
let best;
for (let t = 0; t < TRIES; t++) {
  const order = greedy(Math.floor((t * bodies.length) / TRIES));
  const size = gzipped(order);
  if (!best || size < best.size) best = { size, order, t };
}
// Then a local search from the best: move a run of up to 8 functions by up to
// 200 places, keep the move when the module gzips smaller. The moves come from
// a fixed seed, so a build is reproducible. 1,000 moves (~30 s) took 241 B
// off the best of 32 starts at e96eee5's child (single functions by up to
// 40 places: 203 B).
let order = best.order;
let size = best.size;
let seed = 12345;
const random = (n) => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed % n;
};
for (let e = 0; e < MOVES; e++) {
  const run = 1 + random(8);
  const from = random(order.length - run);
  const to = Math.max(0, Math.min(order.length - run, from + random(401) - 200));
  if (from === to) continue;
  const moved = order.slice();
  moved.splice(to, 0, ...moved.splice(from, run));
  const s = gzipped(moved);
  if (s < size) [order, size] = [moved, s];
}
if (process.env.QUARRY_ORDER_SHOW) console.error(`order-functions: start ${best.t} of ${TRIES}: ${best.size} B gzipped, ${size} B after ${MOVES} moves tried`);

// The "name" custom section, function names subsection (1): rank by function index.
const rank = new Array(bodies.length);
order.forEach((f, r) => (rank[f] = r));
// Names of one width, so that binaryen's sort by name is the sort by rank.
const width = String(bodies.length).length;
const names = [leb(bodies.length)];
for (let f = 0; f < bodies.length; f++) names.push(leb(imported + f), name(`f${String(rank[f]).padStart(width, "0")}`));
writeFileSync(output, Buffer.concat([wasm, customSection("name", section(1, Buffer.concat(names)))]));
