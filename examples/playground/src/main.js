// The Quarry playground: QuerySets typed in the page, compiled to SQL live,
// run on an in-page SQLite. Everything here runs in the browser; the folder
// esbuild writes (scripts/build-playground.mjs) is static files.
import { formatDialect, sqlite } from "sql-formatter";
import { ready } from "./quarry.js";
import { openEngine } from "./engine.js";
import { createEditor, createSqlView, setText } from "./editor.js";
import { defineModels, seed } from "./models.js";
import { EXAMPLES } from "./examples.js";
import { scopeOf, previewCode, runCode, captureExecutor, loggingExecutor, describeError } from "./evaluate.js";
import { toTable } from "./table.js";

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children.filter((c) => c != null));
  return e;
};

const MAX_ROWS = 500;

// ---- the URL: the expression in the hash (#code=...), the engine in ?engine= ----

function codeFromHash() {
  const code = new URLSearchParams(location.hash.slice(1)).get("code");
  return code && code.trim() ? code : null;
}

function writeHash(code) {
  history.replaceState(null, "", `${location.pathname}${location.search}#${new URLSearchParams({ code })}`);
}

// ---- showing things ----------------------------------------------------------------------

function setStatus(text, kind = "") {
  const s = $("status");
  s.textContent = text;
  s.className = kind;
}

function errorBox(error, where) {
  const { name, message } = describeError(error);
  return el("div", { className: "error", role: "alert" }, el("strong", { className: "error-class" }, name), ": ", el("span", { className: "error-message", textContent: message }), where ? el("div", { className: "hint", textContent: where }) : null);
}

function formatSql(text) {
  try {
    return formatDialect(text, { dialect: sqlite, keywordCase: "upper", tabWidth: 2, paramTypes: { positional: true } });
  } catch {
    return text;
  }
}

function showParams(statements) {
  const box = $("params");
  box.replaceChildren();
  statements.forEach((s, i) => {
    if (!s.params?.length) return;
    const label = statements.length > 1 ? `#${i + 1} ` : "";
    box.append(el("div", { className: "param-line" }, el("span", { className: "muted", textContent: `${label}params ` }), ...s.params.flatMap((p, j) => [el("code", { className: "param", textContent: `?${j + 1} = ${paramText(p)}` }), " "])));
  });
  if (!box.childElementCount) box.append(el("span", { className: "muted", textContent: "no params" }));
}

const paramText = (p) => (typeof p === "string" ? JSON.stringify(p) : typeof p === "bigint" ? `${p}n` : p instanceof Uint8Array ? `x'${Array.from(p, (b) => b.toString(16).padStart(2, "0")).join("")}'` : String(p));

function showTable(t, box) {
  if (t.kind === "value") {
    box.append(el("div", { className: `value ${t.type ?? ""}`, textContent: t.text }));
    return;
  }
  if (!t.rows.length) {
    box.append(el("div", { className: "muted", textContent: "No rows." }));
    return;
  }
  const table = el("table", { className: "rows" });
  table.append(el("thead", {}, el("tr", {}, ...t.columns.map((c) => el("th", { textContent: c })))));
  const body = el("tbody");
  for (const r of t.rows.slice(0, MAX_ROWS)) body.append(el("tr", {}, ...r.map((c) => el("td", { className: c.kind, textContent: c.text }))));
  table.append(body);
  box.append(el("div", { className: "table-wrap" }, table));
  if (t.rows.length > MAX_ROWS) box.append(el("div", { className: "muted", textContent: `… and ${t.rows.length - MAX_ROWS} more rows` }));
}

const micros = (m) => (m < 10 ? m.toFixed(1) : Math.round(m).toLocaleString("en")) + " µs";

