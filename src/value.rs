//! Values: what JavaScript hands us ([`Input`]) and what we bind ([`Value`]).
//!
//! [`Input`] is host-neutral: the wasm bindings convert a `JsValue` into it,
//! native tests build it directly. Each field kind turns an `Input` into the
//! [`Value`] it stores (see `model::Field::to_db`), which is always bound as a
//! placeholder parameter.

use std::fmt::Write as _;
use std::rc::Rc;

/// A bound SQL parameter.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// SQL NULL.
    Null,
    /// An integer (booleans are bound as 0/1 on SQLite).
    Int(i64),
    /// A float.
    Real(f64),
    /// Text.
    Text(String),
    /// Bytes.
    Blob(Vec<u8>),
}

/// A value as the user gave it, before a field interprets it.
#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    /// `undefined` (a missing argument).
    Undefined,
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A JS number.
    Num(f64),
    /// A JS bigint that fits in i64.
    BigInt(i64),
    /// A string.
    Str(String),
    /// A JS `Date`, as milliseconds since the epoch (NaN for an invalid date).
    Date(f64),
    /// A `Uint8Array`.
    Bytes(Vec<u8>),
    /// An array.
    List(Vec<Input>),
    /// A plain object, already serialised as JSON text (for JSONField).
    Json(String),
    /// A model instance: its model name and primary key.
    Instance { model: Rc<str>, pk: Box<Input> },
    /// An `F()` expression tree.
    Expr(Rc<ExprInput>),
}

/// `F("x")`, `Value(v)` and arithmetic between them.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprInput {
    /// `F("path")`.
    F(String),
    /// `Value(v)`.
    Value(Input),
    /// `lhs <op> rhs`, op one of `+ - * / %`.
    Combined { op: ArithOp, lhs: Rc<ExprInput>, rhs: Rc<ExprInput> },
    /// `Case(When(cond, { then }), ..., { default, outputField })`; `output`
    /// is the `outputField`'s kind (`CharField`), when given.
    Case { whens: Vec<(crate::query::QInput, Rc<ExprInput>)>, default: Option<Rc<ExprInput>>, output: Option<String> },
    /// `OuterRef("path")`; `up` counts the queries out it refers to
    /// (`OuterRef(OuterRef("pk"))` is 2).
    OuterRef { name: String, up: usize },
    /// `Subquery(qs)` or `Exists(qs)`.
    /// `bare`: a QuerySet given as a lookup value (Django selects its pk, checks its model, columns and slice).
    Subquery { qs: SubqueryInput, exists: bool, bare: bool },
    /// A database function (`Lower("name")`): Django's name, its arguments
    /// (`Round`'s `precision` last), the `outputField` kind when given.
    Func { name: String, args: Vec<Rc<ExprInput>>, output: Option<String> },
    /// An aggregate as an expression (the source of a `Window`).
    Agg(Rc<crate::query::resolve::AggInput>),
    /// `Window(expr, { partitionBy, orderBy, frame })`.
    Window(Rc<WindowInput>),
    /// A `Q(...)` as a boolean expression (`annotate({ adult: Q({ age__gte: 18 }) })`).
    Q(Rc<crate::query::QInput>),
}

/// A `Window`: its source, `PARTITION BY` and `ORDER BY` expressions (with
/// `Some(desc)` when given a direction, NULLS placement) and frame.
#[derive(Clone, Debug, PartialEq)]
pub struct WindowInput {
    pub expr: Rc<ExprInput>,
    pub partition: Vec<Rc<ExprInput>>,
    pub order: Vec<(Rc<ExprInput>, Option<bool>, Option<bool>)>,
    /// `RowRange` (`true`) or `ValueRange`, start and end (`None`: unbounded).
    pub frame: Option<(bool, Option<i64>, Option<i64>)>,
}

/// The QuerySet of a `Subquery`/`Exists` (equal when it is the same query:
/// the chain's recorded value and the core's slot are read separately).
#[derive(Clone, Debug)]
pub struct SubqueryInput(pub crate::query::QuerySet);

