//! Shared fixtures for the native golden tests: the models of API.md and a
//! checker that every compiled statement re-parses with sqlparser's SQLite
//! dialect into one statement with as many placeholders as parameters.
#![allow(dead_code)]

use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};

use quarry::compiler::{self, plan, Compiled, Shape};
use quarry::model::{Config, FieldSpec, Registry};
use quarry::query::{QInput, QuerySet};
use quarry::value::{Input, Value};

pub fn spec(kind: &str) -> FieldSpec {
    FieldSpec { kind: kind.into(), ..Default::default() }
}

pub fn fk(to: &str, related: Option<&str>, null: bool, on_delete: &str) -> FieldSpec {
    FieldSpec {
        kind: "ForeignKey".into(),
        to: Some(to.into()),
        related_name: related.map(Into::into),
        null,
        on_delete: Some(on_delete.into()),
        ..Default::default()
    }
}

/// Publisher, Author (ordering by name), Tag, Book as in API.md, plus an editor FK.
pub fn registry_with(config: Config) -> Rc<Registry> {
    let reg = Rc::new(Registry::new(config));
    reg.define("Publisher", vec![("name".into(), FieldSpec { max_length: Some(100), ..spec("CharField") })], None, vec![], vec![]).unwrap();
    reg.define(
        "Author",
        vec![
            ("name".into(), FieldSpec { max_length: Some(100), ..spec("CharField") }),
            ("age".into(), FieldSpec { null: true, ..spec("IntegerField") }),
            ("email".into(), FieldSpec { max_length: Some(200), unique: true, ..spec("CharField") }),
        ],
        Some("author".into()),
        vec!["name".into()],
        vec![],
    )
    .unwrap();
    reg.define("Tag", vec![("name".into(), FieldSpec { max_length: Some(50), unique: true, ..spec("CharField") })], None, vec![], vec![]).unwrap();
    reg.define(
        "Book",
        vec![
            ("title".into(), FieldSpec { max_length: Some(200), ..spec("CharField") }),
            ("pages".into(), FieldSpec { has_default: true, ..spec("IntegerField") }),
            ("rating".into(), FieldSpec { null: true, ..spec("FloatField") }),
            ("inPrint".into(), FieldSpec { has_default: true, ..spec("BooleanField") }),
            ("pubDate".into(), FieldSpec { null: true, ..spec("DateField") }),
            ("created".into(), FieldSpec { null: true, ..spec("DateTimeField") }),
            ("price".into(), FieldSpec { null: true, max_digits: Some(8), decimal_places: Some(2), ..spec("DecimalField") }),
            ("author".into(), fk("Author", Some("books"), false, "CASCADE")),
            ("editor".into(), fk("Author", Some("edited"), true, "SET_NULL")),
            ("publisher".into(), fk("Publisher", None, true, "SET_NULL")),
            (
                "tags".into(),
                FieldSpec { kind: "ManyToManyField".into(), to: Some("Tag".into()), related_name: Some("books".into()), ..Default::default() },
            ),
        ],
        None,
        vec![],
        vec![],
    )
    .unwrap();
    reg
}

pub fn registry() -> Rc<Registry> {
    registry_with(Config::default())
}

pub fn qs(reg: &Rc<Registry>, model: &str) -> QuerySet {
    QuerySet::new(reg.clone(), reg.get(model).unwrap())
}

/// `{ key: value }` as one filter argument.
pub fn kw(pairs: &[(&str, Input)]) -> Vec<QInput> {
    vec![QInput::from_pairs(pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect())]
}

pub fn s(v: &str) -> Input {
    Input::Str(v.into())
}

pub fn n(v: f64) -> Input {
    Input::Num(v)
}

pub fn t(v: &str) -> Value {
    Value::Text(v.into())
}

pub fn i(v: i64) -> Value {
    Value::Int(v)
}

/// Re-parse with sqlparser's SQLite dialect: exactly one statement, one placeholder per param.
pub fn check(c: &Compiled) {
    use sqlparser::dialect::SQLiteDialect;
    use sqlparser::parser::Parser;
    let stmts = Parser::parse_sql(&SQLiteDialect {}, &c.sql).unwrap_or_else(|e| panic!("{e}: {}", c.sql));
    assert_eq!(stmts.len(), 1, "{}", c.sql);
    let mut count = 0;
    let tokens = sqlparser::tokenizer::Tokenizer::new(&SQLiteDialect {}, &c.sql).tokenize().unwrap();
    for tok in tokens {
        if let sqlparser::tokenizer::Token::Placeholder(_) = tok {
            count += 1;
        }
    }
    assert_eq!(count, c.params.len(), "placeholders vs params in {}", c.sql);
}

/// Compile the rows query, check it (also through a plan), and return it.
pub fn rows(q: &QuerySet) -> Compiled {
    let c = compiler::compile(q, Shape::Rows).unwrap();
    check(&c);
    plan_roundtrip(q, Shape::Rows, &c);
    c
}

static PLANS: AtomicUsize = AtomicUsize::new(0);
static CACHEABLE: AtomicUsize = AtomicUsize::new(0);

