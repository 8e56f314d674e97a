//! Raw, duck-typed bindings to host objects. No logic lives here: every call
//! is `catch`, so a throwing host becomes an `Err(JsValue)`.

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// A host with `batch(statements)`: a D1 binding, or an executor that
    /// has one (one binding for both: each is a function in the JS glue).
    #[derive(Clone, Debug)]
    pub type Batcher;

    /// `host.batch(statements)`: runs them in one transaction, atomic (D1:
    /// its prepared statements; an executor: `[{ sql, params }, ...]`) →
    /// `Promise<result[]>`.
    #[wasm_bindgen(structural, method, catch)]
    pub fn batch(this: &Batcher, statements: &Array) -> Result<Promise, JsValue>;

    /// A Cloudflare D1 database binding (anything with `prepare` and `batch`).
    #[wasm_bindgen(extends = Batcher)]
    #[derive(Clone, Debug)]
    pub type D1Database;

    /// `db.prepare(sql)`.
    #[wasm_bindgen(structural, method, catch)]
    pub fn prepare(this: &D1Database, sql: &JsValue) -> Result<D1PreparedStatement, JsValue>;

    /// A prepared D1 statement.
    #[derive(Clone, Debug)]
    pub type D1PreparedStatement;

    /// `stmt.bind(...values)`.
    #[wasm_bindgen(structural, method, catch, variadic)]
    pub fn bind(this: &D1PreparedStatement, values: &Array) -> Result<D1PreparedStatement, JsValue>;

    /// `stmt.raw(options)`: rows as arrays; with `{ columnNames: true }`, the
    /// column names first (`undefined`: D1's default, rows only).
    #[wasm_bindgen(structural, method, catch)]
    pub fn raw(this: &D1PreparedStatement, options: &JsValue) -> Result<Promise, JsValue>;

    /// `stmt.run()`: `{ meta: { changes, last_row_id } }`.
    #[wasm_bindgen(structural, method, catch)]
    pub fn run(this: &D1PreparedStatement) -> Result<Promise, JsValue>;

    /// Any host object with `execute(sql, params)` (and optionally `batch(statements)`).
    #[wasm_bindgen(extends = Batcher)]
    #[derive(Clone, Debug)]
    pub type HostExecutor;

    /// `host.execute(sql, params)` → `Promise<{ rows, columns?, changes?, lastRowId? }>`.
    #[wasm_bindgen(structural, method, catch)]
    pub fn execute(this: &HostExecutor, sql: &JsValue, params: &Array) -> Result<Promise, JsValue>;
}
