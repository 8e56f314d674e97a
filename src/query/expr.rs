//! The resolved, SQL-level tree the compiler renders: column references by
//! join alias, bound values, conditions. Built by `resolve`, never by hand
//! from user strings.

use std::rc::Rc;

use crate::compiler::sql_ast::BinOp;
use crate::value::ArithOp;

impl ArithOp {
    /// The SQL operator for this arithmetic.
    pub fn bin_op(self) -> BinOp {
        match self {
            ArithOp::Add => BinOp::Plus,
            ArithOp::Sub => BinOp::Minus,
            ArithOp::Mul => BinOp::Multiply,
            ArithOp::Div => BinOp::Divide,
            ArithOp::Mod => BinOp::Modulo,
        }
    }
}
use crate::ident::Ident;
pub use crate::query::slots::Src;
use crate::value::Value;

/// A value expression.
#[derive(Clone, Debug, PartialEq)]
pub enum SExpr {
    /// A column of the table at join index `alias` (0 is the base table).
    Col { alias: usize, col: Ident },
    /// A bound parameter, and where its value came from (for re-binding a cached plan).
    Param(Value, Src),
    /// A fixed integer chosen by the compiler (never user input).
    Int(i64),
    /// A function call with a fixed name.
    Func { name: &'static str, args: Vec<SExpr> },
    /// `CAST(e AS ty)`.
    Cast { e: Box<SExpr>, ty: &'static str },
    /// Arithmetic or concatenation.
    Bin { op: BinOp, l: Box<SExpr>, r: Box<SExpr> },
    /// An aggregate `NAME([DISTINCT] arg)`; no argument is `COUNT(*)`.
    Agg { name: &'static str, arg: Option<Box<SExpr>>, distinct: bool },
    /// `CASE WHEN c1 THEN v1 ... [ELSE e] END`: an aggregate's `filter` (one
    /// WHEN, no ELSE), `abulkUpdate`'s values (`ELSE NULL`, as Django),
    /// `Case(When(...))`. `paren`: each condition in parentheses, as Django
    /// prints a When resolved a second time (filters on an annotation, updates).
    Case { whens: Vec<(Cond, SExpr)>, default: Option<Box<SExpr>>, paren: bool },
    /// The literal `NULL` (Django's `Value(None)`).
    Null,
    /// An `OuterRef` not yet resolved against its outer query: compiling
    /// it is Django's ValueError.
    OuterRef { name: Rc<str>, up: usize },
    /// A column of the query `up` levels out (a resolved `OuterRef`).
    OuterCol { alias: usize, col: Ident, up: usize },
    /// `(SELECT ...)` or `EXISTS(SELECT ...)` of a QuerySet.
    Sub(Rc<SubSelect>),
    /// Django's `Reverse(e)`: the characters of `e` from the last (D1 has no
    /// `REVERSE`; the compiler writes it over `json_each`).
    Reverse(Box<SExpr>),
    /// An expression as the pattern of a text lookup (`title__startswith:
    /// F("author__name")`): Django's `pattern_ops` on SQLite, its wildcards
    /// escaped, `%` added per `kind`, upper-cased for the `i` lookups.
    LikeRhs { e: Box<SExpr>, kind: LikeKind, upper: bool },
    /// Django's `KeyTransform` on SQLite: `(CASE WHEN JSON_TYPE(e, path) IN
    /// ('false', 'true', 'null') THEN JSON_TYPE(e, path) ELSE
    /// JSON_EXTRACT(e, path) END)`, the path made of `keys`; `text`: a
    /// `KeyTextTransform` (`KT()`), the same SQL with text lookups.
    JsonKey { e: Box<SExpr>, keys: Rc<[Rc<str>]>, text: bool },
    /// `f OVER (PARTITION BY ... ORDER BY ... frame)`: order terms with
    /// `Some(desc)` when given a direction; frame as [`crate::value::WindowInput`]'s.
    Over { f: Box<SExpr>, partition: Vec<SExpr>, order: Vec<(SExpr, Option<bool>, Option<bool>)>, frame: Option<(bool, Option<i64>, Option<i64>)> },
    /// A column of the wrapped query by its alias (a filter on a window).
    Ref(Ident),
    /// A condition as a value (a `Q` annotation): 1, 0 or NULL.
    Cond(Box<Cond>),
}

/// The QuerySet of a `Subquery`/`Exists`, its outer references resolved.
#[derive(Clone, Debug)]
pub struct SubSelect {
    pub qs: crate::query::QuerySet,
    /// `EXISTS(...)`.
    pub exists: bool,
    /// Its alias prefix (`U`, or `V` when a subquery inside it took `U`), as Django's bump_prefix.
    pub prefix: char,
}

impl PartialEq for SubSelect {
    fn eq(&self, o: &SubSelect) -> bool {
        Rc::ptr_eq(&self.qs.node, &o.qs.node) && self.exists == o.exists && self.prefix == o.prefix
    }
}

/// Comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    /// `=`
    Eq,
    /// `>`
    Gt,
    /// `>=`
    Gte,
    /// `<`
    Lt,
    /// `<=`
    Lte,
}

/// Where a LIKE pattern's wildcards are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LikeKind {
    /// No wildcard (`iexact`).
    Exact,
    /// `%text%`.
    Contains,
    /// `text%`.
    Starts,
    /// `%text`.
    Ends,
}

/// A condition.
#[derive(Clone, Debug, PartialEq)]
pub enum Cond {
    /// `lhs <op> rhs`.
    Cmp { lhs: SExpr, op: Cmp, rhs: SExpr },
    /// `lhs LIKE pattern ESCAPE '\'`; `text` is the unescaped value, for
    /// hosts whose LIKE patterns are short (D1: 50 bytes).
    Like { lhs: SExpr, pattern: SExpr, kind: LikeKind, text: String },
    /// `lhs REGEXP pattern` (`'(?i)' || pattern` when case-insensitive).
    Regexp { lhs: SExpr, pattern: SExpr, ci: bool },
    /// `lhs BETWEEN lo AND hi`.
    Between { lhs: SExpr, lo: SExpr, hi: SExpr },
    /// `lhs IN (values)`; never empty (an empty list resolves to [`Cond::Nothing`]).
    /// `src`: the slot of the whole list (`Src::Slot` with `How::InList`), or `Src::Unknown`.
    In { lhs: SExpr, values: Rc<Vec<Value>>, src: Src },
    /// `lhs IS [NOT] NULL`.
    IsNull { lhs: SExpr, negated: bool },
    /// `[NOT] EXISTS (subquery)`: a correlated subquery on a multi-valued relation.
    Exists { sub: Rc<SubQuery>, negated: bool },
    /// A boolean expression used as a condition (`filter(Exists(...))`).
    Expr(SExpr),
    /// `lhs IN (SELECT ...)`.
    InSub { lhs: SExpr, sub: SExpr },
    /// `lhs IN (a, b, ...)` of a list holding expressions (`in: [F("x"), 3]`).
    InExprs { lhs: SExpr, items: Vec<SExpr> },
    /// All of these.
    And(Vec<Cond>),
    /// Any of these.
    Or(Vec<Cond>),
    /// Not this.
    Not(Box<Cond>),
    /// Matches no row (Django's EmptyResultSet).
    Nothing,
    /// Matches every row (Django's FullResultSet).
    Everything,
}

/// One join of a query: `parent.parent_col = this.col`.
#[derive(Clone, Debug, PartialEq)]
pub struct Join {
    /// Joined table.
    pub table: Ident,
    /// Its alias in the query.
    pub alias: Ident,
    /// Join index of the table it hangs off.
    pub parent: usize,
    /// Column on the parent side.
    pub parent_col: Ident,
    /// Column on this side.
    pub col: Ident,
    /// LEFT OUTER (true) or INNER.
    pub outer: bool,
    /// Whether it can match several rows per parent row (reverse FK, M2M).
    pub multi: bool,
    /// Whether a NULL on the parent side is possible (nullable FK) or the join is multi-valued.
    pub nullable: bool,
    /// The relation path that made this join (`author`, `books__tags`).
    pub path: Rc<str>,
    /// The `filter()` call that created it (multi-valued joins are reused only within one call).
    pub call: usize,
}

/// A correlated subquery for `exclude()` across a multi-valued relation.
#[derive(Clone, Debug, PartialEq)]
pub struct SubQuery {
    /// The subquery's base table (aliased `U0`).
    pub table: Ident,
    /// Joins of the subquery (index 0 is its base table).
    pub joins: Vec<Join>,
    /// Its condition, already including the correlation.
    pub cond: Cond,
    /// The outer column it correlates with, and the subquery column equal to it.
    pub outer: (usize, Ident),
    /// The subquery column.
    pub inner: (usize, Ident),
}

impl Cond {
    /// Fold `Nothing`/`Everything` through AND, OR and NOT (Django's
    /// EmptyResultSet / FullResultSet handling).
    pub fn simplify(self) -> Cond {
        match self {
            Cond::And(items) => {
                let mut out = Vec::new();
                for c in items {
                    match c.simplify() {
                        Cond::Nothing => return Cond::Nothing,
                        Cond::Everything => {}
                        Cond::And(inner) => {
                            for c in inner {
                                out.push(c);
                            }
                        }
                        other => out.push(other),
                    }
                }
                match out.len() {
                    0 => Cond::Everything,
                    1 => out.pop().unwrap_or(Cond::Everything),
                    _ => Cond::And(out),
                }
            }
            Cond::Or(items) => {
                let mut out = Vec::new();
                for c in items {
                    match c.simplify() {
                        Cond::Everything => return Cond::Everything,
                        Cond::Nothing => {}
                        other => out.push(other),
                    }
                }
                match out.len() {
                    0 => Cond::Nothing,
                    1 => out.pop().unwrap_or(Cond::Nothing),
                    _ => Cond::Or(out),
                }
            }
            Cond::Not(inner) => match inner.simplify() {
                Cond::Nothing => Cond::Everything,
                Cond::Everything => Cond::Nothing,
                other => Cond::Not(Box::new(other)),
            },
            other => other,
        }
    }
}

impl SExpr {
    /// Does it contain an aggregate?
    pub fn has_aggregate(&self) -> bool {
        match self {
            SExpr::Agg { .. } => true,
            SExpr::Func { args, .. } => args.iter().any(SExpr::has_aggregate),
            SExpr::Cast { e, .. } | SExpr::Reverse(e) | SExpr::LikeRhs { e, .. } | SExpr::JsonKey { e, .. } => e.has_aggregate(),
            SExpr::Bin { l, r, .. } => l.has_aggregate() || r.has_aggregate(),
            SExpr::Case { whens, default, .. } => whens.iter().any(|(_, t)| t.has_aggregate()) || default.as_ref().is_some_and(|d| d.has_aggregate()),
            SExpr::Cond(c) => c.has_aggregate(),
            SExpr::Col { .. }
            | SExpr::Param(..)
            | SExpr::Int(_)
            | SExpr::Null
            | SExpr::OuterRef { .. }
            | SExpr::OuterCol { .. }
            | SExpr::Sub(_)
            | SExpr::Ref(_)
            | SExpr::Over { .. } => false,
        }
    }

