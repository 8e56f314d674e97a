//! Value slots: where every user value of a QuerySet sits, so that a compiled
//! statement can be re-bound with other values of the same shape.
//!
//! # Slot order
//!
//! Every value a chain method receives from the user gets one slot number.
//! Slots are numbered 0, 1, 2, ... over the whole chain, in the order the
//! methods were called; [`crate::query::QuerySet::inputs`] lists the values
//! by slot. Within one call, values are numbered in this pre-order:
//!
//! - `filter(...args)` / `exclude(...args)` (also `get(...args)`, which is
//!   `filter(...args)` then `get()`): the arguments in order. A plain object
//!   is its pairs **sorted by key** (as [`crate::query::QInput::from_pairs`]
//!   sorts them: by the UTF-8 bytes of the key, a stable sort). A `Q` tree is
//!   walked depth first, children left to right (a negation adds nothing).
//! - A lookup (`key: value`) is **one** slot holding the whole value: an `in`
//!   list or a `range` pair is one slot holding the `Input::List`; an
//!   instance is one slot. If the value is an expression (`F(...)`,
//!   `Case(...)`, ...) its slot holds the expression (fact `e`) and the
//!   expression's own values follow, numbered as below.
//! - An expression tree, depth first, left to right: `Value(v)` is one slot;
//!   `F(...)` and `OuterRef(...)` take none; `a <op> b` is `a` then `b`;
//!   `Case(When(c1, then1), When(c2, then2), { default })` is `c1` (a Q
//!   tree, as above), `then1`, `c2`, `then2`, ..., then `default`.
//!   `Subquery(qs)` / `Exists(qs)` take no slot: the inner QuerySet's values
//!   are its own, not the outer one's (a plan that binds any of them is not
//!   cacheable in this version: their params are [`Src::Unknown`]).
//! - `annotate({...})` / `alias({...})`: the items in the order given; an
//!   aggregate (`Sum(...)`) is its expression (if any), then its `filter`
//!   Q tree, then its `default` (one slot, when given).
//! - `aggregate({...})`: the items in the order given, each as above.
//! - `slice(start, end)`: two slots, `start` then `end` (`Input::Null` when
//!   absent). Slices the library takes itself (`get()`'s 21, `first()`,
//!   `earliest()`) take none.
//! - `update({...})` (a terminal): its pairs **in the order given** (the
//!   SET clause keeps that order), after all the QuerySet's slots; a pair is
//!   one slot, followed by its expression's values when it is one.
//! - Values the library adds itself (an instance's `pk` filter, prefetch
//!   keys, `abulkUpdate`'s batches, ...) get no slot; their params are
//!   [`Src::Unknown`].
//! - `union()` / `intersection()` / `difference()` start a new numbering:
//!   the result has no slots of its own until later calls add some (the
//!   operands' values are theirs; a plan binding any is not cacheable).
//! - Methods without user values (`orderBy`, `values`, `distinct`,
//!   `reverse`, `selectRelated`, `only`, `none`, ...) take no slot.
//!
//! # Facts
//!
//! [`Input::fact`] is the kind of a value, as the JS side computes it for
//! its shape key: `z` null/undefined, `t`/`f` a boolean, `i` an integral
//! finite number, `r` another finite number, `I` a non-finite number, `s`
//! string, `d` Date, `g` bigint, `x` bytes, `o` plain object (JSON),
//! `m<Model>` + the primary key's fact for an instance, `[` + the facts of
//! the elements + `]` for a list, `e` an expression.

use std::rc::Rc;

use crate::error::Result;
use crate::model::{Field, Registry};
use crate::query::expr::LikeKind;
use crate::query::resolve::{self, AggInput, AnnotationInput, Output};
use crate::query::QInput;
use crate::value::{ExprInput, Input, Value};

/// A slot number (see the module documentation for the order).
pub type Slot = u32;