function renderModels(models, schemaSql) {
  const list = $("models");
  list.replaceChildren();
  for (const [name, cls] of Object.entries(models)) {
    const meta = cls._meta;
    const items = meta.fields.map((f) => el("li", {}, el("code", { textContent: f.name }), " ", el("span", { className: "kind", textContent: f.target ? `${f.kind} → ${f.target}` : f.kind + (f.null ? " (null)" : "") })));
    for (const r of meta.reverse ?? []) items.push(el("li", { className: "reverse" }, el("code", { textContent: r.accessor }), " ", el("span", { className: "kind", textContent: `← ${r.model}.${r.field}` })));
    list.append(el("details", { open: true }, el("summary", {}, el("strong", { textContent: name }), " ", el("span", { className: "muted", id: `count-${name}` }), " ", el("code", { className: "muted", textContent: meta.table })), el("ul", {}, ...items)));
  }
  createSqlView($("schema"))(schemaSql);
}

// ---- the page ------------------------------------------------------------------------------

async function main() {
  setStatus("Loading Quarry and SQLite…");
  const quarry = await ready();
  const engine = await openEngine(new URLSearchParams(location.search).get("engine"), quarry);
  $("engine").textContent = engine.label;

  // The live data: one Database over a switchable executor, so that Reset
  // swaps the SQLite underneath and the models stay. Every statement a Run
  // sends lands in runLog.
  let current = null;
  const runLog = [];
  const host = { execute: (sql, params) => current.execute(sql, params), batch: (statements) => current.batch(statements) };
  const db = new quarry.Database(loggingExecutor(host, runLog));
  const models = defineModels(db, quarry.fields);
  const live = { scope: scopeOf(quarry, db, models), log: runLog, QuerySet: quarry.QuerySet };
  // The preview: the same models on a Database whose executor runs nothing.
  const capture = captureExecutor();
  const pdb = new quarry.Database(capture);
  const preview = { scope: scopeOf(quarry, pdb, defineModels(pdb, quarry.fields)), capture, QuerySet: quarry.QuerySet };

  async function counts() {
    for (const [name, cls] of Object.entries(models)) $(`count-${name}`).textContent = `${await cls.objects.acount()} rows`;
    runLog.length = 0;
  }
  async function resetData() {
    current = engine.open();
    await seed(db, models);
    await counts();
  }

  renderModels(models, db.schemaSql());
  await resetData();

  const setSql = createSqlView($("sql"));
  let previewSeq = 0;
  let lastPreview = null;

  async function updatePreview(code) {
    const seq = ++previewSeq;
    const p = await previewCode(code, preview);
    if (seq !== previewSeq) return p; // a newer edit is being shown
    lastPreview = { code, p };
    const err = $("sql-error");
    err.replaceChildren();
    if (p.kind === "error") {
      err.append(errorBox(p.error));
      $("sql-pane").classList.add("has-error");
      $("compile-time").textContent = "";
      return p;
    }
    $("sql-pane").classList.remove("has-error");
    if (p.kind === "value") {
      setSql(`-- Not a query: ${describeValue(p.value)}`);
      $("params").replaceChildren();
      $("compile-time").textContent = "";
      return p;
    }
    const many = p.statements.length > 1;
    setSql(p.statements.map((s, i) => (many ? `-- ${i + 1} of ${p.statements.length}\n` : "") + formatSql(s.sql)).join(";\n\n"));
    showParams(p.statements);
    $("compile-time").textContent = `compiled in ${micros(p.micros)}` + (p.kind === "terminal" ? " (a terminal: the statements it sends before any rows come back)" : "");
    return p;
  }

  let timer = null;
  const onChange = (code) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      writeHash(code);
      updatePreview(code).catch(showFailure);
    }, 120);
  };

  let running = false;
  async function run() {
    if (running) return;
    running = true;
    $("run").disabled = true;
    const code = editor.state.doc.toString();
    writeHash(code);
    const out = $("result");
    try {
      const p = lastPreview?.code === code ? lastPreview.p : await updatePreview(code);
      const r = await runCode(code, live);
      out.replaceChildren();
      const queries = `${r.log.length} ${r.log.length === 1 ? "query" : "queries"}`;
      const compile = p?.micros != null ? `compile ${micros(p.micros)} · ` : "";
      if (!r.ok) {
        out.append(errorBox(r.error));
        $("result-meta").textContent = `failed after ${r.ms.toFixed(1)} ms · ${queries}`;
      } else {
        const columns = r.log.find((s) => s.columns)?.columns;
        const t = toTable(r.value, { isQuerySet: r.isQuerySet, columns, Model: quarry.Model });
        showTable(t, out);
        const size = t.kind === "table" ? `${t.rows.length} ${t.rows.length === 1 ? "row" : "rows"} · ` : "";
        $("result-meta").textContent = `${size}${compile}run ${r.ms.toFixed(2)} ms · ${queries}`;
      }
      out.dataset.runs = String(Number(out.dataset.runs ?? 0) + 1);
      if (r.log.some((s) => /^\s*(INSERT|UPDATE|DELETE)/i.test(s.sql))) await counts();
    } catch (e) {
      showFailure(e);
    } finally {
      running = false;
      $("run").disabled = false;
    }
  }

  const initial = codeFromHash() ?? EXAMPLES[0].code;
  const editor = createEditor($("editor"), { doc: initial, onChange, onRun: run });

  // Examples, grouped.
  const select = $("examples");
  const groups = new Map();
  EXAMPLES.forEach((ex, i) => {
    if (!groups.has(ex.group)) groups.set(ex.group, el("optgroup", { label: ex.group }));
    groups.get(ex.group).append(el("option", { value: String(i), textContent: ex.title }));
  });
  select.append(...groups.values());
  select.addEventListener("change", () => {
    const ex = EXAMPLES[Number(select.value)];
    if (!ex) return;
    setText(editor, ex.code);
    select.value = "";
    clearTimeout(timer);
    writeHash(ex.code);
    // Reads run at once; writes wait for the Run button.
    updatePreview(ex.code).then(() => (ex.group.startsWith("Writes") ? null : run())).catch(showFailure);
    editor.focus();
  });

  $("run").addEventListener("click", run);
  $("share").addEventListener("click", async () => {
    writeHash(editor.state.doc.toString());
    try {
      await navigator.clipboard.writeText(location.href);
      setStatus("Link copied: it opens this page with this expression.", "ok");
    } catch {
      setStatus("Copy the address bar: it holds this expression.", "ok");
    }
  });
  $("reset").addEventListener("click", async () => {
    $("reset").disabled = true;
    try {
      await resetData();
      setStatus("Data reset to the seed.", "ok");
      $("result").replaceChildren(el("div", { className: "muted", textContent: "Data reset. Run a query." }));
      $("result-meta").textContent = "";
    } catch (e) {
      showFailure(e);
    } finally {
      $("reset").disabled = false;
    }
  });
  addEventListener("hashchange", () => {
    const code = codeFromHash();
    if (code !== null && code !== editor.state.doc.toString()) {
      setText(editor, code);
      updatePreview(code).catch(showFailure);
    }
  });

  await updatePreview(initial);
  setStatus(`Ready: ${db.schemaSql().match(/CREATE TABLE/g).length} tables seeded in ${engine.name}, in this page. Ctrl/Cmd+Enter runs.`, "ok");
  document.body.dataset.ready = "true";
  window.__playground = { readyMs: performance.now(), run, editor };
  if ("serviceWorker" in navigator && location.protocol !== "file:") navigator.serviceWorker.register("sw.js").catch(() => {});
}

function describeValue(v) {
  if (v === undefined) return "the code gave undefined. Write an expression such as Book.objects.all()";
  return `the code gave ${typeof v} ${String(v).slice(0, 80)}`;
}

// Nothing the user's code does may break the page: what escapes is shown.
function showFailure(e) {
  const { name, message } = describeError(e);
  setStatus(`${name}: ${message}`, "bad");
}
addEventListener("error", (e) => showFailure(e.error ?? e.message));
addEventListener("unhandledrejection", (e) => showFailure(e.reason));

main().catch((e) => {
  showFailure(e);
  document.body.dataset.ready = "failed";
});
