//! A chain recorded by `js/index.js` → the core [`QuerySet`].
//!
//! Each JS QuerySet holds its last chain call as a node
//! `{ up, id, op, args, vals }`: `up` the previous node (the model's root node
//! `{ up: null, id, op: "M", args: modelName }` first), `id` the shape id JS
//! interned for the chain so far, `op` a one-letter code, `args` the call's
//! arguments as JS normalised them, `vals` its values in slot order. The core
//! reads a chain only for a shape it has not seen (checking a new chain call,
//! compiling a new shape); a known shape crosses as `(id, values)`.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Array;
use wasm_bindgen::{JsCast, JsValue};

use super::convert::{self, get, get_string};
use crate::chain::Op;
use crate::compiler::cache::{PlanCache, PlanKey};
use crate::error::{Error, Result};
use crate::model::Registry;
use crate::query::{slots, Combinator, QuerySet};
use crate::value::Input;

thread_local! {
    /// The registry of the chain being read, for the QuerySets nested in it
    /// (`Subquery`, `Exists`, combinator operands). Set for one read only.
    /// With the Database's token (JS root nodes carry it as `db`).
    static REG: RefCell<Option<(Rc<Registry>, f64)>> = const { RefCell::new(None) };
}

/// The model named `name`, else the error naming it.
pub fn model_named(reg: &Registry, name: &str) -> Result<Rc<crate::model::Model>> {
    reg.get(name).ok_or_else(|| Error::value(format!("No model named '{name}' is defined.")))
}

/// A chain node's shape id.
pub fn node_id(node: &JsValue) -> u64 {
    get(node, "id").as_f64().map_or(0, |n| n as u64)
}

/// The key of a node's QuerySet in the cache of checked chains.
pub fn key(node: &JsValue) -> PlanKey {
    PlanKey { shape: node_id(node), terminal: 0 }
}

/// Run `f` with `reg` as the registry of the chain being read.
fn in_db<T>(reg: &Rc<Registry>, db: f64, f: impl FnOnce() -> Result<T>) -> Result<T> {
    // REG is borrowed only for a moment, never across a call.
    let outer = REG.with(|r| r.try_borrow_mut().ok().and_then(|mut r| r.replace((reg.clone(), db))));
    let out = f();
    REG.with(|r| {
        if let Ok(mut r) = r.try_borrow_mut() {
            *r = outer;
        }
    });
    out
}

/// A chain's recorded values, read with `reg` for the QuerySets among them.
pub fn inputs(reg: &Rc<Registry>, db: f64, vals: &js_sys::Array) -> Result<Vec<Input>> {
    in_db(reg, db, || super::convert::inputs(vals))
}

/// An object of field values (`aupdate(values)`), read with `reg` for the
/// QuerySets among them (`Subquery(qs)`).
pub fn pairs(reg: &Rc<Registry>, db: f64, values: &JsValue) -> Result<Vec<(String, Input)>> {
    in_db(reg, db, || super::convert::pairs(values))
}

/// Rebuild the QuerySet a node ends. With `checked`, chains already seen
/// start from the cached QuerySet of their longest known prefix, and every
/// prefix read is cached (for checks: values do not matter there); without
/// it, the whole chain is read with this node's values (for compiling).
pub fn build(reg: &Rc<Registry>, db: f64, node: &JsValue, checked: Option<&mut PlanCache<QuerySet>>) -> Result<QuerySet> {
    in_db(reg, db, || build_in(reg, node, checked, None))
}

/// A QuerySet nested in the chain being read (a JS QuerySet object): of
/// the same Database, else a ValueError saying `other_db`.
pub fn nested(qs: &JsValue, other_db: &str) -> Result<QuerySet> {
    let node = get(qs, "_n");
    let ctx = REG.with(|r| r.try_borrow().ok().and_then(|r| r.clone()));
    match ctx {
        Some((reg, db)) if node.is_object() => build_in(&reg, &node, None, Some((db, other_db))),
        _ => Err(Error::usage("Subquery() and Exists() take a QuerySet.")),
    }
}