    /// Does it contain a window (Django's `contains_over_clause`)? Not
    /// looking into subqueries.
    pub fn has_window(&self) -> bool {
        match self {
            SExpr::Over { .. } => true,
            SExpr::Func { args, .. } => args.iter().any(SExpr::has_window),
            SExpr::Cast { e, .. } | SExpr::Agg { arg: Some(e), .. } | SExpr::Reverse(e) | SExpr::LikeRhs { e, .. } | SExpr::JsonKey { e, .. } => {
                e.has_window()
            }
            SExpr::Bin { l, r, .. } => l.has_window() || r.has_window(),
            SExpr::Case { whens, default, .. } => {
                whens.iter().any(|(c, t)| c.has_window() || t.has_window()) || default.as_ref().is_some_and(|d| d.has_window())
            }
            SExpr::Cond(c) => c.has_window(),
            _ => false,
        }
    }
}

impl SExpr {
    /// The same expression as Django prints it once resolved again (an
    /// annotation used in a filter or an `alias()` in ORDER BY, an update's
    /// value): When conditions in parentheses.
    pub fn resolved_again(&self) -> SExpr {
        let mut e = self.clone();
        let _ = e.visit_mut(0, &mut |e, depth| {
            if let (SExpr::Case { paren, .. }, 0) = (e, depth) {
                *paren = true;
            }
            Ok(())
        });
        e
    }
}

impl Cond {
    /// The expressions it compares (its lookups' sides), in order.
    pub fn operands<'c>(&'c self, out: &mut Vec<&'c SExpr>) {
        match self {
            Cond::Cmp { lhs, rhs: b, .. }
            | Cond::Like { lhs, pattern: b, .. }
            | Cond::Regexp { lhs, pattern: b, .. }
            | Cond::InSub { lhs, sub: b } => {
                out.push(lhs);
                out.push(b);
            }
            Cond::Between { lhs, lo, hi } => {
                out.push(lhs);
                out.push(lo);
                out.push(hi);
            }
            Cond::InExprs { lhs, items } => {
                out.push(lhs);
                for e in items {
                    out.push(e);
                }
            }
            Cond::In { lhs, .. } | Cond::IsNull { lhs, .. } | Cond::Expr(lhs) => out.push(lhs),
            Cond::And(items) | Cond::Or(items) => items.iter().for_each(|c| c.operands(out)),
            Cond::Not(c) => c.operands(out),
            Cond::Exists { .. } | Cond::Nothing | Cond::Everything => {}
        }
    }