impl PartialEq for SubqueryInput {
    fn eq(&self, o: &SubqueryInput) -> bool {
        use crate::compiler::{compile, Shape};
        Rc::ptr_eq(&self.0.node, &o.0.node) || matches!((compile(&self.0, Shape::Rows), compile(&o.0, Shape::Rows)), (Ok(a), Ok(b)) if a == b)
    }
}

/// Arithmetic between expressions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Mod,
}

impl Input {
    /// Is this `null` or `undefined`?
    pub fn is_nullish(&self) -> bool {
        matches!(self, Input::Null | Input::Undefined)
    }

    /// A short rendering for error messages, close to Python's repr.
    pub fn repr(&self) -> String {
        match self {
            Input::Undefined => "undefined".into(),
            Input::Null => "None".into(),
            Input::Bool(b) => if *b { "True" } else { "False" }.into(),
            Input::Num(n) => fmt_num(*n),
            Input::BigInt(n) => n.to_string(),
            Input::Str(s) => format!("'{s}'"),
            Input::Date(ms) => format_datetime(*ms).unwrap_or_else(|| "Invalid Date".into()),
            Input::Bytes(b) => format!("<{} bytes>", b.len()),
            Input::List(items) => {
                let mut parts: Vec<String> = Vec::with_capacity(items.len());
                for item in items {
                    parts.push(item.repr());
                }
                format!("[{}]", crate::text::join(&parts, ", "))
            }
            Input::Json(j) => j.clone(),
            Input::Instance { model, pk } => format!("<{model}: {}>", pk.repr()),
            Input::Expr(_) => "<expression>".into(),
        }
    }

    /// Serialise as JSON text (for JSONField values and JSON-bound lists).
    pub fn to_json(&self) -> Option<String> {
        let mut out = String::new();
        self.write_json(&mut out).then_some(out)
    }

    fn write_json(&self, out: &mut String) -> bool {
        match self {
            Input::Null | Input::Undefined => out.push_str("null"),
            Input::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Input::Num(n) if n.is_finite() => out.push_str(&fmt_num(*n)),
            Input::Num(_) => out.push_str("null"),
            Input::BigInt(n) => {
                let _ = write!(out, "{n}");
            }
            Input::Str(s) => write_json_str(out, s),
            Input::Date(ms) => match format_datetime(*ms) {
                Some(s) => write_json_str(out, &s),
                None => return false,
            },
            Input::Json(j) => out.push_str(j),
            Input::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    if !item.write_json(out) {
                        return false;
                    }
                }
                out.push(']');
            }
            Input::Instance { pk, .. } => return pk.write_json(out),
            Input::Bytes(_) | Input::Expr(_) => return false,
        }
        true
    }
}

/// Compact JSON (`JSON.stringify`'s, or [`Input::to_json`]'s) as Python's
/// `json.dumps` writes it, which Django stores and binds: `", "` and `": "`
/// between items, and every character outside ASCII's printable range
/// escaped as `\uXXXX` (UTF-16 units).
pub fn py_json(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() + 8);
    let (mut in_str, mut esc) = (false, false);
    for c in compact.chars() {
        if in_str && (c as u32) > 0x7e {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{u:04x}");
            }
            continue;
        }
        out.push(c);
        match c {
            _ if esc => esc = false,
            '\\' if in_str => esc = true,
            '"' => in_str = !in_str,
            ',' | ':' if !in_str => out.push(' '),
            _ => {}
        }
    }
    out
}

impl Input {
    /// The expressions of a lookup value: itself, or those in its `in`/`range` list.
    pub fn exprs(&self) -> impl Iterator<Item = &ExprInput> {
        let items = match self {
            Input::List(items) => &items[..],
            v => std::slice::from_ref(v),
        };
        items.iter().filter_map(|i| match i {
            Input::Expr(e) => Some(&**e),
            _ => None,
        })
    }
}