type SameDb<'a> = Option<(f64, &'a str)>;

fn build_in(reg: &Rc<Registry>, node: &JsValue, mut checked: Option<&mut PlanCache<QuerySet>>, same_db: SameDb) -> Result<QuerySet> {
    let mut pending = Vec::new();
    let mut n = node.clone();
    let mut qs = loop {
        if !n.is_object() {
            return Err(Error::value("A QuerySet's recorded chain is malformed."));
        }
        if let Some(c) = checked.as_deref_mut() {
            if let Some(qs) = c.get(&key(&n)) {
                break qs;
            }
        }
        if get_string(&n, "op").as_deref() == Some("M") {
            if let Some((db, other_db)) = same_db {
                if get(&n, "db").as_f64() != Some(db) {
                    return Err(Error::value(other_db));
                }
            }
            let name = get_string(&n, "args").unwrap_or_default();
            let model = model_named(reg, &name)?;
            let qs = QuerySet::new(reg.clone(), model);
            if let Some(c) = checked.as_deref_mut() {
                c.insert(key(&n), qs.clone());
            }
            break qs;
        }
        pending.push(n.clone());
        n = get(&n, "up");
    };
    for n in pending.iter().rev() {
        qs = op(n)?.apply(&qs)?;
        if let Some(c) = checked.as_deref_mut() {
            c.insert(key(n), qs.clone());
        }
    }
    Ok(qs)
}

fn arr(v: &JsValue) -> Array {
    v.clone().dyn_into::<Array>().unwrap_or_default()
}

fn index(v: &JsValue, what: &str) -> Result<Option<i64>> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    match v.as_f64() {
        // Any integer, as Django's; `as` saturates beyond i64 and slices cap the marks.
        Some(n) if n.fract() == 0.0 => Ok(Some(n as i64)),
        _ => Err(Error::usage(format!("QuerySet indices must be integers or slices, not {what}."))),
    }
}

/// The names given to only()/defer(); `None` for a lone `null` (Python's `None`).
fn deferral_names(args: &Array, what: &str) -> Result<Option<Vec<String>>> {
    if args.length() == 1 && (args.get(0).is_null() || args.get(0).is_undefined()) {
        return Ok(None);
    }
    convert::strings(args, what).map(Some)
}

/// One node's chain call.
fn op(n: &JsValue) -> Result<Op> {
    let code = get_string(n, "op").unwrap_or_default();
    let args = get(n, "args");
    let a = arr(&args);
    // One-character codes: a match on the byte is a jump table, not a string
    // comparison per arm.
    Ok(match code.as_bytes() {
        [b'f'] => Op::Filter(convert::q_args(&a)?),
        [b'x'] => Op::Exclude(convert::q_args(&a)?),
        [b'G'] => Op::GetFilter(convert::q_args(&a)?),
        [b'o'] => Op::OrderBy(convert::order_items(&a)?),
        [b'r'] => Op::Reverse,
        [b's'] => Op::Slice(index(&a.get(0), "the start value")?, index(&a.get(1), "the end value")?),
        [b'n'] => Op::None,
        _ => return op_more(&code, &a),
    })
}

