//! The immutable QuerySet. Every chain method returns a new `QuerySet` whose
//! node shares its parts with the old one through `Rc`; nothing is mutated.
//! Field names, lookups and values are resolved here, when the QuerySet is
//! built, so mistakes surface at the call that made them.

pub mod defer;
pub mod expr;
pub mod funcs;
pub mod plist;
pub mod raw;
pub mod resolve;
pub mod slots;

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::ident::Ident;
use crate::model::{Field, FieldKind, Model, Registry};
use crate::value::Input;
use expr::{Cond, Join, SExpr};
use plist::PList;
use slots::{Check, Slot};

/// A filter argument: an object of lookups, or a `Q` tree.
#[derive(Clone, Debug, PartialEq)]
pub enum QInput {
    /// One `name__lookup: value` pair.
    Lookup(String, Input),
    /// `Q` children joined by a connector, possibly negated.
    Node { or: bool, negated: bool, children: Vec<QInput> },
    /// A boolean expression (`Exists(...)`).
    Expr(crate::value::ExprInput),
}

impl QInput {
    /// The AND of lookups from one object, sorted by key as Django sorts kwargs.
    pub fn from_pairs(mut pairs: Vec<(String, Input)>) -> QInput {
        crate::value::sort_small(&mut pairs, |a, b| a.0 < b.0);
        let mut children = Vec::with_capacity(pairs.len());
        for (k, v) in pairs {
            children.push(QInput::Lookup(k, v));
        }
        QInput::Node { or: false, negated: false, children }
    }
}

/// How a column's stored value becomes a JavaScript value (applied by the JS
/// glue to whole row arrays, so rows never cross into wasm cell by cell).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conv {
    /// As the host returned it.
    Raw,
    /// 0/1 → false/true.
    Bool,
    /// ISO text → `Date`.
    DateTime,
    /// JSON text → value.
    Json,
    /// Number → fixed-point string with this many places; `None` (an
    /// expression's `DecimalField()`): Django's `Decimal` of the float, 15 digits.
    Decimal(Option<u32>),
    /// 32 hex digits → dashed UUID.
    Uuid,
    /// ArrayBuffer / array → `Uint8Array`.
    Blob,
}

impl Conv {
    /// The conversion for a field's stored value.
    pub fn for_field(f: &Field) -> Conv {
        match f.kind {
            FieldKind::Boolean => Conv::Bool,
            FieldKind::DateTime => Conv::DateTime,
            FieldKind::Json => Conv::Json,
            FieldKind::Decimal => Conv::Decimal(f.decimal_places),
            FieldKind::Uuid => Conv::Uuid,
            FieldKind::Binary => Conv::Blob,
            _ => Conv::Raw,
        }
    }

    /// The code the JS glue switches on.
    pub fn code(self) -> String {
        match self {
            Conv::Raw => String::new(),
            Conv::Bool => "b".into(),
            Conv::DateTime => "t".into(),
            Conv::Json => "j".into(),
            Conv::Decimal(Some(p)) => format!("d{p}"),
            Conv::Decimal(None) => "d".into(),
            Conv::Uuid => "u".into(),
            Conv::Blob => "x".into(),
        }
    }
}

/// One selected value in `values()` / `valuesList()`.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueCol {
    /// The key in the result (`author__name`).
    pub key: Rc<str>,
    /// The expression selected.
    pub expr: SExpr,
    /// Its conversion.
    pub conv: Conv,
}

/// What the query returns.
#[derive(Clone, Debug, PartialEq)]
pub enum Select {
    /// Model instances (all concrete fields, plus `selectRelated` models).
    Model,
    /// `values(...)`: objects.
    Values(Rc<Vec<ValueCol>>),
    /// `valuesList(...)`: arrays, or scalars when `flat`.
    List { cols: Rc<Vec<ValueCol>>, flat: bool },
}

/// One ORDER BY term.
#[derive(Clone, Debug, PartialEq)]
pub struct OrderTerm {
    /// What to order by; `None` is `RANDOM()`.
    pub expr: Option<SExpr>,
    /// Descending.
    pub desc: bool,
    /// `NULLS FIRST` (`Some(true)`) or `NULLS LAST` (`Some(false)`).
    pub nulls: Option<bool>,
}

/// One `orderBy()` item: a name (`"-pages"`) or an ordering expression.
#[derive(Clone, Debug)]
pub enum OrderInput {
    Name(String),
    /// `expr.asc()` / `expr.desc()` with `nullsFirst` (`Some(true)`) or `nullsLast`.
    Expr {
        e: crate::value::ExprInput,
        desc: bool,
        nulls: Option<bool>,
    },
}

/// A model pulled in by `selectRelated`: where its columns sit in the row.
#[derive(Clone, Debug, PartialEq)]
pub struct Related {
    /// Path from the root (`author__publisher`), split.
    pub path: Vec<Rc<str>>,
    /// The related model.
    pub model: Rc<str>,
    /// Join alias index its columns come from.
    pub alias: usize,
}

/// Django's combinators: `union()`, `intersection()`, `difference()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Combinator {
    Union,
    Intersection,
    Difference,
}

impl Combinator {
    /// The method name, as Django's messages print it.
    pub fn name(self) -> &'static str {
        match self {
            Combinator::Union => "union",
            Combinator::Intersection => "intersection",
            Combinator::Difference => "difference",
        }
    }
}

/// The operands of a combined QuerySet.
#[derive(Clone, Debug)]
pub struct Combined {
    pub op: Combinator,
    /// `union(..., { all: true })`.
    pub all: bool,
    /// The operands, in order (the first is the QuerySet `union()` was called on).
    pub parts: Vec<QuerySet>,
    /// Which operands had no `values()` of their own when combined: they
    /// select what the combined QuerySet's last `values()` selects (Django's
    /// `set_values` when compiling), not its first.
    pub took: Rc<Vec<bool>>,
}

impl PartialEq for Combined {
    fn eq(&self, o: &Combined) -> bool {
        self.op == o.op
            && self.all == o.all
            && self.parts.len() == o.parts.len()
            && self.parts.iter().zip(&o.parts).all(|(a, b)| a.model.name == b.model.name && a.node == b.node)
    }
}

/// Resolved ordering terms, shared along a chain.
pub type Ordering = Rc<Vec<OrderTerm>>;

