//! JS values → host-neutral inputs ([`Input`], [`QInput`], [`FieldSpec`]).
//! Every read is checked; a value of the wrong shape is a clear error, never a panic.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{Error, Result};
use crate::model::FieldSpec;
use crate::query::QInput;
use crate::value::{ArithOp, ExprInput, Input};

pub fn get(obj: &JsValue, key: &'static str) -> JsValue {
    Reflect::get(obj, &name(key)).unwrap_or(JsValue::UNDEFINED)
}

/// `obj[key]` when it is a string.
pub fn get_string(obj: &JsValue, key: &'static str) -> Option<String> {
    get(obj, key).as_string()
}

thread_local! {
    /// The JS strings [`name`] made, by the address of their `&'static str`.
    static NAMES: RefCell<Vec<(&'static str, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// A property name as a JS string, made once per name: the library's keys
/// are a few dozen fixed strings, so a short list found by address holds
/// them all (wasm-bindgen's `enable-interning` kept them in a `HashMap`
/// and looked up every string passed to JS in it: 2,093 bytes gzipped more).
pub fn name(key: &'static str) -> JsValue {
    NAMES.with(|names| {
        // Never borrowed elsewhere (nothing here calls back).
        let Ok(mut names) = names.try_borrow_mut() else { return JsValue::from_str(key) };
        if let Some((_, v)) = names.iter().find(|(k, _)| std::ptr::eq(*k, key)) {
            return v.clone();
        }
        let v = JsValue::from_str(key);
        names.push((key, v.clone()));
        v
    })
}

fn marker(v: &JsValue) -> Option<String> {
    // An own property: F(), Q() and the descriptors set it on themselves; an
    // inherited one (a polluted Object.prototype) must not turn data into an F().
    if !v.is_object() || !Object::has_own(v.unchecked_ref::<Object>(), &name("__quarry")) {
        return None;
    }
    get_string(v, "__quarry")
}

/// How deep values, Q trees and expressions may nest (D1 itself stops at 100).
const MAX_DEPTH: usize = 100;

fn too_deep(what: &str) -> Error {
    Error::value(format!("{what} nested more than {MAX_DEPTH} levels deep cannot be compiled."))
}

/// Convert one user value.
pub fn input(v: &JsValue) -> Result<Input> {
    input_at(v, 0)
}

/// Convert every value of an array (one loop for all callers).
pub fn inputs(arr: &Array) -> Result<Vec<Input>> {
    inputs_at(arr, 0)
}

fn inputs_at(arr: &Array, depth: usize) -> Result<Vec<Input>> {
    let mut out = Vec::new();
    for x in arr.iter() {
        out.push(input_at(&x, depth)?);
    }
    Ok(out)
}

fn input_at(v: &JsValue, depth: usize) -> Result<Input> {
    if depth > MAX_DEPTH {
        return Err(too_deep("A value"));
    }
    // Numbers and strings first: they are most values.
    if let Some(n) = v.as_f64() {
        return Ok(Input::Num(n));
    }
    if let Some(s) = v.as_string() {
        return Ok(Input::Str(s));
    }
    if v.is_undefined() {
        return Ok(Input::Undefined);
    }
    if v.is_null() {
        return Ok(Input::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Input::Bool(b));
    }
    input_object(v, depth)
}

/// The values that are not numbers, strings, booleans, null or undefined.
/// A function of its own: V8 compiles a wasm function whole on its first
/// call, and most first queries pass primitives only.
#[inline(never)]
fn input_object(v: &JsValue, depth: usize) -> Result<Input> {
    if v.is_bigint() {
        return i64::try_from(v.clone()).map(Input::BigInt).map_err(|_| Error::value("A bigint value does not fit in 64 bits."));
    }
    if Array::is_array(v) {
        let arr: &Array = v.unchecked_ref();
        return inputs_at(arr, depth + 1).map(Input::List);
    }
    // A list of numbers as the recorder holds one (js/index.js `held`).
    if let Some(f) = v.dyn_ref::<js_sys::Float64Array>() {
        return Ok(Input::List(f.to_vec().into_iter().map(Input::Num).collect()));
    }
    if let Some(d) = v.dyn_ref::<js_sys::Date>() {
        return Ok(Input::Date(d.get_time()));
    }
    if let Some(b) = v.dyn_ref::<Uint8Array>() {
        return Ok(Input::Bytes(b.to_vec()));
    }
    if let Some(b) = v.dyn_ref::<js_sys::ArrayBuffer>() {
        return Ok(Input::Bytes(Uint8Array::new(b).to_vec()));
    }
    if let Some(m) = marker(v) {
        return match m.as_str() {
            "F" | "Value" | "expr" | "Case" | "Subquery" | "Exists" | "OuterRef" | "Func" | "Window" | "Q" => {
                Ok(Input::Expr(Rc::new(expr_at(v, depth)?)))
            }
            k if is_aggregate(k) => Ok(Input::Expr(Rc::new(expr_at(v, depth)?))),
            "When" => Err(Error::usage("When() can only be used inside Case().")),
            other => Err(Error::usage(format!("A {other} cannot be used as a value here."))),
        };
    }
    // A QuerySet as a lookup value (Django's `pk__in=qs`).
    if Object::has_own(v.unchecked_ref::<Object>(), &name("_n")) {
        let qs = super::decode::nested(v, "A QuerySet used as a value must belong to the same Database.")?;
        return Ok(Input::Expr(Rc::new(ExprInput::Subquery { qs: crate::value::SubqueryInput(qs), exists: false, bare: true })));
    }
    let model = get(v, "_quarryModel");
    if let Some(name) = model.as_string() {
        let pk = input(&get(v, "pk"))?;
        return Ok(Input::Instance { model: name.into(), pk: Box::new(pk) });
    }
    if v.is_function() || v.is_symbol() {
        return Err(Error::value("Functions and symbols cannot be used as query values."));
    }
    let json = js_sys::JSON::stringify(v).map_err(|_| Error::value("This object cannot be serialised as JSON."))?;
    Ok(Input::Json(json.as_string().unwrap_or_default()))
}

fn expr(v: &JsValue) -> Result<ExprInput> {
    expr_at(v, 0)
}

fn expr_at(v: &JsValue, depth: usize) -> Result<ExprInput> {
    if depth > MAX_DEPTH {
        return Err(too_deep("An expression"));
    }
    match marker(v).as_deref() {
        Some("F") => get_string(v, "name").map(ExprInput::F).ok_or_else(|| Error::value("F() needs a field name.")),
        Some("Value") => Ok(ExprInput::Value(input_at(&get(v, "value"), depth + 1)?)),
        Some("expr") => {
            let op = match get_string(v, "op").as_deref() {
                Some("+") => ArithOp::Add,
                Some("-") => ArithOp::Sub,
                Some("*") => ArithOp::Mul,
                Some("/") => ArithOp::Div,
                Some("%") => ArithOp::Mod,
                _ => return Err(Error::value("Unknown arithmetic operator.")),
            };
            let side = |k: &'static str| -> Result<Rc<ExprInput>> {
                let s = get(v, k);
                if marker(&s).is_some() {
                    Ok(Rc::new(expr_at(&s, depth + 1)?))
                } else {
                    Ok(Rc::new(ExprInput::Value(input_at(&s, depth + 1)?)))
                }
            };
            Ok(ExprInput::Combined { op, lhs: side("lhs")?, rhs: side("rhs")? })
        }
        Some("Case") => case_at(v, depth),
        Some("Q") => Ok(ExprInput::Q(Rc::new(q_at(v, depth + 1)?))),
        Some(k) if is_aggregate(k) => Ok(ExprInput::Agg(Rc::new(aggregate(&JsValue::from_str("expression"), v)?.1))),
        Some("Window") => window_at(v, depth),
        Some("Func") => {
            // Strings name fields and other values are Value()s (Django's
            // `_parse_expressions`); a last plain object is the options.
            let mut args = Vec::new();
            let mut output = None;
            let list = get(v, "args").dyn_into::<Array>().unwrap_or_default();
            let n = list.length();
            for (i, a) in list.iter().enumerate() {
                if i + 1 == n as usize
                    && a.is_object()
                    && Object::get_prototype_of(&a) == Object::get_prototype_of(&Object::new())
                    && marker(&a).is_none()
                {
                    let p = get(&a, "precision");
                    if !p.is_undefined() {
                        args.push(branch_at(&p, depth)?);
                    }
                    output = get(&get(&a, "outputField"), "kind").as_string();
                } else {
                    args.push(branch_at(&a, depth)?);
                }
            }
            Ok(ExprInput::Func { name: get_string(v, "fn").unwrap_or_default(), args, output })
        }
        Some(kind @ ("Subquery" | "Exists")) => {
            let qs = super::decode::nested(&get(&get(v, "args"), "0"), "Subquery() and Exists() take a QuerySet of the same Database.")?;
            Ok(ExprInput::Subquery { qs: crate::value::SubqueryInput(qs), exists: kind == "Exists", bare: false })
        }
        Some("OuterRef") => {
            let arg = get(&get(v, "args"), "0");
            if let Some(name) = arg.as_string() {
                return Ok(ExprInput::OuterRef { name, up: 1 });
            }
            match expr_at(&arg, depth + 1)? {
                ExprInput::OuterRef { name, up } => Ok(ExprInput::OuterRef { name, up: up + 1 }),
                _ => Err(Error::usage("OuterRef() takes a field name or an OuterRef().")),
            }
        }
        _ => Ok(ExprInput::Value(input_at(v, depth + 1)?)),
    }
}

/// A When's `then` or a Case's `default`: as Django's `_parse_expressions`,
/// a string names a field (`F`), another plain value is a `Value`.
fn branch_at(v: &JsValue, depth: usize) -> Result<Rc<ExprInput>> {
    Ok(Rc::new(match v.as_string() {
        Some(s) => ExprInput::F(s),
        None => expr_at(v, depth + 1)?,
    }))
}

/// `Case(When(cond, { then }), ..., { default, outputField })`.
fn case_at(v: &JsValue, depth: usize) -> Result<ExprInput> {
    const BAD_WHEN: &str = "When() supports a Q object, a boolean expression, or lookups as a condition.";
    let mut whens = Vec::new();
    let mut default = None;
    let mut output = None;
    for a in get(v, "args").dyn_into::<Array>().unwrap_or_default().iter() {
        if marker(&a).as_deref() == Some("When") {
            let wargs = get(&a, "args");
            let cond = get(&wargs, "0");
            let q = if cond.is_object() { q_at(&cond, depth + 1)? } else { QInput::Expr(ExprInput::Value(Input::Null)) };
            match &q {
                QInput::Node { children, .. } if children.is_empty() => {
                    return Err(if marker(&cond).is_some() {
                        Error::value("An empty Q() can't be used as a When() condition.")
                    } else {
                        Error::usage(BAD_WHEN)
                    })
                }
                QInput::Expr(e) if !matches!(e, ExprInput::Subquery { exists: true, .. }) => return Err(Error::usage(BAD_WHEN)),
                _ => {}
            }
            whens.push((q, branch_at(&get(&get(&wargs, "1"), "then"), depth)?));
        } else if a.is_object() && marker(&a).is_none() && default.is_none() && output.is_none() {
            let d = get(&a, "default");
            if !d.is_undefined() {
                default = Some(branch_at(&d, depth)?);
            }
            output = get(&get(&a, "outputField"), "kind").as_string();
        } else {
            return Err(Error::usage("Positional arguments must all be When objects."));
        }
    }
    Ok(ExprInput::Case { whens, default, output })
}

/// `{ key: value, ... }` → sorted pairs.
pub fn pairs(v: &JsValue) -> Result<Vec<(String, Input)>> {
    if !v.is_object() || Array::is_array(v) {
        return Err(Error::usage(format!("Expected an object of field lookups, got {}.", describe(v))));
    }
    let obj: &Object = v.unchecked_ref();
    let entries = Object::entries(obj);
    let mut out = Vec::with_capacity(entries.length() as usize);
    for e in entries.iter() {
        let e: Array = e.unchecked_into();
        let key = e.get(0).as_string().unwrap_or_default();
        out.push((key, input(&e.get(1))?));
    }
    Ok(out)
}

fn describe(v: &JsValue) -> String {
    if v.is_undefined() {
        "undefined".into()
    } else if v.is_null() {
        "null".into()
    } else if Array::is_array(v) {
        "an array".into()
    } else if let Some(s) = v.as_string() {
        format!("the string \"{s}\"")
    } else {
        v.js_typeof().as_string().unwrap_or_else(|| "a value".into())
    }
}

/// One argument of `filter()`/`exclude()`: an object of lookups or a `Q`.
pub fn q(v: &JsValue) -> Result<QInput> {
    q_at(v, 0)
}

fn q_at(v: &JsValue, depth: usize) -> Result<QInput> {
    if depth > MAX_DEPTH {
        return Err(too_deep("A Q tree"));
    }
    match marker(v).as_deref() {
        Some("Q") => {
            let or = match get_string(v, "connector").as_deref() {
                Some("OR") => true,
                Some("AND") | None => false,
                Some(other) => return Err(Error::value(format!("_connector must be one of 'AND', 'OR', 'XOR', or None (got \"{other}\")."))),
            };
            let negated = get(v, "negated").as_bool().unwrap_or(false);
            let children = get(v, "children");
            if !Array::is_array(&children) {
                return Err(Error::value("A Q object's children must be an array."));
            }
            let mut out = Vec::new();
            for c in children.unchecked_ref::<Array>().iter() {
                if Array::is_array(&c) {
                    let pair: &Array = c.unchecked_ref();
                    let key = pair.get(0).as_string().ok_or_else(|| Error::value("A Q lookup key must be a string."))?;
                    out.push(QInput::Lookup(key, input(&pair.get(1))?));
                } else {
                    out.push(q_at(&c, depth + 1)?);
                }
            }
            Ok(QInput::Node { or, negated, children: out })
        }
        Some("Exists" | "Subquery" | "Case" | "F" | "Value" | "expr" | "OuterRef") => Ok(QInput::Expr(expr_at(v, depth + 1)?)),
        Some(other) => Err(Error::usage(format!("filter() and exclude() take objects of lookups or Q objects, not {other}."))),
        None => Ok(QInput::from_pairs(pairs(v)?)),
    }
}

/// All arguments of one `filter()` call.
pub fn q_args(args: &Array) -> Result<Vec<QInput>> {
    let mut out = Vec::new();
    for a in args.iter() {
        out.push(q(&a)?);
    }
    Ok(out)
}

/// An array of strings (field names).
pub fn strings(args: &Array, what: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for a in args.iter() {
        out.push(a.as_string().ok_or_else(|| Error::usage(format!("{what} takes field names as strings, got {}.", describe(&a))))?);
    }
    Ok(out)
}

/// `orderBy()`'s arguments: field names, expressions (ascending) and
/// `expr.asc()` / `expr.desc()` with `{ nullsFirst, nullsLast }`.
pub fn order_items(args: &Array) -> Result<Vec<crate::query::OrderInput>> {
    use crate::query::OrderInput;
    let mut out = Vec::new();
    for a in args.iter() {
        if let Some(s) = a.as_string() {
            out.push(OrderInput::Name(s));
            continue;
        }
        let (e, desc, nulls) = match marker(&a) {
            Some(_) => order_by(&a, 0)?,
            None => return Err(Error::usage(format!("orderBy() takes field names as strings or expressions, got {}.", describe(&a)))),
        };
        out.push(OrderInput::Expr { e, desc: desc == Some(true), nulls });
    }
    Ok(out)
}

/// An expression or `expr.asc()` / `expr.desc()` with `{ nullsFirst, nullsLast }`:
/// `Some(desc)` when a direction was given.
fn order_by(a: &JsValue, depth: usize) -> Result<(ExprInput, Option<bool>, Option<bool>)> {
    if marker(a).as_deref() != Some("OrderBy") {
        return Ok((expr_at(a, depth + 1)?, None, None));
    }
    let flag = |k: &'static str| match get(a, k) {
        v if v.is_undefined() || v.is_null() => Ok(false),
        v if v.as_bool() == Some(true) => Ok(true),
        _ => Err(Error::value("nulls_first and nulls_last values must be True or None.")),
    };
    let nulls = match (flag("nullsFirst")?, flag("nullsLast")?) {
        (true, true) => return Err(Error::value("nulls_first and nulls_last are mutually exclusive")),
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    };
    Ok((expr_at(&get(a, "expr"), depth + 1)?, Some(get(a, "desc").is_truthy()), nulls))
}

