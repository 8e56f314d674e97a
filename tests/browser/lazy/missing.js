// tests/js/quickstart.test.mjs: an esbuild bundle whose quarry_bg.wasm was
// not copied next to it. Queries, ready() and later calls fail with one
// QuarryError naming the file, instead of hanging or a bare CompileError.
import { Database, fields, ready, QuarryError } from "quarry";

const db = new Database({ execute: async () => ({ rows: [] }) });
const Author = db.model("Author", { name: fields.CharField() });
const described = (e) => ({ quarry: e instanceof QuarryError, message: e.message });

Promise.allSettled([Author.objects.alist(), ready()]).then(([query, loaded]) => {
  let later;
  try {
    Author.objects.filter({ name: "x" });
  } catch (e) {
    later = described(e);
  }
  window.results = { query: described(query.reason), ready: described(loaded.reason), later };
});
