//! `abulkUpdate`: the statements of Django 5.2's `bulk_update` on SQLite
//! (`CASE WHEN ("t"."id" = ?) THEN ? ... ELSE NULL END` per field, `WHERE pk IN`),
//! batches under the parameter limit, and Django's errors in Django's order.

mod common;

use common::*;
use quarry::compiler::Compiled;
use quarry::error::Error;
use quarry::exec::ops::{bulk_update_statements, BulkObj};
use quarry::model::Config;
use quarry::value::{Input, Value};

fn book(id: f64, pairs: &[(&str, Input)]) -> BulkObj {
    let mut values = vec![("id".to_string(), n(id))];
    values.extend(pairs.iter().map(|(k, v)| (k.to_string(), v.clone())));
    BulkObj { values, unsaved: vec![] }
}

fn names(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn stmts(objs: &[BulkObj], fields: &[&str], batch: Option<usize>) -> Vec<Compiled> {
    let out = bulk_update_statements(&qs(&registry(), "Book"), objs, &names(fields), batch).unwrap();
    out.iter().for_each(check);
    out
}

fn err(objs: &[BulkObj], fields: &[&str], batch: Option<usize>) -> (String, String) {
    let e: Error = bulk_update_statements(&qs(&registry(), "Book"), objs, &names(fields), batch).unwrap_err();
    (e.class_name().to_string(), e.to_string())
}

#[test]
fn one_batch_several_fields_as_django() {
    let objs = [
        book(1.0, &[("title", s("A")), ("rating", Input::Null), ("inPrint", Input::Bool(false)), ("author_id", n(3.0))]),
        book(2.0, &[("title", s("B")), ("rating", n(2.5)), ("inPrint", Input::Bool(true)), ("author_id", n(4.0))]),
    ];
    let c = stmts(&objs, &["title", "rating", "inPrint", "author"], None);
    assert_eq!(c.len(), 1);
    assert_eq!(
        c[0].sql,
        r#"UPDATE "book" SET "title" = CASE WHEN ("book"."id" = ?) THEN ? WHEN ("book"."id" = ?) THEN ? ELSE NULL END, "rating" = CASE WHEN ("book"."id" = ?) THEN ? WHEN ("book"."id" = ?) THEN ? ELSE NULL END, "inPrint" = CASE WHEN ("book"."id" = ?) THEN ? WHEN ("book"."id" = ?) THEN ? ELSE NULL END, "author_id" = CASE WHEN ("book"."id" = ?) THEN ? WHEN ("book"."id" = ?) THEN ? ELSE NULL END WHERE "book"."id" IN (?, ?)"#
    );
    assert_eq!(
        c[0].params,
        vec![i(1), t("A"), i(2), t("B"), i(1), Value::Null, i(2), Value::Real(2.5), i(1), i(0), i(2), i(1), i(1), i(3), i(2), i(4), i(1), i(2)]
    );
}

#[test]
fn values_convert_as_save_does() {
    let objs = [book(7.0, &[("pubDate", s("2020-01-02")), ("price", s("1.5")), ("editor_id", Input::Null)])];
    let c = stmts(&objs, &["pubDate", "price", "editor_id"], None);
    assert_eq!(c[0].params, vec![i(7), t("2020-01-02"), i(7), t("1.5"), i(7), Value::Null, i(7)]);
}

#[test]
fn batches_stay_under_the_parameter_limit_and_batch_size() {
    let objs: Vec<BulkObj> = (1..=40).map(|k| book(k as f64, &[("pages", n(k as f64)), ("title", s("x"))])).collect();
    // 2 fields: 5 parameters per object, 100 allowed -> 20 objects per statement.
    let c = stmts(&objs, &["pages", "title"], None);
    assert_eq!(c.iter().map(|c| c.params.len()).collect::<Vec<_>>(), vec![100, 100]);
    let c = stmts(&objs, &["pages", "title"], Some(15));
    assert_eq!(c.iter().map(|c| c.params.len()).collect::<Vec<_>>(), vec![75, 75, 50]);
    let c = stmts(&objs, &["pages", "title"], Some(500));
    assert_eq!(c.len(), 2);
    // A larger host limit means fewer statements.
    let reg = registry_with(Config { max_params: 999, ..Config::default() });
    let c = bulk_update_statements(&qs(&reg, "Book"), &objs, &names(&["pages", "title"]), None).unwrap();
    assert_eq!(c.len(), 1);
}

#[test]
fn duplicates_are_kept_as_django_keeps_them() {
    // Every object gets its WHEN (the first one wins in SQL); the IN list is
    // deduplicated, as Django's `In` lookup does.
    let objs = [book(1.0, &[("pages", n(1.0))]), book(1.0, &[("pages", n(2.0))])];
    let c = stmts(&objs, &["pages"], None);
    assert_eq!(
        c[0].sql,
        r#"UPDATE "book" SET "pages" = CASE WHEN ("book"."id" = ?) THEN ? WHEN ("book"."id" = ?) THEN ? ELSE NULL END WHERE "book"."id" IN (?)"#
    );
    assert_eq!(c[0].params, vec![i(1), i(1), i(1), i(2), i(1)]);
}

#[test]
fn a_filtered_queryset_keeps_its_filters() {
    let reg = registry();
    let q = qs(&reg, "Book").filter(&kw(&[("author__name", s("x"))])).unwrap();
    let c = bulk_update_statements(&q, &[book(1.0, &[("pages", n(3.0))])], &names(&["pages"]), None).unwrap();
    check(&c[0]);
    assert_eq!(
        c[0].sql,
        r#"UPDATE "book" SET "pages" = CASE WHEN ("book"."id" = ?) THEN ? ELSE NULL END WHERE "book"."id" IN (SELECT "book"."id" FROM "book" JOIN "author" ON ("book"."author_id" = "author"."id") WHERE ("author"."name" = ? AND "book"."id" IN (?)))"#
    );
    assert!(bulk_update_statements(&q.none(), &[book(1.0, &[])], &names(&["pages"]), None).unwrap().is_empty());
}

#[test]
fn errors_in_djangos_order() {
    let v = |m: &str| ("ValueError".to_string(), m.to_string());
    let one = [book(1.0, &[])];
    assert_eq!(err(&one, &["title"], Some(0)), v("Batch size must be a positive integer."));
    assert_eq!(err(&[], &[], Some(0)), v("Batch size must be a positive integer."));
    assert_eq!(err(&one, &[], None), v("Field names must be given to bulk_update()."));
    let no_pk = [BulkObj { values: vec![("id".into(), Input::Null)], unsaved: vec![] }];
    assert_eq!(err(&no_pk, &["nope"], None), v("All bulk_update() objects must have a primary key set."));
    assert_eq!(err(&one, &["title", "nope"], None), ("FieldError".into(), "Book has no field named 'nope'".into()));
    assert_eq!(err(&one, &["pk"], None), ("FieldError".into(), "Book has no field named 'pk'".into()));
    assert_eq!(err(&one, &["tags", "nope"], None).1, "Book has no field named 'nope'");
    assert_eq!(err(&one, &["tags"], None), v("bulk_update() can only be used with concrete fields."));
    assert_eq!(err(&one, &["id"], None), v("bulk_update() cannot be used with primary key fields."));
    assert_eq!(err(&[], &["id"], None), v("bulk_update() cannot be used with primary key fields."));
    assert!(bulk_update_statements(&qs(&registry(), "Book"), &[], &names(&["title"]), None).unwrap().is_empty());
    let unsaved = [BulkObj { values: vec![("id".into(), n(1.0))], unsaved: vec!["author".into()] }];
    assert_eq!(err(&unsaved, &["author"], None), v("bulk_update() prohibited to prevent data loss due to unsaved related object 'author'."));
    assert!(bulk_update_statements(&qs(&registry(), "Book"), &unsaved, &names(&["title"]), None).is_ok());
    // A reverse relation is a field in Django's get_field(), not a concrete one.
    let a = [BulkObj { values: vec![("id".into(), n(1.0))], unsaved: vec![] }];
    let e = bulk_update_statements(&qs(&registry(), "Author"), &a, &names(&["books"]), None).unwrap_err();
    assert_eq!(e.to_string(), "bulk_update() can only be used with concrete fields.");
    let e = bulk_update_statements(&qs(&registry(), "Author"), &a, &names(&["book_set"]), None).unwrap_err();
    assert_eq!(e.to_string(), "Author has no field named 'book_set'");
}