/// `Window(expr, { partitionBy, orderBy, frame })`.
fn window_at(v: &JsValue, depth: usize) -> Result<ExprInput> {
    let e = branch_at(&get(v, "expr"), depth)?;
    let opts = get(v, "opts");
    // One item or an array of them.
    let items = |x: JsValue| {
        if x.is_undefined() || x.is_null() {
            Array::new()
        } else if Array::is_array(&x) {
            x.unchecked_into()
        } else {
            Array::of1(&x)
        }
    };
    let ob = get(&opts, "orderBy");
    if !(ob.is_undefined() || ob.is_null() || Array::is_array(&ob) || ob.is_string() || marker(&ob).is_some()) {
        return Err(Error::value("Window.order_by must be either a string reference to a field, an expression, or a list or tuple of them."));
    }
    let (mut partition, mut order) = (Vec::new(), Vec::new());
    for p in items(get(&opts, "partitionBy")).iter() {
        partition.push(branch_at(&p, depth)?);
    }
    for o in items(ob).iter() {
        let (e, d, n) = match o.as_string() {
            Some(n) => match n.strip_prefix('-') {
                Some(n) => (ExprInput::F(n.into()), Some(true), None),
                None => (ExprInput::F(n), None, None),
            },
            None => order_by(&o, depth)?,
        };
        order.push((Rc::new(e), d, n));
    }
    let f = get(&opts, "frame");
    let frame = match marker(&f).as_deref() {
        _ if f.is_undefined() || f.is_null() => None,
        Some(k @ ("RowRange" | "ValueRange")) => {
            let mut b = [None, None];
            for (slot, k) in b.iter_mut().zip(["start", "end"]) {
                let x = get(&f, k);
                if !(x.is_undefined() || x.is_null()) {
                    *slot = Some(x.as_f64().ok_or_else(|| Error::value(format!("{k} argument must be an integer, zero, or None.")))?);
                }
            }
            let show = |v: f64| String::from(js_sys::Number::from(v).to_string_with_radix(10).unwrap_or_default());
            Some(crate::query::funcs::range_offsets(crate::query::funcs::frame(k == "RowRange", b[0], b[1], show)?, order.len())?)
        }
        _ => return Err(Error::usage("Window's frame must be RowRange({ start, end }) or ValueRange({ start, end }).")),
    };
    Ok(ExprInput::Window(Rc::new(crate::value::WindowInput { expr: e, partition, order, frame })))
}