    /// Does it use a window (so it filters the wrapped query, Django's QUALIFY)?
    pub fn has_window(&self) -> bool {
        match self {
            Cond::Cmp { lhs, rhs: b, .. }
            | Cond::Like { lhs, pattern: b, .. }
            | Cond::Regexp { lhs, pattern: b, .. }
            | Cond::InSub { lhs, sub: b } => lhs.has_window() || b.has_window(),
            Cond::Between { lhs, lo, hi } => lhs.has_window() || lo.has_window() || hi.has_window(),
            Cond::In { lhs, .. } | Cond::IsNull { lhs, .. } | Cond::Expr(lhs) => lhs.has_window(),
            Cond::And(items) | Cond::Or(items) => items.iter().any(Cond::has_window),
            Cond::InExprs { lhs, items } => lhs.has_window() || items.iter().any(SExpr::has_window),
            Cond::Not(c) => c.has_window(),
            Cond::Exists { .. } | Cond::Nothing | Cond::Everything => false,
        }
    }

    /// Does it compare an aggregate (so it belongs in HAVING)?
    pub fn has_aggregate(&self) -> bool {
        match self {
            // A text lookup's pattern may be an aggregate too (`name__contains=Max(...)`).
            Cond::Cmp { lhs, rhs, .. } | Cond::Like { lhs, pattern: rhs, .. } | Cond::Regexp { lhs, pattern: rhs, .. } => {
                lhs.has_aggregate() || rhs.has_aggregate()
            }
            Cond::In { lhs, .. } | Cond::IsNull { lhs, .. } => lhs.has_aggregate(),
            Cond::Between { lhs, lo, hi } => lhs.has_aggregate() || lo.has_aggregate() || hi.has_aggregate(),
            Cond::And(items) | Cond::Or(items) => items.iter().any(Cond::has_aggregate),
            Cond::InExprs { lhs, items } => lhs.has_aggregate() || items.iter().any(SExpr::has_aggregate),
            Cond::Not(c) => c.has_aggregate(),
            Cond::Expr(e) | Cond::InSub { lhs: e, .. } => e.has_aggregate(),
            Cond::Exists { .. } | Cond::Nothing | Cond::Everything => false,
        }
    }
}

