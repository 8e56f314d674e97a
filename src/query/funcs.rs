//! Django's database functions (`django.db.models.functions`) as Django 5.2
//! writes them for SQLite, in SQL that D1 runs: one table row per function.
//! Where Django's SQL names a function D1 refuses (`POWER`, `CEILING`) or
//! one Django registers in Python (`COT`, `LPAD`, `RPAD`, `REPEAT`, `RAND`),
//! the row's SQL is D1's spelling or a built-in expression with Django's result.

use std::fmt::Write as _;
use std::rc::Rc;

use crate::compiler::sql_ast::BinOp;
use crate::error::{Error, Result};
use crate::model::Registry;
use crate::query::expr::{Cond, SExpr};
use crate::query::slots::Src;
use crate::value::{Input, Value};

/// How a function's output field is found (Django's `_resolve_output_field`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Out {
    /// The arguments' common type (mixed types are a FieldError).
    Same,
    /// The first argument's type (`Abs`, `Round`, ...).
    First,
    /// Decimal if an argument is, else Float (`NumericOutputFieldMixin`).
    Numeric,
    Float,
    Int,
    DateTime,
    Char,
    /// A JSONField (`JSONObject`).
    Json,
    /// The `outputField` given (`Cast`).
    Cast,
}

/// `(Django name, SQL name, fewest arguments, most, output, init)`: `init`
/// names the arguments of a function Django builds with its own `__init__`
/// (wrong counts are Python's TypeError); "" is `Func.arity`'s check, "+" is
/// "must take at least two expressions".
type Spec = (&'static str, &'static str, u8, u8, Out, &'static str);

const FUNCS: &[Spec] = &[
    ("Cast", "", 1, 1, Out::Cast, "expression output_field"),
    ("KT", "", 1, 1, Out::Char, ""),
    ("JSONObject", "JSON_OBJECT", 0, u8::MAX, Out::Json, ""),
    ("ExpressionWrapper", "", 1, 1, Out::Cast, "expression output_field"),
    ("Coalesce", "COALESCE", 2, u8::MAX, Out::Same, "+"),
    ("Greatest", "MAX", 2, u8::MAX, Out::Same, "+"),
    ("Least", "MIN", 2, u8::MAX, Out::Same, "+"),
    ("NullIf", "NULLIF", 2, 2, Out::Same, ""),
    ("Concat", "", 2, u8::MAX, Out::Same, "+"),
    ("Left", "SUBSTR", 2, 2, Out::Char, "expression length"),
    ("Right", "SUBSTR", 2, 2, Out::Char, "expression length"),
    ("Length", "LENGTH", 1, 1, Out::Int, ""),
    ("Lower", "LOWER", 1, 1, Out::Char, ""),
    ("Upper", "UPPER", 1, 1, Out::Char, ""),
    ("LTrim", "LTRIM", 1, 1, Out::Char, ""),
    ("RTrim", "RTRIM", 1, 1, Out::Char, ""),
    ("Trim", "TRIM", 1, 1, Out::Char, ""),
    ("Ord", "UNICODE", 1, 1, Out::Int, ""),
    ("Chr", "CHAR", 1, 1, Out::Char, ""),
    ("Replace", "REPLACE", 2, 3, Out::Char, "expression text replacement"),
    ("StrIndex", "INSTR", 2, 2, Out::Int, ""),
    ("Substr", "SUBSTR", 2, 3, Out::Char, "expression pos length"),
    ("LPad", "", 2, 3, Out::Char, "expression length fill_text"),
    ("RPad", "", 2, 3, Out::Char, "expression length fill_text"),
    ("Repeat", "", 2, 2, Out::Char, "expression number"),
    ("Reverse", "", 1, 1, Out::Char, ""),
    ("Abs", "ABS", 1, 1, Out::First, ""),
    ("ACos", "ACOS", 1, 1, Out::Numeric, ""),
    ("ASin", "ASIN", 1, 1, Out::Numeric, ""),
    ("ATan", "ATAN", 1, 1, Out::Numeric, ""),
    ("ATan2", "ATAN2", 2, 2, Out::Numeric, ""),
    ("Ceil", "CEIL", 1, 1, Out::First, ""),
    ("Cos", "COS", 1, 1, Out::Numeric, ""),
    ("Cot", "", 1, 1, Out::Numeric, ""),
    ("Degrees", "DEGREES", 1, 1, Out::Numeric, ""),
    ("Exp", "EXP", 1, 1, Out::Numeric, ""),
    ("Floor", "FLOOR", 1, 1, Out::First, ""),
    ("Ln", "LN", 1, 1, Out::Numeric, ""),
    ("Log", "LOG", 2, 2, Out::Numeric, ""),
    ("Mod", "MOD", 2, 2, Out::Numeric, ""),
    ("Pi", "PI", 0, 0, Out::Float, ""),
    ("Power", "POW", 2, 2, Out::Numeric, ""),
    ("Radians", "RADIANS", 1, 1, Out::Numeric, ""),
    ("Random", "", 0, 0, Out::Float, ""),
    ("Now", "", 0, 0, Out::DateTime, ""),
    ("Round", "ROUND", 1, 2, Out::First, "expression precision"),
    ("Sign", "SIGN", 1, 1, Out::First, ""),
    ("Sin", "SIN", 1, 1, Out::Numeric, ""),
    ("Sqrt", "SQRT", 1, 1, Out::Numeric, ""),
    ("Tan", "TAN", 1, 1, Out::Numeric, ""),
    ("Extract", "", 2, 2, Out::Int, "expression lookup_name"),
    ("ExtractYear", "year", 1, 1, Out::Int, ""),
    ("ExtractIsoYear", "iso_year", 1, 1, Out::Int, ""),
    ("ExtractQuarter", "quarter", 1, 1, Out::Int, ""),
    ("ExtractMonth", "month", 1, 1, Out::Int, ""),
    ("ExtractWeek", "week", 1, 1, Out::Int, ""),
    ("ExtractDay", "day", 1, 1, Out::Int, ""),
    ("ExtractWeekDay", "week_day", 1, 1, Out::Int, ""),
    ("ExtractIsoWeekDay", "iso_week_day", 1, 1, Out::Int, ""),
    ("ExtractHour", "hour", 1, 1, Out::Int, ""),
    ("ExtractMinute", "minute", 1, 1, Out::Int, ""),
    ("ExtractSecond", "second", 1, 1, Out::Int, ""),
    ("Trunc", "", 2, 2, Out::First, "expression kind"),
    ("TruncYear", "year", 1, 1, Out::First, ""),
    ("TruncQuarter", "quarter", 1, 1, Out::First, ""),
    ("TruncMonth", "month", 1, 1, Out::First, ""),
    ("TruncWeek", "week", 1, 1, Out::First, ""),
    ("TruncDay", "day", 1, 1, Out::First, ""),
    ("TruncDate", "date", 1, 1, Out::First, ""),
    ("TruncTime", "time", 1, 1, Out::First, ""),
    ("TruncHour", "hour", 1, 1, Out::First, ""),
    ("TruncMinute", "minute", 1, 1, Out::First, ""),
    ("TruncSecond", "second", 1, 1, Out::First, ""),
    // Window functions (only inside `Window`; JS passes Ntile's, Lag's and
    // NthValue's defaults).
    ("RowNumber", "ROW_NUMBER", 0, 0, Out::Int, ""),
    ("Rank", "RANK", 0, 0, Out::Int, ""),
    ("DenseRank", "DENSE_RANK", 0, 0, Out::Int, ""),
    ("PercentRank", "PERCENT_RANK", 0, 0, Out::Float, ""),
    ("CumeDist", "CUME_DIST", 0, 0, Out::Float, ""),
    ("Ntile", "NTILE", 1, 1, Out::Int, ""),
    ("Lag", "LAG", 2, 3, Out::First, "expression offset default"),
    ("Lead", "LEAD", 2, 3, Out::First, "expression offset default"),
    ("FirstValue", "FIRST_VALUE", 1, 1, Out::First, ""),
    ("LastValue", "LAST_VALUE", 1, 1, Out::First, ""),
    ("NthValue", "NTH_VALUE", 2, 2, Out::First, "expression nth"),
];

/// Is `name` a window function (usable only as a `Window`'s source)?
pub fn is_window(name: &str) -> bool {
    FUNCS.iter().rposition(|s| s.0 == name).is_some_and(|i| i >= FUNCS.len() - 11)
}

/// Django's class name of an expression (in its errors).
pub fn class_name(e: &crate::value::ExprInput) -> &str {
    use crate::value::ExprInput as E;
    match e {
        E::F(_) => "F",
        E::Value(_) => "Value",
        E::Combined { .. } => "CombinedExpression",
        E::Case { .. } => "Case",
        E::OuterRef { .. } => "OuterRef",
        E::Subquery { exists: true, .. } => "Exists",
        E::Subquery { .. } => "Subquery",
        E::Func { name, .. } => name,
        E::Agg(a) => &a.func,
        E::Window(_) => "Window",
        E::Q(_) => "Q",
    }
}

/// A `RowRange` (`rows`) or `ValueRange` frame's bounds, checked as Django's
/// `window_frame_rows_start_end` / `window_frame_range_start_end`; `show`
/// writes a fractional bound in an error (the host's number formatting: Rust's
/// would grow the wasm).
pub fn frame(rows: bool, start: Option<f64>, end: Option<f64>, show: fn(f64) -> String) -> Result<Frame> {
    let shown = |v: f64| if v.fract() == 0.0 { (v as i64).to_string() } else { show(v) };
    let bad =
        |which: &str, v: f64, kind: &str| Error::value(format!("{which} argument must be {kind} integer, zero, or None, but got '{}'.", shown(v)));
    let int = |v: Option<f64>| v.filter(|v| v.fract() == 0.0 && v.abs() < 9e15).map(|v| v as i64);
    match (start, end) {
        (Some(s), _) if int(Some(s)).is_none() || (!rows && s > 0.0) => Err(bad("start", s, if rows { "an" } else { "a negative" })),
        (_, Some(e)) if int(Some(e)).is_none() || (!rows && e < 0.0) => Err(bad("end", e, if rows { "an" } else { "a positive" })),
        (Some(s), Some(e)) if rows && s > e => Err(Error::value("start cannot be greater than end.")),
        _ => Ok((rows, int(start), int(end))),
    }
}

/// SQLite refuses a RANGE frame with an offset unless it has one ORDER BY
/// term, when the query runs (Django's OperationalError): refused where it is written.
pub fn range_offsets(fr: Frame, order: usize) -> Result<Frame> {
    if !fr.0 && (fr.1.unwrap_or(0) != 0 || fr.2.unwrap_or(0) != 0) && order != 1 {
        return Err(Error::database("RANGE with offset PRECEDING/FOLLOWING requires one ORDER BY expression"));
    }
    Ok(fr)
}

/// A window frame: `RowRange` (`true`) or `ValueRange`, start and end (`None`: unbounded).
pub type Frame = (bool, Option<i64>, Option<i64>);

/// The function's table row, or Django's error for `n` arguments.
pub fn spec(name: &str, n: usize) -> Result<&'static Spec> {
    let s = FUNCS.iter().find(|s| s.0 == name).ok_or_else(|| Error::value(format!("Unknown function \"{name}\".")))?;
    let (min, max) = (s.2 as usize, s.3 as usize);
    if name == "Extract" && n == 1 {
        return Err(Error::value("lookup_name must be provided"));
    }
    if (min..=max).contains(&n) {
        return Ok(s);
    }
    let plural = |k: usize| if k == 1 { "argument" } else { "arguments" };
    Err(match s.5 {
        "+" => Error::value(format!("{name} must take at least two expressions")),
        "" => Error::usage(format!("'{name}' takes exactly {min} {} ({n} given)", plural(min))),
        names if n < min => {
            let mut missing: Vec<String> = Vec::new();
            for a in crate::text::split(names, " ").skip(n).take(min - n) {
                missing.push(format!("'{a}'"));
            }
            let list = match missing.as_slice() {
                [a] => a.clone(),
                [init @ .., last] => format!("{} and {last}", crate::text::join(init, ", ")),
                [] => String::new(),
            };
            Error::usage(format!("{name}.__init__() missing {} required positional {}: {list}", missing.len(), plural(missing.len())))
        }
        _ if min == max => Error::usage(format!("{name}.__init__() takes {} positional arguments but {} were given", max + 1, n + 1)),
        _ => Error::usage(format!("{name}.__init__() takes from {} to {} positional arguments but {} were given", min + 1, max + 1, n + 1)),
    })
}