/// Every golden both ways: a plan of `q` bound with `q`'s own inputs gives
/// the full compile's params (when the plan is cacheable), and its SQL is the full SQL.
pub fn plan_roundtrip(q: &QuerySet, shape: Shape, full: &Compiled) {
    let p = plan::compile_plan(q, shape).unwrap_or_else(|e| panic!("plan failed: {e}"));
    plan_bound(q, &p, &q.inputs(), full);
}

/// [`plan_roundtrip`] for `update(values)`.
pub fn plan_roundtrip_update(q: &QuerySet, values: &[(String, Input)], full: &Compiled) {
    let p = plan::compile_update_plan(q, values).unwrap_or_else(|e| panic!("plan failed: {e}"));
    let mut inputs = q.inputs();
    for (_, v) in values {
        quarry::query::slots::walk_pair(v, &mut |x| inputs.push(x.clone()));
    }
    plan_bound(q, &p, &inputs, full);
}

fn plan_bound(q: &QuerySet, p: &plan::Plan, inputs: &[Input], full: &Compiled) {
    assert_eq!(p.compiled, *full, "plan vs full compile");
    assert_eq!(p.srcs.len(), full.params.len(), "one source per param of {}", full.sql);
    assert_eq!(p.facts.len(), inputs.len(), "one fact per slot of {}", full.sql);
    match p.bind(&q.reg, inputs).unwrap_or_else(|e| panic!("bind failed: {e} ({})", full.sql)) {
        plan::Bound::Params(params) => {
            assert!(p.cacheable);
            assert_eq!(params, full.params, "re-bound params of {}", full.sql);
        }
        plan::Bound::Mismatch => assert!(!p.cacheable, "a cacheable plan refused its own inputs: {} {:?}", full.sql, p.srcs),
    }
    let total = PLANS.fetch_add(1, Ordering::Relaxed) + 1;
    let cacheable = CACHEABLE.fetch_add(usize::from(p.cacheable), Ordering::Relaxed) + usize::from(p.cacheable);
    eprintln!("[plans] {cacheable} of {total} goldens cacheable so far");
}

pub fn assert_sql(q: &QuerySet, sql: &str, params: Vec<Value>) {
    let c = rows(q);
    assert_eq!(c.sql, sql);
    assert_eq!(c.params, params, "params of {sql}");
}

// ---- helpers for the golden tests (compile_sqlite, joins_sqlite, errors, schema) ----

/// Every column of `book`, in model order, as the compiler selects them.
pub const BOOK_COLS: &str = r#""book"."id", "book"."title", "book"."pages", "book"."rating", "book"."inPrint", "book"."pubDate", "book"."created", "book"."price", "book"."author_id", "book"."editor_id", "book"."publisher_id""#;
/// Every column of `author`.
pub const AUTHOR_COLS: &str = r#""author"."id", "author"."name", "author"."age", "author"."email""#;
/// Every column of `tag`.
pub const TAG_COLS: &str = r#""tag"."id", "tag"."name""#;

/// One `key=value` lookup (a Q leaf).
pub fn lk(key: &str, v: Input) -> QInput {
    QInput::Lookup(key.into(), v)
}

/// `Q(a) | Q(b) | ...`.
pub fn or(children: Vec<QInput>) -> QInput {
    QInput::Node { or: true, negated: false, children }
}

/// `Q(a) & Q(b) & ...`.
pub fn and(children: Vec<QInput>) -> QInput {
    QInput::Node { or: false, negated: false, children }
}

/// `~Q(child)`.
pub fn not(child: QInput) -> QInput {
    QInput::Node { or: false, negated: true, children: vec![child] }
}

/// A JS array.
pub fn list(items: Vec<Input>) -> Input {
    Input::List(items)
}

/// `true` / `false`.
pub fn b(v: bool) -> Input {
    Input::Bool(v)
}

/// A model instance `<model: pk>`.
pub fn inst(model: &str, pk: f64) -> Input {
    Input::Instance { model: model.into(), pk: Box::new(Input::Num(pk)) }
}

/// Field names for order_by / values / select_related.
pub fn strs(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

/// Check a compiled statement (re-parse, placeholder count) and compare it with the golden.
pub fn assert_compiled(c: &Compiled, sql: &str, params: Vec<Value>) {
    check(c);
    assert_eq!(c.sql, sql);
    assert_eq!(c.params, params, "params of {sql}");
}

/// Compile `q` in `shape`, check it and compare it with the golden.
pub fn assert_shape(q: &QuerySet, shape: Shape, sql: &str, params: Vec<Value>) {
    let c = compiler::compile(q, shape).unwrap_or_else(|e| panic!("compile failed: {e}"));
    plan_roundtrip(q, shape, &c);
    assert_compiled(&c, sql, params);
}

/// `SELECT <book columns> FROM "book" WHERE <where>`.
pub fn assert_book_where(q: &QuerySet, where_: &str, params: Vec<Value>) {
    assert_sql(q, &format!(r#"SELECT {BOOK_COLS} FROM "book" WHERE {where_}"#), params);
}

/// The message of an error, asserting its JS class name.
pub fn err_of<T: std::fmt::Debug>(r: quarry::Result<T>, class: &str) -> String {
    match r {
        Ok(v) => panic!("expected a {class}, got Ok({v:?})"),
        Err(e) => {
            assert_eq!(e.class_name(), class, "error class of {e}");
            e.to_string()
        }
    }
}
