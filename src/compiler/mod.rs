//! QuerySet → SQL. The compiler walks the resolved tree, builds sqlparser AST
//! through [`sql_ast`] (the only module that touches sqlparser) and renders it
//! with `Display`. Every value is a placeholder; [`Params`] numbers them in
//! the dialect's style in the order they appear in the text.

pub mod cache;
pub mod plan;
pub mod sql_ast;

use sqlparser::ast::{Expr, Query};

use crate::error::{Error, Result};
use crate::ident::Ident;
use crate::model::{Dialect, Model};
use crate::query::defer::Mask;
use crate::query::expr::{Cmp, Cond, LikeKind, SExpr, SubQuery, SubSelect};
use crate::query::slots::{How, Src};
use crate::query::{Combinator, Conv, QuerySet, Select, ValueCol};
use crate::value::Value;
use sql_ast::{BinOp, Join as AstJoin, JoinKind, OrderItem, SelectSpec, Source};
use std::rc::Rc;

const QUOTE: char = '"';

/// A statement ready for the host: SQL text and its parameters, in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Compiled {
    /// SQL text.
    pub sql: String,
    /// Bound values, one per placeholder.
    pub params: Vec<Value>,
}

/// Largest integer a JavaScript number holds exactly (2^53 - 1).
pub const MAX_SAFE_INT: u64 = 9_007_199_254_740_991;

/// Collects bound values and writes their placeholders.
pub struct Params {
    dialect: Dialect,
    /// Longest LIKE pattern the host takes.
    max_like_bytes: usize,
    /// Values in placeholder order.
    pub values: Vec<Value>,
    /// Where each value came from (one per placeholder).
    pub srcs: Vec<Src>,
    /// Bind long `IN` lists as one JSON parameter (`json_each`).
    json_lists: bool,
    /// Inside the SQL of another QuerySet (`Subquery`, `Exists`, a
    /// combinator's operand): its slots are not this query's, so its
    /// values are [`Src::Unknown`] (compiler constants stay [`Src::Const`]).
    foreign: u32,
    /// Under a division: integers are cast back (D1 binds every JS number
    /// as REAL), so `pages / 7` divides as integers, as Django's int does.
    int: bool,
}

impl Params {
    fn new(dialect: Dialect, json_lists: bool) -> Params {
        Params { dialect, max_like_bytes: usize::MAX, values: Vec::new(), srcs: Vec::new(), json_lists, foreign: 0, int: false }
    }

    fn for_query(qs: &QuerySet, json_lists: bool) -> Params {
        Params { max_like_bytes: qs.reg.config.max_like_bytes, ..Params::new(qs.reg.config.dialect, json_lists) }
    }

    /// Bind `v`, a value the compiler chose ([`Src::Const`]), returning its
    /// placeholder. Statements that are never planned (inserts, cascades,
    /// M2M rows) bind their data with it too; their sources are discarded.
    pub fn push(&mut self, v: Value) -> Expr {
        self.push_src(v, Src::Const)
    }

    /// Bind each of `values`, returning their placeholders.
    pub fn push_all(&mut self, values: &[Value]) -> Vec<Expr> {
        let mut out = Vec::with_capacity(values.len());
        for v in values {
            out.push(self.push(v.clone()));
        }
        out
    }

    /// Bind each row's values, returning the rows of placeholders.
    pub fn push_rows(&mut self, rows: Vec<Vec<Value>>) -> Vec<Vec<Expr>> {
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let mut exprs = Vec::with_capacity(row.len());
            for v in row {
                exprs.push(self.push(v));
            }
            out.push(exprs);
        }
        out
    }

    /// Bind `v`, which came from `src`, returning its placeholder (see
    /// [`host_form`]: a value bound as text cast back makes the statement's
    /// plan not re-bindable, as its SQL depends on the value).
    pub fn push_src(&mut self, v: Value, src: Src) -> Expr {
        let (v, cast) = host_form(self.dialect, v);
        let src = if (self.foreign > 0 || cast.is_some()) && !matches!(src, Src::Const) { Src::Unknown } else { src };
        self.srcs.push(src);
        self.values.push(v);
        let text = match self.dialect {
            Dialect::Sqlite => "?".to_string(),
            Dialect::Postgres => format!("${}", self.values.len()),
        };
        let p = sql_ast::placeholder(text);
        match cast {
            Some(ty) => sql_ast::cast(p, ty),
            None => p,
        }
    }

    fn int(&mut self, n: i64) -> Expr {
        self.push(Value::Int(n))
    }
}

/// A value as the host is sent it. On SQLite, values a JS host cannot carry
/// as they are go as text that SQLite casts back, still as a placeholder:
/// D1's binding sends ±Infinity as null and rejects a bigint, and a JS
/// number rounds an integer beyond ±2^53. So ±Inf binds '±9e999' in
/// `CAST(? AS REAL)` (the REAL overflows to ±Inf) and such an integer its
/// digits in `CAST(? AS INTEGER)`; NaN binds NULL, as SQLite stores a NaN.
/// Only these values change the SQL: the cast type is returned for them.
pub fn host_form(dialect: Dialect, v: Value) -> (Value, Option<&'static str>) {
    if dialect != Dialect::Sqlite {
        return (v, None);
    }
    match v {
        Value::Real(f) if f.is_nan() => (Value::Null, None),
        Value::Real(f) if f.is_infinite() => (Value::Text(if f > 0.0 { "9e999" } else { "-9e999" }.into()), Some("REAL")),
        Value::Int(i) if i.unsigned_abs() > MAX_SAFE_INT => (Value::Text(i.to_string()), Some("INTEGER")),
        v => (v, None),
    }
}

/// Renders resolved expressions and conditions against a list of alias names.
struct Renderer<'a> {
    params: &'a mut Params,
    aliases: &'a [Ident],
    /// The alias lists of the enclosing queries, innermost last (for `OuterRef`).
    outers: Vec<Vec<Ident>>,
}

/// Where a SELECT sits: the main query, or a `Subquery`/`Exists` with its
/// alias prefix (`U0`, `U1`, ...) inside these enclosing queries.
#[derive(Default)]
struct Scope {
    prefix: Option<char>,
    outers: Vec<Vec<Ident>>,
}

const OUTER_REF_ONLY_IN_SUBQUERY: &str = "This queryset contains a reference to an outer query and may only be used in a subquery.";