/// The check Django makes of a number argument when the function is built:
/// `(position, least value, message)`.
pub fn check(name: &str) -> Option<(usize, i8, &'static str)> {
    Some(match name {
        "Left" | "Right" => (1, 1, "'length' must be greater than 0."),
        "Substr" => (1, 1, "'pos' must be greater than 0"),
        "LPad" | "RPad" => (1, 0, "'length' must be greater or equal to 0."),
        "Repeat" => (1, 0, "'number' must be greater or equal to 0."),
        "Round" => (1, 0, "SQLite does not support negative precision."),
        "Ntile" => (0, 1, "num_buckets must be greater than 0."),
        "Lag" => (1, 1, "Lag requires a positive integer for the offset."),
        "Lead" => (1, 1, "Lead requires a positive integer for the offset."),
        "NthValue" => (1, 1, "NthValue requires a positive integer as for nth."),
        _ => return None,
    })
}

/// [`check`]'s test of one value (a number below `min` is `msg`; so is a
/// null where it must be positive: Django's `nth is None or nth <= 0`).
pub fn at_least(reg: &Registry, v: &Input, min: i8, msg: &str) -> Result<Value> {
    match v {
        Input::Num(n) if *n < f64::from(min) => return Err(Error::value(msg)),
        Input::Null if min == 1 => return Err(Error::value(msg)),
        _ => {}
    }
    crate::query::resolve::expr_param(reg, v, None)
}

