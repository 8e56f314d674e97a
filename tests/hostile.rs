//! Golden tests for hostile input: values a JS host cannot carry as they are
//! (±Infinity, NaN, integers beyond ±2^53) stay placeholders, slices with
//! marks beyond 2^53 compose as Django's, and `Max('*')` is Django's
//! FieldError. (The same cases run on a real D1 in tests/js/hostile.test.mjs.)

mod common;

use common::*;
use quarry::compiler::{self, Shape};
use quarry::model::{Config, Dialect};
use quarry::query::resolve::{AggInput, AnnotationInput};
use quarry::value::{Input, Value};

fn book_where(key: &str, v: Input) -> quarry::compiler::Compiled {
    rows(&qs(&registry(), "Book").filter(&kw(&[(key, v)])).unwrap())
}

fn where_of(c: &quarry::compiler::Compiled) -> &str {
    c.sql.split(" WHERE ").nth(1).unwrap()
}

#[test]
fn infinities_bind_as_text_cast_to_real() {
    let c = book_where("rating__gt", n(f64::NEG_INFINITY));
    assert_eq!(where_of(&c), r#""book"."rating" > CAST(? AS REAL)"#);
    assert_eq!(c.params, vec![t("-9e999")]);
    let c = book_where("rating__lt", n(f64::INFINITY));
    assert_eq!(where_of(&c), r#""book"."rating" < CAST(? AS REAL)"#);
    assert_eq!(c.params, vec![t("9e999")]);
    // Finite floats are unchanged.
    let c = book_where("rating__lt", n(1e308));
    assert_eq!(where_of(&c), r#""book"."rating" < ?"#);
    assert_eq!(c.params, vec![Value::Real(1e308)]);
}

#[test]
fn nan_binds_as_null() {
    let c = book_where("rating__gt", n(f64::NAN));
    assert_eq!(where_of(&c), r#""book"."rating" > ?"#);
    assert_eq!(c.params, vec![Value::Null]);
}

#[test]
fn integers_beyond_2_53_bind_as_text_cast_to_integer() {
    let c = book_where("pages", Input::BigInt(i64::MIN));
    assert_eq!(where_of(&c), r#""book"."pages" = CAST(? AS INTEGER)"#);
    assert_eq!(c.params, vec![t("-9223372036854775808")]);
    let c = book_where("pages__in", list(vec![Input::BigInt(i64::MAX), Input::BigInt((1 << 53) - 1), Input::BigInt(1 << 53)]));
    assert_eq!(where_of(&c), r#""book"."pages" IN (CAST(? AS INTEGER), ?, CAST(? AS INTEGER))"#);
    assert_eq!(c.params, vec![t("9223372036854775807"), i((1 << 53) - 1), t("9007199254740992")]);
    // An INSERT too.
    let reg = registry();
    let m = reg.get("Tag").unwrap();
    let pk = m.pk_field().col().unwrap().clone();
    let c = compiler::compile_insert(&m, &[pk], vec![vec![Value::Int(i64::MIN + 1)]], Dialect::Sqlite, false);
    check(&c);
    assert_eq!(c.sql, r#"INSERT INTO "tag" ("id") VALUES (CAST(? AS INTEGER)) RETURNING "tag"."id""#);
    assert_eq!(c.params, vec![t("-9223372036854775807")]);
}

#[test]
fn postgres_binds_these_values_as_they_are() {
    let reg = registry_with(Config { dialect: Dialect::Postgres, ..Config::default() });
    let q = qs(&reg, "Book").filter(&kw(&[("rating__gt", n(f64::NEG_INFINITY)), ("pages", Input::BigInt(i64::MIN))])).unwrap();
    let c = compiler::compile(&q, Shape::Rows).unwrap();
    assert!(c.sql.ends_with(r#"WHERE ("book"."pages" = $1 AND "book"."rating" > $2)"#), "{}", c.sql);
    assert_eq!(c.params, vec![i(i64::MIN), Value::Real(f64::NEG_INFINITY)]);
}

#[test]
fn slices_beyond_2_53_compose_as_django() {
    let reg = registry();
    let tag = || qs(&reg, "Tag");
    let sql_lo = format!(r#"SELECT {TAG_COLS} FROM "tag" LIMIT ? OFFSET ?"#);
    // [2:2**53][1:3] → LIMIT 2 OFFSET 3 (rows 4 and 5).
    assert_sql(&tag().slice(Some(2), Some(1 << 53)).unwrap().slice(Some(1), Some(3)).unwrap(), &sql_lo, vec![i(2), i(3)]);
    assert_sql(&tag().slice(Some(2), Some(i64::MAX)).unwrap().slice(Some(1), Some(3)).unwrap(), &sql_lo, vec![i(2), i(3)]);
    // Marks are capped at 2^53 - 1: no table has that many rows.
    let max = (1i64 << 53) - 1;
    assert_sql(&tag().slice(Some(3), Some(i64::MAX)).unwrap(), &sql_lo, vec![i(max - 3), i(3)]);
    assert_sql(&tag().slice(None, Some(i64::MAX)).unwrap(), &format!(r#"SELECT {TAG_COLS} FROM "tag" LIMIT ?"#), vec![i(max)]);
    assert_sql(&tag().slice(Some(i64::MAX), None).unwrap(), &sql_lo, vec![i(-1), i(max)]);
    // No overflow composing huge marks; past the end is empty without a query.
    assert!(tag().slice(Some(i64::MAX), None).unwrap().slice(Some(i64::MAX), Some(i64::MAX)).unwrap().is_empty());
    assert!(tag().slice(Some(1), Some(i64::MAX)).unwrap().slice(Some(i64::MAX), None).unwrap().is_empty());
    assert_eq!(err_of(tag().slice(Some(i64::MIN), None), "ValueError"), "Negative indexing is not supported.");
}

#[test]
fn max_star_is_a_field_error() {
    let reg = registry();
    let agg = |func: &str, path: &str| AggInput {
        func: func.into(),
        path: path.into(),
        expr: None,
        distinct: false,
        sample: false,
        filter: None,
        default: None,
    };
    let choices =
        err_of(qs(&reg, "Tag").aggregate(&[("m".into(), agg("Max", "nope"))]).and_then(|q| compiler::compile(&q, Shape::Rows)), "FieldError");
    let expected = choices.replace("'nope'", "'*'");
    assert!(expected.starts_with("Cannot resolve keyword '*' into field. Choices are: "), "{expected}");
    for func in ["Max", "Min", "Sum", "Avg"] {
        let r = qs(&reg, "Tag").aggregate(&[("m".into(), agg(func, "*"))]).and_then(|q| compiler::compile(&q, Shape::Rows));
        assert_eq!(err_of(r, "FieldError"), expected, "{func}('*')");
    }
    // Positional Max('*') (alias '*__max'): the FieldError, not a bad alias.
    let r = qs(&reg, "Tag").aggregate(&[("*__max".into(), agg("Max", "*"))]).and_then(|q| compiler::compile(&q, Shape::Rows));
    assert_eq!(err_of(r, "FieldError"), expected);
    let r = qs(&reg, "Tag").annotate(&[("*__max".into(), AnnotationInput::Aggregate(agg("Max", "*")))], true);
    assert_eq!(err_of(r, "FieldError"), expected);
    let q = qs(&reg, "Tag").aggregate(&[("n".into(), agg("Count", "*"))]).unwrap();
    assert_eq!(compiler::compile(&q, Shape::Rows).unwrap().sql, r#"SELECT COUNT(*) AS "n" FROM "tag""#);
}