impl Renderer<'_> {
    fn alias(&self, i: usize) -> Result<&Ident> {
        self.aliases.get(i).ok_or_else(|| Error::value("internal error: unknown join alias"))
    }

    fn expr(&mut self, e: &SExpr) -> Result<Expr> {
        Ok(match e {
            // No aliases: the columns of an aggregate()'s subquery, by name.
            SExpr::Col { col, .. } if self.aliases.is_empty() => sql_ast::bare(QUOTE, col),
            SExpr::Col { alias, col } => sql_ast::col(QUOTE, self.alias(*alias)?, col),
            SExpr::Param(v, src) => {
                let p = self.params.push_src(v.clone(), src.clone());
                if self.params.int && matches!(v, Value::Int(i) if i.unsigned_abs() <= MAX_SAFE_INT) && self.params.dialect == Dialect::Sqlite {
                    sql_ast::cast(p, "INTEGER")
                } else {
                    p
                }
            }
            SExpr::Int(n) => sql_ast::int(*n),
            SExpr::Func { name, args } => {
                let mut sql_args = Vec::with_capacity(args.len());
                for a in args {
                    sql_args.push(self.expr(a)?);
                }
                sql_ast::func(name, sql_args, false)
            }
            SExpr::Cast { e, ty } => sql_ast::cast(self.expr(e)?, ty),
            SExpr::Bin { op, l, r } => {
                let int = self.params.int;
                self.params.int |= *op == BinOp::Divide;
                let (l, r) = (self.expr(l), self.expr(r));
                self.params.int = int;
                sql_ast::nested(sql_ast::binop(l?, *op, r?))
            }
            SExpr::Agg { name, arg: None, .. } if *name == "COUNT" => sql_ast::count_star(),
            SExpr::Agg { name, arg, distinct } => {
                let args = match arg {
                    Some(a) => vec![self.expr(a)?],
                    None => vec![],
                };
                sql_ast::func(name, args, *distinct)
            }
            SExpr::Null => sql_ast::null(),
            SExpr::Ref(name) => sql_ast::bare(QUOTE, name),
            // Bare as Django selects it; in parentheses where a following
            // operator could bind into it (`NOT x IS NULL`, `BETWEEN a AND b = 1`).
            SExpr::Cond(c) => {
                let x = self.cond(c)?.unwrap_or_else(|| sql_ast::int(1));
                if matches!(**c, Cond::Not(_) | Cond::Between { .. }) {
                    sql_ast::nested_once(x)
                } else {
                    x
                }
            }
            _ => return self.expr_more(e),
        })
    }

    /// The expressions a plain filter or ordering never has (CASE, LIKE's
    /// pattern, windows, JSON keys, outer columns, subqueries): out of
    /// line, so a first query does not compile them.
    #[inline(never)]
    fn expr_more(&mut self, e: &SExpr) -> Result<Expr> {
        Ok(match e {
            SExpr::Case { whens, default, paren } => {
                let mut out = Vec::with_capacity(whens.len());
                for (cond, then) in whens {
                    // Django parenthesises a resolved-again When's condition: `WHEN ("t"."id" = ?) THEN`.
                    let c = self.cond(cond)?.unwrap_or_else(|| sql_ast::binop(sql_ast::int(1), BinOp::Eq, sql_ast::int(1)));
                    let c = if *paren { sql_ast::nested_once(c) } else { c };
                    out.push((c, self.expr(then)?));
                }
                let default = match default {
                    Some(d) => Some(self.expr(d)?),
                    None => None,
                };
                sql_ast::case(out, default)
            }
            SExpr::LikeRhs { e, kind, upper } => {
                // Django's SQLite pattern_ops / pattern_esc, with the rhs in parentheses (Lookup.process_rhs).
                let v = sql_ast::nested_once(self.expr(e)?);
                if *kind == LikeKind::Exact {
                    return Ok(v);
                }
                let lit = sql_ast::text_lit;
                let replace = |x, a, b| sql_ast::func("REPLACE", vec![x, lit(a), lit(b)], false);
                let mut p = replace(replace(replace(v, "\\", "\\\\"), "%", "\\%"), "_", "\\_");
                if *upper {
                    p = sql_ast::func("UPPER", vec![p], false);
                }
                let cat = |l, r| sql_ast::binop(l, BinOp::Concat, r);
                match kind {
                    LikeKind::Starts => cat(p, lit("%")),
                    LikeKind::Ends => cat(lit("%"), p),
                    _ => cat(cat(lit("%"), p), lit("%")),
                }
            }
            SExpr::Over { f, partition, order, frame } => {
                let (mut p, mut o) = (Vec::new(), Vec::new());
                for e in partition {
                    p.push(self.expr(e)?);
                }
                for (e, d, n) in order {
                    o.push((self.expr(e)?, *d, *n));
                }
                sql_ast::over(self.expr(f)?, p, o, *frame)
            }
            SExpr::Reverse(t) => {
                // COALESCE((SELECT group_concat(SUBSTR(t, LENGTH(t) - "key", 1), '')
                //   FROM json_each('[0,0,...]')), SUBSTR(t, 1, 0)): one row per character.
                use crate::query::funcs;
                let ch = self.expr(t)?;
                let len = self.expr(&SExpr::Func { name: "LENGTH", args: vec![(**t).clone()] })?;
                let key = sql_ast::binop(len, BinOp::Minus, sql_ast::bare(QUOTE, &Ident::fixed("key")));
                let ch = sql_ast::func("SUBSTR", vec![ch, key, sql_ast::int(1)], false);
                let agg = sql_ast::func("group_concat", vec![ch, self.expr(&funcs::text_param(""))?], false);
                let from = Source::Function { name: "json_each", args: vec![self.expr(&funcs::zeros(t))?] };
                let sub = sql_ast::scalar_subquery(sql_ast::select(SelectSpec::new(from, vec![(agg, None)])));
                sql_ast::func("COALESCE", vec![sub, self.expr(&funcs::empty_of(t))?], false)
            }
            SExpr::JsonKey { e, keys, .. } => {
                use crate::query::funcs;
                let path = funcs::json_path(keys, false);
                let jt = funcs::json_type((**e).clone(), path.clone());
                let test = self.expr(&jt)?;
                let mut types = Vec::with_capacity(funcs::JSON_TYPES.len());
                for t in funcs::JSON_TYPES {
                    types.push(self.params.push(Value::Text((*t).into())));
                }
                let when = sql_ast::in_list(test, types, false);
                let then = self.expr(&jt)?;
                let mut extract = jt;
                if let SExpr::Func { name, .. } = &mut extract {
                    *name = "JSON_EXTRACT";
                }
                let extract = self.expr(&extract)?;
                sql_ast::nested(sql_ast::case(vec![(when, then)], Some(extract)))
            }
            SExpr::OuterRef { .. } => return Err(Error::value(OUTER_REF_ONLY_IN_SUBQUERY)),
            SExpr::OuterCol { alias, col, up } => {
                let scope =
                    self.outers.len().checked_sub(*up).and_then(|i| self.outers.get(i)).ok_or_else(|| Error::value(OUTER_REF_ONLY_IN_SUBQUERY))?;
                let a = scope.get(*alias).ok_or_else(|| Error::value("internal error: unknown outer alias"))?;
                // Django wraps an expression on a lookup's right side in parentheses.
                sql_ast::nested(sql_ast::col(QUOTE, a, col))
            }
            SExpr::Sub(s) => {
                let q = self.sub_query(s)?;
                if s.exists {
                    sql_ast::exists(q, false)
                } else {
                    sql_ast::scalar_subquery(q)
                }
            }
            _ => return Err(Error::value("internal error: expression kind")),
        })
    }

    /// `None` for a condition that holds for every row.
    fn cond(&mut self, c: &Cond) -> Result<Option<Expr>> {
        Ok(Some(match c {
            Cond::Cmp { lhs, op, rhs } => {
                let l = self.expr(lhs)?;
                let mut r = self.expr(rhs)?;
                // Django wraps an expression on a lookup's right side in parentheses.
                // (Not a key transform's value: KeyTransformExact writes `= JSON_EXTRACT(%s, '$')`.)
                if matches!(rhs, SExpr::Func { name, .. } if *name != "JSON_EXTRACT") || matches!(rhs, SExpr::Cast { .. } | SExpr::Reverse(_)) {
                    r = sql_ast::nested_once(r);
                }
                let op = match op {
                    Cmp::Eq => BinOp::Eq,
                    Cmp::Gt => BinOp::Gt,
                    Cmp::Gte => BinOp::GtEq,
                    Cmp::Lt => BinOp::Lt,
                    Cmp::Lte => BinOp::LtEq,
                };
                sql_ast::binop(l, op, r)
            }
            Cond::IsNull { lhs, negated } => sql_ast::is_null(self.expr(lhs)?, *negated),
            Cond::Expr(e) => self.expr(e)?,
            Cond::And(items) | Cond::Or(items) => {
                let is_and = matches!(c, Cond::And(_));
                let mut parts = Vec::new();
                for item in items {
                    match self.cond(item)? {
                        Some(e) => parts.push(e),
                        None if is_and => {}
                        None => return Ok(None),
                    }
                }
                let op = if is_and { BinOp::And } else { BinOp::Or };
                let count = parts.len();
                let Some(joined) = balanced(parts, op) else { return Ok(None) };
                if count > 1 {
                    sql_ast::nested(joined)
                } else {
                    joined
                }
            }
            Cond::Not(inner) => match self.cond(inner)? {
                Some(e) => sql_ast::not(sql_ast::nested(e)),
                None => return Err(Error::value("internal error: negated full condition")),
            },
            Cond::Nothing => return Err(Error::value("internal error: empty condition reached the compiler")),
            Cond::Everything => return Ok(None),
            _ => return self.cond_more(c),
        }))
    }

    /// The conditions of lookups other than exact/gt/gte/lt/lte/isnull
    /// (LIKE, REGEXP, BETWEEN, IN, EXISTS): out of line, so a first
    /// query does not compile them.
    #[inline(never)]
    fn cond_more(&mut self, c: &Cond) -> Result<Option<Expr>> {
        Ok(Some(match c {
            Cond::Like { lhs, pattern, kind, text } => {
                let l = self.expr(lhs)?;
                let long = matches!(pattern, SExpr::Param(Value::Text(p), _) if p.len() > self.params.max_like_bytes);
                // The long form binds the raw text, derived from the same slot.
                let text_src = match pattern {
                    SExpr::Param(_, Src::Slot { slot, how }) => match &**how {
                        How::Like { out, kind, .. } => {
                            Src::Slot { slot: *slot, how: Rc::new(How::Like { out: out.clone(), kind: *kind, long: true }) }
                        }
                        _ => Src::Unknown,
                    },
                    _ => Src::Unknown,
                };
                if !long {
                    let p = self.expr(pattern)?;
                    sql_ast::like_escape(l, p)
                } else {
                    // The same match without LIKE: SQLite's LIKE folds ASCII case only, as lower() does.
                    let lower = |e: Expr| sql_ast::func("lower", vec![e], false);
                    let mut lhs = lower(l);
                    // startswith/endswith compare the text's length of it (its own param first).
                    if matches!(kind, LikeKind::Starts | LikeKind::Ends) {
                        let n = self.params.push_src(Value::Text(text.clone()), text_src.clone());
                        let len = sql_ast::func("length", vec![n], false);
                        let args = if *kind == LikeKind::Starts {
                            vec![lhs, sql_ast::int(1), len]
                        } else {
                            vec![lhs, sql_ast::binop(sql_ast::int(0), BinOp::Minus, len)]
                        };
                        lhs = sql_ast::func("substr", args, false);
                    }
                    let v = lower(self.params.push_src(Value::Text(text.clone()), text_src));
                    match kind {
                        LikeKind::Contains => sql_ast::binop(sql_ast::func("instr", vec![lhs, v], false), BinOp::Gt, sql_ast::int(0)),
                        _ => sql_ast::binop(lhs, BinOp::Eq, v),
                    }
                }
            }
            Cond::Regexp { lhs, pattern, ci } => {
                let l = self.expr(lhs)?;
                let p = if *ci {
                    let flag = self.params.push(Value::Text("(?i)".into()));
                    let p = self.expr(pattern)?;
                    sql_ast::nested(sql_ast::binop(flag, BinOp::Concat, p))
                } else {
                    self.expr(pattern)?
                };
                sql_ast::binop(l, BinOp::Regexp, p)
            }
            Cond::Between { lhs, lo, hi } => {
                let l = self.expr(lhs)?;
                let lo = self.expr(lo)?;
                let hi = self.expr(hi)?;
                sql_ast::between(l, lo, hi)
            }
            Cond::In { lhs, values, src } => {
                let l = self.expr(lhs)?;
                let n = values.len() as u32;
                // Not for a key transform: its values are JSON texts each
                // read with JSON_EXTRACT, which json_each would not do (a list
                // longer than the host allows is then a clear error).
                if self.params.json_lists && values.len() > 1 && !matches!(lhs, SExpr::JsonKey { .. }) {
                    let json = json_list(values)?;
                    let src = match src {
                        Src::Slot { slot, how } => Src::InJson { slot: *slot, how: how.clone(), n },
                        _ => Src::Unknown,
                    };
                    let p = self.params.push_src(Value::Text(json), src);
                    let from = Source::Function { name: "json_each", args: vec![p] };
                    let sub = sql_ast::select(SelectSpec::new(from, vec![(sql_ast::bare(QUOTE, &Ident::fixed("value")), None)]));
                    sql_ast::in_subquery(l, sub, false)
                } else {
                    let mut list = Vec::with_capacity(values.len());
                    for (idx, v) in values.iter().enumerate() {
                        let src = match src {
                            Src::Slot { slot, how } => Src::InElem { slot: *slot, how: how.clone(), idx: idx as u32, n },
                            _ => Src::Unknown,
                        };
                        let p = self.params.push_src(v.clone(), src);
                        // A key transform's `in` (Django's KeyTransformIn): each value as JSON.
                        list.push(match (lhs, v) {
                            (SExpr::JsonKey { .. }, Value::Text(t)) if !crate::query::funcs::JSON_TYPES.contains(&t.as_str()) => {
                                let dollar = self.params.push(Value::Text("$".into()));
                                sql_ast::func("JSON_EXTRACT", vec![p, dollar], false)
                            }
                            _ => p,
                        });
                    }
                    sql_ast::in_list(l, list, false)
                }
            }
            Cond::InExprs { lhs, items } => {
                let l = self.expr(lhs)?;
                let mut list = Vec::with_capacity(items.len());
                for e in items {
                    list.push(self.expr(e)?);
                }
                sql_ast::in_list(l, list, false)
            }
            Cond::Exists { sub, negated } => sql_ast::exists(self.subquery(sub)?, *negated),
            Cond::InSub { lhs, sub } => {
                let l = self.expr(lhs)?;
                let SExpr::Sub(s) = sub else { return Err(Error::value("internal error: IN without a subquery")) };
                sql_ast::in_subquery(l, self.sub_query(s)?, false)
            }
            _ => return Err(Error::value("internal error: condition kind")),
        }))
    }

    /// The SELECT of a `Subquery`/`Exists`: Django drops the ordering of an unsliced subquery.
    fn sub_query(&mut self, s: &SubSelect) -> Result<Query> {
        let mut outers = self.outers.clone();
        outers.push(self.aliases.to_vec());
        let scope = Scope { prefix: Some(s.prefix), outers };
        self.params.foreign += 1;
        let q = if s.exists {
            select_query_in(&s.qs, Shape::Exists, self.params, false, &scope)
        } else if s.qs.is_sliced() {
            select_query_in(&s.qs, Shape::Rows, self.params, false, &scope)
        } else {
            select_query_in(&s.qs.unordered(), Shape::Rows, self.params, false, &scope)
        };
        self.params.foreign -= 1;
        q
    }

    /// Conditions ANDed, as `cond(&Cond::And(items).simplify())` renders
    /// them when each item is already simplified (a QuerySet's conditions),
    /// without copying them.
    fn cond_all(&mut self, items: Vec<&Cond>) -> Result<Option<Expr>> {
        let mut parts = Vec::new();
        for item in items {
            let inner: &[Cond] = match item {
                Cond::And(inner) => inner,
                c => std::slice::from_ref(c),
            };
            for c in inner {
                if let Some(e) = self.cond(c)? {
                    parts.push(e);
                }
            }
        }
        let count = parts.len();
        let Some(joined) = balanced(parts, BinOp::And) else { return Ok(None) };
        Ok(Some(if count > 1 { sql_ast::nested(joined) } else { joined }))
    }

    fn subquery(&mut self, sub: &SubQuery) -> Result<Query> {
        let mut aliases = Vec::with_capacity(sub.joins.len() + 1);
        aliases.push(Ident::fixed("U0"));
        for j in sub.joins.iter() {
            aliases.push(j.alias.clone());
        }
        let outer = self.aliases;
        let mut outers = self.outers.clone();
        outers.push(outer.to_vec());
        let mut r = Renderer { params: self.params, aliases: &aliases, outers };
        let joins = r.joins(&sub.joins)?;
        let cond = r.cond(&sub.cond.clone().simplify())?;
        let corr = sql_ast::binop(
            sql_ast::col(QUOTE, r.alias(sub.inner.0)?, &sub.inner.1),
            BinOp::Eq,
            sql_ast::nested(sql_ast::col(QUOTE, outer.get(sub.outer.0).ok_or_else(|| Error::value("internal error: alias"))?, &sub.outer.1)),
        );
        let selection = match cond {
            Some(c) => sql_ast::nested(sql_ast::binop(c, BinOp::And, corr)),
            None => corr,
        };
        let limit = Some(r.params.int(1));
        let from = Source::Table { name: sub.table.clone(), alias: aliases.first().cloned() };
        let projection = vec![(sql_ast::int(1), Some(Ident::fixed("a")))];
        Ok(sql_ast::select(SelectSpec { joins, selection: Some(selection), limit, ..SelectSpec::new(from, projection) }))
    }

    fn joins(&mut self, joins: &[crate::query::expr::Join]) -> Result<Vec<AstJoin>> {
        let mut out = Vec::with_capacity(joins.len());
        for (i, j) in joins.iter().enumerate() {
            let me = self.alias(i + 1)?.clone();
            let on = sql_ast::binop(sql_ast::col(QUOTE, self.alias(j.parent)?, &j.parent_col), BinOp::Eq, sql_ast::col(QUOTE, &me, &j.col));
            let alias = (me != j.table).then_some(me);
            out.push(AstJoin {
                kind: if j.outer { JoinKind::LeftOuter } else { JoinKind::Inner },
                source: Source::Table { name: j.table.clone(), alias },
                on: sql_ast::nested(on),
            });
        }
        Ok(out)
    }
}