/// `'[' || SUBSTR(REPLACE(HEX(ZEROBLOB(LENGTH(t))), '00', ',0'), 2) || ']'`:
/// a JSON array of as many zeros as `t` has characters (`Reverse`'s rows).
pub fn zeros(t: &SExpr) -> SExpr {
    let zs = repeat(text(",0"), call("LENGTH", vec![t.clone()]));
    bin(bin(text("["), BinOp::Concat, call("SUBSTR", vec![zs, SExpr::Int(2)])), BinOp::Concat, text("]"))
}

/// `SUBSTR(t, 1, 0)`: `''`, or NULL when `t` is (`Reverse` of an empty text).
pub fn empty_of(t: &SExpr) -> SExpr {
    call("SUBSTR", vec![t.clone(), SExpr::Int(1), SExpr::Int(0)])
}

/// A compiler-chosen text parameter.
pub fn text_param(s: &str) -> SExpr {
    text(s)
}

fn konst(v: Value) -> SExpr {
    SExpr::Param(v, Src::Const)
}

fn text(s: &str) -> SExpr {
    konst(Value::Text(s.into()))
}

fn call(name: &'static str, args: Vec<SExpr>) -> SExpr {
    SExpr::Func { name, args }
}

fn bin(l: SExpr, op: BinOp, r: SExpr) -> SExpr {
    SExpr::Bin { op, l: Box::new(l), r: Box::new(r) }
}

