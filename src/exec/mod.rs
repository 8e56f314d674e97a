//! The executor bridge: a trait over whatever runs SQL for us (a D1 binding,
//! an HTTP endpoint, an in-browser SQLite), and the async orchestration of
//! terminal methods on top of it. The wasm implementation awaits the host's
//! Promises (see `bindings::executor`); rows stay host values and are
//! converted by the JS glue in whole arrays, never cell by cell.

pub mod atomic;
pub mod ops;

use crate::compiler::Compiled;
use crate::error::Result;
use crate::value::Value;

/// The host's own error value, kept as the `cause` of an `ExecutorError`.
#[cfg(target_arch = "wasm32")]
pub type HostError = wasm_bindgen::JsValue;
/// The host's own error value (natively: its message).
#[cfg(not(target_arch = "wasm32"))]
pub type HostError = String;

/// What a writing statement reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RunResult {
    /// Rows changed.
    pub changes: u64,
    /// The last inserted rowid, when the host reports it.
    pub last_row_id: Option<i64>,
}

/// Runs compiled statements. Futures are not `Send`: wasm is single-threaded.
#[allow(async_fn_in_trait)]
pub trait Executor {
    /// The host's row set, kept opaque.
    type Rows;

    /// Run a statement that returns rows.
    async fn query(&self, stmt: &Compiled) -> Result<Self::Rows>;

    /// Whether the host can run a batch atomically.
    fn can_batch(&self) -> bool;

    /// Run statements as one atomic batch: per statement, what it changed and
    /// the rows it returned (which must be there where `rows` says so). A
    /// host without a batch runs them one by one, unless `strict` (then it
    /// refuses). Not `strict`, reading no rows: a batch of writes (`migrate`,
    /// `runBatch`), atomic where the host can.
    async fn atomic(&self, stmts: &[Compiled], rows: &[bool], strict: bool) -> Result<Vec<(RunResult, Self::Rows)>>;

    /// A row set with no rows.
    fn empty_rows(&self) -> Self::Rows;

    /// Number of rows.
    fn row_count(&self, rows: &Self::Rows) -> usize;

    /// One cell, for the few values the library itself needs (counts, primary
    /// keys in deletion cascades); row data is never read this way.
    fn cell(&self, rows: &Self::Rows, row: usize, col: usize) -> Value;
}
