// Moves a module's defined functions into a new order, changing nothing
// else: the function and code sections are permuted, and every reference to
// a function index (call and ref.func in bodies and element expressions,
// element segments, exports, the start function) is renumbered. Used by
// order-functions.mjs, which tries many orders and keeps the one that gzips
// best; binaryen's --reorder-functions-by-name does the same job but takes
// ~7 s a module (and adds scratch locals unless -Oz runs again), this takes
// milliseconds, so many more orders can be tried.
//
// It reads the instruction set rustc and wasm-opt emit here (MVP, sign-ext,
// non-trapping float-to-int, bulk memory, reference types, multivalue block
// types) and throws on any other opcode rather than guess its immediates.

import { Reader, leb } from "./wasm-binary.mjs";

const VALTYPES = new Set([0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f]);

/** Skips a LEB128 number, signed or not. */
function skipLeb(b, pos) {
  while (b[pos++] & 0x80);
  return pos;
}

/**
 * Splits the instructions of b[pos..end) into `out`: runs of bytes kept as
 * they are (Buffers) and the function indices between them (numbers, to be
 * renumbered by `fill`); returns the position after them. An expression (an
 * element's) ends at its own `end`: `stopAtEnd`.
 */
function split(b, pos, end, out, stopAtEnd = false) {
  let from = pos;
  const fn = (at) => {
    out.push(b.subarray(from, at));
    const r = new Reader(b, at);
    out.push(r.u32());
    from = r.pos;
    return r.pos;
  };
  let depth = 0;
  while (pos < end) {
    const op = b[pos++];
    switch (true) {
      case op === 0x02 || op === 0x03 || op === 0x04: {
        // block, loop, if: a block type (0x40, a value type or an s33 type index).
        depth++;
        const t = b[pos];
        pos = t === 0x40 || VALTYPES.has(t) ? pos + 1 : skipLeb(b, pos);
        break;
      }
      case op === 0x0b:
        if (depth === 0 && stopAtEnd) return (out.push(b.subarray(from, pos)), pos);
        depth--;
        break;
      case op === 0x10 || op === 0xd2: // call, ref.func
        pos = fn(pos);
        break;
      case op === 0x0e: {
        // br_table: a vector of labels and a default.
        const r = new Reader(b, pos);
        for (let n = r.u32(); n > 0; n--) r.u32();
        r.u32();
        pos = r.pos;
        break;
      }
      case op === 0x11: // call_indirect: type, table
        pos = skipLeb(b, skipLeb(b, pos));
        break;
      case op === 0x1c: {
        // select with types: a vector of value types
        const r = new Reader(b, pos);
        pos = r.u32() + r.pos;
        break;
      }
      case op === 0x0c || op === 0x0d || (op >= 0x20 && op <= 0x26) || op === 0x41 || op === 0x42:
        // br, br_if, local/global/table get/set/tee: an index; i32/i64.const: a signed LEB.
        pos = skipLeb(b, pos);
        break;
      case op >= 0x28 && op <= 0x3e: // loads and stores: align, offset
        pos = skipLeb(b, skipLeb(b, pos));
        break;
      case op === 0x3f || op === 0x40 || op === 0xd0: // memory.size/grow (memory 0), ref.null (a type)
        pos++;
        break;
      case op === 0x43:
        pos += 4;
        break;
      case op === 0x44:
        pos += 8;
        break;
      case op === 0xfc: {
        const r = new Reader(b, pos);
        const sub = r.u32();
        pos = r.pos;
        if (sub <= 7) break; // saturating truncations
        if (sub === 8) pos = skipLeb(b, pos) + 1; // memory.init: data, memory
        else if (sub === 9 || sub === 13 || (sub >= 15 && sub <= 17)) pos = skipLeb(b, pos); // data.drop, elem.drop, table.grow/size/fill
        else if (sub === 10) pos += 2; // memory.copy
        else if (sub === 11) pos += 1; // memory.fill
        else if (sub === 12 || sub === 14) pos = skipLeb(b, skipLeb(b, pos)); // table.init, table.copy
        else throw new Error(`wasm-reorder: unknown 0xfc ${sub} at ${pos}`);
        break;
      }
      case op === 0x00 || op === 0x01 || op === 0x05 || op === 0x0f || op === 0x1a || op === 0x1b || (op >= 0x45 && op <= 0xc4) || op === 0xd1:
        break;
      default:
        throw new Error(`wasm-reorder: unknown opcode 0x${op.toString(16)} at ${pos - 1}`);
    }
  }
  out.push(b.subarray(from, pos));
  return pos;
}