/// `a op b op c ...` as a balanced tree: the same text (sqlparser adds no
/// parentheses, and AND/OR associate), but only log2(n) deep, so long
/// `Q(...).or(...)` chains neither recurse deeply nor overflow the wasm stack.
fn balanced(mut parts: Vec<Expr>, op: BinOp) -> Option<Expr> {
    match parts.len() {
        0 => None,
        1 => parts.pop(),
        n => {
            let right = parts.split_off(n / 2);
            Some(sql_ast::binop(balanced(parts, op)?, op, balanced(right, op)?))
        }
    }
}

/// Which rows-returning statement to build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// The selected rows.
    Rows,
    /// `SELECT COUNT(*)`.
    Count,
    /// `SELECT 1 AS "a" ... LIMIT 1`.
    Exists,
    /// The primary keys only (for deletes and updates through joins).
    Pks,
}

/// What a model query selects, in order: the base model's columns, its
/// selected annotations, then each selectRelated model's columns. Each with
/// its result key and conversion.
/// Fields left out by `only()`/`defer()` are not selected (the primary key always is).
pub fn row_columns(qs: &QuerySet) -> Result<Vec<(SExpr, String, Conv)>> {
    let mask = crate::query::defer::select_mask(qs)?;
    let empty = Mask::default();
    let mut out = Vec::new();
    for f in qs.model.concrete_fields().filter(|f| mask.loads(f)) {
        out.push((SExpr::Col { alias: 0, col: f.col()?.clone() }, f.attname.to_string(), Conv::for_field(f)));
    }
    for a in qs.node.annotations.iter().filter(|a| a.selected) {
        out.push((a.expr.clone(), a.name.to_string(), a.conv));
    }
    for r in qs.node.related.iter() {
        let m = qs.reg.require(&r.model, &r.model)?;
        let sub = mask.at(&r.path).unwrap_or(&empty);
        for f in m.concrete_fields().filter(|f| sub.loads(f)) {
            out.push((SExpr::Col { alias: r.alias, col: f.col()?.clone() }, f.attname.to_string(), Conv::for_field(f)));
        }
    }
    Ok(out)
}

