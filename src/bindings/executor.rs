//! The [`Executor`] over host objects: a D1 binding (driven directly through
//! `prepare`/`bind`/`raw`/`run`/`batch`) or any object with `execute`.
//! Host Promises are awaited with `wasm-bindgen-futures`; failures keep the
//! host's error as `cause`.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::sys::{D1Database, HostExecutor};
use crate::compiler::Compiled;
use crate::error::{Error, ErrorKind, Result};
use crate::exec::{Executor, RunResult};
use crate::value::Value;

/// The executor a `Database` was given.
#[derive(Clone, Debug)]
pub enum JsExecutor {
    /// A D1 binding.
    D1(D1Database),
    /// Any object with `execute`.
    Host(HostExecutor),
    /// None: `compile()` works, running fails with a clear error.
    Missing,
}

/// Largest integer JavaScript numbers hold exactly.
const MAX_SAFE: i64 = 9_007_199_254_740_991;

/// A bound value as the host receives it.
pub fn param_to_js(v: &Value) -> Result<JsValue> {
    Ok(match v {
        Value::Null => JsValue::NULL,
        Value::Int(i) if i.unsigned_abs() <= MAX_SAFE as u64 => JsValue::from_f64(*i as f64),
        // Beyond ±2^53 a number would round: a bigint (SQLite's compiler binds these as text instead).
        Value::Int(i) => js_sys::BigInt::from(*i).into(),
        Value::Real(f) => JsValue::from_f64(*f),
        Value::Text(s) => JsValue::from_str(s),
        Value::Blob(b) => Uint8Array::from(b.as_slice()).into(),
    })
}

/// All params as a JS array.
pub fn params_to_js(params: &[Value]) -> Result<Array> {
    let arr = Array::new();
    for p in params {
        arr.push(&param_to_js(p)?);
    }
    Ok(arr)
}

/// A host value read back as a [`Value`] (counts and keys only).
pub fn js_to_value(v: &JsValue) -> Value {
    if let Some(f) = v.as_f64() {
        if f.fract() == 0.0 && f.abs() <= MAX_SAFE as f64 {
            return Value::Int(f as i64);
        }
        return Value::Real(f);
    }
    if let Some(s) = v.as_string() {
        return Value::Text(s);
    }
    if v.is_bigint() {
        if let Ok(i) = i64::try_from(v.clone()) {
            return Value::Int(i);
        }
    }
    if let Some(b) = v.as_bool() {
        return Value::Int(b as i64);
    }
    if let Some(bytes) = v.dyn_ref::<Uint8Array>() {
        return Value::Blob(bytes.to_vec());
    }
    Value::Null
}

fn message_of(e: &JsValue) -> String {
    if e.is_instance_of::<js_sys::Error>() {
        // Read as any property (one JS import fewer than js_sys's message()).
        return get_string(e, "message").unwrap_or_default();
    }
    e.as_string().or_else(|| js_sys::JSON::stringify(e).ok().and_then(|s| s.as_string())).unwrap_or_else(|| "a value that is not an Error".into())
}

/// Classify a host failure: constraint violations become IntegrityError.
pub fn host_error(e: JsValue, sql: &str) -> Error {
    let msg = message_of(&e);
    let lower = msg.to_ascii_lowercase();
    if crate::text::contains(&lower, "constraint failed") || crate::text::contains(&lower, "sqlite_constraint") {
        // SQLite's own sentence, without the host's prefix or suffix: D1 says
        // "D1_ERROR: UNIQUE constraint failed: t.c: SQLITE_CONSTRAINT",
        // sqlite-wasm "SQLITE_CONSTRAINT_UNIQUE: sqlite3 result code 2067: UNIQUE constraint failed: t.c".
        let start = crate::text::find(&lower, "constraint failed")
            .and_then(|i| msg.get(..i))
            .and_then(|head| crate::text::rfind(head, ": "))
            .map_or(0, |j| j + 2);
        let rest = msg.get(start..).unwrap_or(&msg);
        let clean = crate::text::split(rest, ": SQLITE_CONSTRAINT").next().unwrap_or(rest).to_string();
        return ErrorKind::Integrity { message: clean, cause: e }.into();
    }
    Error::executor(format!("The database host failed: {msg} (while running: {sql})"), e)
}

fn malformed(what: &str, got: JsValue) -> Error {
    Error::executor(format!("The executor returned a malformed result: {what}"), got)
}

/// The rows of a host's answer (`answer[key]`), as API.md has them: an array
/// of rows, each an array of column values or an object. `must` says which
/// answer it is ("execute() must resolve to", "each batch() result must be").
fn rows_of(answer: &JsValue, key: &'static str, must: &str) -> Result<Array> {
    // The message is made only when the answer is malformed (not on every query).
    let fail =
        |what: String, v: JsValue| malformed(&format!("{what}; {must} {{ {key}: [...] }}, each row an array of column values or an object."), v);
    let rows = get(answer, key);
    if rows.is_undefined() || rows.is_null() {
        return Err(fail(format!("`{key}` is missing"), answer.clone()));
    }
    let rows = rows.dyn_into::<Array>().map_err(|v| fail(format!("`{key}` must be an array"), v))?;
    if let Some(i) = rows.iter().position(|r| !r.is_object()) {
        return Err(fail(format!("row {i} is neither an array nor an object"), rows.get(i as u32)));
    }
    Ok(rows)
}

