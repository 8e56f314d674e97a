// Type-checking cost of typed models: generates a 30-model project (every
// field kind, foreign keys chained model to model, many-to-many, all models
// in the Models registry so reverse relations are computed) with long
// QuerySet chains and relation paths five joins deep, then runs
// `tsc --noEmit --strict --extendedDiagnostics` on it (three times: the
// fastest time is reported) and reports the check time and instantiation
// count. skipLibCheck is off, so the check time includes TypeScript's own
// lib.dom/lib.es2022 (about 0.9 s of it on this machine).
//
//   node bench/types.mjs            # summary
//   node bench/types.mjs --json     # one JSON line
//   node bench/types.mjs --keep     # leave the generated project (path printed)
//
// The project imports "quarry" as a dependency would (node_modules/quarry
// links to this repository), so it checks the shipped js/index.d.ts.
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("..", import.meta.url));
const args = new Set(process.argv.slice(2));
const MODELS = 30;

function modelSource(i) {
  const lines = [
    `  name: fields.CharField({ maxLength: 100 }),`,
    `  title: fields.TextField({ blank: true }),`,
    `  count: fields.IntegerField({ default: 0 }),`,
    `  score: fields.FloatField({ null: true }),`,
    `  price: fields.DecimalField({ maxDigits: 8, decimalPlaces: 2, null: true }),`,
    `  active: fields.BooleanField({ default: true }),`,
    `  day: fields.DateField(),`,
    `  at: fields.DateTimeField({ null: true }),`,
    `  data: fields.JSONField({ null: true }),`,
    `  uid: fields.UUIDField({ unique: true }),`,
  ];
  if (i > 0) lines.push(`  parent: fields.ForeignKey(M${i - 1}, { relatedName: "children${i}", onDelete: "CASCADE" }),`);
  if (i > 1) lines.push(`  other: fields.ForeignKey(M${i - 2}, { null: true, relatedName: "others${i}", onDelete: "SET_NULL" }),`);
  if (i > 2) lines.push(`  owner: fields.ForeignKey("M${i - 3}", { null: true, onDelete: "SET_NULL" }),`);
  if (i % 3 === 0 && i > 0) lines.push(`  links: fields.ManyToManyField(M${i - 1}, { relatedName: "linked${i}" }),`);
  if (i % 5 === 4) lines.push(`  self: fields.ForeignKey("self", { null: true, relatedName: "subs", onDelete: "CASCADE" }),`);
  return `export const M${i} = db.model("M${i}", {\n${lines.join("\n")}\n}, { ordering: ["name"] });\n`;
}

function usageSource(i) {
  // Relation paths up to five joins deep, back along the parent chain.
  const depth = Math.min(i, 5);
  const path = Array.from({ length: depth }, () => "parent").join("__");
  const p = depth ? `${path}__` : "";
  const rev = i < MODELS - 1 ? `children${i + 1}` : null;
  return `
export async function use${i}(x: ModelInstance<typeof M${i}>) {
  const qs = M${i}.objects
    .filter({ name__istartswith: "a", count__gte: 3, day__year__gte: 2020, at__date__month: 4, score__isnull: false })
    .filter(Q({ ${p}name__icontains: "x" }).or(Q({ ${p}count__in: [1, 2, 3] })).and(Q.not({ active: false })))
    .exclude({ ${p}day__range: ["2020-01-01", "2020-12-31"], price__lt: "9.50" })
    ${rev ? `.filter({ ${rev}__name: "y", ${rev}__count__gt: 1 })` : ""}
    .annotate({ n: Count("id"), total: Sum("count"), best: Max("score"), twice: F("count").mul(2) })
    .filter({ n__gte: 1, total__lt: 100 })
    .orderBy("-n", "name", "${p}name")
    .selectRelated(${depth ? `"${path}"` : `"pk"`})
    .only("name", "count");
  const rows = await qs.values("name", "n", "total", "${p}count", "day__year").alist();
  const r0: { name: string; n: number; total: number | null; day__year: number } = rows[0];
  const flat = await M${i}.objects.valuesList("name", { flat: true }).alist();
  const tuples = await M${i}.objects.valuesList("id", "name", "${p}score").alist();
  const agg = await M${i}.objects.aaggregate({ c: Count("id"), s: Sum("count"), lo: Min("day") });
  const map = await M${i}.objects.ainBulk([1, 2, 3]);
  const one = await qs.aget({ pk: 1, ${p}active: true });
  for await (const o of M${i}.objects.filter({ ${p}uid__startswith: "6f" }).aiterator({ chunkSize: 100 })) {
    const s: string = o.name;
    ${depth ? `const deep: string = o${".parent".repeat(depth)}.name;` : ""}
  }
  const made = await M${i}.objects.acreate({ name: "n", day: "2024-01-01", uid: "6f1c"${i > 0 ? ", parent: 1" : ""} });
  await M${i}.objects.acreate({ name: "n", day: new Date(), uid: "6f1c", score: null${i > 0 ? ", parent_id: 1" : ""} });
  await M${i}.objects.filter({ ${p}count__gt: 1 }).aupdate({ count: F("count").add(1), score: null });
  const x2: number | null = x.score;
  ${i > 0 ? `const pid: number = x.parent_id;` : ""}
  ${rev ? `const kids = await x.${rev}.filter({ count__gt: 1 }).alist();` : ""}
  return [r0, flat, tuples, agg.c, map, one.n, made, x2];
}
`;
}

