// Quarry side of the compile mix (Issue 11): a compile-only Database (no
// executor), the Author/Book models of API.md, and the queries of the mix,
// each built from the manager (`Book.objects`) and compiled to { sql, params }.
// build(i) takes the iteration number: the values vary (i % 1000) so that
// what is exercised is a cache keyed by the query's shape, not its values.
import { Database, fields, Count } from "../../js/node.js";
import { defineModels } from "./schema-quarry.mjs";

export const name = "Quarry";

export const models = (executor = null) => defineModels({ Database, fields }, executor);

const compile = (qs) => qs.compile();
const ids20 = (v) => Array.from({ length: 20 }, (_, k) => v + k);

/**
 * [{ name, build: (i) => builder, compile: (builder) => { sql, params } }].
 * The UPDATE of the mix is absent (compile: null): the public API has no
 * compile() for an update (aupdate() runs it); see bench/README.md.
 */
export function setup() {
  const { Author, Book } = models();
  return [
    { name: "select by pk", build: (i) => Book.objects.filter({ pk: i % 1000 }), compile },
    {
      name: "3 conditions + LIKE",
      build: (i) => Book.objects.filter({ title__contains: `Dj${i % 1000}`, pages__gte: i % 1000, inPrint: true }),
      compile,
    },
    { name: "IN of 20", build: (i) => Book.objects.filter({ id__in: ids20(i % 1000) }), compile },
    {
      name: "order + limit + offset",
      build: (i) => Book.objects.filter({ pages__gte: i % 1000 }).orderBy("-pubDate", "title").slice(i % 1000, (i % 1000) + 20),
      compile,
    },
    { name: "join filter", build: (i) => Book.objects.filter({ author__name: `Ann ${i % 1000}` }), compile },
    {
      name: "values().annotate(Count)",
      aggregate: true,
      build: (i) => Book.objects.filter({ pages__gte: i % 1000 }).values("author").annotate({ n: Count("id") }),
      compile,
    },
    {
      name: "annotate(Count) on a join",
      aggregate: true,
      build: (i) => Author.objects.filter({ age__gte: i % 1000 }).annotate({ n: Count("books") }),
      compile,
    },
    { name: "UPDATE by pk", update: true, build: null, compile: null },
  ];
}