/// The data of a QuerySet.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Joins (alias index i ≥ 1 is `joins[i - 1]`; 0 is the base table).
    pub joins: Rc<Vec<Join>>,
    /// Conditions, ANDed (each already simplified; shared along the chain).
    pub conds: PList<Cond>,
    /// Explicit ordering; `None` uses `Meta.ordering`.
    pub order: Option<Ordering>,
    /// The names `orderBy()` gave for `order` (the same `Rc`): a later
    /// `values()` resolves them again, as Django resolves an ordering
    /// against what is finally selected (see [`QuerySet::order_terms`]).
    pub order_names: Option<(Rc<Vec<String>>, Ordering)>,
    /// `reverse()` parity.
    pub reversed: bool,
    /// `distinct()`.
    pub distinct: bool,
    /// The `slice()` calls so far, for re-deriving LIMIT/OFFSET from slots
    /// (reset, with `low`/`high`, by a combinator).
    pub slices: PList<SliceOp>,
    /// The user values of the chain, by slot (see [`slots`]).
    pub inputs: PList<Input>,
    /// The conversions the resolver ran on slot values, in order (see [`Check`]).
    pub checks: PList<Check>,
    /// Slice start.
    pub low: u64,
    /// Slice end.
    pub high: Option<u64>,
    /// What is selected.
    pub select: Select,
    /// `none()` or a lookup that can match nothing: no query runs.
    pub empty: bool,
    /// Number of `filter()`/`exclude()` calls so far.
    pub calls: usize,
    /// Models loaded with `selectRelated`.
    pub related: Rc<Vec<Related>>,
    /// Paths for `prefetchRelated`.
    pub prefetch: Rc<Vec<Rc<str>>>,
    /// Extra columns selected after the model's (the parent key of a prefetch query).
    pub extra: Rc<Vec<SExpr>>,
    /// `annotate()`/`alias()` expressions.
    pub annotations: Rc<Vec<resolve::Annotation>>,
    /// Conditions on aggregates (HAVING), ANDed.
    pub having: PList<Cond>,
    /// Conditions on windows, ANDed: they filter the query wrapped in a
    /// subquery (Django 4.2+'s QUALIFY emulation).
    pub qualify: PList<Cond>,
    /// `values(...)` came before an aggregating `annotate()`: GROUP BY those values.
    pub group_values: bool,
    /// `union()` / `intersection()` / `difference()`: the operands. The
    /// node's own conditions are then unused; `order` holds 1-based column
    /// positions (`SExpr::Int`) in the combined result.
    pub combined: Option<Rc<Combined>>,
    /// `only()`/`defer()` names (Django's `deferred_loading`): loaded only
    /// (`only`) or deferred; see [`defer`].
    pub deferred: Rc<Vec<Rc<str>>>,
    /// `deferred` lists the fields to load (`only()`), not those to defer.
    pub only: bool,
    /// `aggregate()` over this QuerySet as a subquery (Django's
    /// AggregateQuery): the selected aggregates name its columns (column
    /// references at alias 0 are the subquery's column names).
    pub wrap: Option<crate::value::SubqueryInput>,
    /// GROUP BY these first (the pk, or the `values()` grouping, of a query
    /// wrapped by `aggregate()`), then the selected non-aggregate columns.
    pub group_by: Rc<Vec<SExpr>>,
}

/// One bound of a `slice()` call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SliceArg {
    /// Given by the library (`get()`'s 21, `first()`'s 0 and 1), or absent.
    Const(Option<i64>),
    /// The user's value in this slot (`Input::Null` when absent).
    Slot(Slot),
}

/// A `slice(start, end)` call, as recorded for re-binding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SliceOp {
    pub start: SliceArg,
    pub end: SliceArg,
}

/// Django's slice composition: `qs[low0:high0][start:end]` as one `(low, high)`.
pub fn compose_slice(low0: u64, high0: Option<u64>, start: Option<i64>, end: Option<i64>) -> Result<(u64, Option<u64>)> {
    if start.is_some_and(|s| s < 0) || end.is_some_and(|e| e < 0) {
        return Err(Error::value("Negative indexing is not supported."));
    }
    // Django's set_limits, with every mark capped at 2^53 - 1: no table
    // holds that many rows, so a capped mark selects the same rows, and
    // LIMIT/OFFSET stay within what SQLite and a JS number take exactly.
    let cap = |n: u64| n.min(crate::compiler::MAX_SAFE_INT);
    let mut low = low0;
    let mut high = high0;
    if let Some(e) = end {
        let e = cap(low0.saturating_add(e as u64));
        high = Some(match high0 {
            Some(h) => h.min(e),
            None => e,
        });
    }
    if let Some(s) = start {
        let s = cap(low0.saturating_add(s as u64));
        low = match high {
            Some(h) => h.min(s),
            None => s,
        };
    }
    Ok((low, high))
}

/// A slice bound as a slot holds it: `Some(None)` for null/undefined,
/// `Some(Some(n))` for an integer, `None` for anything else.
pub fn slice_arg(v: &Input) -> Option<Option<i64>> {
    match v {
        Input::Null | Input::Undefined => Some(None),
        // `as` saturates: marks beyond i64 compose as the capped ones do.
        Input::Num(n) if n.is_finite() && n.fract() == 0.0 => Some(Some(*n as i64)),
        Input::BigInt(i) => Some(Some(*i)),
        _ => None,
    }
}

/// `(low, high)` after replaying `ops` with the slot values in `inputs`:
/// `Ok(None)` when a slot does not hold a slice bound; the error of
/// [`QuerySet::slice`] when it would raise one.
pub fn replay_slices(ops: &PList<SliceOp>, inputs: &[Input]) -> Result<Option<(u64, Option<u64>)>> {
    let (mut low, mut high) = (0u64, None);
    for op in ops.iter() {
        let arg = |a: SliceArg| match a {
            SliceArg::Const(v) => Some(v),
            SliceArg::Slot(s) => inputs.get(s as usize).and_then(slice_arg),
        };
        let (Some(start), Some(end)) = (arg(op.start), arg(op.end)) else { return Ok(None) };
        (low, high) = compose_slice(low, high, start, end)?;
    }
    Ok(Some((low, high)))
}

/// A lazy, immutable QuerySet.
#[derive(Clone, Debug)]
pub struct QuerySet {
    /// The registry of the database it belongs to.
    pub reg: Rc<Registry>,
    /// Its model.
    pub model: Rc<Model>,
    /// Its data.
    pub node: Rc<Node>,
}

/// How prefetched rows attach to their parents.
#[derive(Clone, Debug)]
pub struct Prefetch {
    /// The related model.
    pub target: Rc<str>,
    /// A list per parent (reverse FK, M2M) or one object (forward FK, reverse one-to-one).
    pub many: bool,
    /// The attribute on the parent whose value the key column holds.
    pub parent_key: Rc<str>,
    /// The key column's index in each row: a selected column (forward: the
    /// pk; reverse: the foreign key), else one extra column after them (M2M).
    pub key_at: usize,
}

/// Error text Django uses after a slice.
const SLICED_FILTER: &str = "Cannot filter a query once a slice has been taken.";

impl QuerySet {
    /// `Model.objects.all()`.
    pub fn new(reg: Rc<Registry>, model: Rc<Model>) -> QuerySet {
        let node = Node {
            joins: Rc::new(Vec::new()),
            conds: PList::new(),
            order: None,
            order_names: None,
            reversed: false,
            distinct: false,
            slices: PList::new(),
            inputs: PList::new(),
            checks: PList::new(),
            low: 0,
            high: None,
            select: Select::Model,
            empty: false,
            calls: 0,
            related: Rc::new(Vec::new()),
            prefetch: Rc::new(Vec::new()),
            extra: Rc::new(Vec::new()),
            annotations: Rc::new(Vec::new()),
            having: PList::new(),
            qualify: PList::new(),
            group_values: false,
            combined: None,
            deferred: Rc::new(Vec::new()),
            only: false,
            wrap: None,
            group_by: Rc::new(Vec::new()),
        };
        QuerySet { reg, model, node: Rc::new(node) }
    }