use super::convert::{get, get_string, name};

fn run_result_from(meta_or_result: &JsValue, changes_key: &'static str, rowid_key: &'static str) -> RunResult {
    let changes = get(meta_or_result, changes_key).as_f64().unwrap_or(0.0);
    let rowid = get(meta_or_result, rowid_key).as_f64();
    RunResult { changes: changes.max(0.0) as u64, last_row_id: rowid.map(|r| r as i64) }
}

impl JsExecutor {
    /// `stmt` prepared and bound; `sql` is its SQL as a JS string (a plan
    /// keeps one, so that a known query does not make it again).
    fn d1_statement(db: &D1Database, sql: &JsValue, stmt: &Compiled) -> Result<super::sys::D1PreparedStatement> {
        let ps = db.prepare(sql).map_err(|e| host_error(e, &stmt.sql))?;
        if stmt.params.is_empty() {
            return Ok(ps);
        }
        ps.bind(&params_to_js(&stmt.params)?).map_err(|e| host_error(e, &stmt.sql))
    }

    fn missing() -> Error {
        Error::executor(
            "This Database has no executor: run the query through one with .using(env.DB) (a D1 binding or an object with execute(sql, params)), or pass it to new Database(...).",
            JsValue::UNDEFINED,
        )
    }

    /// Run one statement and await the host's answer: D1's `raw()` rows (or
    /// `run()`'s result, unless `raw`), or what a host's `execute` resolved
    /// to, which must be an object. The one awaiting path of a single
    /// statement: [`Executor::query`], a write's (`aupdate`, through
    /// `job_promise`) and each of a batch run one by one.
    pub async fn settle(&self, stmt: &Compiled, raw: bool) -> Result<JsValue> {
        let p = match self {
            JsExecutor::D1(db) if !raw => Self::d1_statement(db, &JsValue::from_str(&stmt.sql), stmt)?.run().map_err(|e| host_error(e, &stmt.sql))?,
            _ => self.send(&JsValue::from_str(&stmt.sql), stmt)?,
        };
        let res = JsFuture::from(p).await.map_err(|e| host_error(e, &stmt.sql))?;
        if !matches!(self, JsExecutor::D1(_)) && !res.is_object() {
            return Err(malformed("execute() must resolve to an object like { rows: [...] }", res));
        }
        Ok(res)
    }
}

impl JsExecutor {
    /// Send `stmts` to the host's atomic `batch`; its raw results, one per
    /// statement, or `None` when the host has no `batch` (then the caller runs
    /// them one by one).
    async fn host_batch(&self, stmts: &[Compiled]) -> Result<Option<Array>> {
        if stmts.is_empty() {
            return Ok(Some(Array::new()));
        }
        let label = stmts.first().map(|s| s.sql.as_str()).unwrap_or("");
        let arr = Array::new();
        let promise = match self {
            JsExecutor::D1(db) => {
                for s in stmts {
                    arr.push(&JsValue::from(Self::d1_statement(db, &JsValue::from_str(&s.sql), s)?));
                }
                db.batch(&arr)
            }
            JsExecutor::Host(h) => {
                if !get(h, "batch").is_function() {
                    return Ok(None);
                }
                for s in stmts {
                    let o = Object::new();
                    let _ = Reflect::set(&o, &name("sql"), &JsValue::from_str(&s.sql));
                    let _ = Reflect::set(&o, &name("params"), &JsValue::from(params_to_js(&s.params)?));
                    arr.push(&o);
                }
                h.batch(&arr)
            }
            JsExecutor::Missing => return Err(Self::missing()),
        };
        let promise = promise.map_err(|e| host_error(e, label))?;
        let res = JsFuture::from(promise).await.map_err(|e| host_error(e, label))?;
        let results = res.dyn_into::<Array>().map_err(|v| malformed("batch() must resolve to an array of results", v))?;
        if results.length() as usize != stmts.len() {
            return Err(malformed(
                &format!("batch() must resolve to one result per statement: {} sent, {} results", stmts.len(), results.length()),
                results.into(),
            ));
        }
        Ok(Some(results))
    }
}

impl JsExecutor {
    /// Hand a row-returning statement to the host: its Promise, not awaited
    /// (read terminals await it in JS, then read it with [`JsExecutor::rows`]).
    /// `sql` is the statement's SQL as a JS string.
    pub fn send(&self, sql: &JsValue, stmt: &Compiled) -> Result<js_sys::Promise> {
        match self {
            JsExecutor::D1(db) => Self::d1_statement(db, sql, stmt)?.raw(&JsValue::UNDEFINED).map_err(|e| host_error(e, &stmt.sql)),
            JsExecutor::Host(h) => h.execute(sql, &params_to_js(&stmt.params)?).map_err(|e| host_error(e, &stmt.sql)),
            JsExecutor::Missing => Err(Self::missing()),
        }
    }