/** A split-up part's bytes with each function index renumbered by `map`. */
const fill = (parts, map) => Buffer.concat(parts.map((p) => (typeof p === "number" ? leb(map(p)) : p)));

/**
 * `wasm` read once, for laying it out in many orders: the returned function
 * gives the module with its defined functions in `order` (order[rank] =
 * defined index).
 */
export function reorderer(wasm) {
  let imported = 0;
  // Each section: its id and its payload split up, or its bytes as they are (`raw`).
  const sections = [];
  let types;
  let bodies;
  for (const r = new Reader(wasm); r.pos < wasm.length; ) {
    const s = r.section();
    const parts = [];
    if (s.id === 2) {
      for (let n = r.u32(); n > 0; n--) {
        r.str();
        r.str();
        if (r.importDesc() === 0) imported++;
      }
    } else if (s.id === 3) {
      types = [];
      for (let n = r.u32(); n > 0; n--) types.push(r.u32());
    } else if (s.id === 10) {
      bodies = [];
      for (let n = r.u32(); n > 0; n--) {
        const size = r.u32();
        // The local declarations (count, type) come first and hold no index.
        const lr = new Reader(wasm, r.pos);
        for (let m = lr.u32(); m > 0; m--) {
          lr.u32();
          lr.pos++;
        }
        const body = [wasm.subarray(r.pos, lr.pos)];
        split(wasm, lr.pos, r.pos + size, body);
        bodies.push(body);
        r.pos += size;
      }
    } else if (s.id === 7) {
      let n = r.u32();
      parts.push(leb(n));
      for (; n > 0; n--) {
        const nameStart = r.pos;
        r.str();
        const nameEnd = r.pos;
        const kind = wasm[r.pos++];
        const idx = r.u32();
        parts.push(wasm.subarray(nameStart, nameEnd), Buffer.from([kind]), kind === 0 ? idx : leb(idx));
      }
    } else if (s.id === 8) {
      parts.push(r.u32());
    } else if (s.id === 9) {
      let n = r.u32();
      parts.push(leb(n));
      for (; n > 0; n--) {
        const flags = r.u32();
        parts.push(leb(flags));
        const copy = (to) => (parts.push(wasm.subarray(r.pos, to)), (r.pos = to));
        if (flags & 2 && !(flags & 1)) copy(skipLeb(wasm, r.pos)); // table index
        if (!(flags & 1)) r.pos = split(wasm, r.pos, wasm.length, parts, true); // offset expression
        if (flags & 3) copy(r.pos + 1); // element kind or reference type
        let m = r.u32();
        parts.push(leb(m));
        for (; m > 0; m--) {
          if (flags & 4) r.pos = split(wasm, r.pos, wasm.length, parts, true);
          else parts.push(r.u32());
        }
      }
    } else if (s.id === 0 && new Reader(wasm, r.pos).str() === "name") {
      throw new Error("wasm-reorder: the module has a name section (strip it first)");
    }
    sections.push({ id: s.id, parts, raw: [3, 7, 8, 9, 10].includes(s.id) ? null : wasm.subarray(s.start, s.end) });
    r.pos = s.end;
  }
  const section = (id, payload) => [Buffer.from([id]), leb(payload.length), payload];
  return (order) => {
    if (order.length !== types.length) throw new Error("wasm-reorder: the order does not name every function");
    const rank = new Array(order.length);
    order.forEach((f, i) => (rank[f] = i));
    const map = (idx) => (idx < imported ? idx : imported + rank[idx - imported]);
    const out = [wasm.subarray(0, 8)];
    for (const s of sections) {
      if (s.raw) out.push(s.raw);
      else if (s.id === 3) out.push(...section(3, Buffer.concat([leb(types.length), ...order.map((f) => leb(types[f]))])));
      else if (s.id === 10) {
        const parts = [leb(order.length)];
        for (const f of order) {
          const bytes = fill(bodies[f], map);
          parts.push(leb(bytes.length), bytes);
        }
        out.push(...section(10, Buffer.concat(parts)));
      } else out.push(...section(s.id, fill(s.parts, map)));
    }
    return Buffer.concat(out);
  };
}