/// How a bound parameter is derived from its slot's value: each variant is
/// one function in [`resolve`] that the resolver itself calls to make the
/// parameter, so re-deriving cannot drift from the full path.
#[derive(Clone, Debug, PartialEq)]
pub enum How {
    /// The lookup value converted by the output field (`to_db`); `round`:
    /// Django's IntegerFieldFloatRounding (`gte`/`lt`); `elem`: that element
    /// of a list (the bounds of `range`).
    ToDb { out: Output, round: bool, elem: Option<u8> },
    /// A LIKE lookup: the escaped pattern with its wildcards, or with
    /// `long` (the host's LIKE limit was passed) the raw text.
    Like { out: Output, kind: LikeKind, long: bool },
    /// A `regex`/`iregex` pattern.
    Regex { out: Output },
    /// A bound of a `__year` lookup (first or last instant of the year).
    Year { datetime: bool, end: bool },
    /// An `in` list: the non-null values converted, duplicates dropped.
    InList { out: Output, key: Rc<str> },
    /// A `Value(v)` in an expression (converted by `field` in an UPDATE).
    ExprValue { field: Option<Field> },
    /// The `default` of an aggregate.
    AggDefault,
    /// A function's number argument Django checks when it is built
    /// (`Left`'s length at least 1): the value, or `msg` as a ValueError.
    AtLeast { min: i8, msg: &'static str },
    /// A `has_key` path under `prefix` (`has_keys`/`has_any_keys`: `many`,
    /// element `elem` of the list).
    HasKey { prefix: Rc<str>, elem: Option<u32>, many: bool },
}

/// Where a bound parameter comes from.
#[derive(Clone, Debug)]
pub enum Src {
    /// Chosen by the compiler, the same for every query of the shape
    /// (`strftime` formats, `LIMIT 1` of exists, `(?i)`, ...).
    Const,
    /// Derived from one slot.
    Slot { slot: Slot, how: Rc<How> },
    /// Element `idx` of an `in` list of `n` values bound one by one.
    InElem { slot: Slot, how: Rc<How>, idx: u32, n: u32 },
    /// An `in` list of `n` (> 1) values bound as one JSON array (`json_each`).
    InJson { slot: Slot, how: Rc<How>, n: u32 },
    /// LIMIT, from the slices (replayed as `QuerySet::slice` composes them).
    Limit,
    /// OFFSET, likewise.
    Offset,
    /// Not derived: a plan with such a parameter is never re-bound.
    Unknown,
}

/// Provenance takes no part in comparing expressions: two expressions that
/// render the same SQL with the same values are equal, as before slots.
impl PartialEq for Src {
    fn eq(&self, _: &Src) -> bool {
        true
    }
}

/// A conversion the resolver ran on a slot's value (all of them, also those
/// whose parameter a simplification dropped), in the order it ran them:
/// re-binding runs them again so that it raises the same error first.
pub type Check = (Slot, Rc<How>);

/// The `n`-th slot after `s` (`None` stays `None`: values without slots).
pub fn after(s: Option<Slot>, n: u32) -> Option<Slot> {
    s.map(|s| s.saturating_add(n))
}

/// Visit the values of a filter argument in slot order.
pub fn walk_q(q: &QInput, f: &mut dyn FnMut(&Input)) {
    match q {
        QInput::Lookup(_, v) => {
            f(v);
            // The value's expressions (those of an `in`/`range` list, in order).
            for e in v.exprs() {
                walk_expr(e, f);
            }
        }
        QInput::Node { children, .. } => {
            for c in children {
                walk_q(c, f);
            }
        }
        QInput::Expr(e) => walk_expr(e, f),
    }
}

/// The value a slot's `elem` picks: the value itself (`None`), or that
/// element of a list value (`None` when it has no such element).
fn element(elem: Option<u32>, v: &Input) -> Option<&Input> {
    match (elem, v) {
        (None, v) => Some(v),
        (Some(i), Input::List(items)) => items.get(i as usize),
        (Some(_), _) => None,
    }
}

/// Visit the values of an expression in slot order.
pub fn walk_expr(e: &ExprInput, f: &mut dyn FnMut(&Input)) {
    match e {
        ExprInput::F(_) | ExprInput::OuterRef { .. } | ExprInput::Subquery { .. } => {}
        ExprInput::Value(v) => f(v),
        ExprInput::Agg(a) => walk_agg(a, f),
        ExprInput::Combined { lhs, rhs, .. } => {
            walk_expr(lhs, f);
            walk_expr(rhs, f);
        }
        ExprInput::Func { args, .. } => {
            for a in args {
                walk_expr(a, f);
            }
        }
        ExprInput::Case { whens, default, .. } => {
            for (q, then) in whens {
                walk_q(q, f);
                walk_expr(then, f);
            }
            if let Some(d) = default {
                walk_expr(d, f);
            }
        }
        ExprInput::Q(q) => walk_q(q, f),
        // The source, then each partition and order expression.
        ExprInput::Window(w) => {
            for e in std::iter::once(&w.expr).chain(&w.partition).chain(w.order.iter().map(|o| &o.0)) {
                walk_expr(e, f);
            }
        }
    }
}

/// Visit the values of an aggregate in slot order.
pub fn walk_agg(a: &AggInput, f: &mut dyn FnMut(&Input)) {
    if let Some(e) = &a.expr {
        walk_expr(e, f);
    }
    if let Some(q) = &a.filter {
        walk_q(q, f);
    }
    if let Some(d) = &a.default {
        f(d);
    }
}

/// Visit the values of an `annotate()` item in slot order.
pub fn walk_annotation(a: &AnnotationInput, f: &mut dyn FnMut(&Input)) {
    match a {
        AnnotationInput::Aggregate(agg) => walk_agg(agg, f),
        AnnotationInput::Expr(e) => walk_expr(e, f),
    }
}

/// Visit the values of an update pair (`field: value`) in slot order.
pub fn walk_pair(v: &Input, f: &mut dyn FnMut(&Input)) {
    f(v);
    if let Input::Expr(e) = v {
        walk_expr(e, f);
    }
}

fn count(walk: impl FnOnce(&mut dyn FnMut(&Input))) -> u32 {
    let mut n = 0u32;
    walk(&mut |_| n = n.saturating_add(1));
    n
}

/// Slots a lookup's value takes (1, plus an expression's values).
pub fn lookup_count(v: &Input) -> u32 {
    count(|f| walk_pair(v, f))
}

/// Slots an expression takes.
pub fn expr_count(e: &ExprInput) -> u32 {
    count(|f| walk_expr(e, f))
}

/// Slots a Q tree takes.
pub fn q_count(q: &QInput) -> u32 {
    count(|f| walk_q(q, f))
}

/// Slots an aggregate takes.
pub fn agg_count(a: &AggInput) -> u32 {
    count(|f| walk_agg(a, f))
}

/// Slots an annotation takes.
pub fn annotation_count(a: &AnnotationInput) -> u32 {
    count(|f| walk_annotation(a, f))
}

impl Input {
    /// The kind of this value as the shape key records it (see the module
    /// documentation): values with equal facts compile to the same SQL,
    /// up to the guards a plan checks when binding.
    pub fn fact(&self) -> String {
        let mut s = String::new();
        self.write_fact(&mut s);
        s
    }