    /// A resolver over this QuerySet's model and annotations, adding to `joins`.
    fn resolver<'a>(&'a self, joins: &'a mut Vec<Join>, call: usize) -> resolve::Resolver<'a> {
        resolve::Resolver::new(&self.reg, &self.model, joins, call).with_annotations(&self.node.annotations)
    }

    pub(crate) fn with(&self, f: impl FnOnce(&mut Node)) -> QuerySet {
        let mut node = (*self.node).clone();
        f(&mut node);
        self.with_node(node)
    }

    /// The end of every [`with`](Self::with), out of line: that generic
    /// function is copied into each of its ~30 callers.
    #[inline(never)]
    fn with_node(&self, node: Node) -> QuerySet {
        QuerySet { reg: self.reg.clone(), model: self.model.clone(), node: Rc::new(node) }
    }

    /// Django's `_not_support_combined_queries`.
    pub fn not_combined(&self, method: &str) -> Result<()> {
        match &self.node.combined {
            Some(c) => Err(Error::not_supported(format!("Calling QuerySet.{method}() after {}() is not supported.", c.op.name()))),
            None => Ok(()),
        }
    }

    /// The operands that take part in the SQL: Django drops empty operands of
    /// `union()` and, after the first, of `difference()`; an empty operand of
    /// `intersection()` (or an empty first one of `difference()`) makes the
    /// whole result empty (no operands).
    pub fn live_parts(&self) -> Vec<&QuerySet> {
        let Some(c) = &self.node.combined else { return vec![self] };
        let mut out = Vec::new();
        for (i, p) in c.parts.iter().enumerate() {
            if p.is_empty() {
                match c.op {
                    Combinator::Union => continue,
                    Combinator::Difference if i > 0 => continue,
                    _ => return Vec::new(),
                }
            }
            out.push(p);
        }
        out
    }

    /// `union(...others, { all })`, `intersection(...others)`, `difference(...others)`.
    pub fn combine(&self, op: Combinator, others: &[QuerySet], all: bool) -> Result<QuerySet> {
        if others.iter().any(|o| !Rc::ptr_eq(&o.reg, &self.reg)) {
            return Err(Error::value(format!("{}() takes QuerySets of the same Database.", op.name())));
        }
        // Django's EmptyQuerySet shortcuts (`none()`).
        match op {
            Combinator::Union if self.node.empty => {
                let mut live: Vec<QuerySet> = Vec::new();
                for o in others {
                    if o.node.empty {
                        continue;
                    }
                    live.push(o.clone());
                }
                return match live.split_first() {
                    None => Ok(self.clone()),
                    Some((first, [])) => Ok(first.clone()),
                    Some((first, rest)) => first.combine(op, rest, all),
                };
            }
            Combinator::Union if others.is_empty() => return Ok(self.clone()),
            Combinator::Intersection | Combinator::Difference if self.node.empty => return Ok(self.clone()),
            Combinator::Intersection => {
                if let Some(e) = others.iter().find(|o| o.node.empty) {
                    return Ok(e.clone());
                }
            }
            _ => {}
        }
        // SQLite takes no ORDER BY / LIMIT in an operand (Django checks when compiling; the query can never run).
        let mut parts = vec![self.clone()];
        parts.extend_from_slice(others);
        for p in &parts {
            if p.is_sliced() {
                return Err(Error::database("LIMIT/OFFSET not allowed in subqueries of compound statements."));
            }
            if p.is_ordered() {
                return Err(Error::database("ORDER BY not allowed in subqueries of compound statements."));
            }
        }
        let took = Rc::new(parts.iter().map(|p| matches!(p.node.select, Select::Model)).collect());
        // Operands without values() take the first one's values() columns (Django's set_values).
        if let Some(cols) = crate::compiler::value_cols(self) {
            let keys = value_keys(cols);
            for p in parts.iter_mut().skip(1) {
                if matches!(p.node.select, Select::Model) {
                    *p = p.values(&keys)?;
                }
            }
        }
        Ok(self.with(|n| {
            n.order = Some(Rc::new(Vec::new()));
            n.reversed = false;
            n.low = 0;
            n.high = None;
            // The operands' values are their own slots, not this QuerySet's.
            n.slices = PList::new();
            n.inputs = PList::new();
            n.checks = PList::new();
            n.combined = Some(Rc::new(Combined { op, all, parts, took }));
        }))
    }

    /// `orderBy()` after a combinator: each term names a selected column; it becomes its 1-based position.
    fn combined_order(&self, fields: &[String]) -> Result<Vec<OrderTerm>> {
        let mut joins = (*self.node.joins).clone();
        let before = joins.len();
        let terms = self.resolver(&mut joins, resolve::ANY_CALL).order_terms(fields)?;
        let selected = crate::compiler::selected_exprs(self)?;
        let mut out = Vec::with_capacity(terms.len());
        for t in terms {
            out.push(match &t.expr {
                None => t,
                Some(e) => match selected.iter().position(|s| s == e) {
                    Some(i) if joins.len() == before => OrderTerm { expr: Some(SExpr::Int(i as i64 + 1)), desc: t.desc, nulls: t.nulls },
                    _ => return Err(Error::database("ORDER BY term does not match any column in the result set.")),
                },
            });
        }
        Ok(out)
    }

    /// Has a slice been taken?
    pub fn is_sliced(&self) -> bool {
        self.node.low > 0 || self.node.high.is_some()
    }

    /// Is the result known to be empty without a query?
    pub fn is_empty(&self) -> bool {
        self.node.empty || matches!(self.node.high, Some(h) if h <= self.node.low) || (self.node.combined.is_some() && self.live_parts().is_empty())
    }

    /// Table alias names, index 0 being the base table.
    pub fn aliases(&self) -> Vec<Ident> {
        let mut out = vec![self.model.table.clone()];
        for j in self.node.joins.iter() {
            out.push(j.alias.clone());
        }
        out
    }

    /// `all()`.
    pub fn all(&self) -> QuerySet {
        self.clone()
    }

    /// `filter(...)`.
    pub fn filter(&self, args: &[QInput]) -> Result<QuerySet> {
        self.add_q(args, false, true)
    }

    /// `exclude(...)`.
    pub fn exclude(&self, args: &[QInput]) -> Result<QuerySet> {
        self.add_q(args, true, true)
    }

    /// The user's values in this QuerySet, by slot (see [`slots`] for the order).
    pub fn inputs(&self) -> Vec<Input> {
        self.node.inputs.to_vec()
    }