function project() {
  let models = `import { Database, fields } from "quarry";\nexport const db = new Database(null);\n\n`;
  for (let i = 0; i < MODELS; i++) models += modelSource(i);
  models += `\ndeclare module "quarry" {\n  interface Models {\n`;
  for (let i = 0; i < MODELS; i++) models += `    M${i}: typeof M${i};\n`;
  models += `  }\n}\n`;
  let usage = `import { Q, F, Count, Sum, Max, Min, type ModelInstance } from "quarry";\n`;
  usage += `import { ${Array.from({ length: MODELS }, (_, i) => `M${i}`).join(", ")} } from "./models.js";\n`;
  for (let i = 0; i < MODELS; i++) usage += usageSource(i);
  return { models, usage };
}

const dir = mkdtempSync(join(tmpdir(), "quarry-types-bench-"));
try {
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(repo, join(dir, "node_modules", "quarry"), "dir");
  const { models, usage } = project();
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "types-bench", type: "module", private: true }));
  writeFileSync(join(dir, "models.ts"), models);
  writeFileSync(join(dir, "usage.ts"), usage);
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: "es2022", lib: ["es2022", "dom"], module: "nodenext", moduleResolution: "nodenext", types: [], skipLibCheck: false },
      files: ["models.ts", "usage.ts"],
    }),
  );
  const tsc = join(repo, "node_modules", "typescript", "bin", "tsc");
  // Three runs: times are the fastest (the machine may be shared), counts are the same each run.
  const runs = [];
  for (let r = 0; r < 3; r++) {
    try {
      runs.push(execFileSync(process.execPath, [tsc, "-p", dir, "--extendedDiagnostics"], { encoding: "utf8" }));
    } catch (e) {
      console.error(e.stdout || e.message);
      throw new Error("the generated project does not type-check (output above)");
    }
  }
  const stat = (name) => {
    const values = runs.map((out) => out.match(new RegExp(`^${name}:\\s+([\\d.]+)`, "m"))).filter(Boolean).map((m) => Number(m[1]));
    return values.length ? Math.min(...values) : null;
  };
  const version = execFileSync(process.execPath, [tsc, "--version"], { encoding: "utf8" }).trim();
  const result = {
    typescript: version.replace(/^Version /, ""),
    models: MODELS,
    lines: (models + usage).split("\n").length,
    checkSeconds: stat("Check time"),
    totalSeconds: stat("Total time"),
    instantiations: stat("Instantiations"),
    types: stat("Types"),
    memoryKB: stat("Memory used") ?? null,
  };
  if (args.has("--json")) console.log(JSON.stringify(result));
  else {
    console.log(`typed models, tsc ${result.typescript}: ${result.models} models, ${result.lines} generated lines`);
    console.log(`  check time      ${result.checkSeconds}s (total ${result.totalSeconds}s)`);
    console.log(`  instantiations  ${result.instantiations}`);
    console.log(`  types           ${result.types}`);
  }
  if (args.has("--keep")) console.error(`project kept in ${dir}`);
} finally {
  if (!args.has("--keep")) rmSync(dir, { recursive: true, force: true });
}