    /// Append [`Input::fact`] to `out`.
    pub fn write_fact(&self, out: &mut String) {
        match self {
            Input::Undefined | Input::Null => out.push('z'),
            Input::Bool(true) => out.push('t'),
            Input::Bool(false) => out.push('f'),
            Input::Num(n) if n.is_finite() && n.fract() == 0.0 => out.push('i'),
            Input::Num(n) if n.is_finite() => out.push('r'),
            Input::Num(_) => out.push('I'),
            Input::BigInt(_) => out.push('g'),
            Input::Str(_) => out.push('s'),
            Input::Date(_) => out.push('d'),
            Input::Bytes(_) => out.push('x'),
            Input::Json(_) => out.push('o'),
            Input::Instance { model, pk } => {
                out.push_str("m<");
                out.push_str(model);
                out.push('>');
                pk.write_fact(out);
            }
            Input::List(items) => {
                out.push('[');
                for i in items {
                    i.write_fact(out);
                }
                out.push(']');
            }
            Input::Expr(_) => out.push('e'),
        }
    }
}

impl How {
    /// The parameter for `v`, derived exactly as the resolver (and, for the
    /// LIKE form, the compiler) derived it: `Ok(None)` when `v` would change
    /// the SQL (a LIKE pattern crossing the host's limit), an error when the
    /// full path raises one. Not for [`How::InList`] (see [`How::list`]).
    pub fn value(&self, reg: &Registry, v: &Input) -> Result<Option<Value>> {
        Ok(Some(match self {
            How::ToDb { out, round, elem } => match element(elem.map(u32::from), v) {
                Some(v) => resolve::lookup_value(out, reg, *round, v)?,
                None => return Ok(None),
            },
            How::Like { out, kind, long } => {
                let (pattern, text) = resolve::like_parts(out, reg, *kind, v)?;
                if (pattern.len() > reg.config.max_like_bytes) != *long {
                    return Ok(None);
                }
                Value::Text(if *long { text } else { pattern })
            }
            How::Regex { out } => Value::Text(resolve::regex_text(out, reg, v)?),
            How::Year { datetime, end } => {
                let (s, e) = resolve::year_bounds(v, *datetime)?;
                Value::Text(if *end { e } else { s })
            }
            How::InList { out, key } => {
                // Checked for its errors only; the elements come from `list`.
                resolve::in_values(out, reg, v, key)?;
                return Ok(None);
            }
            How::ExprValue { field } => resolve::expr_param(reg, v, field.as_ref())?,
            How::AggDefault => resolve::agg_default(v)?,
            How::AtLeast { min, msg } => crate::query::funcs::at_least(reg, v, *min, msg)?,
            How::HasKey { prefix, elem, many } => {
                let Some(v) = element(*elem, v) else { return Ok(None) };
                Value::Text(resolve::has_key_path(reg, prefix, v, *many)?)
            }
        }))
    }