    /// `filter()`/`exclude()`; `user`: the values are the user's (they take
    /// slots), else the library's own (an instance's pk, prefetch keys).
    fn add_q(&self, args: &[QInput], negate: bool, user: bool) -> Result<QuerySet> {
        self.not_combined(if negate { "exclude" } else { "filter" })?;
        if self.is_sliced() {
            return Err(Error::usage(SLICED_FILTER));
        }
        let q = QInput::Node { or: false, negated: negate, children: args.to_vec() };
        let mut joins = (*self.node.joins).clone();
        let call = self.node.calls + 1;
        // Django's add_q: joins that were INNER before this call stay INNER.
        let mut inner_before: Vec<usize> = Vec::new();
        for (i, j) in joins.iter().enumerate() {
            if !j.outer {
                inner_before.push(i);
            }
        }
        let base = user.then_some(self.node.inputs.len() as Slot);
        let mut r = self.resolver(&mut joins, call).with_slot(base);
        let cond = r.q(&q)?;
        let checks = r.take_checks();
        for i in inner_before {
            if let Some(j) = joins.get_mut(i) {
                j.outer = false;
            }
        }
        let cond = cond.simplify();
        // Conditions on windows filter the wrapped query, on aggregates go to
        // HAVING (Django's split_having_qualify).
        let (mut having, mut wheres, mut qualify) = (vec![], vec![], vec![]);
        for c in match cond {
            Cond::And(items) => items,
            c => vec![c],
        } {
            let plain = |v: &[Cond]| v.iter().any(|c| !c.has_window() && !c.has_aggregate());
            if !c.has_window() {
                (if c.has_aggregate() { &mut having } else { &mut wheres }).push(c);
                continue;
            }
            let mixed = match &c {
                Cond::Or(v) => plain(v),
                Cond::Not(b) => matches!(&**b, Cond::And(v) if plain(v)),
                _ => false,
            };
            if mixed && (self.is_aggregating() || self.node.group_values) {
                return Err(Error::not_supported(
                    "Heterogeneous disjunctive predicates against window functions are not implemented when performing conditional aggregation.",
                ));
            }
            qualify.push(c);
        }
        Ok(self.with(|n| {
            n.calls = call;
            if joins != *n.joins {
                n.joins = Rc::new(joins);
            }
            for c in wheres {
                match c {
                    Cond::Everything => {}
                    Cond::Nothing => n.empty = true,
                    c => n.conds.push(c),
                }
            }
            for c in having {
                n.having.push(c);
            }
            for c in qualify {
                n.qualify.push(c);
            }
            if user {
                slots::walk_q(&q, &mut |v| n.inputs.push(v.clone()));
            }
            for c in checks {
                n.checks.push(c);
            }
        }))
    }

    /// `orderBy(...)`: replaces any ordering; with no fields clears `Meta.ordering` too.
    pub fn order_by(&self, fields: &[String]) -> Result<QuerySet> {
        if self.is_sliced() {
            return Err(Error::usage("Cannot reorder a query once a slice has been taken."));
        }
        if self.node.combined.is_some() {
            let terms = Rc::new(self.combined_order(fields)?);
            return Ok(self.with(|n| {
                n.order = Some(terms.clone());
                n.order_names = Some((Rc::new(fields.to_vec()), terms));
            }));
        }
        let mut joins = (*self.node.joins).clone();
        let terms = Rc::new(self.order_terms(fields, &self.node.select, &mut joins)?);
        // reverse() survives a later order_by(), as Django's standard_ordering does.
        Ok(self.with(|n| {
            n.joins = Rc::new(joins);
            n.order = Some(terms.clone());
            n.order_names = Some((Rc::new(fields.to_vec()), terms));
        }))
    }

    /// The terms of `orderBy(fields)` with `select` selected: a name that
    /// `values()` selects (and no annotation has) orders by that column, as
    /// Django 5.2 orders by a selected column's alias (`values("author")
    /// .orderBy("author")` is by the key, not by the author's ordering).
    fn order_terms(&self, fields: &[String], select: &Select, joins: &mut Vec<Join>) -> Result<Vec<OrderTerm>> {
        let cols = match select {
            Select::Values(cols) | Select::List { cols, .. } => &cols[..],
            _ => &[],
        };
        let mut r = self.resolver(joins, resolve::ANY_CALL);
        let mut out = Vec::new();
        for f in fields {
            let (desc, name) = match f.strip_prefix('-') {
                Some(n) => (true, n),
                None => (false, f.strip_prefix('+').unwrap_or(f)),
            };
            match cols.iter().find(|c| &*c.key == name) {
                Some(c) if !self.node.annotations.iter().any(|a| &*a.name == name) => {
                    out.push(OrderTerm { expr: Some(c.expr.clone()), desc, nulls: None })
                }
                _ => out.extend(r.order_terms(std::slice::from_ref(f))?),
            }
        }
        Ok(out)
    }

    /// After `values()`: the ordering `orderBy()` named, resolved again
    /// against the new selection (unchanged unless a name is selected).
    fn reorder_for(&self, select: &Select, joins: &mut Vec<Join>) -> Result<Option<Ordering>> {
        match self.order_names() {
            Some(names) if self.node.combined.is_none() => Ok(Some(Rc::new(self.order_terms(names, select, joins)?))),
            _ => Ok(None),
        }
    }

    /// The names `orderBy()` gave for the ordering in effect, if it was given so.
    fn order_names(&self) -> Option<&[String]> {
        match (&self.node.order, &self.node.order_names) {
            (Some(o), Some((names, terms))) if Rc::ptr_eq(o, terms) => Some(names),
            _ => None,
        }
    }

    /// After `values()` on a combined QuerySet: its `orderBy()` names as
    /// positions in the new columns (Django's `ORDER BY 1`).
    fn reorder_combined(self) -> Result<QuerySet> {
        let Some(names) = self.order_names().filter(|_| self.node.combined.is_some()).map(<[String]>::to_vec) else { return Ok(self) };
        let terms = Rc::new(self.combined_order(&names).map_err(|_| {
            Error::not_supported("values() on a combined QuerySet ordered by a field it does not select is not supported by this version of Quarry yet: select the field too.")
        })?);
        Ok(self.with(|n| {
            n.order = Some(terms.clone());
            n.order_names = Some((Rc::new(names), terms));
        }))
    }

    /// `orderBy(...)` with ordering expressions among the names.
    pub fn order_by_items(&self, items: &[OrderInput]) -> Result<QuerySet> {
        let mut names: Vec<String> = Vec::new();
        for i in items {
            if let OrderInput::Name(n) = i {
                names.push(n.clone());
            }
        }
        if names.len() == items.len() {
            return self.order_by(&names);
        }
        if self.is_sliced() {
            return Err(Error::usage("Cannot reorder a query once a slice has been taken."));
        }
        if self.node.combined.is_some() {
            return Err(Error::not_supported("orderBy() with expressions on a combined QuerySet is not supported by this version of Quarry yet."));
        }
        let mut joins = (*self.node.joins).clone();
        let mut r = self.resolver(&mut joins, resolve::ANY_CALL).with_slot(Some(self.node.inputs.len() as Slot));
        let terms = r.order_items(items)?;
        let checks = r.take_checks();
        Ok(self.with(|n| {
            n.joins = Rc::new(joins);
            n.order = Some(Rc::new(terms));
            for i in items {
                if let OrderInput::Expr { e, .. } = i {
                    slots::walk_expr(e, &mut |v| n.inputs.push(v.clone()));
                }
            }
            for c in checks {
                n.checks.push(c);
            }
        }))
    }