/// The attnames `only()`/`defer()` leave out: of the base model, then of each selectRelated model.
pub fn deferred_attnames(qs: &QuerySet) -> Result<Vec<Vec<Rc<str>>>> {
    let mask = crate::query::defer::select_mask(qs)?;
    let empty = Mask::default();
    let left_out = |m: &Model, mask: &Mask| {
        let mut names = Vec::new();
        for f in m.concrete_fields().filter(|f| !mask.loads(f)) {
            names.push(f.attname.clone());
        }
        names
    };
    let mut out = vec![left_out(&qs.model, &mask)];
    for r in qs.node.related.iter() {
        let m = qs.reg.require(&r.model, &r.model)?;
        out.push(left_out(&m, mask.at(&r.path).unwrap_or(&empty)));
    }
    Ok(out)
}

/// What grouping by `e` groups by, as Django's `get_group_by_cols`: nothing
/// for a value or an aggregate, a window's partition and order expressions,
/// the columns a condition reads (a `Q` annotation; itself with `refs`),
/// else `e` itself.
fn group_cols<'e>(e: &'e SExpr, refs: bool, out: &mut Vec<&'e SExpr>) {
    let mut add = |x: &'e SExpr| {
        if !out.contains(&x) {
            out.push(x);
        }
    };
    match e {
        SExpr::Param(..) | SExpr::Int(_) | SExpr::Null => {}
        _ if e.has_aggregate() => {}
        SExpr::Over { partition, order, .. } => {
            for p in partition.iter().chain(order.iter().map(|o| &o.0)) {
                group_cols(p, refs, out);
            }
        }
        SExpr::Cond(c) if !refs => {
            let mut exprs = Vec::new();
            c.operands(&mut exprs);
            for x in exprs {
                group_cols(x, refs, out);
            }
        }
        e if e.has_window() => {}
        e => add(e),
    }
}

/// The expressions a rows query selects: its values() columns, else its
/// model's columns and annotations.
pub(crate) fn selected_exprs(qs: &QuerySet) -> Result<Vec<SExpr>> {
    let mut out = Vec::new();
    match value_cols(qs) {
        Some(cols) => {
            for c in cols {
                out.push(c.expr.clone());
            }
        }
        None => {
            for (e, _, _) in row_columns(qs)? {
                out.push(e);
            }
        }
    }
    Ok(out)
}

/// The value columns of a values()/valuesList() QuerySet.
pub fn value_cols(qs: &QuerySet) -> Option<&[ValueCol]> {
    match &qs.node.select {
        Select::Values(c) => Some(c),
        Select::List { cols, .. } => Some(cols),
        Select::Model => None,
    }
}

/// A compiled statement with the source of each parameter.
pub(crate) struct Built {
    pub compiled: Compiled,
    pub srcs: Vec<Src>,
    /// `IN` lists went as JSON (the first build passed the parameter limit).
    pub json: bool,
    /// The parameter count of the build with lists bound one by one.
    pub plain_count: usize,
}

/// Compile a rows-returning statement.
pub fn compile(qs: &QuerySet, shape: Shape) -> Result<Compiled> {
    Ok(compile_built(qs, shape, false)?.compiled)
}

/// `EXPLAIN QUERY PLAN <the rows query>` (`EXPLAIN ...` on PostgreSQL).
pub fn compile_explain(qs: &QuerySet) -> Result<Compiled> {
    Ok(compile_built(qs, Shape::Rows, true)?.compiled)
}