/// `fill` repeated `n` times (none when `n` < 1): `REPLACE(HEX(ZEROBLOB(n)), '00', fill)`.
fn repeat(fill: SExpr, n: SExpr) -> SExpr {
    call("REPLACE", vec![call("HEX", vec![call("ZEROBLOB", vec![n])]), text("00"), fill])
}

/// Django's `ConcatPair` on SQLite: `COALESCE(a, '') || COALESCE(b, '')`.
fn concat(mut args: Vec<SExpr>) -> SExpr {
    let coalesce = |e| call("COALESCE", vec![e, text("")]);
    let mut out = args.pop().unwrap_or(SExpr::Null);
    while let Some(a) = args.pop() {
        out = bin(coalesce(a), BinOp::Concat, coalesce(out));
    }
    out
}

/// The SQL of `spec` over its resolved arguments (`Cast` is the caller's).
pub fn build(spec: &Spec, mut a: Vec<SExpr>) -> SExpr {
    let int = |i: i64| konst(Value::Int(i));
    match (spec.0, a.len()) {
        ("LPad" | "RPad" | "Repeat", _) => pad(spec.0, a),
        ("Concat", _) => concat(a),
        // SUBSTR(text, 1, n).
        ("Left", _) => {
            let n = a.pop();
            a.push(int(1));
            if let Some(n) = n {
                a.push(n);
            }
            call("SUBSTR", a)
        }
        // SUBSTR(text, n * -1, n).
        ("Right", 2) => {
            if let Some(n) = a.pop() {
                a.push(bin(n.clone(), BinOp::Multiply, int(-1)));
                a.push(n);
            }
            call("SUBSTR", a)
        }
        ("Replace", 2) => {
            a.push(text(""));
            call("REPLACE", a)
        }
        ("Round", 1) => {
            a.push(int(0));
            call("ROUND", a)
        }
        ("Reverse", _) => SExpr::Reverse(Box::new(a.pop().unwrap_or(SExpr::Null))),
        ("Now", _) => call("STRFTIME", vec![text("%Y-%m-%d %H:%M:%f"), text("NOW")]),
        ("Cot", _) => bin(SExpr::Int(1), BinOp::Divide, call("TAN", a)),
        // Django's RAND(): a float in [0, 1).
        ("Random", _) => bin(
            SExpr::Cast { e: Box::new(call("ABS", vec![bin(call("RANDOM", vec![]), BinOp::Modulo, SExpr::Int(1_000_000_000))])), ty: "REAL" },
            BinOp::Divide,
            SExpr::Int(1_000_000_000),
        ),
        _ => call(spec.1, a),
    }
}