    /// What a write [`JsExecutor::settle`]d (not `raw`) changed.
    pub fn run_result(&self, res: &JsValue) -> RunResult {
        match self {
            JsExecutor::D1(_) => run_result_from(&get(res, "meta"), "changes", "last_row_id"),
            _ => run_result_from(res, "changes", "lastRowId"),
        }
    }

    /// The rows of what the Promise [`JsExecutor::send`] returned resolved to.
    pub fn rows(&self, res: JsValue) -> Result<Array> {
        match self {
            JsExecutor::D1(_) => res.dyn_into::<Array>().map_err(|v| malformed("raw() did not return an array", v)),
            _ if !res.is_object() => Err(malformed("execute() must resolve to an object like { rows: [...] }", res)),
            _ => rows_of(&res, "rows", "execute() must resolve to"),
        }
    }
}

impl JsExecutor {
    /// `raw(sql, params)`: like [`JsExecutor::send`], asking D1 for the column names too.
    pub fn send_raw(&self, stmt: &Compiled) -> Result<js_sys::Promise> {
        let sql = JsValue::from_str(&stmt.sql);
        match self {
            JsExecutor::D1(db) => {
                let o = Object::new();
                let _ = Reflect::set(&o, &name("columnNames"), &JsValue::TRUE);
                Self::d1_statement(db, &sql, stmt)?.raw(&o).map_err(|e| host_error(e, &stmt.sql))
            }
            _ => self.send(&sql, stmt),
        }
    }

    /// The column names and rows of what [`JsExecutor::send_raw`]'s Promise
    /// resolved to: D1's first row; a host's `columns`, else its first
    /// row's keys; none for a host answering no rows without `columns`.
    pub fn raw_rows(&self, res: JsValue) -> Result<(Option<Vec<String>>, Array)> {
        let mut rows = self.rows(res.clone())?;
        let names = match self {
            JsExecutor::D1(_) => {
                let names = rows.get(0);
                rows = rows.slice(1, rows.length());
                names
            }
            _ if !get(&res, "columns").is_undefined() => get(&res, "columns"),
            _ if rows.length() == 0 => return Ok((None, rows)),
            _ if Array::is_array(&rows.get(0)) => JsValue::UNDEFINED,
            _ => Object::keys(rows.get(0).unchecked_ref::<Object>()).into(),
        };
        let bad = || Err(malformed("raw() needs the column names: execute() must resolve to { rows, columns: [name, ...] }", names.clone()));
        if !Array::is_array(&names) {
            return bad();
        }
        let mut cols = Vec::new();
        for c in names.unchecked_ref::<Array>().iter() {
            match c.as_string() {
                Some(c) => cols.push(c),
                None => return bad(),
            }
        }
        Ok((Some(cols), rows))
    }
}

impl Executor for JsExecutor {
    type Rows = Array;

    async fn query(&self, stmt: &Compiled) -> Result<Array> {
        self.rows(self.settle(stmt, true).await?)
    }

    fn can_batch(&self) -> bool {
        match self {
            JsExecutor::D1(_) => true,
            JsExecutor::Host(h) => get(h, "batch").is_function(),
            JsExecutor::Missing => false,
        }
    }

    async fn atomic(&self, stmts: &[Compiled], rows: &[bool], strict: bool) -> Result<Vec<(RunResult, Array)>> {
        let d1 = matches!(self, JsExecutor::D1(_));
        let results = match self.host_batch(stmts).await? {
            Some(results) => results,
            None if strict => return Err(Error::not_supported("This executor has no batch(): the statements cannot run atomically.")),
            None => {
                // Only a host's executor has no batch: each `execute` answer.
                let out = Array::new();
                for s in stmts {
                    out.push(&self.settle(s, true).await?);
                }
                out
            }
        };
        let mut out = Vec::with_capacity(stmts.len());
        for (i, r) in results.iter().enumerate() {
            let run = if d1 { run_result_from(&get(&r, "meta"), "changes", "last_row_id") } else { run_result_from(&r, "changes", "lastRowId") };
            let key = if d1 { "results" } else { "rows" };
            let rows = if rows.get(i) == Some(&true) {
                rows_of(&r, key, "each batch() result must be")?
            } else {
                get(&r, key).dyn_into().unwrap_or_default()
            };
            out.push((run, rows));
        }
        Ok(out)
    }

    fn empty_rows(&self) -> Array {
        Array::new()
    }

    fn row_count(&self, rows: &Array) -> usize {
        rows.length() as usize
    }

    fn cell(&self, rows: &Array, row: usize, col: usize) -> Value {
        let r = rows.get(row as u32);
        let v = if Array::is_array(&r) {
            r.unchecked_ref::<Array>().get(col as u32)
        } else if r.is_object() {
            // The col-th own enumerable value, as Object.values(r)[col].
            Reflect::get(&r, &Object::keys(r.unchecked_ref::<Object>()).get(col as u32)).unwrap_or(JsValue::UNDEFINED)
        } else {
            JsValue::UNDEFINED
        };
        js_to_value(&v)
    }
}