/// A visitor of expressions: called with each expression and how many subqueries deep it is.
pub type Visit<'a> = dyn FnMut(&mut SExpr, usize) -> crate::error::Result<()> + 'a;

impl SExpr {
    /// Call `f` on this expression, then on every expression inside it,
    /// subqueries included (one level deeper).
    pub fn visit_mut(&mut self, depth: usize, f: &mut Visit) -> crate::error::Result<()> {
        f(self, depth)?;
        match self {
            SExpr::Func { args, .. } => {
                for a in args {
                    a.visit_mut(depth, f)?;
                }
            }
            SExpr::Cast { e, .. } | SExpr::Agg { arg: Some(e), .. } | SExpr::Reverse(e) | SExpr::LikeRhs { e, .. } | SExpr::JsonKey { e, .. } => {
                e.visit_mut(depth, f)?
            }
            SExpr::Bin { l, r, .. } => {
                l.visit_mut(depth, f)?;
                r.visit_mut(depth, f)?;
            }
            SExpr::Case { whens, default, .. } => {
                for (c, t) in whens {
                    c.visit_mut(depth, f)?;
                    t.visit_mut(depth, f)?;
                }
                if let Some(d) = default {
                    d.visit_mut(depth, f)?;
                }
            }
            SExpr::Sub(s) => Rc::make_mut(s).qs.visit_mut(depth + 1, f)?,
            SExpr::Cond(c) => c.visit_mut(depth, f)?,
            SExpr::Over { f: e, partition, order, .. } => {
                for x in std::iter::once(&mut **e).chain(partition).chain(order.iter_mut().map(|o| &mut o.0)) {
                    x.visit_mut(depth, f)?;
                }
            }
            _ => {}
        }
        Ok(())
    }
}

impl Cond {
    /// [`SExpr::visit_mut`] on every expression of the condition.
    pub fn visit_mut(&mut self, depth: usize, f: &mut Visit) -> crate::error::Result<()> {
        match self {
            Cond::Cmp { lhs, rhs: b, .. }
            | Cond::Like { lhs, pattern: b, .. }
            | Cond::Regexp { lhs, pattern: b, .. }
            | Cond::InSub { lhs, sub: b } => {
                lhs.visit_mut(depth, f)?;
                b.visit_mut(depth, f)?;
            }
            Cond::Between { lhs, lo, hi } => {
                lhs.visit_mut(depth, f)?;
                lo.visit_mut(depth, f)?;
                hi.visit_mut(depth, f)?;
            }
            Cond::In { lhs, .. } | Cond::IsNull { lhs, .. } | Cond::Expr(lhs) => lhs.visit_mut(depth, f)?,
            Cond::And(items) | Cond::Or(items) => {
                for c in items {
                    c.visit_mut(depth, f)?;
                }
            }
            Cond::InExprs { lhs, items } => {
                lhs.visit_mut(depth, f)?;
                for e in items {
                    e.visit_mut(depth, f)?;
                }
            }
            Cond::Not(c) => c.visit_mut(depth, f)?,
            Cond::Exists { .. } | Cond::Nothing | Cond::Everything => {}
        }
        Ok(())
    }
}
