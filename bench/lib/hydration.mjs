// Child process of run.mjs: Quarry turning 1000 host rows
// (arrays, as D1's raw() returns them) into results with the conversion plan
// the core hands back. The host is a fake executor that resolves at once with
// canned rows, so the figures are Quarry's own cost per alist(): compiling the
// statement in wasm, the Promise round trip through the wasm executor bridge,
// and the JS hydration. The 0-row case gives the fixed cost; the difference is
// the per-row cost. A hand-written JS loop over the same arrays is the floor.
import { models } from "./quarry.mjs";
import { median, settle, tick } from "./common.mjs";

const quick = process.argv.includes("--quick");
const RUNS = 5;
const CALLS = quick ? 20 : 100;
const N = 1000;

let current = [];
const host = { execute: () => Promise.resolve({ rows: current }) };
const { Book } = models(host);

const bookRow = (i) => [i + 1, `Title ${i}`, 100 + (i % 700), i % 7 ? 3.5 + (i % 3) : null, i % 2, "2020-01-01", (i % 50) + 1];
const authorRow = (i) => [(i % 50) + 1, `Author ${i % 50}`, i % 3 ? 30 + (i % 40) : null, `a${i % 50}@example.com`];
const data = {
  model: Array.from({ length: N }, (_, i) => bookRow(i)),
  related: Array.from({ length: N }, (_, i) => [...bookRow(i), ...authorRow(i)]),
  values: Array.from({ length: N }, (_, i) => [`Title ${i}`, `Author ${i % 50}`]),
  flat: Array.from({ length: N }, (_, i) => `Title ${i}`),
};

const cases = [
  { name: "instances: Book.objects.filter(pages__gte)", rows: data.model, qs: Book.objects.filter({ pages__gte: 100 }) },
  { name: "instances + selectRelated(author)", rows: data.related, qs: Book.objects.selectRelated("author") },
  { name: "values(title, author__name)", rows: data.values, qs: Book.objects.values("title", "author__name") },
  { name: "valuesList(title, { flat })", rows: data.flat.map((t) => [t]), qs: Book.objects.valuesList("title", { flat: true }) },
];

// Plain JS floor: the same arrays into plain objects, with the one conversion
// (BooleanField 0/1 -> boolean) Book needs.
function baseline(rows) {
  const out = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    out[i] = { id: r[0], title: r[1], pages: r[2], rating: r[3], inPrint: r[4] == null ? null : Boolean(r[4]), pubDate: r[5], author_id: r[6] };
  }
  return out;
}

let sink = 0;
async function time(fn) {
  const runs = [];
  for (let w = 0; w < 10; w++) sink += (await fn()).length; // warm-up
  for (let r = 0; r < RUNS; r++) {
    await settle();
    const c = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < CALLS; i++) sink += (await fn()).length;
    const d = process.cpuUsage(c);
    runs.push({ wall: ((performance.now() - t0) * 1000) / CALLS, cpu: (d.user + d.system) / CALLS });
    await tick();
  }
  return { wall: median(runs.map((x) => x.wall)), cpu: median(runs.map((x) => x.cpu)) };
}

const results = [];
for (const c of cases) {
  current = c.rows;
  const full = await time(() => c.qs.alist());
  current = [];
  const empty = await time(() => c.qs.alist());
  results.push({ name: c.name, full, empty });
}
const base = await time(async () => baseline(data.model));

process.stdout.write(JSON.stringify({ rows: N, calls: CALLS, runs: RUNS, results, baseline: base, sink }));