fn opt_string(v: &JsValue, key: &'static str) -> Result<Option<String>> {
    let x = get(v, key);
    if x.is_undefined() || x.is_null() {
        return Ok(None);
    }
    x.as_string().map(Some).ok_or_else(|| Error::value(format!("Option '{key}' must be a string.")))
}

fn opt_bool(v: &JsValue, key: &'static str) -> Result<Option<bool>> {
    let x = get(v, key);
    if x.is_undefined() || x.is_null() {
        return Ok(None);
    }
    x.as_bool().map(Some).ok_or_else(|| Error::value(format!("Option '{key}' must be true or false.")))
}

fn opt_u32(v: &JsValue, key: &'static str) -> Result<Option<u32>> {
    let x = get(v, key);
    if x.is_undefined() || x.is_null() {
        return Ok(None);
    }
    match x.as_f64() {
        Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= u32::MAX as f64 => Ok(Some(n as u32)),
        _ => Err(Error::value(format!("Option '{key}' must be a non-negative integer."))),
    }
}

/// A field descriptor from `fields.XxxField({...})`: `{ kind, to?, options }`.
pub fn field_spec(v: &JsValue) -> Result<FieldSpec> {
    let kind = get_string(v, "kind").ok_or_else(|| Error::value("A field must be made with fields.XxxField(...)."))?;
    // Filled in place, in the order the options are read: every early
    // return drops this one value (one cleanup path, not one per option).
    let mut spec = FieldSpec { kind, ..Default::default() };
    let o = get(v, "options");
    let o = if o.is_object() { o } else { Object::new().into() };
    let to = get(v, "to");
    spec.to = if let Some(s) = to.as_string() {
        Some(s)
    } else if to.is_object() || to.is_function() {
        get_string(&to, "modelName")
    } else {
        None
    };
    let through = get(&o, "through");
    spec.through = if let Some(s) = through.as_string() {
        Some(s)
    } else if through.is_function() || through.is_object() {
        get_string(&through, "modelName")
    } else {
        None
    };
    let default = get(&o, "default");
    spec.has_default = !default.is_undefined();
    if spec.has_default && !default.is_function() {
        spec.default = Some(input(&default)?);
    }
    let choices = get(&o, "choices");
    if Array::is_array(&choices) {
        let list = spec.choices.insert(Vec::new());
        for c in choices.unchecked_ref::<Array>().iter() {
            let v = if Array::is_array(&c) { c.unchecked_ref::<Array>().get(0) } else { c };
            list.push(input(&v)?);
        }
    }
    spec.null = opt_bool(&o, "null")?.unwrap_or(false);
    spec.unique = opt_bool(&o, "unique")?.unwrap_or(false);
    spec.primary_key = opt_bool(&o, "primaryKey")?.unwrap_or(false);
    spec.db_column = opt_string(&o, "dbColumn")?;
    spec.db_index = opt_bool(&o, "dbIndex")?;
    spec.max_length = opt_u32(&o, "maxLength")?;
    spec.max_digits = opt_u32(&o, "maxDigits")?;
    spec.decimal_places = opt_u32(&o, "decimalPlaces")?;
    spec.related_name = opt_string(&o, "relatedName")?;
    spec.on_delete = opt_string(&o, "onDelete")?;
    Ok(spec)
}