pub(crate) fn compile_built(qs: &QuerySet, shape: Shape, explain: bool) -> Result<Built> {
    let first = compile_with(qs, shape, false, explain)?;
    if first.0.params.len() > qs.reg.config.max_params {
        let again = compile_with(qs, shape, true, explain)?;
        if again.0.params.len() > qs.reg.config.max_params {
            return Err(Error::value(format!(
                "This query needs {} bound parameters; the host allows {}. Split it into several queries.",
                again.0.params.len(),
                qs.reg.config.max_params
            )));
        }
        return Ok(Built { plain_count: first.0.params.len(), compiled: again.0, srcs: again.1, json: true });
    }
    Ok(Built { plain_count: first.0.params.len(), compiled: first.0, srcs: first.1, json: false })
}

fn compile_with(qs: &QuerySet, shape: Shape, json_lists: bool, explain: bool) -> Result<(Compiled, Vec<Src>)> {
    let mut params = Params::for_query(qs, json_lists);
    let query = if let Some(inner) = &qs.node.wrap {
        // aggregate() over a subquery: the aggregates (their params first, in text order), then the inner query.
        let mut r = Renderer { params: &mut params, aliases: &[], outers: Vec::new() };
        let mut projection = Vec::new();
        for c in value_cols(qs).unwrap_or_default() {
            projection.push((r.expr(&c.expr)?, Some(Ident::new(&c.key, "aggregate alias")?)));
        }
        let inner = &inner.0;
        let query = if inner.node.combined.is_some() {
            combined_query(inner, Shape::Rows, &mut params)?
        } else {
            select_query(inner, Shape::Rows, &mut params)?
        };
        sql_ast::select(SelectSpec::new(Source::Derived { query, alias: Ident::fixed("subquery") }, projection))
    } else if qs.node.combined.is_some() {
        combined_query(qs, shape, &mut params)?
    } else {
        plain_query(qs, shape, &mut params)?
    };
    let stmt = sql_ast::query_statement(query);
    let stmt = if explain { sql_ast::explain(stmt, qs.reg.config.dialect == Dialect::Sqlite) } else { stmt };
    Ok((Compiled { sql: sql_ast::render(&stmt), params: params.values }, params.srcs))
}

/// An `IN` list as one JSON array (bound once, read with `json_each`).
pub(crate) fn json_list(values: &[Value]) -> Result<String> {
    let mut json = String::from("[");
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        if !v.write_json(&mut json) {
            return Err(Error::value("This 'in' list is too long to bind one by one, and its values cannot be sent as JSON."));
        }
    }
    json.push(']');
    Ok(json)
}

/// The statement of a QuerySet without a combinator.
fn plain_query(qs: &QuerySet, shape: Shape, params: &mut Params) -> Result<Query> {
    let count_wrap = shape == Shape::Count && (qs.node.distinct || qs.is_sliced() || qs.aggregates_inside() || !qs.node.qualify.is_empty());
    let query = if count_wrap { select_query(&qs.aggregation_inner(), Shape::Rows, params)? } else { select_query(qs, shape, params)? };
    Ok(if count_wrap {
        let from = Source::Derived { query, alias: Ident::fixed("subquery") };
        sql_ast::select(SelectSpec::new(from, vec![(sql_ast::count_star(), None)]))
    } else {
        query
    })
}

/// The SELECT for `qs`, as a Query (also used as a subquery).
fn select_query(qs: &QuerySet, shape: Shape, params: &mut Params) -> Result<Query> {
    select_query_as(qs, shape, params, false)
}

/// The combined statement of a `union()` / `intersection()` / `difference()`
/// QuerySet, as Django builds it on SQLite: the operands joined by the
/// operator (no parentheses), then ORDER BY column aliases or positions and
/// LIMIT/OFFSET; `COUNT(*)` over it as a subquery; for `exists()`, operands
/// of a union select `1 AS "a"`.
fn combined_query(qs: &QuerySet, shape: Shape, params: &mut Params) -> Result<Query> {
    match shape {
        Shape::Rows => {
            let body = compound(qs, false, params)?;
            let (terms, _) = qs.ordering()?;
            let names = operand_aliases(qs)?;
            let mut order = Vec::new();
            for t in &terms {
                let expr = match &t.expr {
                    None => sql_ast::func("RANDOM", vec![], false),
                    Some(SExpr::Int(n)) if value_cols(qs).is_none() => {
                        let name = names.get((*n as usize).wrapping_sub(1)).ok_or_else(|| Error::value("internal error: order position"))?;
                        sql_ast::bare(QUOTE, name)
                    }
                    Some(SExpr::Int(n)) => sql_ast::int(*n),
                    Some(_) => return Err(Error::value("internal error: combined ordering")),
                };
                order.push(OrderItem { expr, desc: t.desc, nulls: t.nulls });
            }
            let (limit, offset) = limit_offset(qs, shape, params);
            Ok(sql_ast::order_limit(body, order, limit, offset))
        }
        Shape::Count => {
            let inner = if qs.is_sliced() { combined_query(qs, Shape::Rows, params)? } else { combined_query(&qs.unordered(), Shape::Rows, params)? };
            let from = Source::Derived { query: inner, alias: Ident::fixed("subquery") };
            Ok(sql_ast::select(SelectSpec::new(from, vec![(sql_ast::count_star(), None)])))
        }
        Shape::Exists => {
            let body = compound(qs, true, params)?;
            let (limit, offset) = limit_offset(qs, shape, params);
            Ok(sql_ast::order_limit(body, vec![], limit, offset))
        }
        Shape::Pks => Err(Error::value("internal error: primary keys of a combined query")),
    }
}

/// The operands joined by the combinator, without ORDER BY / LIMIT.
fn compound(qs: &QuerySet, exists: bool, params: &mut Params) -> Result<Query> {
    let Some(c) = &qs.node.combined else { return select_query_as(qs, if exists { Shape::Exists } else { Shape::Rows }, params, true) };
    let op = match c.op {
        Combinator::Union if c.all => sql_ast::SetOp::UnionAll,
        Combinator::Union => sql_ast::SetOp::Union,
        Combinator::Intersection => sql_ast::SetOp::Intersect,
        Combinator::Difference => sql_ast::SetOp::Except,
    };
    // Django's Query.exists(): only a union's operands become `SELECT 1`.
    let part_exists = exists && c.op == Combinator::Union;
    let mut out: Option<Query> = None;
    for p in qs.live_parts() {
        params.foreign += 1;
        let q = compound(p, part_exists, params);
        params.foreign -= 1;
        let q = q?;
        out = Some(match out {
            None => q,
            Some(left) => sql_ast::set_op(left, op, q, vec![], None, None),
        });
    }
    out.ok_or_else(|| Error::value("internal error: a combined query with no operands reached the compiler"))
}

/// The output names of a combined model query's columns: `col1`, `col2`, ...
/// for columns, an annotation's own name for an annotation (Django's
/// `with_col_aliases`).
pub(crate) fn operand_aliases(qs: &QuerySet) -> Result<Vec<Ident>> {
    let mut n = 0;
    let mut out = Vec::new();
    for (e, key, _) in row_columns(qs)? {
        if matches!(e, SExpr::Col { .. }) {
            n += 1;
            out.push(Ident::new(&format!("col{n}"), "column alias")?);
        } else {
            out.push(Ident::new(&key, "annotation")?);
        }
    }
    Ok(out)
}

/// A LIMIT and an OFFSET value, each with its source.
type LimitOffset = (Option<(i64, Src)>, Option<(i64, Src)>);