    /// The ordering in effect (explicit, else `Meta.ordering`), `reverse()` applied.
    pub fn ordering(&self) -> Result<(Vec<OrderTerm>, Vec<Join>)> {
        let (mut terms, joins) = match &self.node.order {
            Some(o) => ((**o).clone(), (*self.node.joins).clone()),
            None => {
                let mut joins = (*self.node.joins).clone();
                let terms = self.resolver(&mut joins, resolve::ANY_CALL).order_terms(&self.model.ordering)?;
                (terms, joins)
            }
        };
        if self.node.reversed {
            for t in &mut terms {
                t.desc = !t.desc;
                t.nulls = t.nulls.map(|f| !f);
            }
        }
        Ok((terms, joins))
    }

    /// Is there any ordering (explicit or `Meta.ordering`)?
    pub fn is_ordered(&self) -> bool {
        match &self.node.order {
            Some(o) => !o.is_empty(),
            None => !self.model.ordering.is_empty(),
        }
    }

    /// `reverse()`.
    pub fn reverse(&self) -> Result<QuerySet> {
        if self.is_sliced() {
            return Err(Error::usage("Cannot reverse a query once a slice has been taken."));
        }
        Ok(self.with(|n| n.reversed = !n.reversed))
    }

    /// `distinct()` (field names are PostgreSQL's DISTINCT ON: not on SQLite).
    pub fn distinct(&self, fields: &[String]) -> Result<QuerySet> {
        self.not_combined("distinct")?;
        if self.is_sliced() {
            return Err(Error::usage("Cannot create distinct fields once a slice has been taken."));
        }
        if !fields.is_empty() {
            return Err(Error::not_supported("DISTINCT ON fields is not supported by this database backend"));
        }
        Ok(self.with(|n| n.distinct = true))
    }

    /// `values(...)`.
    pub fn values(&self, fields: &[String]) -> Result<QuerySet> {
        let (cols, joins) = self.value_cols(fields)?;
        self.selecting(cols, joins, Select::Values)
    }

    /// `values()`/`valuesList()` selecting `cols`: a combined QuerySet's
    /// operands select them too, and the ordering `orderBy()` named is
    /// resolved again against them.
    fn selecting(&self, cols: Vec<ValueCol>, mut joins: Vec<Join>, select: impl FnOnce(Rc<Vec<ValueCol>>) -> Select) -> Result<QuerySet> {
        let combined = self.combined_with_values(&cols)?;
        let select = select(Rc::new(cols));
        let order = self.reorder_for(&select, &mut joins)?;
        self.with(|n| {
            n.combined = combined;
            n.joins = Rc::new(joins);
            n.select = select;
            n.related = Rc::new(Vec::new());
            n.deferred = Rc::new(Vec::new());
            if let Some(o) = order {
                n.order = Some(o.clone());
                n.order_names = n.order_names.take().map(|(names, _)| (names, o));
            }
        })
        .reorder_combined()
    }

    /// `valuesList(..., { flat, named })`. Named rows are objects keyed by
    /// the field names, in order (Django's `Row`): `values()`'s rows.
    pub fn values_list(&self, fields: &[String], flat: bool, named: bool) -> Result<QuerySet> {
        if flat && named {
            return Err(Error::usage("'flat' and 'named' can't be used together."));
        }
        if named {
            return self.values(fields);
        }
        if flat && fields.len() > 1 {
            return Err(Error::usage("'flat' is not valid when values_list is called with more than one field."));
        }
        let (cols, joins) = self.value_cols(fields)?;
        self.selecting(cols, joins, |cols| Select::List { cols, flat })
    }

    /// values() after a combinator selects those columns in every operand
    /// (Django's `set_values` on the combined queries that have none). The
    /// ordering `orderBy()` named is found again among the new columns
    /// ([`QuerySet::reorder_combined`]).
    fn combined_with_values(&self, cols: &[ValueCol]) -> Result<Option<Rc<Combined>>> {
        let Some(c) = &self.node.combined else { return Ok(None) };
        if self.node.order.as_ref().is_some_and(|o| !o.is_empty()) && self.order_names().is_none() {
            return Err(Error::not_supported("values() after orderBy() on a combined QuerySet is not supported by this version of Quarry yet."));
        }
        let keys = value_keys(cols);
        let mut parts = Vec::with_capacity(c.parts.len());
        for (p, took) in c.parts.iter().zip(c.took.iter()) {
            parts.push(if *took { p.values(&keys)? } else { p.clone() });
        }
        Ok(Some(Rc::new(Combined { op: c.op, all: c.all, parts, took: c.took.clone() })))
    }

    fn value_cols(&self, fields: &[String]) -> Result<(Vec<ValueCol>, Vec<Join>)> {
        let mut joins = (*self.node.joins).clone();
        let mut r = self.resolver(&mut joins, resolve::ANY_CALL);
        let cols = if fields.is_empty() {
            let mut cols = Vec::new();
            for f in self.model.concrete_fields() {
                cols.push(ValueCol { key: f.attname.clone(), expr: SExpr::Col { alias: 0, col: f.col()?.clone() }, conv: Conv::for_field(f) });
            }
            for a in self.node.annotations.iter() {
                if !a.selected {
                    continue;
                }
                cols.push(ValueCol { key: a.name.clone(), expr: a.expr.clone(), conv: a.conv });
            }
            cols
        } else {
            let mut cols = Vec::with_capacity(fields.len());
            for f in fields {
                cols.push(r.value_col(f)?);
            }
            cols
        };
        Ok((cols, joins))
    }

    /// `dates(field, kind, { order })` (`datetime`: `datetimes(...)`), as
    /// Django builds it: the truncated values, distinct, non-null, ordered.
    pub fn dates(&self, field: &str, kind: Option<&str>, order: Option<&str>, datetime: bool) -> Result<QuerySet> {
        let kinds = ["year", "month", "week", "day", "hour", "minute", "second"];
        let kind = kind.filter(|k| kinds[..if datetime { 7 } else { 4 }].contains(k)).ok_or_else(|| {
            Error::value(if datetime {
                "'kind' must be one of 'year', 'month', 'week', 'day', 'hour', 'minute', or 'second'."
            } else {
                "'kind' must be one of 'year', 'month', 'week', or 'day'."
            })
        })?;
        let desc = match order {
            Some("ASC") => "",
            Some("DESC") => "-",
            _ => return Err(Error::value("'order' must be either 'ASC' or 'DESC'.")),
        };
        use crate::value::ExprInput;
        let (name, out) = if datetime { ("datetimefield", "DateTimeField") } else { ("datefield", "DateField") };
        let f = || Rc::new(ExprInput::F(field.into()));
        let trunc = ExprInput::Func { name: "Trunc".into(), args: vec![f(), Rc::new(ExprInput::F(kind.into()))], output: Some(out.into()) };
        let items =
            [(name.to_string(), resolve::AnnotationInput::Expr(trunc)), ("plain_field".into(), resolve::AnnotationInput::Expr((*f()).clone()))];
        self.annotate(&items, true)?
            .values_list(&[name.into()], true, false)?
            .distinct(&[])?
            .filter_internal(&[QInput::Lookup("plain_field__isnull".into(), Input::Bool(false))])?
            .order_by(&[format!("{desc}{name}")])
    }