/// Sort a short list in place (kwargs, field names, suggestions): an
/// insertion sort, stable, and far smaller in wasm than the standard sorts.
pub fn sort_small<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        // `j` stays in `v` (no bounds check to fail).
        while let (Some(a), Some(b)) = (v.get(j.wrapping_sub(1)), v.get(j)) {
            if !less(b, a) {
                break;
            }
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Write `s` as a JSON string literal.
pub fn write_json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

impl Value {
    /// Serialise as a JSON scalar (for `IN (SELECT value FROM json_each(?))`).
    pub fn write_json(&self, out: &mut String) -> bool {
        match self {
            Value::Null => out.push_str("null"),
            Value::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Value::Real(f) if f.is_finite() => out.push_str(&fmt_num(*f)),
            Value::Text(s) => write_json_str(out, s),
            Value::Real(_) | Value::Blob(_) => return false,
        }
        true
    }
}

/// Format a number as JavaScript's `String(n)` does. In wasm it asks
/// JavaScript itself (exact, and it keeps Rust's float formatter out of the
/// binary); natively integers print without a fraction and others as Rust's
/// shortest form.
pub fn fmt_num(n: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::Number::from(n).to_string_with_radix(10).unwrap_or_else(|_| js_sys::JsString::from("NaN")))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        if n.fract() == 0.0 && n.abs() < 1e21 {
            format!("{}", n as i128)
        } else {
            format!("{n}")
        }
    }
}

/// `s.parse::<i64>().ok()`: an optional sign and ASCII digits, None on
/// overflow. Written out: core's generic integer parser is larger in wasm.
pub fn parse_i64(s: &str) -> Option<i64> {
    let (neg, digits) = match s.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        b => (false, b),
    };
    if digits.is_empty() {
        return None;
    }
    let mut n: i64 = 0;
    for &c in digits {
        let d = c.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        n = n.checked_mul(10)?;
        n = if neg { n.checked_sub(i64::from(d))? } else { n.checked_add(i64::from(d))? };
    }
    Some(n)
}

/// `s` without one leading `+` or `-` (`s.strip_prefix(['+', '-'])`, in bytes).
pub fn unsigned(s: &str) -> &str {
    match s.as_bytes().first() {
        Some(b'+' | b'-') => s.get(1..).unwrap_or(s),
        _ => s,
    }
}

/// Parse a decimal number from text (`" 1.5 "`), None when it is not one.
pub fn parse_num(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    #[cfg(target_arch = "wasm32")]
    {
        // JavaScript's Number(text): whole-string decimal parsing, NaN otherwise.
        #[allow(deprecated)]
        let n = js_sys::Number::new(&wasm_bindgen::JsValue::from_str(s)).value_of();
        (!n.is_nan()).then_some(n)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        s.parse::<f64>().ok()
    }
}

// ---- dates -------------------------------------------------------------

/// Days since 1970-01-01 for a proleptic Gregorian date.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The date for a day number since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// Parse `YYYY-MM-DD` strictly.
pub fn parse_date(s: &str) -> Option<(i64, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    // A sign is no digit: `-1` fails as u32 would, `-0` as month or day 0.
    let y = parse_i64(s.get(0..4)?)?;
    let m = u32::try_from(parse_i64(s.get(5..7)?)?).ok()?;
    let d = u32::try_from(parse_i64(s.get(8..10)?)?).ok()?;
    ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then_some((y, m, d))
}