/// The chain calls other than filter/exclude/get/orderBy/slice/reverse/none:
/// out of line, so a first query does not compile their decoding.
#[inline(never)]
fn op_more(code: &str, a: &Array) -> Result<Op> {
    let strings = |what: &str| convert::strings(a, what);
    Ok(match code.as_bytes() {
        [b'd'] => Op::Distinct(strings("distinct()")?),
        [b'v'] => {
            // A last array holds the `{ name: expression }` pairs (Django's `**expressions`).
            let last = a.get(a.length().saturating_sub(1));
            let mut names = a.clone();
            let mut items = Vec::new();
            if Array::is_array(&last) {
                names = a.slice(0, a.length() - 1);
                items = annotations(&arr(&last))?;
            }
            let mut fields = convert::strings(&names, "values()")?;
            if items.is_empty() {
                Op::Values(fields)
            } else {
                for (n, _) in &items {
                    fields.push(n.clone());
                }
                Op::ValuesWith(fields, items)
            }
        }
        [b'l'] => Op::ValuesList(convert::strings(&arr(&a.get(0)), "valuesList()")?, a.get(1).is_truthy(), a.get(2).is_truthy()),
        [b'S'] => Op::SelectRelated(strings("selectRelated()")?),
        [b'P'] => Op::PrefetchRelated(strings("prefetchRelated()")?),
        [b'a'] | [b'A'] => Op::Annotate(annotations(a)?, code == "a"),
        [b'g'] => {
            let mut aggs = Vec::new();
            for pair in a.iter() {
                let pair = arr(&pair);
                aggs.push(convert::aggregate(&pair.get(0), &pair.get(1))?);
            }
            Op::Aggregate(aggs)
        }
        [b'O'] => Op::Only(deferral_names(a, "only()")?),
        [b'D'] => Op::Defer(deferral_names(a, "defer()")?),
        [b'u'] => {
            let which = a.get(0).as_string().unwrap_or_default();
            let comb = match which.as_str() {
                "union" => Combinator::Union,
                "intersection" => Combinator::Intersection,
                "difference" => Combinator::Difference,
                _ => return Err(Error::value(format!("unknown combinator '{which}'"))),
            };
            let other_db = format!("{which}() takes QuerySets of the same Database.");
            let mut others = Vec::new();
            for o in arr(&a.get(1)).iter() {
                others.push(nested(&o, &other_db)?);
            }
            Op::Combine(comb, others, a.get(2).is_truthy())
        }
        [b'e'] => {
            let latest = a.get(1).is_truthy();
            Op::Earliest(convert::strings(&arr(&a.get(0)), if latest { "latest()" } else { "earliest()" })?, latest)
        }
        [b'T'] => Op::Dates(a.get(0).as_string().unwrap_or_default(), a.get(1).as_string(), a.get(2).as_string(), a.get(3).is_truthy()),
        [b'c'] => {
            let n = |v: JsValue| v.as_f64().filter(|n| n.fract() == 0.0 && n.abs() < 9.0e15).map(|n| n as i64);
            match (n(a.get(0)), n(a.get(1))) {
                (Some(o), Some(s)) => Op::Chunk(o, s),
                _ => return Err(Error::value("Chunk size must be strictly positive.")),
            }
        }
        _ => return Err(Error::value(format!("Unknown chain call code '{code}'."))),
    })
}

/// `[[name, expression], ...]` → annotations.
fn annotations(pairs: &Array) -> Result<Vec<(String, crate::query::resolve::AnnotationInput)>> {
    let mut items = Vec::new();
    for pair in pairs.iter() {
        let pair = arr(&pair);
        items.push(convert::annotation(&pair.get(0), &pair.get(1))?);
    }
    Ok(items)
}

/// Check one new chain call (and any prefix the cache lost): Django's errors
/// are raised by the call that made the mistake. Answers whether the call's
/// values are of kinds their fields can never refuse (see
/// [`slots::infallible`]): then a later call of the same shape needs no check.
pub fn check(reg: &Rc<Registry>, db: f64, node: &JsValue, checked: &mut PlanCache<QuerySet>) -> Result<bool> {
    let (parent, qs) = in_db(reg, db, || {
        let parent = build_in(reg, &get(node, "up"), Some(&mut *checked), None)?;
        let qs = op(node)?.apply(&parent)?;
        Ok((parent, qs))
    })?;
    checked.insert(key(node), qs.clone());
    let base = parent.node.inputs.len();
    let added = qs.node.inputs.len().saturating_sub(base);
    let mut values: Vec<&Input> = Vec::with_capacity(added);
    for v in qs.node.inputs.rev_iter().take(added) {
        values.push(v);
    }
    values.reverse();
    let safe = qs
        .node
        .checks
        .rev_iter()
        .take_while(|(slot, _)| *slot as usize >= base)
        .all(|(slot, how)| values.get(*slot as usize - base).is_some_and(|v| slots::infallible(how, v)));
    Ok(safe)
}