    /// `slice(start, end)`: Django's `qs[start:end]`, composed with any earlier
    /// slice. `start` and `end` take one slot each (null when absent).
    pub fn slice(&self, start: Option<i64>, end: Option<i64>) -> Result<QuerySet> {
        let slot = self.node.inputs.len() as Slot;
        let op = SliceOp { start: SliceArg::Slot(slot), end: SliceArg::Slot(slot + 1) };
        let as_input = |v: Option<i64>| v.map_or(Input::Null, |v| Input::Num(v as f64));
        self.slice_with(start, end, op, Some([as_input(start), as_input(end)]))
    }

    /// A slice the library takes itself (`get()`, `first()`, `earliest()`): no slots.
    pub fn slice_const(&self, start: Option<i64>, end: Option<i64>) -> Result<QuerySet> {
        self.slice_with(start, end, SliceOp { start: SliceArg::Const(start), end: SliceArg::Const(end) }, None)
    }

    fn slice_with(&self, start: Option<i64>, end: Option<i64>, op: SliceOp, inputs: Option<[Input; 2]>) -> Result<QuerySet> {
        let (low, high) = compose_slice(self.node.low, self.node.high, start, end)?;
        Ok(self.with(|n| {
            n.low = low;
            n.high = high;
            n.slices.push(op);
            if let Some([a, b]) = inputs {
                n.inputs.push(a);
                n.inputs.push(b);
            }
        }))
    }

    /// `none()`.
    pub fn none(&self) -> QuerySet {
        self.with(|n| n.empty = true)
    }

    /// The same query ordered by the primary key when it has no ordering (for `first`/`last`/chunks).
    pub fn ordered_or_pk(&self) -> Result<QuerySet> {
        if self.is_ordered() {
            return Ok(self.clone());
        }
        if self.node.combined.is_some() {
            return self.order_by(&["pk".to_string()]);
        }
        let pk = self.model.pk_field();
        let term = OrderTerm { expr: Some(SExpr::Col { alias: 0, col: pk.col()?.clone() }), desc: false, nulls: None };
        Ok(self.with(|n| n.order = Some(Rc::new(vec![term]))))
    }

    /// Clear ordering (for `get`, `count`, `exists`).
    pub fn unordered(&self) -> QuerySet {
        self.with(|n| {
            n.order = Some(Rc::new(Vec::new()));
            n.reversed = false;
        })
    }

    /// `selectRelated(...)`.
    pub fn select_related(&self, paths: &[String]) -> Result<QuerySet> {
        self.not_combined("select_related")?;
        if !matches!(self.node.select, Select::Model) {
            return Err(Error::usage("Cannot call select_related() after .values() or .values_list()"));
        }
        let mut joins = (*self.node.joins).clone();
        let mut related = (*self.node.related).clone();
        self.resolver(&mut joins, resolve::ANY_CALL).select_related(paths, &mut related)?;
        // In the model's field order, as Django walks them (its columns and errors follow it).
        let pos = |r: &Related| r.path.first().and_then(|n| self.model.fields.iter().position(|f| f.name == *n));
        crate::value::sort_small(&mut related, |a, b| pos(a) < pos(b));
        let qs = self.with(|n| {
            n.joins = Rc::new(joins);
            n.related = Rc::new(related);
        });
        // A related model cannot be both deferred and selected (checked here too, as only()/defer() do).
        defer::select_mask(&qs)?;
        Ok(qs)
    }

    /// `prefetchRelated(...)`: checked now, run when the QuerySet is evaluated.
    pub fn prefetch_related(&self, paths: &[String]) -> Result<QuerySet> {
        self.not_combined("prefetch_related")?;
        let mut list = (*self.node.prefetch).clone();
        for p in paths {
            resolve::check_prefetch_path(&self.reg, &self.model, p)?;
            if !list.iter().any(|x| **x == **p) {
                list.push(p.as_str().into());
            }
        }
        Ok(self.with(|n| n.prefetch = Rc::new(list)))
    }

    /// `earliest(...)`/`latest(...)`: the ordering they use, checked.
    pub fn earliest_latest(&self, fields: &[String], latest: bool) -> Result<QuerySet> {
        if self.is_sliced() {
            return Err(Error::usage("Cannot change a query once a slice has been taken."));
        }
        let fields: Vec<String> = if fields.is_empty() { self.model.get_latest_by.clone() } else { fields.to_vec() };
        if fields.is_empty() {
            return Err(Error::value(
                "earliest() and latest() require either fields as positional arguments or 'get_latest_by' in the model's Meta.",
            ));
        }
        let fields: Vec<String> = if latest {
            let mut flipped = Vec::with_capacity(fields.len());
            for f in &fields {
                flipped.push(match f.strip_prefix('-') {
                    Some(s) => s.to_string(),
                    None => format!("-{f}"),
                });
            }
            flipped
        } else {
            fields
        };
        let qs = self.order_by(&fields)?;
        qs.slice_const(Some(0), Some(1))
    }

    /// `filter()` with values the library chose (no slots: see [`slots`]).
    pub fn filter_internal(&self, args: &[QInput]) -> Result<QuerySet> {
        self.add_q(args, false, false)
    }

    /// A single-valued primary key condition (`pk = value`) for instance operations.
    pub fn pk_filter(&self, pk: Input) -> Result<QuerySet> {
        self.add_q(&[QInput::Lookup("pk".into(), pk)], false, false)
    }