/// The LIMIT and OFFSET values of a slice `(low, high)`; `Src::Const` marks
/// the open slice's `-1`.
fn limit_offset_values(shape: Shape, low: u64, high: Option<u64>) -> LimitOffset {
    match shape {
        Shape::Count => (None, None),
        Shape::Exists => (Some((1, Src::Const)), (low > 0).then_some((low as i64, Src::Offset))),
        _ => match (low, high) {
            (0, None) => (None, None),
            (low, Some(high)) => (Some((high.saturating_sub(low) as i64, Src::Limit)), (low > 0).then_some((low as i64, Src::Offset))),
            (low, None) => (Some((-1, Src::Const)), Some((low as i64, Src::Offset))),
        },
    }
}

/// LIMIT / OFFSET of a rows or exists query.
fn limit_offset(qs: &QuerySet, shape: Shape, params: &mut Params) -> (Option<Expr>, Option<Expr>) {
    let (l, o) = limit_offset_values(shape, qs.node.low, qs.node.high);
    let l = l.map(|(v, src)| params.push_src(Value::Int(v), src));
    let o = o.map(|(v, src)| params.push_src(Value::Int(v), src));
    (l, o)
}

/// `operand`: an operand of a compound statement (columns aliased as Django's
/// `with_col_aliases`, no LIMIT on an exists query).
fn select_query_as(qs: &QuerySet, shape: Shape, params: &mut Params, operand: bool) -> Result<Query> {
    select_query_in(qs, shape, params, operand, &Scope::default())
}

/// An aggregating query's GROUP BY: out of line, so a first plain query
/// does not compile it.
#[inline(never)]
fn group_by(qs: &QuerySet, order: &[crate::query::OrderTerm], r: &mut Renderer) -> Result<Vec<Expr>> {
    let mut group_by = Vec::new();
    let mut exprs: Vec<SExpr> = (*qs.node.group_by).clone();
    let mut add = |e: SExpr| {
        if !exprs.contains(&e) {
            exprs.push(e);
        }
    };
    match value_cols(qs) {
        Some(cols) if qs.node.group_values => {
            for c in cols {
                add(c.expr.clone());
            }
        }
        // values() after an aggregate (Django's set_values: GROUP BY the
        // model's columns and the annotations values() selects).
        Some(cols) => {
            for f in qs.model.concrete_fields() {
                add(SExpr::Col { alias: 0, col: f.col()?.clone() });
            }
            for c in cols {
                if qs.node.annotations.iter().any(|a| *a.name == *c.key) {
                    add(c.expr.clone());
                }
            }
        }
        None => {
            for (e, _, _) in row_columns(qs)? {
                add(e);
            }
        }
    }
    // What ORDER BY and HAVING read is grouped too (Django's get_group_by: `books__pages` joins rows in).
    for t in order {
        if let Some(e) = &t.expr {
            add(e.clone());
        }
    }
    // Each expression's GROUP BY columns (Django's get_group_by_cols);
    // values().annotate() groups by a selected annotation itself (its alias).
    let mut grouped: Vec<&SExpr> = Vec::new();
    let mut having = Vec::new();
    for c in qs.node.having.items() {
        c.operands(&mut having);
    }
    for e in exprs.iter().chain(having) {
        group_cols(e, qs.node.group_values, &mut grouped);
    }
    for e in grouped {
        group_by.push(r.expr(e)?);
    }
    Ok(group_by)
}

/// [`select_query_as`] in a scope (a subquery's aliases and enclosing queries).
fn select_query_in(qs: &QuerySet, shape: Shape, params: &mut Params, operand: bool, scope: &Scope) -> Result<Query> {
    if !qs.node.qualify.is_empty() {
        return qualified(qs, shape, params, scope);
    }
    // A GROUP BY query drops Meta.ordering (Django's `_meta_ordering`): only an orderBy() orders it.
    let (order, joins) = match shape {
        Shape::Rows if qs.node.order.is_some() || !qs.is_aggregating() => qs.ordering()?,
        _ => (Vec::new(), (*qs.node.joins).clone()),
    };
    let mut aliases: Vec<Ident> = Vec::with_capacity(joins.len() + 1);
    match scope.prefix {
        Some(p) => {
            for i in 0..=joins.len() {
                aliases.push(Ident::fixed(&format!("{p}{i}")));
            }
        }
        None => {
            aliases.push(qs.model.table.clone());
            for j in &joins {
                aliases.push(j.alias.clone());
            }
        }
    }
    let sub = scope.prefix.is_some();
    let mut r = Renderer { params, aliases: &aliases, outers: scope.outers.clone() };
    let pk_col = |r: &Renderer| -> Result<Expr> { Ok(sql_ast::col(QUOTE, r.alias(0)?, qs.model.pk_column())) };
    let projection: Vec<(Expr, Option<Ident>)> = match shape {
        Shape::Count => vec![(sql_ast::count_star(), Some(Ident::fixed("__count")))],
        // Django's Exists() binds its `1` (a Value), its exists() prints it.
        Shape::Exists if sub => vec![(r.params.int(1), Some(Ident::fixed("a")))],
        Shape::Exists => vec![(sql_ast::int(1), Some(Ident::fixed("a")))],
        Shape::Pks => vec![(pk_col(&r)?, None)],
        Shape::Rows => match value_cols(qs) {
            Some(cols) => {
                let mut out = Vec::new();
                for c in cols {
                    let e = r.expr(&c.expr)?;
                    // Name the column after the key unless it is a plain column of that name.
                    let plain = !operand && !sub && matches!(&c.expr, SExpr::Col { col, .. } if col.as_str() == &*c.key);
                    let alias = if plain { None } else { Ident::new(&c.key, "values() key").ok() };
                    out.push((e, alias));
                }
                out
            }
            None => {
                let mut cols = Vec::new();
                let names = if operand { operand_aliases(qs)? } else { Vec::new() };
                for (i, (e, key, _)) in row_columns(qs)?.into_iter().enumerate() {
                    let plain = matches!(&e, SExpr::Col { .. });
                    let alias = if operand {
                        names.get(i).cloned()
                    } else if plain {
                        None
                    } else {
                        Ident::new(&key, "annotation").ok()
                    };
                    cols.push((r.expr(&e)?, alias));
                }
                for e in qs.node.extra.iter() {
                    cols.push((r.expr(e)?, None));
                }
                cols
            }
        },
    };
    // SELECT DISTINCT must include what it orders by (Django adds the ordering columns).
    let mut projection = projection;
    if qs.node.distinct && shape == Shape::Rows {
        let selected = selected_exprs(qs)?;
        for t in &order {
            if let Some(e) = &t.expr {
                if !selected.contains(e) {
                    projection.push((r.expr(e)?, None));
                }
            }
        }
    }
    let ast_joins = r.joins(&joins)?;
    // none() / `in: []`: the query runs nowhere, but compile() shows it matches nothing.
    let selection =
        if qs.node.empty { Some(sql_ast::binop(sql_ast::int(1), BinOp::Eq, sql_ast::int(0))) } else { r.cond_all(qs.node.conds.items())? };
    // GROUP BY when aggregating (the values() columns given before annotate(), else the model's columns),
    // or in get_aggregation's subquery of a query filtered against an aggregate (by its primary key).
    let group_by = if qs.is_aggregating() || !qs.node.group_by.is_empty() { group_by(qs, &order, &mut r)? } else { Vec::new() };
    let having = r.cond_all(qs.node.having.items())?;
    let mut order_by = Vec::new();
    for t in &order {
        // In a subquery, Django orders by the position of a selected column.
        let pos = match (&t.expr, value_cols(qs)) {
            (Some(e), Some(cols)) if sub => cols.iter().position(|c| c.expr == *e),
            _ => None,
        };
        let expr = match (&t.expr, pos) {
            (_, Some(i)) => sql_ast::int(i as i64 + 1),
            (Some(e), None) => r.expr(e)?,
            (None, _) => sql_ast::func("RANDOM", vec![], false),
        };
        order_by.push(OrderItem { expr, desc: t.desc, nulls: t.nulls });
    }
    let (limit, offset) = if operand && shape == Shape::Exists { (None, None) } else { limit_offset(qs, shape, r.params) };
    Ok(sql_ast::select(SelectSpec {
        distinct: qs.node.distinct && matches!(shape, Shape::Rows),
        projection,
        from: Source::Table { name: qs.model.table.clone(), alias: scope.prefix.and_then(|_| aliases.first().cloned()) },
        joins: ast_joins,
        selection,
        group_by,
        having,
        order_by,
        limit,
        offset,
    }))
}