/// `LPad`, `RPad`, `Repeat`: Django registers Python functions for them on
/// SQLite; D1 has none, so they are built from `ZEROBLOB`, `REPLACE`, `SUBSTR`.
fn pad(name: &str, a: Vec<SExpr>) -> SExpr {
    let int = |i: i64| konst(Value::Int(i));
    let mut a = a.into_iter();
    let (t, n) = (a.next().unwrap_or(SExpr::Null), a.next().unwrap_or(SExpr::Null));
    let fill = a.next().unwrap_or_else(|| text(" "));
    match name {
        // Python's `(fill * length)[:length - len(text)] + text`, cut to `length`.
        "LPad" => {
            let pad = call("SUBSTR", vec![repeat(fill, n.clone()), int(1), bin(n.clone(), BinOp::Minus, call("LENGTH", vec![t.clone()]))]);
            call("SUBSTR", vec![bin(pad, BinOp::Concat, t), int(1), n])
        }
        // `(text + fill * length)[:length]`.
        "RPad" => call("SUBSTR", vec![bin(t, BinOp::Concat, repeat(fill, n.clone())), int(1), n]),
        // `text * number`; NULL stays NULL.
        _ => SExpr::Case {
            whens: vec![(Cond::IsNull { lhs: t.clone(), negated: false }, SExpr::Null)],
            default: Some(Box::new(repeat(t, n))),
            paren: false,
        },
    }
}

/// `Trunc(x, kind)` as a `"YYYY-MM-DD"` date (`datetime`: `"YYYY-MM-DD HH:MM:SS"`)
/// or, for `time`, Python's `str(time)`; `month` is `x`'s month number.
pub fn trunc(kind: &str, x: SExpr, datetime: bool, month: SExpr) -> Option<SExpr> {
    let day = if datetime { "%Y-%m-%d 00:00:00" } else { "%Y-%m-%d" };
    let at = |fmt: &str, mods: Vec<SExpr>| {
        let mut args = vec![text(fmt), x.clone()];
        for m in mods {
            args.push(m);
        }
        call("strftime", args)
    };
    Some(match kind {
        "year" => at(if datetime { "%Y-01-01 00:00:00" } else { "%Y-01-01" }, vec![]),
        "month" => at(if datetime { "%Y-%m-01 00:00:00" } else { "%Y-%m-01" }, vec![]),
        "day" | "date" => at(if kind == "date" { "%Y-%m-%d" } else { day }, vec![]),
        // The Monday on or before.
        "week" => at(day, vec![text("-6 days"), text("weekday 1")]),
        // The month's start, back (month - 1) % 3 months.
        "quarter" => {
            let back = bin(bin(month, BinOp::Minus, SExpr::Int(1)), BinOp::Modulo, SExpr::Int(3));
            at(day, vec![text("start of month"), bin(bin(text("-"), BinOp::Concat, back), BinOp::Concat, text(" months"))])
        }
        "hour" => at("%Y-%m-%d %H:00:00", vec![]),
        "minute" => at("%Y-%m-%d %H:%M:00", vec![]),
        "second" => at("%Y-%m-%d %H:%M:%S", vec![]),
        // Python's str(time): microseconds only when there are some.
        "time" => SExpr::Case {
            whens: vec![(Cond::Cmp { lhs: at("%f", vec![]), op: crate::query::expr::Cmp::Eq, rhs: at("%S.000", vec![]) }, at("%H:%M:%S", vec![]))],
            default: Some(Box::new(bin(at("%H:%M:%f", vec![]), BinOp::Concat, text("000")))),
            paren: false,
        },
        _ => return None,
    })
}