    /// The query that prefetches relation `name` for parents whose keys are
    /// `keys`: the related rows, each with the parent key as one extra column.
    pub fn prefetch_query(&self, name: &str, keys: Vec<Input>) -> Result<(QuerySet, Prefetch)> {
        let rel = resolve::relation(&self.reg, &self.model, name)?;
        let target = self.reg.require(&rel.target, name)?;
        let base = QuerySet::new(self.reg.clone(), target.clone());
        let keys = Input::List(keys);
        let (lookup, extra_at): (String, Option<Ident>) = match rel.kind {
            resolve::RelKind::Forward => ("pk__in".into(), None),
            resolve::RelKind::Reverse => (format!("{}__in", rel.far_field), None),
            resolve::RelKind::ManyToMany => {
                (format!("{}__in", rel.far_query_name), Some(rel.through_table.clone().unwrap_or_else(|| Ident::fixed("_"))))
            }
        };
        let qs = base.add_q(&[QInput::Lookup(lookup, keys)], false, false)?;
        let selected = target.concrete_fields().position(|f| f.column.as_ref() == Some(&rel.far_column));
        let (qs, key_at) = match (&rel.kind, extra_at, selected) {
            // The pk (forward) or the foreign key (reverse) is selected already.
            (resolve::RelKind::Forward | resolve::RelKind::Reverse, _, Some(at)) => (qs, at),
            (kind, table, _) => {
                let alias = match (kind, table) {
                    (resolve::RelKind::ManyToMany, Some(table)) => qs.node.joins.iter().position(|j| j.table == table).map(|i| i + 1).unwrap_or(0),
                    _ => 0,
                };
                let extra = SExpr::Col { alias, col: rel.far_column.clone() };
                let at = target.concrete_fields().count();
                (qs.with(|n| n.extra = Rc::new(vec![extra])), at)
            }
        };
        let info = Prefetch { target: target.name.clone(), many: rel.many, parent_key: rel.parent_key.clone(), key_at };
        Ok((qs, info))
    }

    /// `annotate({ name: expr })` (`selected`) or `alias({ name: expr })`.
    pub fn annotate(&self, items: &[(String, resolve::AnnotationInput)], selected: bool) -> Result<QuerySet> {
        self.not_combined(if selected { "annotate" } else { "alias" })?;
        let mut joins = (*self.node.joins).clone();
        let mut anns = (*self.node.annotations).clone();
        let mut slot = self.node.inputs.len() as Slot;
        let mut checks = Vec::new();
        for (name, a) in items {
            let mut r = resolve::Resolver::new(&self.reg, &self.model, &mut joins, resolve::ANY_CALL).with_annotations(&anns).with_slot(Some(slot));
            let ann = r.annotation_of(name, a, selected)?;
            checks.extend(r.take_checks());
            slot = slot.saturating_add(slots::annotation_count(a));
            anns.retain(|x| *x.name != **name);
            anns.push(ann);
        }
        let mut new: Vec<resolve::Annotation> = Vec::new();
        for a in anns.iter() {
            if !items.iter().any(|(n, _)| *n == *a.name) {
                continue;
            }
            new.push(a.clone());
        }
        let aggregating = new.iter().any(|a| a.aggregate);
        Ok(self.with(|n| {
            n.joins = Rc::new(joins);
            n.annotations = Rc::new(anns);
            for (_, a) in items {
                slots::walk_annotation(a, &mut |v| n.inputs.push(v.clone()));
            }
            for c in checks {
                n.checks.push(c);
            }
            let add = |cols: &Rc<Vec<ValueCol>>| {
                let mut cols = (**cols).clone();
                for a in new.iter() {
                    if !a.selected {
                        continue;
                    }
                    cols.retain(|c| *c.key != *a.name);
                    cols.push(ValueCol { key: a.name.clone(), expr: a.expr.clone(), conv: a.conv });
                }
                Rc::new(cols)
            };
            match &n.select {
                Select::Values(cols) => {
                    n.select = Select::Values(add(cols));
                    n.group_values |= aggregating;
                }
                Select::List { cols, flat } => {
                    n.select = Select::List { cols: add(cols), flat: *flat };
                    n.group_values |= aggregating;
                }
                Select::Model => {}
            }
        }))
    }

    /// Does the query aggregate (GROUP BY)?
    pub fn is_aggregating(&self) -> bool {
        self.node.annotations.iter().any(|a| a.aggregate)
    }

    /// Django's get_aggregation (count() and aggregate()) reads an
    /// aggregating query, or one filtered against an aggregate (HAVING),
    /// from a subquery.
    pub fn aggregates_inside(&self) -> bool {
        self.is_aggregating() || !self.node.having.is_empty()
    }

    /// get_aggregation's subquery (of count() and aggregate()): unordered
    /// unless sliced (Django's clear_ordering(force=False)); when the query
    /// is filtered against an aggregate but does not aggregate, grouped by
    /// the primary key if it selects the model's columns and is not distinct
    /// (Django's `default_cols`).
    #[inline(never)]
    pub(crate) fn aggregation_inner(&self) -> QuerySet {
        let sliced = self.is_sliced();
        self.with(|n| {
            if !sliced {
                n.order = Some(Rc::new(Vec::new()));
                n.reversed = false;
            }
            if !n.having.is_empty() && !n.distinct && !n.annotations.iter().any(|a| a.aggregate) && matches!(n.select, Select::Model) {
                n.group_by = Rc::new(vec![SExpr::Col { alias: 0, col: self.model.pk_column().clone() }]);
            }
        })
    }

    /// `aaggregate({ alias: Agg(...) })`: a one-row values query of the aggregates.
    pub fn aggregate(&self, aggs: &[(String, resolve::AggInput)]) -> Result<QuerySet> {
        if aggs.is_empty() {
            return Err(Error::usage("aggregate() needs at least one aggregate."));
        }
        // Django's get_aggregation: also over windows (an annotation with an
        // OVER clause, or a filter on one).
        let windows = !self.node.qualify.is_empty() || self.node.annotations.iter().any(|a| a.expr.has_window());
        if self.aggregates_inside() || self.is_sliced() || self.node.distinct || self.node.combined.is_some() || windows {
            return self.aggregate_wrapped(aggs);
        }
        let mut joins = (*self.node.joins).clone();
        let mut r = self.resolver(&mut joins, resolve::ANY_CALL).with_slot(Some(self.node.inputs.len() as Slot));
        let cols = aggregate_cols(&mut r, aggs)?;
        let checks = r.take_checks();
        let qs = self.unordered();
        Ok(qs.with(|n| {
            for (_, a) in aggs {
                slots::walk_agg(a, &mut |v| n.inputs.push(v.clone()));
            }
            for c in checks {
                n.checks.push(c);
            }
            n.joins = Rc::new(joins);
            n.select = Select::Values(Rc::new(cols));
            n.related = Rc::new(Vec::new());
            n.prefetch = Rc::new(Vec::new());
        }))
    }

