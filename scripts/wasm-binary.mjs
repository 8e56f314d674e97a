// Reading and writing the parts of the wasm binary format that the build's
// scripts touch (short-imports.mjs, order-functions.mjs): LEB128 numbers,
// names, sections, import descriptors.

/** A cursor over a module's bytes (after the 8-byte header by default). */
export class Reader {
  constructor(bytes, pos = 8) {
    this.bytes = bytes;
    this.pos = pos;
  }

  /** An unsigned LEB128 number. */
  u32() {
    let result = 0;
    let scale = 1;
    for (;;) {
      const b = this.bytes[this.pos++];
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 128;
    }
  }

  /** A length-prefixed UTF-8 name. */
  str() {
    const n = this.u32();
    const s = this.bytes.toString("utf8", this.pos, this.pos + n);
    this.pos += n;
    return s;
  }

  /** Skips a table/memory limits field: flags, min, max when flags say so. */
  limits() {
    const flags = this.bytes[this.pos++];
    this.u32();
    if (flags & 1) this.u32();
  }

  /** Skips an import's descriptor (what follows its two names); throws on a kind it does not know. */
  importDesc() {
    const kind = this.bytes[this.pos++];
    if (kind === 0) this.u32(); // function: type index
    else if (kind === 1) {
      this.pos++; // table: reference type, limits
      this.limits();
    } else if (kind === 2) this.limits(); // memory
    else if (kind === 3) this.pos += 2; // global: value type, mutability
    else if (kind === 4) {
      this.pos++; // tag: attribute, type index
      this.u32();
    } else throw new Error(`unknown import kind ${kind}`);
    return kind;
  }

  /** Reads a section's id and size: `{ id, start, end }`, with pos at its payload. */
  section() {
    const start = this.pos;
    const id = this.bytes[this.pos++];
    const size = this.u32();
    return { id, start, end: this.pos + size };
  }
}

/** An unsigned LEB128 number. */
export function leb(n) {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return Buffer.from(out);
}

/** A length-prefixed UTF-8 name. */
export function name(s) {
  const b = Buffer.from(s, "utf8");
  return Buffer.concat([leb(b.length), b]);
}

/** A section (or a name section's subsection): id, size, payload. */
export function section(id, payload) {
  return Buffer.concat([Buffer.from([id]), leb(payload.length), payload]);
}

/** A custom section: id 0, size, name, payload. */
export function customSection(sectionName, payload) {
  return section(0, Buffer.concat([name(sectionName), payload]));
}