/// A QuerySet filtered on windows, as Django 4.2+ emulates QUALIFY: the query,
/// every column aliased (`col1`, ..., annotation names, values() keys), in
/// `SELECT * FROM (...) "qualify" WHERE ...` with the ordering and slice
/// outside. What the filter or ordering needs that is not selected is
/// selected as `qual0`, ... and masked by `SELECT <the selected> FROM (...) "qualify_mask"`.
fn qualified(qs: &QuerySet, shape: Shape, params: &mut Params, scope: &Scope) -> Result<Query> {
    match shape {
        Shape::Rows => {}
        Shape::Exists => {
            let query = qualified(&qs.unordered(), Shape::Rows, params, scope)?;
            let spec = SelectSpec::new(Source::Derived { query, alias: Ident::fixed("subquery") }, vec![(sql_ast::int(1), Some(Ident::fixed("a")))]);
            return Ok(sql_ast::select(SelectSpec { limit: Some(sql_ast::int(1)), ..spec }));
        }
        _ => {
            return Err(Error::not_supported(
                "update() and delete() of a QuerySet filtered on a window are not supported by this version of Quarry yet.",
            ))
        }
    }
    let (mut terms, _) = qs.ordering()?;
    let mut exprs = selected_exprs(qs)?;
    let mut names = match value_cols(qs) {
        Some(cols) => {
            let mut names = Vec::with_capacity(cols.len());
            for c in cols {
                names.push(Ident::new(&c.key, "values() key")?);
            }
            names
        }
        None => {
            exprs.extend_from_slice(&qs.node.extra);
            operand_aliases(qs)?
        }
    };
    for i in names.len()..exprs.len() {
        names.push(Ident::fixed(&format!("extra{i}")));
    }
    let shown = names.len();
    let mut refer = |e: &mut SExpr, _| {
        if !matches!(e, SExpr::Param(..) | SExpr::Int(_) | SExpr::Null) {
            let i = exprs.iter().position(|x| x == e).unwrap_or(exprs.len());
            if i == exprs.len() {
                exprs.push(e.clone());
                names.push(Ident::fixed(&format!("qual{}", i - shown)));
            }
            // `names` has one name per expression.
            if let Some(n) = names.get(i) {
                *e = SExpr::Ref(n.clone());
            }
        }
        Ok(())
    };
    let mut conds = qs.node.qualify.to_vec();
    for c in &mut conds {
        c.visit_mut(0, &mut refer)?;
    }
    for t in &mut terms {
        if let Some(e) = &mut t.expr {
            refer(e, 0)?;
        }
    }
    let mut cols = Vec::with_capacity(exprs.len());
    for (expr, n) in exprs.into_iter().zip(&names) {
        cols.push(ValueCol { key: n.as_str().into(), expr, conv: Conv::Raw });
    }
    let inner = qs.with(|n| {
        n.qualify = Default::default();
        n.order = Some(Rc::new(Vec::new()));
        n.reversed = false;
        n.low = 0;
        n.high = None;
        n.extra = Rc::new(Vec::new());
        n.select = Select::Values(Rc::new(cols));
    });
    let query = select_query_in(&inner, Shape::Rows, params, true, scope)?;
    let mut r = Renderer { params, aliases: &[], outers: scope.outers.clone() };
    let mut refs = Vec::with_capacity(conds.len());
    for c in &conds {
        refs.push(c);
    }
    let selection = r.cond_all(refs)?;
    let mut order_by = Vec::new();
    for t in &terms {
        let expr = match &t.expr {
            Some(e) => r.expr(e)?,
            None => sql_ast::func("RANDOM", vec![], false),
        };
        order_by.push(OrderItem { expr, desc: t.desc, nulls: t.nulls });
    }
    let (mut limit, mut offset) = limit_offset(qs, shape, r.params);
    let from = Source::Derived { query, alias: Ident::fixed("qualify") };
    let mut spec = SelectSpec { selection, ..SelectSpec::new(from, vec![]) };
    let wrap = names.len() != shown;
    let shown = names.get(..shown).unwrap_or_default();
    // Ordered and sliced here unless masked; ordered by a masked column:
    // ordered and sliced inside the mask.
    if !wrap || terms.iter().any(|t| matches!(&t.expr, Some(SExpr::Ref(n)) if !shown.contains(n))) {
        spec.order_by = std::mem::take(&mut order_by);
        spec.limit = limit.take();
        spec.offset = offset.take();
    }
    let query = sql_ast::select(spec);
    if !wrap {
        return Ok(query);
    }
    let mut cols = Vec::with_capacity(shown.len());
    for n in shown {
        cols.push((sql_ast::bare(QUOTE, n), None));
    }
    Ok(sql_ast::select(SelectSpec {
        order_by,
        limit,
        offset,
        ..SelectSpec::new(Source::Derived { query, alias: Ident::fixed("qualify_mask") }, cols)
    }))
}

/// A WHERE for writing statements on `qs`'s table: direct when the query has
/// no joins, slice or HAVING, else `pk IN (SELECT pk ...)`.
fn write_selection(qs: &QuerySet, params: &mut Params) -> Result<Option<Expr>> {
    if !qs.node.qualify.is_empty() {
        // The refusal of a write through it.
        return qualified(qs, Shape::Pks, params, &Scope::default()).map(|_| None);
    }
    if qs.node.joins.is_empty() && !qs.is_sliced() && qs.node.having.is_empty() {
        let aliases = vec![qs.model.table.clone()];
        let mut r = Renderer { params, aliases: &aliases, outers: Vec::new() };
        return r.cond_all(qs.node.conds.items());
    }
    let sub = select_query(&qs.unordered(), Shape::Pks, params)?;
    Ok(Some(sql_ast::in_subquery(sql_ast::col(QUOTE, &qs.model.table, qs.model.pk_column()), sub, false)))
}

/// Compile with `IN` lists bound one by one, or as JSON when that would pass the parameter limit.
fn within_limit(qs: &QuerySet, build: impl Fn(bool) -> Result<(Compiled, Vec<Src>)>) -> Result<Built> {
    let first = build(false)?;
    let plain_count = first.0.params.len();
    if plain_count <= qs.reg.config.max_params {
        return Ok(Built { compiled: first.0, srcs: first.1, json: false, plain_count });
    }
    let again = build(true)?;
    if again.0.params.len() > qs.reg.config.max_params {
        return Err(Error::value(format!(
            "This statement needs {} bound parameters; the host allows {}. Split it into several.",
            again.0.params.len(),
            qs.reg.config.max_params
        )));
    }
    Ok(Built { compiled: again.0, srcs: again.1, json: true, plain_count })
}

/// `UPDATE` of `qs`'s rows.
pub fn compile_update(qs: &QuerySet, assignments: Vec<(Ident, SExpr)>) -> Result<Compiled> {
    Ok(compile_update_built(qs, &assignments)?.compiled)
}

pub(crate) fn compile_update_built(qs: &QuerySet, assignments: &[(Ident, SExpr)]) -> Result<Built> {
    within_limit(qs, |json| compile_update_with(qs, assignments, json))
}