    /// `aggregate()` over this QuerySet as a subquery, as Django's
    /// get_aggregation: the inner query selects the annotations the
    /// aggregates refer to and each column they read (`__col1`, ...), its
    /// ordering dropped unless sliced; the outer one aggregates those.
    fn aggregate_wrapped(&self, aggs: &[(String, resolve::AggInput)]) -> Result<QuerySet> {
        let mut joins = (*self.node.joins).clone();
        let mut r = self.resolver(&mut joins, resolve::ANY_CALL).with_slot(Some(self.node.inputs.len() as Slot));
        let mut outer = aggregate_cols(&mut r, aggs)?;
        let checks = r.take_checks();
        let combined = self.node.combined.is_some();
        // A combined query's columns by name: operand aliases, or values() keys.
        let mut names: Vec<(SExpr, Rc<str>)> = Vec::new();
        match crate::compiler::value_cols(self) {
            Some(cols) => {
                for c in cols {
                    names.push((c.expr.clone(), c.key.clone()));
                }
            }
            None if combined => {
                let aliases = crate::compiler::operand_aliases(self)?;
                for ((e, _, _), n) in crate::compiler::row_columns(self)?.into_iter().zip(aliases) {
                    names.push((e, n.as_str().into()));
                }
            }
            None => {}
        }
        let mut lifted: Vec<ValueCol> = Vec::new();
        for c in &mut outer {
            let mut err = None;
            let _ = c.expr.visit_mut(0, &mut |e, depth| {
                let SExpr::Agg { arg: Some(arg), .. } = e else { return Ok(()) };
                if depth > 0 {
                    return Ok(());
                }
                arg.visit_mut(0, &mut |x, depth| {
                    if depth > 0 {
                        return Ok(());
                    }
                    let ann = self.node.annotations.iter().find(|a| a.expr == *x);
                    let key: Rc<str> = if combined {
                        match names.iter().find(|(e, _)| e == x).map(|(_, n)| n.clone()).or_else(|| ann.map(|a| a.name.clone())) {
                            Some(n) => n,
                            None if matches!(x, SExpr::Col { .. }) => {
                                err = Some(Error::not_supported("aggregate() after a combinator can only read the combined columns."));
                                return Ok(());
                            }
                            None => return Ok(()),
                        }
                    } else if let Some(a) = ann {
                        if !lifted.iter().any(|l| l.key == a.name) {
                            lifted.push(ValueCol { key: a.name.clone(), expr: a.expr.clone(), conv: a.conv });
                        }
                        a.name.clone()
                    } else if matches!(x, SExpr::Col { .. }) {
                        match lifted.iter().find(|l| l.expr == *x && l.key.starts_with("__col")) {
                            Some(l) => l.key.clone(),
                            None => {
                                let key: Rc<str> = format!("__col{}", lifted.iter().filter(|l| l.key.starts_with("__col")).count() + 1).into();
                                lifted.push(ValueCol { key: key.clone(), expr: x.clone(), conv: Conv::Raw });
                                key
                            }
                        }
                    } else {
                        return Ok(());
                    };
                    *x = SExpr::Col { alias: 0, col: Ident::new(&key, "column")? };
                    Ok(())
                })
            });
            if let Some(e) = err {
                return Err(e);
            }
        }
        let inner = if combined {
            if self.is_sliced() {
                self.clone()
            } else {
                self.unordered()
            }
        } else {
            let base = self.aggregation_inner();
            let pk = SExpr::Col { alias: 0, col: self.model.pk_column().clone() };
            base.with(|n| {
                n.joins = Rc::new(joins.clone());
                let mut cols = match (&n.select, n.distinct) {
                    (Select::Values(c) | Select::List { cols: c, .. }, true) => (**c).clone(),
                    (Select::Model, true) => {
                        let mut cols = Vec::new();
                        for (expr, key, conv) in crate::compiler::row_columns(self).unwrap_or_default() {
                            cols.push(ValueCol { key: key.into(), expr, conv });
                        }
                        cols
                    }
                    _ => Vec::new(),
                };
                if !n.distinct && n.annotations.iter().any(|a| a.aggregate) {
                    let grouped: Vec<SExpr> = match (&n.select, n.group_values) {
                        (Select::Values(c) | Select::List { cols: c, .. }, true) => {
                            let mut grouped = Vec::new();
                            for c in c.iter() {
                                if c.expr.has_aggregate() {
                                    continue;
                                }
                                grouped.push(c.expr.clone());
                            }
                            grouped
                        }
                        _ => vec![pk.clone()],
                    };
                    n.group_by = Rc::new(grouped);
                }
                for c in &lifted {
                    cols.push(c.clone());
                }
                if cols.is_empty() {
                    cols.push(ValueCol { key: "__col1".into(), expr: pk.clone(), conv: Conv::Raw });
                }
                n.select = Select::Values(Rc::new(cols));
                n.group_values = true;
                n.related = Rc::new(Vec::new());
                n.prefetch = Rc::new(Vec::new());
            })
        };
        let base = QuerySet::new(self.reg.clone(), self.model.clone());
        Ok(base.with(|n| {
            n.inputs = self.node.inputs.clone();
            n.checks = self.node.checks.clone();
            for (_, a) in aggs {
                slots::walk_agg(a, &mut |v| n.inputs.push(v.clone()));
            }
            for c in checks {
                n.checks.push(c);
            }
            // The inner slice, for re-binding its LIMIT/OFFSET from the slots.
            (n.calls, n.slices, n.low, n.high, n.empty) = (self.node.calls, self.node.slices.clone(), self.node.low, self.node.high, self.node.empty);
            n.select = Select::Values(Rc::new(outer));
            n.wrap = Some(crate::value::SubqueryInput(inner));
        }))
    }

    /// [`expr::SExpr::visit_mut`] on every expression of the query (for
    /// `Subquery`/`Exists`: binding its outer references).
    pub fn visit_mut(&mut self, depth: usize, f: &mut expr::Visit) -> Result<()> {
        let n = Rc::make_mut(&mut self.node);
        n.conds.try_map_mut(|c| c.visit_mut(depth, &mut *f))?;
        n.having.try_map_mut(|c| c.visit_mut(depth, &mut *f))?;
        n.qualify.try_map_mut(|c| c.visit_mut(depth, &mut *f))?;
        for a in Rc::make_mut(&mut n.annotations) {
            a.expr.visit_mut(depth, f)?;
        }
        if let Select::Values(cols) | Select::List { cols, .. } = &mut n.select {
            for c in Rc::make_mut(cols) {
                c.expr.visit_mut(depth, f)?;
            }
        }
        if let Some(o) = &mut n.order {
            for t in Rc::make_mut(o) {
                if let Some(e) = &mut t.expr {
                    e.visit_mut(depth, f)?;
                }
            }
        }
        Ok(())
    }

    /// The model field for a plain name, or Django's FieldError.
    pub fn local_field(&self, name: &str) -> Result<&Field> {
        self.model.field(name).ok_or_else(|| resolve::unknown_field(&self.reg, &self.model, name))
    }
}

/// `aggregate()`'s items as selected columns named by their aliases.
fn aggregate_cols(r: &mut resolve::Resolver, aggs: &[(String, resolve::AggInput)]) -> Result<Vec<ValueCol>> {
    let mut cols = Vec::new();
    for (alias, a) in aggs {
        // Resolved first: Max('*') is a FieldError before its alias '*__max' is a bad one.
        let (expr, conv) = r.aggregate(a)?;
        if !expr.has_aggregate() {
            return Err(Error::usage(format!("{alias} is not an aggregate expression")));
        }
        Ident::new(alias, "aggregate alias")?;
        cols.push(ValueCol { key: alias.as_str().into(), expr, conv });
    }
    Ok(cols)
}

/// The keys of values() columns, as values() takes them.
fn value_keys(cols: &[ValueCol]) -> Vec<String> {
    let mut keys = Vec::with_capacity(cols.len());
    for c in cols {
        keys.push(c.key.to_string());
    }
    keys
}
