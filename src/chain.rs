//! A QuerySet as JavaScript records it: the model and the chain calls made
//! on it, each an [`Op`], applied in order to the immutable core
//! [`QuerySet`]. JS keeps the chain as plain data; the core rebuilds the
//! QuerySet from it when a new shape is checked or a query is compiled and
//! nothing of it outlives that call (see `bindings`).
//!
//! Terminal methods ([`Terminal`]) turn a QuerySet into the one statement
//! they run; the statement is what the plan cache keys by shape.

use crate::compiler::Shape;
use crate::error::{Error, Result};
use crate::query::resolve::{AggInput, AnnotationInput};
use crate::query::{Combinator, QInput, QuerySet};

/// One recorded chain call.
#[derive(Clone, Debug)]
pub enum Op {
    /// `filter(...args)`.
    Filter(Vec<QInput>),
    /// `exclude(...args)`.
    Exclude(Vec<QInput>),
    /// `orderBy(...fields)`: names and ordering expressions.
    OrderBy(Vec<crate::query::OrderInput>),
    /// `reverse()`.
    Reverse,
    /// `distinct(...fields)`.
    Distinct(Vec<String>),
    /// `values(...fields)`.
    Values(Vec<String>),
    /// `values(...fields, { name: expression })`: the expressions annotated,
    /// then all the names (theirs last) selected, as Django's `_values`.
    ValuesWith(Vec<String>, Vec<(String, AnnotationInput)>),
    /// `valuesList(...fields, { flat })`.
    ValuesList(Vec<String>, bool, bool),
    /// `slice(start, end)`.
    Slice(Option<i64>, Option<i64>),
    /// `none()`.
    None,
    /// `selectRelated(...paths)`.
    SelectRelated(Vec<String>),
    /// `prefetchRelated(...paths)`.
    PrefetchRelated(Vec<String>),
    /// `annotate({...})` (`true`) or `alias({...})` (`false`).
    Annotate(Vec<(String, AnnotationInput)>, bool),
    /// `only(...)`; `None` is `only(null)`.
    Only(Option<Vec<String>>),
    /// `defer(...)`; `None` is `defer(null)`.
    Defer(Option<Vec<String>>),
    /// `union` / `intersection` / `difference` with the other operands.
    Combine(Combinator, Vec<QuerySet>, bool),
    /// `aaggregate({...})`: the one-row values query of the aggregates.
    Aggregate(Vec<(String, AggInput)>),
    /// `aearliest(...)` / `alatest(...)`: the ordering and slice they use.
    Earliest(Vec<String>, bool),
    /// The filters of `aget(...args)` (refused after a combinator).
    GetFilter(Vec<QInput>),
    /// `dates(field, kind, { order })` / `datetimes(...)` (`true`).
    Dates(String, Option<String>, Option<String>, bool),
    /// `aiterator()`'s chunk: ordered (by pk when unordered), then sliced.
    Chunk(i64, i64),
}

impl Op {
    /// The QuerySet this call makes of `qs`, or the error Django raises at the call.
    pub fn apply(&self, qs: &QuerySet) -> Result<QuerySet> {
        match self {
            Op::Filter(q) => qs.filter(q),
            Op::Exclude(q) => qs.exclude(q),
            Op::OrderBy(f) => qs.order_by_items(f),
            Op::Reverse => qs.reverse(),
            Op::Distinct(f) => qs.distinct(f),
            Op::Values(f) => qs.values(f),
            Op::ValuesWith(f, items) => qs.annotate(items, true)?.values(f),
            Op::ValuesList(f, flat, named) => qs.values_list(f, *flat, *named),
            Op::Slice(s, e) => qs.slice(*s, *e),
            Op::None => Ok(qs.none()),
            Op::SelectRelated(p) => qs.select_related(p),
            Op::PrefetchRelated(p) => qs.prefetch_related(p),
            Op::Annotate(items, selected) => qs.annotate(items, *selected),
            Op::Only(f) => qs.only(f.as_deref()),
            Op::Defer(f) => qs.defer(f.as_deref()),
            Op::Combine(op, others, all) => qs.combine(*op, others, *all),
            Op::Aggregate(aggs) => qs.aggregate(aggs),
            Op::Earliest(f, latest) => qs.earliest_latest(f, *latest),
            Op::GetFilter(q) => crate::exec::ops::get_filtered(qs, q),
            Op::Dates(f, kind, order, datetime) => qs.dates(f, kind.as_deref(), order.as_deref(), *datetime),
            Op::Chunk(offset, size) => {
                if *size < 1 {
                    return Err(Error::value("Chunk size must be strictly positive."));
                }
                qs.ordered_or_pk()?.slice(Some(*offset), Some(offset.saturating_add(*size)))
            }
        }
    }
}

/// A read terminal: what runs and how its answer is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Terminal {
    /// `alist()`, `for await`, chunks: all rows.
    Rows,
    /// `acount()`.
    Count,
    /// `aexists()`.
    Exists,
    /// `aget()`: at most 21 rows, exactly one expected.
    Get,
    /// `afirst()`.
    First,
    /// `alast()`.
    Last,
}

impl Terminal {
    /// From the code the JS side sends (its index in [`Terminal::ALL`]).
    pub fn from_code(code: u32) -> Result<Terminal> {
        Self::ALL.get(code as usize).copied().ok_or_else(|| Error::value(format!("Unknown terminal code {code}.")))
    }

    /// Every terminal, in code order.
    pub const ALL: [Terminal; 6] = [Terminal::Rows, Terminal::Count, Terminal::Exists, Terminal::Get, Terminal::First, Terminal::Last];

    /// The QuerySet and statement shape this terminal runs for `qs`.
    pub fn query(self, qs: &QuerySet) -> Result<(QuerySet, Shape)> {
        Ok(match self {
            Terminal::Rows => (qs.clone(), Shape::Rows),
            Terminal::Count => (qs.clone(), Shape::Count),
            Terminal::Exists => (qs.clone(), Shape::Exists),
            Terminal::Get => (crate::exec::ops::get_query(qs)?, Shape::Rows),
            Terminal::First => (crate::exec::ops::first_query(qs, false)?, Shape::Rows),
            Terminal::Last => (crate::exec::ops::first_query(qs, true)?, Shape::Rows),
        })
    }
}