/// `Cast(e, field)` as Django writes it for SQLite.
pub fn cast(e: SExpr, kind: &str) -> Result<SExpr> {
    let ty = match kind {
        "FloatField" => "real",
        "IntegerField" | "SmallIntegerField" | "PositiveIntegerField" | "PositiveSmallIntegerField" | "AutoField" | "BigAutoField" => "integer",
        "BigIntegerField" | "PositiveBigIntegerField" => "bigint",
        "CharField" | "TextField" | "EmailField" | "SlugField" | "URLField" => "text",
        "DecimalField" => "decimal",
        "BooleanField" => "bool",
        "DateField" => return Ok(call("date", vec![e])),
        "DateTimeField" | "TimeField" => {
            let f = if kind == "TimeField" { "%H:%M:%f" } else { "%Y-%m-%d %H:%M:%f" };
            return Ok(call("strftime", vec![text(f), e]));
        }
        other => return Err(Error::not_supported(format!("Cast() to {other} is not supported by this version of Quarry yet."))),
    };
    Ok(SExpr::Cast { e: Box::new(e), ty })
}

/// Python's `json.dumps(s)` of a string (Django's JSON path labels).
pub fn py_str(s: &str) -> String {
    let mut out = String::new();
    crate::value::write_json_str(&mut out, s);
    crate::value::py_json(&out)
}

/// Python's `int(s)`, when `s` is one (a JSON path's array index).
fn py_int(s: &str) -> Option<i64> {
    let t = s.trim();
    let d = crate::value::unsigned(t);
    let ok = !d.is_empty()
        && !d.starts_with('_')
        && !d.ends_with('_')
        && !crate::text::contains(d, "__")
        && d.bytes().all(|c| c.is_ascii_digit() || c == b'_');
    ok.then(|| crate::value::parse_i64(&crate::text::replace(t, "_", ""))).flatten()
}

/// Django's `compile_json_path`: `$."owner"."tags"[0]` (`final_key`: the
/// last key quoted even when it is a number, as `has_key` takes it).
pub fn json_path(keys: &[Rc<str>], final_key: bool) -> String {
    let mut out = String::from("$");
    for (i, k) in keys.iter().enumerate() {
        match py_int(k) {
            Some(n) if !(final_key && i + 1 == keys.len()) => {
                let _ = write!(out, "[{n}]");
            }
            _ => {
                out.push('.');
                out.push_str(&py_str(k));
            }
        }
    }
    out
}

/// `JSON_TYPE(e, path)` (`has_key`, key `isnull`).
pub fn json_type(e: SExpr, path: String) -> SExpr {
    call("JSON_TYPE", vec![e, text(&path)])
}

/// A key transform's value as `KeyTransformExact` compares it: JSON's
/// `null`/`true`/`false` as they are (`JSON_TYPE` gives them as text), other
/// JSON text through `JSON_EXTRACT(v, '$')`.
pub fn json_value(v: SExpr) -> SExpr {
    match &v {
        SExpr::Param(Value::Text(t), _) if JSON_TYPES.contains(&t.as_str()) => v,
        _ => call("JSON_EXTRACT", vec![v, text("$")]),
    }
}

/// The JSON types `JSON_TYPE` names as the value itself (Django's `jsonfield_datatype_values`).
pub const JSON_TYPES: [&str; 3] = ["false", "true", "null"];