fn compile_update_with(qs: &QuerySet, assignments: &[(Ident, SExpr)], json: bool) -> Result<(Compiled, Vec<Src>)> {
    // With no join, Django writes a filter against an aggregate into the UPDATE's own WHERE, which SQLite refuses.
    if qs.node.joins.is_empty() && !qs.node.having.is_empty() {
        return Err(Error::database(
            "misuse of aggregate function: an UPDATE cannot filter against an aggregate in its WHERE (SQLite refuses the SQL Django 5.2 writes for it). Filter against a subquery of the aggregate instead.",
        ));
    }
    let mut params = Params::for_query(qs, json);
    let aliases = vec![qs.model.table.clone()];
    let mut sets: Vec<(Ident, Expr)> = Vec::new();
    {
        let mut r = Renderer { params: &mut params, aliases: &aliases, outers: Vec::new() };
        for (c, e) in assignments {
            sets.push((c.clone(), r.expr(e)?));
        }
    }
    let selection = write_selection(qs, &mut params)?;
    let stmt = sql_ast::update(QUOTE, &qs.model.table, sets, selection);
    Ok((Compiled { sql: sql_ast::render(&stmt), params: params.values }, params.srcs))
}

/// `DELETE` of `qs`'s rows.
pub fn compile_delete(qs: &QuerySet) -> Result<Compiled> {
    Ok(compile_delete_built(qs)?.compiled)
}

pub(crate) fn compile_delete_built(qs: &QuerySet) -> Result<Built> {
    within_limit(qs, |json| compile_delete_with(qs, json))
}

fn compile_delete_with(qs: &QuerySet, json: bool) -> Result<(Compiled, Vec<Src>)> {
    let mut params = Params::for_query(qs, json);
    let selection = write_selection(qs, &mut params)?;
    let stmt = sql_ast::delete(QUOTE, &qs.model.table, selection);
    Ok((Compiled { sql: sql_ast::render(&stmt), params: params.values }, params.srcs))
}

/// `DELETE FROM table WHERE col IN (values)` (cascades), chunked under the parameter limit.
pub fn compile_delete_in(model: &Model, col: &Ident, values: &[Value], dialect: Dialect, max_params: usize) -> Vec<Compiled> {
    let mut out = Vec::new();
    for chunk in values.chunks(max_params.max(1)) {
        let mut params = Params::new(dialect, false);
        let list = params.push_all(chunk);
        let sel = sql_ast::in_list(sql_ast::col(QUOTE, &model.table, col), list, false);
        out.push(Compiled { sql: sql_ast::delete(QUOTE, &model.table, Some(sel)).to_string(), params: params.values });
    }
    out
}

/// `UPDATE table SET set_col = value WHERE col IN (values)` (SET_NULL / SET_DEFAULT), chunked.
pub fn compile_update_in(
    model: &Model,
    set_col: &Ident,
    set: &Value,
    col: &Ident,
    values: &[Value],
    dialect: Dialect,
    max_params: usize,
) -> Vec<Compiled> {
    let mut out = Vec::new();
    for chunk in values.chunks(max_params.saturating_sub(1).max(1)) {
        let mut params = Params::new(dialect, false);
        let v = params.push(set.clone());
        let list = params.push_all(chunk);
        let sel = sql_ast::in_list(sql_ast::col(QUOTE, &model.table, col), list, false);
        out.push(Compiled { sql: sql_ast::update(QUOTE, &model.table, vec![(set_col.clone(), v)], Some(sel)).to_string(), params: params.values });
    }
    out
}

/// `SELECT cols FROM table WHERE col IN (values)` (collecting cascades, prefetching), chunked.
pub fn compile_select_in(model: &Model, cols: &[Ident], col: &Ident, values: &[Value], dialect: Dialect, max_params: usize) -> Vec<Compiled> {
    let mut out = Vec::new();
    for chunk in values.chunks(max_params.max(1)) {
        let mut params = Params::new(dialect, false);
        let list = params.push_all(chunk);
        let sel = sql_ast::in_list(sql_ast::col(QUOTE, &model.table, col), list, false);
        let mut projection = Vec::with_capacity(cols.len());
        for c in cols {
            projection.push((sql_ast::col(QUOTE, &model.table, c), None));
        }
        let from = Source::Table { name: model.table.clone(), alias: None };
        let q = sql_ast::select(SelectSpec { selection: Some(sel), ..SelectSpec::new(from, projection) });
        out.push(Compiled { sql: sql_ast::render(&sql_ast::query_statement(q)), params: params.values });
    }
    out
}

/// `INSERT INTO table (cols) VALUES (...) RETURNING pk`; `rows` all have `columns.len()` values.
pub fn compile_insert(model: &Model, columns: &[Ident], rows: Vec<Vec<Value>>, dialect: Dialect, ignore: bool) -> Compiled {
    compile_insert_rows(model, columns, rows, dialect, ignore, true)
}

/// INSERT of several rows, with or without `RETURNING pk`.
pub fn compile_insert_rows(model: &Model, columns: &[Ident], rows: Vec<Vec<Value>>, dialect: Dialect, ignore: bool, returning: bool) -> Compiled {
    let mut params = Params::new(dialect, false);
    let rows = params.push_rows(rows);
    let returning = if returning { vec![sql_ast::col(QUOTE, &model.table, model.pk_column())] } else { vec![] };
    // `ON CONFLICT DO NOTHING` skips rows that break a uniqueness constraint
    // only; SQLite's `OR IGNORE` would also swallow NOT NULL failures.
    let on_conflict = if ignore { sql_ast::OnConflict::Ignore { sqlite_or_ignore: false } } else { sql_ast::OnConflict::None };
    let stmt = sql_ast::insert(QUOTE, &model.table, columns, rows, on_conflict, returning);
    Compiled { sql: sql_ast::render(&stmt), params: params.values }
}

/// `INSERT ... ON CONFLICT (target) DO UPDATE SET col = EXCLUDED.col ... RETURNING pk`.
pub fn compile_upsert(model: &Model, columns: &[Ident], rows: Vec<Vec<Value>>, dialect: Dialect, target: Vec<Ident>, update: Vec<Ident>) -> Compiled {
    let mut params = Params::new(dialect, false);
    let rows = params.push_rows(rows);
    let returning = vec![sql_ast::col(QUOTE, &model.table, model.pk_column())];
    let stmt = sql_ast::insert(QUOTE, &model.table, columns, rows, sql_ast::OnConflict::Update { target, update }, returning);
    Compiled { sql: sql_ast::render(&stmt), params: params.values }
}

/// `DELETE FROM table WHERE eq_col = ? [AND in_col [NOT] IN (...)]` (M2M removals).
pub fn compile_delete_pair(model: &Model, eq: (&Ident, &Value), within: Option<(&Ident, &[Value], bool)>, dialect: Dialect) -> Compiled {
    let mut params = Params::new(dialect, false);
    let v = params.push(eq.1.clone());
    let mut sel = sql_ast::binop(sql_ast::col(QUOTE, &model.table, eq.0), BinOp::Eq, v);
    if let Some((col, values, negated)) = within {
        let list = params.push_all(values);
        let inl = sql_ast::in_list(sql_ast::col(QUOTE, &model.table, col), list, negated);
        sel = sql_ast::nested(sql_ast::binop(sel, BinOp::And, inl));
    }
    Compiled { sql: sql_ast::delete(QUOTE, &model.table, Some(sel)).to_string(), params: params.values }
}

/// The decoding plan of a rows query: one conversion code per column.
pub fn plan_convs(qs: &QuerySet) -> Result<Vec<(String, Conv)>> {
    let mut out = Vec::new();
    match value_cols(qs) {
        Some(cols) => {
            for c in cols {
                out.push((c.key.to_string(), c.conv));
            }
        }
        None => {
            for (_, k, c) in row_columns(qs)? {
                out.push((k, c));
            }
        }
    }
    Ok(out)
}
