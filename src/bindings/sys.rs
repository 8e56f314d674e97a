//! Raw, duck-typed bindings to host objects. No logic lives here: every call
//! is `catch`, so a throwing host becomes an `Err(JsValue)`.

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// A Cloudflare D1 database binding (anything with `prepare` and `batch`).
    #[derive(Clone, Debug)]
    pub type D1Database;

    /// `db.prepare(sql)`.
    #[wasm_bindgen(structural, method, catch)]
    pub fn prepare(this: &D1Database, sql: &JsValue) -> Result<D1PreparedStatement, JsValue>;

    /// `db.batch(statements)`: runs them in one transaction.
    #[wasm_bindgen(structural, method, catch)]
    pub fn batch(this: &D1Database, statements: &Array) -> Result<Promise, JsValue>;

    /// A prepared D1 statement.
    #[derive(Clone, Debug)]
    pub type D1PreparedStatement;

    /// `stmt.bind(...values)`.
    #[wasm_bindgen(structural, method, catch, variadic)]
    pub fn bind(this: &D1PreparedStatement, values: &Array) -> Result<D1PreparedStatement, JsValue>;

    /// `stmt.raw()`: rows as arrays.
    #[wasm_bindgen(structural, method, catch)]
    pub fn raw(this: &D1PreparedStatement) -> Result<Promise, JsValue>;

    /// `stmt.raw({ columnNames: true })`: the column names, then the rows as arrays.
    #[wasm_bindgen(structural, method, catch, js_name = raw)]
    pub fn raw_with(this: &D1PreparedStatement, options: &JsValue) -> Result<Promise, JsValue>;

    /// `stmt.run()`: `{ meta: { changes, last_row_id } }`.
    #[wasm_bindgen(structural, method, catch)]
    pub fn run(this: &D1PreparedStatement) -> Result<Promise, JsValue>;

    /// Any host object with `execute(sql, params)` (and optionally `batch(statements)`).
    #[derive(Clone, Debug)]
    pub type HostExecutor;

    /// `host.execute(sql, params)` → `Promise<{ rows, columns?, changes?, lastRowId? }>`.
    #[wasm_bindgen(structural, method, catch)]
    pub fn execute(this: &HostExecutor, sql: &JsValue, params: &Array) -> Result<Promise, JsValue>;

    /// `host.batch([{ sql, params }, ...])` → `Promise<result[]>`, atomic.
    #[wasm_bindgen(structural, method, catch, js_name = batch)]
    pub fn host_batch(this: &HostExecutor, statements: &Array) -> Result<Promise, JsValue>;
}