/// Model options: `{ table, ordering, getLatestBy }`.
pub fn model_options(v: &JsValue) -> Result<(Option<String>, Vec<String>, Vec<String>)> {
    if v.is_undefined() || v.is_null() {
        return Ok((None, vec![], vec![]));
    }
    let table = opt_string(v, "table")?;
    let list = |key: &'static str| -> Result<Vec<String>> {
        let x = get(v, key);
        if x.is_undefined() || x.is_null() {
            return Ok(vec![]);
        }
        if let Some(s) = x.as_string() {
            return Ok(vec![s]);
        }
        if !Array::is_array(&x) {
            return Err(Error::value(format!("Option '{key}' must be an array of field names.")));
        }
        strings(x.unchecked_ref(), key)
    };
    Ok((table, list("ordering")?, list("getLatestBy")?))
}

/// `[alias, Count("books", { distinct, filter, default })]` → an aggregate input.
pub fn aggregate(alias: &JsValue, d: &JsValue) -> Result<(String, crate::query::resolve::AggInput)> {
    let alias = alias.as_string().ok_or_else(|| Error::usage("An aggregate needs a string alias."))?;
    let func = marker(d).ok_or_else(|| Error::usage(format!("QuerySet.aggregate() received non-aggregate for '{alias}'.")))?;
    if func == "Window" {
        return Err(Error::usage(format!("{alias} is not an aggregate expression")));
    }
    // Filled in place: every early return drops this one value.
    let mut agg =
        crate::query::resolve::AggInput { func, path: String::new(), expr: None, distinct: false, sample: false, filter: None, default: None };
    if agg.func == "Func" {
        // A function around an aggregate; the resolver checks it holds one.
        agg.expr = Some(expr(d)?);
        return Ok((alias, agg));
    }
    let func = &agg.func;
    if !is_aggregate(func) {
        return Err(Error::usage(format!("{func}() is not an aggregate.")));
    }
    let args = get(d, "args");
    if !Array::is_array(&args) {
        return Err(Error::usage(format!("{func}() needs a field name.")));
    }
    let args: &Array = args.unchecked_ref();
    let first = args.get(0);
    match marker(&first).as_deref() {
        Some("F" | "Value" | "expr" | "Case" | "Func") => agg.expr = Some(expr(&first)?),
        _ => agg.path = first.as_string().ok_or_else(|| Error::usage(format!("{func}() takes a field name as its first argument.")))?,
    }
    let opts = args.get(1);
    let filter = get(&opts, "filter");
    if !filter.is_undefined() && !filter.is_null() {
        agg.filter = Some(q(&filter)?);
    }
    let default = get(&opts, "default");
    if !default.is_undefined() && !default.is_null() {
        agg.default = Some(input(&default)?);
    }
    (agg.distinct, agg.sample) = (get(&opts, "distinct").is_truthy(), get(&opts, "sample").is_truthy());
    Ok((alias, agg))
}

/// The marker of an aggregate (`Count(...)`, ..., `Variance(...)`).
fn is_aggregate(kind: &str) -> bool {
    matches!(kind, "Count" | "Sum" | "Avg" | "Min" | "Max" | "StdDev" | "Variance")
}

/// `[name, Count(...) | F(...) | Value(...)]` → an annotation input.
pub fn annotation(name: &JsValue, d: &JsValue) -> Result<(String, crate::query::resolve::AnnotationInput)> {
    use crate::query::resolve::AnnotationInput;
    let n = name.as_string().ok_or_else(|| Error::usage("An annotation needs a string name."))?;
    match marker(d).as_deref() {
        Some(k) if is_aggregate(k) => {
            let (n, a) = aggregate(name, d)?;
            Ok((n, AnnotationInput::Aggregate(a)))
        }
        Some("F" | "Value" | "expr" | "Case" | "Subquery" | "Exists" | "Func" | "Window" | "Q") => Ok((n, AnnotationInput::Expr(expr(d)?))),
        Some(other) => Err(Error::not_supported(format!("{other}() in annotate() is not supported by this version of Quarry yet."))),
        None => Err(Error::usage(format!("QuerySet.annotate() received non-expression(s): {}.", describe(d)))),
    }
}