    /// The values of an `in` list (non-null, converted, duplicates dropped
    /// as the resolver drops them); `None` for other derivations.
    pub fn list(&self, reg: &Registry, v: &Input) -> Result<Option<Vec<Value>>> {
        match self {
            How::InList { out, key } => Ok(Some(resolve::in_values(out, reg, v, key)?)),
            _ => Ok(None),
        }
    }

    /// Run the derivation for its errors only (what [`Check`]s replay).
    pub fn check(&self, reg: &Registry, v: &Input) -> Result<()> {
        match self {
            How::InList { .. } => self.list(reg, v).map(|_| ()),
            How::Like { out, kind, .. } => resolve::like_parts(out, reg, *kind, v).map(|_| ()),
            _ => self.value(reg, v).map(|_| ()),
        }
    }
}

/// Can this conversion refuse no value of `v`'s kind? Then a chain call of a
/// shape already checked needs no new check for such values: text into a
/// text field, a safe integer into an integer field, a finite number into a
/// float field, a boolean into a boolean field, null anywhere it was allowed
/// (its fact is part of the shape). Anything else (dates, UUIDs, decimals,
/// relations, expressions) answers `false` and is checked again each time.
pub fn infallible(how: &How, v: &Input) -> bool {
    let out = match how {
        How::ToDb { out, elem: None, .. } | How::Like { out, .. } | How::InList { out, .. } => out,
        _ => return false,
    };
    let Output::Field(f) = out else { return false };
    let one = |v: &Input| match v {
        Input::Null | Input::Undefined => true,
        Input::Str(_) => matches!(f.kind, crate::model::FieldKind::Char | crate::model::FieldKind::Text),
        Input::Num(n) if f.kind.is_integer() => n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_991.0,
        Input::Num(n) => {
            n.is_finite() && matches!(f.kind, crate::model::FieldKind::Char | crate::model::FieldKind::Text | crate::model::FieldKind::Float)
        }
        Input::Bool(_) => f.kind == crate::model::FieldKind::Boolean,
        _ => false,
    };
    match (how, v) {
        (How::InList { .. }, Input::List(items)) => items.iter().all(one),
        (How::InList { .. }, _) => false,
        _ => one(v),
    }
}