/// Format a date as `YYYY-MM-DD`.
pub fn format_date(y: i64, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// Milliseconds since the epoch → `YYYY-MM-DDTHH:MM:SS.sssZ` (JS `toISOString`).
pub fn format_datetime(ms: f64) -> Option<String> {
    if !ms.is_finite() || ms.abs() > 8.64e15 {
        return None;
    }
    let ms = ms as i64;
    let days = ms.div_euclid(86_400_000);
    let rem = ms.rem_euclid(86_400_000);
    let (y, m, d) = civil_from_days(days);
    if !(0..=9999).contains(&y) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z", rem / 3_600_000, rem / 60_000 % 60, rem / 1000 % 60, rem % 1000))
}

/// Milliseconds since the epoch → Django's DateTimeField text on SQLite,
/// `YYYY-MM-DD HH:MM:SS[.ffffff]` (UTC; the fraction only when not zero).
pub fn db_datetime(ms: f64) -> Option<String> {
    let iso = format_datetime(ms)?;
    let (date, time, frac) = (iso.get(..10)?, iso.get(11..19)?, iso.get(20..23)?);
    Some(format!("{date} {time}{}", if frac == "000" { String::new() } else { format!(".{frac}000") }))
}

/// Parse an ISO-8601 date or date-time (`YYYY-MM-DD`, `YYYY-MM-DD[T ]HH:MM[:SS[.fff]][Z|±HH:MM]`)
/// into milliseconds since the epoch, UTC. A time without an offset is taken as UTC.
pub fn parse_datetime(s: &str) -> Option<f64> {
    let s = s.trim();
    let (y, m, d) = parse_date(s.get(0..10)?)?;
    let mut ms = days_from_civil(y, m, d) * 86_400_000;
    let rest = s.get(10..)?;
    if rest.is_empty() {
        return Some(ms as f64);
    }
    let rest = match rest.as_bytes().first() {
        Some(b'T' | b't' | b' ') => rest.get(1..)?,
        _ => return None,
    };
    let b = rest.as_bytes();
    if b.len() < 5 || b[2] != b':' {
        return None;
    }
    let hh = parse_i64(rest.get(0..2)?)?;
    let mm = parse_i64(rest.get(3..5)?)?;
    let mut i = 5;
    let mut ss = 0i64;
    let mut frac = 0i64;
    if b.get(i) == Some(&b':') {
        ss = parse_i64(rest.get(i + 1..i + 3)?)?;
        i += 3;
        if b.get(i) == Some(&b'.') {
            let start = i + 1;
            let mut end = start;
            while end < b.len() && b[end].is_ascii_digit() {
                end += 1;
            }
            let digits = rest.get(start..end)?;
            if digits.is_empty() {
                return None;
            }
            let mut first3 = String::from(digits.get(..3).unwrap_or(digits));
            while first3.len() < 3 {
                first3.push('0');
            }
            frac = parse_i64(&first3)?;
            i = end;
        }
    }
    if hh > 23 || mm > 59 || ss > 59 {
        return None;
    }
    ms += hh * 3_600_000 + mm * 60_000 + ss * 1000 + frac;
    let tz = rest.get(i..)?;
    match tz {
        "" | "Z" | "z" => {}
        _ => {
            let sign = match tz.as_bytes().first() {
                Some(b'+') => 1,
                Some(b'-') => -1,
                _ => return None,
            };
            let tz = tz.get(1..)?;
            let (th, tm) = match tz.len() {
                5 if tz.as_bytes()[2] == b':' => (tz.get(0..2)?, tz.get(3..5)?),
                4 => (tz.get(0..2)?, tz.get(2..4)?),
                2 => (tz, "00"),
                _ => return None,
            };
            let off = parse_i64(th)? * 60 + parse_i64(tm)?;
            ms -= sign * off * 60_000;
        }
    }
    Some(ms as f64)
}

/// Django's TimeField value on SQLite (`time` transform lookups): Python's
/// `str(time)`, `HH:MM:SS[.ffffff]`, from `"H:M[:S[.f]]"` text or a `Date`
/// (its UTC time).
pub fn db_time(v: &Input) -> crate::error::Result<String> {
    const FORMAT: &str = "has an invalid format. It must be in HH:MM[:ss[.uuuuuu]] format.";
    let err = |msg: &str| {
        let shown = if let Input::Str(s) = v { s.clone() } else { v.repr() };
        crate::error::Error::validation(format!("\u{201c}{shown}\u{201d} value {msg}"))
    };
    let b = match v {
        Input::Date(ms) => return db_datetime(*ms).and_then(|s| s.get(11..).map(str::to_string)).ok_or_else(|| err(FORMAT)),
        Input::Str(s) => s.trim().as_bytes(),
        _ => return Err(err(FORMAT)),
    };
    // Hours, minutes, seconds (one or two digits each), then up to 12
    // fraction digits after '.' or ',' (the first six are microseconds).
    let (mut hms, mut micro, mut i) = ([0u32; 3], 0u32, 0usize);
    for (k, part) in hms.iter_mut().enumerate() {
        let start = i;
        while i < b.len() && i - start < 2 && b[i].is_ascii_digit() {
            *part = *part * 10 + u32::from(b[i] - b'0');
            i += 1;
        }
        if i == start {
            return Err(err(FORMAT));
        }
        match b.get(i) {
            Some(b':') if k < 2 => i += 1,
            None if k >= 1 => break,
            Some(b'.' | b',')
                if k == 2 && i + 1 < b.len() && b.len() - i - 1 <= 12 && b.get(i + 1..).is_some_and(|r| r.iter().all(u8::is_ascii_digit)) =>
            {
                for n in 0..6 {
                    micro = micro * 10 + b.get(i + 1 + n).map_or(0, |d| u32::from(d - b'0'));
                }
                break;
            }
            _ => return Err(err(FORMAT)),
        }
    }
    let [h, m, s] = hms;
    if h > 23 || m > 59 || s > 59 {
        return Err(err("has the correct format (HH:MM[:ss[.uuuuuu]]) but it is an invalid time."));
    }
    let mut out = format!("{h:02}:{m:02}:{s:02}");
    if micro != 0 {
        let _ = write!(out, ".{micro:06}");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetime_round_trip() {
        let ms = parse_datetime("2021-03-04T05:06:07Z").unwrap();
        assert_eq!(format_datetime(ms).unwrap(), "2021-03-04T05:06:07.000Z");
        assert_eq!(format_datetime(parse_datetime("2021-03-04 05:06:07.1234+01:00").unwrap()).unwrap(), "2021-03-04T04:06:07.123Z");
        assert_eq!(format_datetime(parse_datetime("2020-02-29").unwrap()).unwrap(), "2020-02-29T00:00:00.000Z");
        assert_eq!(format_datetime(-1.0).unwrap(), "1969-12-31T23:59:59.999Z");
        assert_eq!(db_datetime(ms).unwrap(), "2021-03-04 05:06:07");
        assert_eq!(db_datetime(ms + 120.0).unwrap(), "2021-03-04 05:06:07.120000");
        assert!(parse_datetime("2021-02-29").is_none());
        assert!(parse_datetime("2021-13-01").is_none());
        assert!(parse_datetime("yesterday").is_none());
    }

    #[test]
    fn parse_i64_is_str_parse() {
        let cases = [
            "",
            "+",
            "-",
            "0",
            "-0",
            "+0",
            "7",
            "+12",
            "-12",
            "007",
            "1_0",
            " 1",
            "1 ",
            "+-1",
            "--1",
            "1.0",
            "abc",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "99999999999999999999",
            "١",
        ];
        for s in cases {
            assert_eq!(parse_i64(s), s.parse::<i64>().ok(), "{s:?}");
        }
        for s in ["00", "01", "12", "+1", "-1", "-0", "+0", "1-"] {
            let as_u32 = u32::try_from(parse_i64(s).unwrap_or(-1)).ok().filter(|&n| n >= 1);
            assert_eq!(as_u32, s.parse::<u32>().ok().filter(|&n| n >= 1), "{s:?}");
        }
    }

    #[test]
    fn json_of_inputs() {
        let v = Input::List(vec![Input::Num(1.0), Input::Str("a\"b".into()), Input::Null, Input::Num(1.5)]);
        assert_eq!(v.to_json().unwrap(), r#"[1,"a\"b",null,1.5]"#);
    }
}
