// Prisma 7's SQLite query compiler (@prisma/query-compiler-wasm, the "small"
// build that @prisma/client 7 bundles), driven directly: instantiate the wasm,
// build a QueryCompiler for an equivalent schema, compile JSON-protocol
// requests. Its output is a query plan (a JSON expression tree holding the SQL
// fragments), which Prisma's client then interprets; not the same work as
// Quarry's or Kysely's { sql, params }, so it is only used for startup and an
// indicative one-query figure.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export const name = "Prisma 7 QC";

const dir = join(dirname(createRequire(import.meta.url).resolve("@prisma/query-compiler-wasm/package.json")), "sqlite");
export const files = ["query_compiler_small_bg.wasm", "query_compiler_small_bg.js", "query_compiler_small.js"].map((f) => join(dir, f));

const glue = await import(join(dir, "query_compiler_small_bg.js"));
const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(files[0])), { "./query_compiler_small_bg.js": glue });
glue.__wbg_set_wasm(instance.exports);
instance.exports.__wbindgen_start?.();

const datamodel = `
datasource db {
  provider = "sqlite"
}
model Author {
  id    Int     @id @default(autoincrement())
  name  String
  age   Int?
  email String  @unique
  books Book[]
  @@map("author")
}
model Book {
  id        Int      @id @default(autoincrement())
  title     String
  pages     Int      @default(0)
  rating    Float?
  inPrint   Boolean  @default(true)
  pubDate   String
  author    Author   @relation(fields: [author_id], references: [id], onDelete: Cascade)
  author_id Int
  @@map("book")
}
`;

export function setup() {
  const qc = new glue.QueryCompiler({ datamodel, provider: "sqlite", connectionInfo: { supportsRelationJoins: false } });
  const req = (where) => ({ modelName: "Book", action: "findMany", query: { arguments: { where }, selection: { $scalars: true } } });
  // The request is built as the client builds it (an object, then JSON text).
  const compile = (r) => qc.compile(JSON.stringify(r));
  return [{ name: "eq", build: () => req({ pages: 300 }), compile }];
}
