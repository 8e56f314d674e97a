//! Golden tests of the SQLite compiler, in the style of sea-query / kysely:
//! every case asserts the whole SQL text and its parameters together, and
//! every statement re-parses with sqlparser's SQLite dialect with one
//! placeholder per parameter (`common::check`).
//!
//! Lookups, date transforms and every chain / terminal method on one model
//! (joins are in `joins_sqlite.rs`, errors in `errors.rs`, DDL in `schema.rs`).

mod common;

use std::rc::Rc;

use common::*;
use quarry::compiler::{self, Shape};
use quarry::exec::ops;
use quarry::model::Config;
use quarry::query::QuerySet;
use quarry::value::{ArithOp, ExprInput, Input, Value};

fn book(reg: &Rc<quarry::model::Registry>) -> QuerySet {
    qs(reg, "Book")
}

/// `Book.filter(key=value)`.
fn bf(key: &str, v: Input) -> QuerySet {
    book(&registry()).filter(&kw(&[(key, v)])).unwrap_or_else(|e| panic!("filter {key}: {e}"))
}

fn real(v: f64) -> Value {
    Value::Real(v)
}

// ---------------------------------------------------------------------------
// exact / iexact
// ---------------------------------------------------------------------------

#[test]
fn exact_implicit_and_explicit() {
    assert_book_where(&bf("title", s("Dune")), r#""book"."title" = ?"#, vec![t("Dune")]);
    assert_book_where(&bf("title__exact", s("Dune")), r#""book"."title" = ?"#, vec![t("Dune")]);
    assert_book_where(&bf("pk", n(7.0)), r#""book"."id" = ?"#, vec![i(7)]);
    assert_book_where(&bf("id__exact", n(7.0)), r#""book"."id" = ?"#, vec![i(7)]);
}

#[test]
fn exact_none_is_null() {
    assert_book_where(&bf("title", Input::Null), r#""book"."title" IS NULL"#, vec![]);
    assert_book_where(&bf("rating__exact", Input::Null), r#""book"."rating" IS NULL"#, vec![]);
    assert_book_where(&bf("editor", Input::Null), r#""book"."editor_id" IS NULL"#, vec![]);
    assert_book_where(&bf("title__iexact", Input::Null), r#""book"."title" IS NULL"#, vec![]);
}

#[test]
fn exact_converts_values_by_field() {
    // Strings to integers, booleans to 0/1, decimals as text, dates normalised.
    assert_book_where(&bf("pages", s("12")), r#""book"."pages" = ?"#, vec![i(12)]);
    assert_book_where(&bf("inPrint", b(true)), r#""book"."inPrint" = ?"#, vec![i(1)]);
    assert_book_where(&bf("inPrint", b(false)), r#""book"."inPrint" = ?"#, vec![i(0)]);
    assert_book_where(&bf("price", s("12.50")), r#""book"."price" = ?"#, vec![t("12.50")]);
    assert_book_where(&bf("rating", n(4.5)), r#""book"."rating" = ?"#, vec![real(4.5)]);
    assert_book_where(&bf("pubDate", s("2020-01-02")), r#""book"."pubDate" = ?"#, vec![t("2020-01-02")]);
    assert_book_where(&bf("created", s("2021-03-04T05:06:07Z")), r#""book"."created" = ?"#, vec![t("2021-03-04 05:06:07")]);
    assert_book_where(&bf("created", s("2021-03-04 06:06:07.25+01:00")), r#""book"."created" = ?"#, vec![t("2021-03-04 05:06:07.250000")]);
    assert_book_where(&bf("created__gte", Input::Date(1614834367000.0)), r#""book"."created" >= ?"#, vec![t("2021-03-04 05:06:07")]);
    assert_book_where(&bf("pubDate", Input::Date(1614834367000.0)), r#""book"."pubDate" = ?"#, vec![t("2021-03-04")]);
}

#[test]
fn exact_on_foreign_keys() {
    assert_book_where(&bf("author", inst("Author", 3.0)), r#""book"."author_id" = ?"#, vec![i(3)]);
    assert_book_where(&bf("author", n(3.0)), r#""book"."author_id" = ?"#, vec![i(3)]);
    assert_book_where(&bf("author_id", n(3.0)), r#""book"."author_id" = ?"#, vec![i(3)]);
    assert_book_where(&bf("author__pk", n(3.0)), r#""book"."author_id" = ?"#, vec![i(3)]);
    assert_book_where(&bf("author__id", n(3.0)), r#""book"."author_id" = ?"#, vec![i(3)]);
}

#[test]
fn iexact_is_an_escaped_like() {
    // Django on SQLite: "title" LIKE %s ESCAPE '\' with the value escaped.
    assert_book_where(&bf("title__iexact", s("dune")), r#""book"."title" LIKE ? ESCAPE '\'"#, vec![t("dune")]);
    assert_book_where(&bf("title__iexact", s("A_b%")), r#""book"."title" LIKE ? ESCAPE '\'"#, vec![t(r"A\_b\%")]);
}

// ---------------------------------------------------------------------------
// contains / startswith / endswith and their i- forms: LIKE escaping
// ---------------------------------------------------------------------------

#[test]
fn contains_and_icontains() {
    let like = r#""book"."title" LIKE ? ESCAPE '\'"#;
    assert_book_where(&bf("title__contains", s("jan")), like, vec![t("%jan%")]);
    assert_book_where(&bf("title__icontains", s("Dj")), like, vec![t("%Dj%")]);
    // %, _ and \ are escaped with \ (Django's prep_for_like_query).
    assert_book_where(&bf("title__contains", s(r"50%_off\x")), like, vec![t(r"%50\%\_off\\x%")]);
    assert_book_where(&bf("title__icontains", s("%")), like, vec![t(r"%\%%")]);
}

#[test]
fn startswith_and_istartswith() {
    let like = r#""book"."title" LIKE ? ESCAPE '\'"#;
    assert_book_where(&bf("title__startswith", s("Dune")), like, vec![t("Dune%")]);
    assert_book_where(&bf("title__startswith", s("a_")), like, vec![t(r"a\_%")]);
    assert_book_where(&bf("title__istartswith", s("a%")), like, vec![t(r"a\%%")]);
    assert_book_where(&bf("title__istartswith", s(r"C:\")), like, vec![t(r"C:\\%")]);
}

#[test]
fn endswith_and_iendswith() {
    let like = r#""book"."title" LIKE ? ESCAPE '\'"#;
    assert_book_where(&bf("title__endswith", s("z")), like, vec![t("%z")]);
    assert_book_where(&bf("title__endswith", s(r"\")), like, vec![t(r"%\\")]);
    assert_book_where(&bf("title__iendswith", s("_%")), like, vec![t(r"%\_\%")]);
}

#[test]
fn like_lookups_on_numbers_use_the_text() {
    assert_book_where(&bf("pages__contains", n(12.0)), r#""book"."pages" LIKE ? ESCAPE '\'"#, vec![t("%12%")]);
}

// ---------------------------------------------------------------------------
// in
// ---------------------------------------------------------------------------

#[test]
fn in_binds_each_value() {
    assert_book_where(&bf("pages__in", list(vec![n(1.0), n(2.0), n(3.0)])), r#""book"."pages" IN (?, ?, ?)"#, vec![i(1), i(2), i(3)]);
    assert_book_where(&bf("title__in", list(vec![s("a"), s("b")])), r#""book"."title" IN (?, ?)"#, vec![t("a"), t("b")]);
    assert_book_where(&bf("pages__in", list(vec![n(5.0)])), r#""book"."pages" IN (?)"#, vec![i(5)]);
}

#[test]
fn in_drops_none_and_duplicates() {
    assert_book_where(&bf("pages__in", list(vec![n(1.0), Input::Null, n(2.0), n(1.0), s("2")])), r#""book"."pages" IN (?, ?)"#, vec![i(1), i(2)]);
    assert_book_where(
        &bf("author__in", list(vec![n(1.0), inst("Author", 2.0), inst("Author", 1.0)])),
        r#""book"."author_id" IN (?, ?)"#,
        vec![i(1), i(2)],
    );
}

#[test]
fn in_empty_list_matches_nothing() {
    for items in [vec![], vec![Input::Null], vec![Input::Null, Input::Null]] {
        let q = bf("pages__in", list(items));
        assert!(q.is_empty(), "an empty in-list makes the queryset empty");
        assert!(q.node.conds.is_empty(), "and adds no condition");
    }
    // In an OR it drops out; in an AND it empties everything; negated it matches everything.
    let reg = registry();
    let q = book(&reg).filter(&[or(vec![lk("pages__in", list(vec![])), lk("title", s("a"))])]).unwrap();
    assert!(!q.is_empty());
    assert_book_where(&q, r#""book"."title" = ?"#, vec![t("a")]);
    let q = book(&reg).filter(&[and(vec![lk("pages__in", list(vec![])), lk("title", s("a"))])]).unwrap();
    assert!(q.is_empty());
    let q = book(&reg).exclude(&kw(&[("pages__in", list(vec![]))])).unwrap();
    assert!(!q.is_empty());
    assert_sql(&q, &format!(r#"SELECT {BOOK_COLS} FROM "book""#), vec![]);
}

#[test]
fn long_in_lists_are_bound_as_one_json_parameter() {
    // Over max_params (100 by default) the list is sent as JSON and expanded by json_each.
    let items: Vec<Input> = (0..150).map(|k| n(k as f64)).collect();
    let q = bf("pages__in", list(items));
    let json = format!("[{}]", (0..150).map(|k| k.to_string()).collect::<Vec<_>>().join(","));
    assert_book_where(&q, r#""book"."pages" IN (SELECT "value" FROM json_each(?))"#, vec![t(&json)]);
}

// ---------------------------------------------------------------------------
// gt / gte / lt / lte
// ---------------------------------------------------------------------------

#[test]
fn comparisons() {
    assert_book_where(&bf("pages__gt", n(100.0)), r#""book"."pages" > ?"#, vec![i(100)]);
    assert_book_where(&bf("pages__gte", n(100.0)), r#""book"."pages" >= ?"#, vec![i(100)]);
    assert_book_where(&bf("pages__lt", n(100.0)), r#""book"."pages" < ?"#, vec![i(100)]);
    assert_book_where(&bf("pages__lte", n(100.0)), r#""book"."pages" <= ?"#, vec![i(100)]);
    assert_book_where(&bf("title__gt", s("M")), r#""book"."title" > ?"#, vec![t("M")]);
    assert_book_where(&bf("pubDate__lt", s("2020-01-01")), r#""book"."pubDate" < ?"#, vec![t("2020-01-01")]);
    assert_book_where(&bf("price__gt", n(3.0)), r#""book"."price" > ?"#, vec![t("3")]);
    assert_book_where(&bf("id__gt", n(1.0)), r#""book"."id" > ?"#, vec![i(1)]);
}

#[test]
fn integer_field_float_rounding() {
    // Django's IntegerFieldFloatRounding: gte/lt round up, gt/lte truncate.
    assert_book_where(&bf("pages__gte", n(1.5)), r#""book"."pages" >= ?"#, vec![i(2)]);
    assert_book_where(&bf("pages__lt", n(1.5)), r#""book"."pages" < ?"#, vec![i(2)]);
    assert_book_where(&bf("pages__gt", n(1.5)), r#""book"."pages" > ?"#, vec![i(1)]);
    assert_book_where(&bf("pages__lte", n(1.5)), r#""book"."pages" <= ?"#, vec![i(1)]);
    // Float fields keep the float.
    assert_book_where(&bf("rating__gte", n(1.5)), r#""book"."rating" >= ?"#, vec![real(1.5)]);
    assert_book_where(&bf("rating__lt", n(1.5)), r#""book"."rating" < ?"#, vec![real(1.5)]);
    // Integer-valued transforms round too.
    assert_book_where(&bf("pubDate__month__gte", n(2.5)), r#"CAST(strftime(?, "book"."pubDate") AS INTEGER) >= ?"#, vec![t("%m"), i(3)]);
}

// ---------------------------------------------------------------------------
// range / isnull / regex
// ---------------------------------------------------------------------------

#[test]
fn range_is_between() {
    assert_book_where(&bf("pages__range", list(vec![n(1.0), n(10.0)])), r#""book"."pages" BETWEEN ? AND ?"#, vec![i(1), i(10)]);
    assert_book_where(
        &bf("pubDate__range", list(vec![s("2020-01-01"), s("2020-12-31")])),
        r#""book"."pubDate" BETWEEN ? AND ?"#,
        vec![t("2020-01-01"), t("2020-12-31")],
    );
}

#[test]
fn isnull_true_and_false() {
    assert_book_where(&bf("rating__isnull", b(true)), r#""book"."rating" IS NULL"#, vec![]);
    assert_book_where(&bf("rating__isnull", b(false)), r#""book"."rating" IS NOT NULL"#, vec![]);
    assert_book_where(&bf("editor__isnull", b(true)), r#""book"."editor_id" IS NULL"#, vec![]);
    assert_book_where(&bf("publisher__isnull", b(false)), r#""book"."publisher_id" IS NOT NULL"#, vec![]);
}

#[test]
fn regex_and_iregex_with_regexp() {
    assert_book_where(&bf("title__regex", s("^a.*b$")), r#""book"."title" REGEXP ?"#, vec![t("^a.*b$")]);
    assert_book_where(&bf("title__iregex", s("^a")), r#""book"."title" REGEXP (? || ?)"#, vec![t("(?i)"), t("^a")]);
}

#[test]
fn regex_without_regexp_is_not_supported_at_filter_time() {
    let reg = registry_with(Config { regexp: false, ..Default::default() });
    for lookup in ["title__regex", "title__iregex"] {
        let msg = err_of(book(&reg).filter(&kw(&[(lookup, s("a"))])), "NotSupportedError");
        let name = lookup.trim_start_matches("title__");
        assert!(msg.starts_with(&format!("The '{name}' lookup needs a REGEXP SQL function")), "{msg}");
    }
    // Other lookups still work on that registry.
    assert_book_where(&book(&reg).filter(&kw(&[("title__contains", s("a"))])).unwrap(), r#""book"."title" LIKE ? ESCAPE '\'"#, vec![t("%a%")]);
}

// ---------------------------------------------------------------------------
// Date and datetime transforms
// ---------------------------------------------------------------------------

#[test]
fn year_exact_uses_between_bounds() {
    assert_book_where(&bf("pubDate__year", n(2020.0)), r#""book"."pubDate" BETWEEN ? AND ?"#, vec![t("2020-01-01"), t("2020-12-31")]);
    assert_book_where(&bf("pubDate__year__exact", s("2020")), r#""book"."pubDate" BETWEEN ? AND ?"#, vec![t("2020-01-01"), t("2020-12-31")]);
    assert_book_where(
        &bf("created__year", n(2021.0)),
        r#""book"."created" BETWEEN ? AND ?"#,
        vec![t("2021-01-01 00:00:00"), t("2021-12-31 23:59:59.999999")],
    );
}

#[test]
fn year_comparisons_use_bounds() {
    assert_book_where(&bf("pubDate__year__gt", n(2020.0)), r#""book"."pubDate" > ?"#, vec![t("2020-12-31")]);
    assert_book_where(&bf("pubDate__year__gte", n(2020.0)), r#""book"."pubDate" >= ?"#, vec![t("2020-01-01")]);
    assert_book_where(&bf("pubDate__year__lt", n(2020.0)), r#""book"."pubDate" < ?"#, vec![t("2020-01-01")]);
    assert_book_where(&bf("pubDate__year__lte", n(2020.0)), r#""book"."pubDate" <= ?"#, vec![t("2020-12-31")]);
    assert_book_where(&bf("created__year__gt", n(2021.0)), r#""book"."created" > ?"#, vec![t("2021-12-31 23:59:59.999999")]);
    assert_book_where(&bf("created__year__gte", n(2021.0)), r#""book"."created" >= ?"#, vec![t("2021-01-01 00:00:00")]);
    assert_book_where(&bf("created__year__lt", n(2021.0)), r#""book"."created" < ?"#, vec![t("2021-01-01 00:00:00")]);
    assert_book_where(&bf("created__year__lte", n(2021.0)), r#""book"."created" <= ?"#, vec![t("2021-12-31 23:59:59.999999")]);
}

#[test]
fn year_with_other_lookups_extracts() {
    let year = r#"CAST(strftime(?, "book"."pubDate") AS INTEGER)"#;
    assert_book_where(&bf("pubDate__year__in", list(vec![n(2020.0), n(2021.0)])), &format!("{year} IN (?, ?)"), vec![t("%Y"), i(2020), i(2021)]);
    assert_book_where(
        &bf("pubDate__year__range", list(vec![n(2019.0), n(2021.0)])),
        &format!("{year} BETWEEN ? AND ?"),
        vec![t("%Y"), i(2019), i(2021)],
    );
    assert_book_where(&bf("pubDate__year__isnull", b(true)), &format!("{year} IS NULL"), vec![t("%Y")]);
}

#[test]
fn date_part_transforms() {
    let ex = |f: &str| r#"CAST(strftime(?, "book"."pubDate") AS INTEGER)"#.to_string().replace("pubDate", f);
    assert_book_where(&bf("pubDate__month", n(3.0)), &format!("{} = ?", ex("pubDate")), vec![t("%m"), i(3)]);
    assert_book_where(&bf("pubDate__day", n(3.0)), &format!("{} = ?", ex("pubDate")), vec![t("%d"), i(3)]);
    assert_book_where(&bf("pubDate__week_day", n(2.0)), &format!("({} + 1) = ?", ex("pubDate")), vec![t("%w"), i(2)]);
    assert_book_where(&bf("pubDate__iso_week_day", n(1.0)), &format!("((({} + 6) % 7) + 1) = ?", ex("pubDate")), vec![t("%w"), i(1)]);
    assert_book_where(&bf("pubDate__quarter", n(2.0)), &format!("(({} + 2) / 3) = ?", ex("pubDate")), vec![t("%m"), i(2)]);
    // The same transforms work on a DateTimeField.
    assert_book_where(&bf("created__month", n(3.0)), &format!("{} = ?", ex("created")), vec![t("%m"), i(3)]);
    assert_book_where(&bf("created__day", n(4.0)), &format!("{} = ?", ex("created")), vec![t("%d"), i(4)]);
}

#[test]
fn iso_week_and_iso_year_use_the_thursday() {
    assert_book_where(
        &bf("pubDate__week", n(10.0)),
        r#"(((CAST(strftime(?, date("book"."pubDate", ?, ?)) AS INTEGER) - 1) / 7) + 1) = ?"#,
        vec![t("%j"), t("-3 days"), t("weekday 4"), i(10)],
    );
    assert_book_where(
        &bf("pubDate__iso_year", n(2020.0)),
        r#"CAST(strftime(?, date("book"."pubDate", ?, ?)) AS INTEGER) = ?"#,
        vec![t("%Y"), t("-3 days"), t("weekday 4"), i(2020)],
    );
    assert_book_where(
        &bf("created__iso_year__gte", n(2020.0)),
        r#"CAST(strftime(?, date("book"."created", ?, ?)) AS INTEGER) >= ?"#,
        vec![t("%Y"), t("-3 days"), t("weekday 4"), i(2020)],
    );
}

#[test]
fn time_transforms_on_datetime() {
    let ex = r#"CAST(strftime(?, "book"."created") AS INTEGER)"#;
    assert_book_where(&bf("created__hour", n(5.0)), &format!("{ex} = ?"), vec![t("%H"), i(5)]);
    assert_book_where(&bf("created__minute", n(6.0)), &format!("{ex} = ?"), vec![t("%M"), i(6)]);
    assert_book_where(&bf("created__second", n(7.0)), &format!("{ex} = ?"), vec![t("%S"), i(7)]);
}

#[test]
fn date_transform_on_datetime() {
    assert_book_where(&bf("created__date", s("2021-03-04")), r#"date("book"."created") = ?"#, vec![t("2021-03-04")]);
    assert_book_where(&bf("created__date", Input::Date(1614834367000.0)), r#"date("book"."created") = ?"#, vec![t("2021-03-04")]);
    // After `date` the value is a date: year uses date bounds.
    assert_book_where(&bf("created__date__year", n(2021.0)), r#"date("book"."created") BETWEEN ? AND ?"#, vec![t("2021-01-01"), t("2021-12-31")]);
}

#[test]
fn chained_transform_lookups() {
    assert_book_where(&bf("pubDate__year__gte", n(2000.0)), r#""book"."pubDate" >= ?"#, vec![t("2000-01-01")]);
    assert_book_where(
        &bf("pubDate__month__in", list(vec![n(1.0), n(2.0), n(1.0)])),
        r#"CAST(strftime(?, "book"."pubDate") AS INTEGER) IN (?, ?)"#,
        vec![t("%m"), i(1), i(2)],
    );
    assert_book_where(&bf("created__date__gte", s("2021-03-04")), r#"date("book"."created") >= ?"#, vec![t("2021-03-04")]);
    assert_book_where(&bf("created__hour__lt", n(12.0)), r#"CAST(strftime(?, "book"."created") AS INTEGER) < ?"#, vec![t("%H"), i(12)]);
    assert_book_where(&bf("created__month__gte", n(3.0)), r#"CAST(strftime(?, "book"."created") AS INTEGER) >= ?"#, vec![t("%m"), i(3)]);
    assert_book_where(
        &bf("pubDate__day__range", list(vec![n(1.0), n(15.0)])),
        r#"CAST(strftime(?, "book"."pubDate") AS INTEGER) BETWEEN ? AND ?"#,
        vec![t("%d"), i(1), i(15)],
    );
}

// ---------------------------------------------------------------------------
// filter / exclude / Q
// ---------------------------------------------------------------------------

#[test]
fn kwargs_are_anded_in_key_order() {
    let reg = registry();
    // Django sorts kwargs: pages before title.
    let q = book(&reg).filter(&kw(&[("title", s("a")), ("pages", n(1.0))])).unwrap();
    assert_book_where(&q, r#"("book"."pages" = ? AND "book"."title" = ?)"#, vec![i(1), t("a")]);
    let q = book(&reg).filter(&kw(&[("pages", n(1.0))])).unwrap().filter(&kw(&[("title", s("a"))])).unwrap();
    assert_book_where(&q, r#"("book"."pages" = ? AND "book"."title" = ?)"#, vec![i(1), t("a")]);
}

#[test]
fn exclude_not_null_column() {
    let q = book(&registry()).exclude(&kw(&[("pages", n(1.0))])).unwrap();
    assert_book_where(&q, r#"NOT ("book"."pages" = ?)"#, vec![i(1)]);
    let q = book(&registry()).exclude(&kw(&[("title__startswith", s("A"))])).unwrap();
    assert_book_where(&q, r#"NOT ("book"."title" LIKE ? ESCAPE '\')"#, vec![t("A%")]);
}

#[test]
fn exclude_nullable_column_keeps_null_rows() {
    // Django: NOT (col = x AND col IS NOT NULL), so rows where the column is NULL are included.
    let reg = registry();
    let q = book(&reg).exclude(&kw(&[("rating__gt", n(3.0))])).unwrap();
    assert_book_where(&q, r#"NOT (("book"."rating" > ? AND "book"."rating" IS NOT NULL))"#, vec![real(3.0)]);
    let q = book(&reg).exclude(&kw(&[("pubDate", s("2020-01-01"))])).unwrap();
    assert_book_where(&q, r#"NOT (("book"."pubDate" = ? AND "book"."pubDate" IS NOT NULL))"#, vec![t("2020-01-01")]);
    let q = book(&reg).exclude(&kw(&[("editor", n(3.0))])).unwrap();
    assert_book_where(&q, r#"NOT (("book"."editor_id" = ? AND "book"."editor_id" IS NOT NULL))"#, vec![i(3)]);
    // isnull needs no guard; exact None neither.
    let q = book(&reg).exclude(&kw(&[("rating__isnull", b(true))])).unwrap();
    assert_book_where(&q, r#"NOT ("book"."rating" IS NULL)"#, vec![]);
    let q = book(&reg).exclude(&kw(&[("rating__isnull", b(false))])).unwrap();
    assert_book_where(&q, r#"NOT ("book"."rating" IS NOT NULL)"#, vec![]);
    let q = book(&reg).exclude(&kw(&[("editor", Input::Null)])).unwrap();
    assert_book_where(&q, r#"NOT ("book"."editor_id" IS NULL)"#, vec![]);
}

#[test]
fn exclude_with_several_kwargs() {
    let q = book(&registry()).exclude(&kw(&[("pages", n(1.0)), ("rating", n(2.0))])).unwrap();
    assert_book_where(&q, r#"NOT (("book"."pages" = ? AND "book"."rating" = ? AND "book"."rating" IS NOT NULL))"#, vec![i(1), real(2.0)]);
}

#[test]
fn q_or_and_not() {
    // Django: filter((Q(pages__gt=50) & Q(pages__lt=150)) | ~Q(title__startswith="T")).
    let reg = registry();
    let q =
        book(&reg).filter(&[or(vec![and(vec![lk("pages__gt", n(50.0)), lk("pages__lt", n(150.0))]), not(lk("title__startswith", s("T")))])]).unwrap();
    assert_book_where(&q, r#"(("book"."pages" > ? AND "book"."pages" < ?) OR NOT ("book"."title" LIKE ? ESCAPE '\'))"#, vec![i(50), i(150), t("T%")]);
}

#[test]
fn q_positional_and_kwargs_are_anded() {
    // filter(Q(a) | Q(b), title="T1") → ((a OR b) AND title = 'T1').
    let reg = registry();
    let q = book(&reg).filter(&[or(vec![lk("pages", n(1.0)), lk("pages", n(2.0))]), lk("title", s("T1"))]).unwrap();
    assert_book_where(&q, r#"(("book"."pages" = ? OR "book"."pages" = ?) AND "book"."title" = ?)"#, vec![i(1), i(2), t("T1")]);
}

#[test]
fn q_nested_and_negated() {
    let reg = registry();
    let q = book(&reg).filter(&[not(or(vec![lk("pages", n(1.0)), and(vec![lk("title", s("a")), not(lk("inPrint", b(true)))])]))]).unwrap();
    assert_book_where(&q, r#"NOT (("book"."pages" = ? OR ("book"."title" = ? AND NOT ("book"."inPrint" = ?))))"#, vec![i(1), t("a"), i(1)]);
    // A negated nullable column inside a Q gets the IS NOT NULL guard too.
    let q = book(&reg).filter(&[or(vec![not(lk("rating", n(3.0))), lk("pages", n(1.0))])]).unwrap();
    assert_book_where(&q, r#"(NOT (("book"."rating" = ? AND "book"."rating" IS NOT NULL)) OR "book"."pages" = ?)"#, vec![real(3.0), i(1)]);
    // Double negation cancels the guard.
    let q = book(&reg).filter(&[not(not(lk("rating", n(3.0))))]).unwrap();
    assert_book_where(&q, r#"NOT (NOT ("book"."rating" = ?))"#, vec![real(3.0)]);
}

#[test]
fn empty_q_adds_nothing() {
    let reg = registry();
    let q = book(&reg).filter(&[and(vec![])]).unwrap();
    assert_sql(&q, &format!(r#"SELECT {BOOK_COLS} FROM "book""#), vec![]);
    let q = book(&reg).filter(&[and(vec![]), lk("pages", n(1.0))]).unwrap();
    assert_book_where(&q, r#""book"."pages" = ?"#, vec![i(1)]);
}

// ---------------------------------------------------------------------------
// order_by / Meta.ordering / reverse
// ---------------------------------------------------------------------------

#[test]
fn meta_ordering_is_the_default() {
    let reg = registry();
    assert_sql(&qs(&reg, "Author"), &format!(r#"SELECT {AUTHOR_COLS} FROM "author" ORDER BY "author"."name" ASC"#), vec![]);
    // order_by() with no fields clears it.
    let q = qs(&reg, "Author").order_by(&[]).unwrap();
    assert_sql(&q, &format!(r#"SELECT {AUTHOR_COLS} FROM "author""#), vec![]);
    assert!(!q.is_ordered());
    assert!(qs(&reg, "Author").is_ordered());
    assert!(!qs(&reg, "Tag").is_ordered());
}

#[test]
fn order_by_asc_desc_pk_random() {
    let reg = registry();
    let tag = |f: &[&str]| qs(&reg, "Tag").order_by(&strs(f)).unwrap();
    assert_sql(&tag(&["name"]), &format!(r#"SELECT {TAG_COLS} FROM "tag" ORDER BY "tag"."name" ASC"#), vec![]);
    assert_sql(&tag(&["-name"]), &format!(r#"SELECT {TAG_COLS} FROM "tag" ORDER BY "tag"."name" DESC"#), vec![]);
    assert_sql(&tag(&["-pk", "?"]), &format!(r#"SELECT {TAG_COLS} FROM "tag" ORDER BY "tag"."id" DESC, RANDOM() ASC"#), vec![]);
    assert_sql(&tag(&["?"]), &format!(r#"SELECT {TAG_COLS} FROM "tag" ORDER BY RANDOM() ASC"#), vec![]);
    let q = qs(&reg, "Book").order_by(&strs(&["-pubDate", "id"])).unwrap();
    assert_sql(&q, &format!(r#"SELECT {BOOK_COLS} FROM "book" ORDER BY "book"."pubDate" DESC, "book"."id" ASC"#), vec![]);
    // The FK column by attname: no join.
    let q = qs(&reg, "Book").order_by(&strs(&["-author_id"])).unwrap();
    assert_sql(&q, &format!(r#"SELECT {BOOK_COLS} FROM "book" ORDER BY "book"."author_id" DESC"#), vec![]);
    // A later order_by replaces the earlier one.
    let q = qs(&reg, "Tag").order_by(&strs(&["name"])).unwrap().order_by(&strs(&["-id"])).unwrap();
    assert_sql(&q, &format!(r#"SELECT {TAG_COLS} FROM "tag" ORDER BY "tag"."id" DESC"#), vec![]);
}

#[test]
fn order_by_relation_with_and_without_target_ordering() {
    let reg = registry();
    // Author has Meta.ordering = ["name"]: ordering by the FK orders by author.name (a join).
    let q = qs(&reg, "Book").order_by(&strs(&["author"])).unwrap();
    assert_sql(
        &q,
        &format!(r#"SELECT {BOOK_COLS} FROM "book" JOIN "author" ON ("book"."author_id" = "author"."id") ORDER BY "author"."name" ASC"#),
        vec![],
    );
    // Publisher has no ordering: the FK column itself, no join.
    let q = qs(&reg, "Book").order_by(&strs(&["-publisher"])).unwrap();
    assert_sql(&q, &format!(r#"SELECT {BOOK_COLS} FROM "book" ORDER BY "book"."publisher_id" DESC"#), vec![]);
}

#[test]
fn reverse_flips_the_ordering() {
    let reg = registry();
    let q = qs(&reg, "Author").reverse().unwrap();
    assert_sql(&q, &format!(r#"SELECT {AUTHOR_COLS} FROM "author" ORDER BY "author"."name" DESC"#), vec![]);
    let q = qs(&reg, "Book").order_by(&strs(&["-pubDate", "id"])).unwrap().reverse().unwrap();
    assert_sql(&q, &format!(r#"SELECT {BOOK_COLS} FROM "book" ORDER BY "book"."pubDate" ASC, "book"."id" DESC"#), vec![]);
    // Twice is a no-op.
    let q = qs(&reg, "Tag").order_by(&strs(&["-name", "id"])).unwrap().reverse().unwrap().reverse().unwrap();
    assert_sql(&q, &format!(r#"SELECT {TAG_COLS} FROM "tag" ORDER BY "tag"."name" DESC, "tag"."id" ASC"#), vec![]);
}

#[test]
fn reverse_then_order_by_stays_reversed() {
    // Django 5.2:
    //   Tag.objects.reverse().order_by("name")
    //     → SELECT "tag"."id", "tag"."name" FROM "tag" ORDER BY "tag"."name" DESC
    //   Author.objects.reverse().order_by("-name", "id")
    //     → ... ORDER BY "author"."name" ASC, "author"."id" DESC
    // Quarry: ORDER BY "tag"."name" ASC / "author"."name" DESC, "author"."id" ASC.
    let reg = registry();
    let q = qs(&reg, "Tag").reverse().unwrap().order_by(&strs(&["name"])).unwrap();
    assert_sql(&q, &format!(r#"SELECT {TAG_COLS} FROM "tag" ORDER BY "tag"."name" DESC"#), vec![]);
    let q = qs(&reg, "Author").reverse().unwrap().order_by(&strs(&["-name", "id"])).unwrap();
    assert_sql(&q, &format!(r#"SELECT {AUTHOR_COLS} FROM "author" ORDER BY "author"."name" ASC, "author"."id" DESC"#), vec![]);
}

#[test]
fn reverse_on_unordered_has_no_effect() {
    let reg = registry();
    let q = qs(&reg, "Tag").reverse().unwrap();
    assert_sql(&q, &format!(r#"SELECT {TAG_COLS} FROM "tag""#), vec![]);
    let q = qs(&reg, "Author").order_by(&[]).unwrap().reverse().unwrap();
    assert_sql(&q, &format!(r#"SELECT {AUTHOR_COLS} FROM "author""#), vec![]);
}

// ---------------------------------------------------------------------------
// distinct / values / values_list
// ---------------------------------------------------------------------------

#[test]
fn distinct() {
    let reg = registry();
    let q = qs(&reg, "Tag").distinct(&[]).unwrap();
    assert_sql(&q, &format!(r#"SELECT DISTINCT {TAG_COLS} FROM "tag""#), vec![]);
    let q = qs(&reg, "Author").distinct(&[]).unwrap();
    assert_sql(&q, &format!(r#"SELECT DISTINCT {AUTHOR_COLS} FROM "author" ORDER BY "author"."name" ASC"#), vec![]);
    // DISTINCT selects the columns it orders by (Django adds them to the select list).
    let q = qs(&reg, "Tag").values(&strs(&["id"])).unwrap().distinct(&[]).unwrap().order_by(&strs(&["name"])).unwrap();
    assert_sql(&q, r#"SELECT DISTINCT "tag"."id", "tag"."name" FROM "tag" ORDER BY "tag"."name" ASC"#, vec![]);
}

#[test]
fn values_and_values_list() {
    let reg = registry();
    assert_sql(&qs(&reg, "Tag").values(&[]).unwrap(), &format!(r#"SELECT {TAG_COLS} FROM "tag""#), vec![]);
    assert_sql(&qs(&reg, "Tag").values(&strs(&["name"])).unwrap(), r#"SELECT "tag"."name" FROM "tag""#, vec![]);
    assert_sql(&qs(&reg, "Tag").values_list(&strs(&["name"]), true, false).unwrap(), r#"SELECT "tag"."name" FROM "tag""#, vec![]);
    assert_sql(&qs(&reg, "Tag").values_list(&strs(&["name", "id"]), false, false).unwrap(), r#"SELECT "tag"."name", "tag"."id" FROM "tag""#, vec![]);
    // named: the SQL of values(); flat and named together is Django's TypeError.
    assert_sql(&qs(&reg, "Tag").values_list(&strs(&["name", "id"]), false, true).unwrap(), r#"SELECT "tag"."name", "tag"."id" FROM "tag""#, vec![]);
    let e = qs(&reg, "Tag").values_list(&strs(&["name"]), true, true).unwrap_err();
    assert_eq!((e.class_name(), e.to_string().as_str()), ("TypeError", "'flat' and 'named' can't be used together."));
    // Keys that are not the column name get an alias; transforms are selectable.
    let q = qs(&reg, "Book").values(&strs(&["author", "author_id", "pk", "pubDate__year"])).unwrap();
    assert_sql(
        &q,
        r#"SELECT "book"."author_id" AS "author", "book"."author_id", "book"."id" AS "pk", CAST(strftime(?, "book"."pubDate") AS INTEGER) AS "pubDate__year" FROM "book""#,
        vec![t("%Y")],
    );
    // The model's ordering still applies.
    assert_sql(
        &qs(&reg, "Author").values_list(&strs(&["email"]), true, false).unwrap(),
        r#"SELECT "author"."email" FROM "author" ORDER BY "author"."name" ASC"#,
        vec![],
    );
}

#[test]
fn values_with_relation_spans() {
    // Django: SELECT "book"."title" AS "title", "author"."name" AS "author__name" FROM "book" JOIN "author" ...
    let reg = registry();
    let q = qs(&reg, "Book").values_list(&strs(&["title", "author__name"]), false, false).unwrap();
    assert_sql(
        &q,
        r#"SELECT "book"."title", "author"."name" AS "author__name" FROM "book" JOIN "author" ON ("book"."author_id" = "author"."id")"#,
        vec![],
    );
    // Django: SELECT "author"."name" AS "editor__name" FROM "book" LEFT JOIN "author" ON ("book"."editor_id" = "author"."id")
    let q = qs(&reg, "Book").values(&strs(&["editor__name"])).unwrap();
    assert_sql(&q, r#"SELECT "author"."name" AS "editor__name" FROM "book" LEFT JOIN "author" ON ("book"."editor_id" = "author"."id")"#, vec![]);
}

// ---------------------------------------------------------------------------
// slicing
// ---------------------------------------------------------------------------

#[test]
fn slices_bind_limit_and_offset() {
    let reg = registry();
    let tag = || qs(&reg, "Tag");
    let sql_lo = format!(r#"SELECT {TAG_COLS} FROM "tag" LIMIT ? OFFSET ?"#);
    assert_sql(&tag().slice(Some(1), Some(5)).unwrap(), &sql_lo, vec![i(4), i(1)]);
    assert_sql(&tag().slice(None, Some(5)).unwrap(), &format!(r#"SELECT {TAG_COLS} FROM "tag" LIMIT ?"#), vec![i(5)]);
    assert_sql(&tag().slice(Some(0), Some(5)).unwrap(), &format!(r#"SELECT {TAG_COLS} FROM "tag" LIMIT ?"#), vec![i(5)]);
    // Open-ended: LIMIT -1 OFFSET n (SQLite has no bare OFFSET).
    assert_sql(&tag().slice(Some(3), None).unwrap(), &sql_lo, vec![i(-1), i(3)]);
    // slice(0, None) is no slice at all.
    assert_sql(&tag().slice(Some(0), None).unwrap(), &format!(r#"SELECT {TAG_COLS} FROM "tag""#), vec![]);
}

#[test]
fn slices_compose_as_django() {
    let reg = registry();
    let tag = || qs(&reg, "Tag");
    let sql_lo = format!(r#"SELECT {TAG_COLS} FROM "tag" LIMIT ? OFFSET ?"#);
    // [1:5][1:2] → LIMIT 1 OFFSET 2.
    assert_sql(&tag().slice(Some(1), Some(5)).unwrap().slice(Some(1), Some(2)).unwrap(), &sql_lo, vec![i(1), i(2)]);
    // [2:][1:3] → LIMIT 2 OFFSET 3.
    assert_sql(&tag().slice(Some(2), None).unwrap().slice(Some(1), Some(3)).unwrap(), &sql_lo, vec![i(2), i(3)]);
    // [2:][3:] → LIMIT -1 OFFSET 5.
    assert_sql(&tag().slice(Some(2), None).unwrap().slice(Some(3), None).unwrap(), &sql_lo, vec![i(-1), i(5)]);
    // [1:5][:10] stays [1:5].
    assert_sql(&tag().slice(Some(1), Some(5)).unwrap().slice(None, Some(10)).unwrap(), &sql_lo, vec![i(4), i(1)]);
    // Slices past the end are empty without a query.
    assert!(tag().slice(Some(1), Some(3)).unwrap().slice(Some(5), None).unwrap().is_empty());
    assert!(tag().slice(Some(3), Some(3)).unwrap().is_empty());
    assert!(tag().slice(Some(4), Some(2)).unwrap().is_empty());
}

#[test]
fn slice_after_where_and_order() {
    let reg = registry();
    let q = qs(&reg, "Author").filter(&kw(&[("age__gt", n(30.0))])).unwrap().slice(Some(10), Some(20)).unwrap();
    assert_sql(
        &q,
        &format!(r#"SELECT {AUTHOR_COLS} FROM "author" WHERE "author"."age" > ? ORDER BY "author"."name" ASC LIMIT ? OFFSET ?"#),
        vec![i(30), i(10), i(10)],
    );
}

// ---------------------------------------------------------------------------
// none / count / exists
// ---------------------------------------------------------------------------

#[test]
fn none_is_empty() {
    let reg = registry();
    assert!(qs(&reg, "Tag").none().is_empty());
    assert!(qs(&reg, "Tag").none().filter(&kw(&[("name", s("a"))])).unwrap().is_empty());
    assert!(!qs(&reg, "Tag").is_empty());
}

#[test]
fn count_plain() {
    let reg = registry();
    assert_shape(&qs(&reg, "Tag"), Shape::Count, r#"SELECT COUNT(*) AS "__count" FROM "tag""#, vec![]);
    // The ordering is dropped.
    assert_shape(&qs(&reg, "Author"), Shape::Count, r#"SELECT COUNT(*) AS "__count" FROM "author""#, vec![]);
    let q = qs(&reg, "Author").filter(&kw(&[("name", s("x"))])).unwrap();
    assert_shape(&q, Shape::Count, r#"SELECT COUNT(*) AS "__count" FROM "author" WHERE "author"."name" = ?"#, vec![t("x")]);
}

#[test]
fn count_wraps_distinct_and_sliced() {
    let reg = registry();
    let q = qs(&reg, "Author").distinct(&[]).unwrap();
    assert_shape(&q, Shape::Count, &format!(r#"SELECT COUNT(*) FROM (SELECT DISTINCT {AUTHOR_COLS} FROM "author") AS "subquery""#), vec![]);
    let q = qs(&reg, "Tag").values(&strs(&["name"])).unwrap().distinct(&[]).unwrap();
    assert_shape(&q, Shape::Count, r#"SELECT COUNT(*) FROM (SELECT DISTINCT "tag"."name" FROM "tag") AS "subquery""#, vec![]);
    // A sliced count keeps the ordering the slice depends on.
    let q = qs(&reg, "Author").slice(Some(1), Some(3)).unwrap();
    assert_shape(
        &q,
        Shape::Count,
        &format!(r#"SELECT COUNT(*) FROM (SELECT {AUTHOR_COLS} FROM "author" ORDER BY "author"."name" ASC LIMIT ? OFFSET ?) AS "subquery""#),
        vec![i(2), i(1)],
    );
}

#[test]
fn exists() {
    let reg = registry();
    assert_shape(&qs(&reg, "Author"), Shape::Exists, r#"SELECT 1 AS "a" FROM "author" LIMIT ?"#, vec![i(1)]);
    let q = qs(&reg, "Author").filter(&kw(&[("name", s("x"))])).unwrap();
    assert_shape(&q, Shape::Exists, r#"SELECT 1 AS "a" FROM "author" WHERE "author"."name" = ? LIMIT ?"#, vec![t("x"), i(1)]);
    // A slice's offset is kept: [2:5].exists() → LIMIT 1 OFFSET 2.
    let q = qs(&reg, "Author").slice(Some(2), Some(5)).unwrap();
    assert_shape(&q, Shape::Exists, r#"SELECT 1 AS "a" FROM "author" LIMIT ? OFFSET ?"#, vec![i(1), i(2)]);
}

#[test]
fn pks_shape() {
    let reg = registry();
    let q = qs(&reg, "Book").filter(&kw(&[("pages__gt", n(3.0))])).unwrap();
    assert_shape(&q, Shape::Pks, r#"SELECT "book"."id" FROM "book" WHERE "book"."pages" > ?"#, vec![i(3)]);
}

// ---------------------------------------------------------------------------
// get / first / last / earliest / latest
// ---------------------------------------------------------------------------

#[test]
fn get_limits_to_21_and_clears_ordering() {
    let reg = registry();
    let q = ops::get_query(&qs(&reg, "Author").filter(&kw(&[("name", s("x"))])).unwrap()).unwrap();
    assert_sql(&q, &format!(r#"SELECT {AUTHOR_COLS} FROM "author" WHERE "author"."name" = ? LIMIT ?"#), vec![t("x"), i(21)]);
    let q = ops::get_query(&qs(&reg, "Tag").order_by(&strs(&["-name"])).unwrap()).unwrap();
    assert_sql(&q, &format!(r#"SELECT {TAG_COLS} FROM "tag" LIMIT ?"#), vec![i(21)]);
    // On a sliced queryset the slice and its ordering stay (Django's set_limits(high=21) within it).
    let q = ops::get_query(&qs(&reg, "Author").slice(Some(1), Some(3)).unwrap()).unwrap();
    assert_sql(&q, &format!(r#"SELECT {AUTHOR_COLS} FROM "author" ORDER BY "author"."name" ASC LIMIT ? OFFSET ?"#), vec![i(2), i(1)]);
}

#[test]
fn first_and_last() {
    let reg = registry();
    // Unordered: by pk.
    assert_sql(
        &ops::first_query(&qs(&reg, "Tag"), false).unwrap(),
        &format!(r#"SELECT {TAG_COLS} FROM "tag" ORDER BY "tag"."id" ASC LIMIT ?"#),
        vec![i(1)],
    );
    assert_sql(
        &ops::first_query(&qs(&reg, "Tag"), true).unwrap(),
        &format!(r#"SELECT {TAG_COLS} FROM "tag" ORDER BY "tag"."id" DESC LIMIT ?"#),
        vec![i(1)],
    );
    // Ordered (Meta.ordering): that ordering, reversed for last.
    assert_sql(
        &ops::first_query(&qs(&reg, "Author"), false).unwrap(),
        &format!(r#"SELECT {AUTHOR_COLS} FROM "author" ORDER BY "author"."name" ASC LIMIT ?"#),
        vec![i(1)],
    );
    assert_sql(
        &ops::first_query(&qs(&reg, "Author"), true).unwrap(),
        &format!(r#"SELECT {AUTHOR_COLS} FROM "author" ORDER BY "author"."name" DESC LIMIT ?"#),
        vec![i(1)],
    );
    let ordered = qs(&reg, "Book").order_by(&strs(&["-pubDate", "id"])).unwrap();
    assert_sql(
        &ops::first_query(&ordered, true).unwrap(),
        &format!(r#"SELECT {BOOK_COLS} FROM "book" ORDER BY "book"."pubDate" ASC, "book"."id" DESC LIMIT ?"#),
        vec![i(1)],
    );
    let filtered = qs(&reg, "Tag").filter(&kw(&[("name__startswith", s("a"))])).unwrap();
    assert_sql(
        &ops::first_query(&filtered, false).unwrap(),
        &format!(r#"SELECT {TAG_COLS} FROM "tag" WHERE "tag"."name" LIKE ? ESCAPE '\' ORDER BY "tag"."id" ASC LIMIT ?"#),
        vec![t("a%"), i(1)],
    );
}

#[test]
fn earliest_and_latest() {
    let reg = registry();
    let q = qs(&reg, "Book").earliest_latest(&strs(&["pubDate"]), false).unwrap();
    assert_sql(&q, &format!(r#"SELECT {BOOK_COLS} FROM "book" ORDER BY "book"."pubDate" ASC LIMIT ?"#), vec![i(1)]);
    let q = qs(&reg, "Book").earliest_latest(&strs(&["pubDate", "-id"]), true).unwrap();
    assert_sql(&q, &format!(r#"SELECT {BOOK_COLS} FROM "book" ORDER BY "book"."pubDate" DESC, "book"."id" ASC LIMIT ?"#), vec![i(1)]);
}

// ---------------------------------------------------------------------------
// update / delete / insert
// ---------------------------------------------------------------------------

fn fx(op: ArithOp, l: ExprInput, r: ExprInput) -> ExprInput {
    ExprInput::Combined { op, lhs: Rc::new(l), rhs: Rc::new(r) }
}

fn update(q: &QuerySet, values: Vec<(&str, Input)>) -> compiler::Compiled {
    let values: Vec<(String, Input)> = values.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    let sets = ops::assignments(&q.reg, &q.model, &values).unwrap();
    let c = compiler::compile_update(q, sets).unwrap();
    plan_roundtrip_update(q, &values, &c);
    c
}

#[test]
fn update_plain_values() {
    let reg = registry();
    let q = qs(&reg, "Book").filter(&kw(&[("pages__lt", n(10.0))])).unwrap();
    let c = update(&q, vec![("title", s("new")), ("pages", n(3.0))]);
    assert_compiled(&c, r#"UPDATE "book" SET "title" = ?, "pages" = ? WHERE "book"."pages" < ?"#, vec![t("new"), i(3), i(10)]);
    let c = update(&q, vec![("editor", Input::Null), ("author", inst("Author", 2.0)), ("inPrint", b(false))]);
    assert_compiled(
        &c,
        r#"UPDATE "book" SET "editor_id" = ?, "author_id" = ?, "inPrint" = ? WHERE "book"."pages" < ?"#,
        vec![Value::Null, i(2), i(0), i(10)],
    );
    // No filter: every row.
    let c = update(&qs(&reg, "Tag"), vec![("name", s("x"))]);
    assert_compiled(&c, r#"UPDATE "tag" SET "name" = ?"#, vec![t("x")]);
}

#[test]
fn update_with_f_arithmetic() {
    let reg = registry();
    let q = qs(&reg, "Book").filter(&kw(&[("pages__lt", n(10.0))])).unwrap();
    let plus_one = fx(ArithOp::Add, ExprInput::F("pages".into()), ExprInput::Value(n(1.0)));
    let c = update(&q, vec![("pages", Input::Expr(Rc::new(plus_one)))]);
    assert_compiled(&c, r#"UPDATE "book" SET "pages" = ("book"."pages" + ?) WHERE "book"."pages" < ?"#, vec![i(1), i(10)]);
    // Django: F("rating") * 2.5 - F("pages") → (("rating" * 2.5) - "pages").
    let e = fx(ArithOp::Sub, fx(ArithOp::Mul, ExprInput::F("rating".into()), ExprInput::Value(n(2.5))), ExprInput::F("pages".into()));
    let c = update(&q, vec![("rating", Input::Expr(Rc::new(e)))]);
    assert_compiled(&c, r#"UPDATE "book" SET "rating" = (("book"."rating" * ?) - "book"."pages") WHERE "book"."pages" < ?"#, vec![real(2.5), i(10)]);
    let e = fx(ArithOp::Mod, ExprInput::F("pages".into()), ExprInput::Value(n(7.0)));
    let c = update(&qs(&reg, "Book"), vec![("pages", Input::Expr(Rc::new(e)))]);
    assert_compiled(&c, r#"UPDATE "book" SET "pages" = ("book"."pages" % ?)"#, vec![i(7)]);
    let e = fx(ArithOp::Div, ExprInput::F("pages".into()), ExprInput::Value(n(2.0)));
    let c = update(&qs(&reg, "Book"), vec![("pages", Input::Expr(Rc::new(e)))]);
    // D1 binds JS numbers as REAL: the integer is cast back, so the division is an integer one as in Django.
    assert_compiled(&c, r#"UPDATE "book" SET "pages" = ("book"."pages" / CAST(? AS INTEGER))"#, vec![i(2)]);
}

#[test]
fn update_through_joins_uses_pk_in_subquery() {
    // Django: UPDATE "book" SET "title" = %s WHERE "book"."id" IN
    //   (SELECT U0."id" FROM "book" U0 JOIN "author" U1 ON (U0."author_id" = U1."id") WHERE U1."name" = %s)
    let reg = registry();
    let q = qs(&reg, "Book").filter(&kw(&[("author__name", s("x"))])).unwrap();
    let c = update(&q, vec![("title", s("new"))]);
    assert_compiled(
        &c,
        r#"UPDATE "book" SET "title" = ? WHERE "book"."id" IN (SELECT "book"."id" FROM "book" JOIN "author" ON ("book"."author_id" = "author"."id") WHERE "author"."name" = ?)"#,
        vec![t("new"), t("x")],
    );
}

#[test]
fn delete_plain_and_filtered() {
    let reg = registry();
    assert_compiled(&compiler::compile_delete(&qs(&reg, "Book")).unwrap(), r#"DELETE FROM "book""#, vec![]);
    let q = qs(&reg, "Book").filter(&kw(&[("pages__gt", n(3.0))])).unwrap();
    assert_compiled(&compiler::compile_delete(&q).unwrap(), r#"DELETE FROM "book" WHERE "book"."pages" > ?"#, vec![i(3)]);
    // Ordering never reaches a DELETE.
    let q = qs(&reg, "Author").filter(&kw(&[("age__isnull", b(true))])).unwrap();
    assert_compiled(&compiler::compile_delete(&q).unwrap(), r#"DELETE FROM "author" WHERE "author"."age" IS NULL"#, vec![]);
}

#[test]
fn delete_through_joins_uses_pk_in_subquery() {
    // Django: DELETE FROM "book" WHERE "book"."id" IN (SELECT U0."id" FROM "book" U0 JOIN "author" U1
    //   ON (U0."author_id" = U1."id") WHERE U1."name" = %s)
    let reg = registry();
    let q = qs(&reg, "Book").filter(&kw(&[("author__name", s("x"))])).unwrap();
    assert_compiled(
        &compiler::compile_delete(&q).unwrap(),
        r#"DELETE FROM "book" WHERE "book"."id" IN (SELECT "book"."id" FROM "book" JOIN "author" ON ("book"."author_id" = "author"."id") WHERE "author"."name" = ?)"#,
        vec![t("x")],
    );
    // Django: ... IN (SELECT U0."id" FROM "book" U0 JOIN "book_tags" U1 ON (U0."id" = U1."book_id")
    //   JOIN "tag" U2 ON (U1."tag_id" = U2."id") WHERE U2."name" = %s)
    let q = qs(&reg, "Book").filter(&kw(&[("tags__name", s("t"))])).unwrap();
    assert_compiled(
        &compiler::compile_delete(&q).unwrap(),
        r#"DELETE FROM "book" WHERE "book"."id" IN (SELECT "book"."id" FROM "book" JOIN "book_tags" ON ("book"."id" = "book_tags"."book_id") JOIN "tag" ON ("book_tags"."tag_id" = "tag"."id") WHERE "tag"."name" = ?)"#,
        vec![t("t")],
    );
    let q = qs(&reg, "Author").filter(&kw(&[("books__title", s("x"))])).unwrap();
    assert_compiled(
        &compiler::compile_delete(&q).unwrap(),
        r#"DELETE FROM "author" WHERE "author"."id" IN (SELECT "author"."id" FROM "author" JOIN "book" ON ("author"."id" = "book"."author_id") WHERE "book"."title" = ?)"#,
        vec![t("x")],
    );
}

#[test]
fn insert_statement() {
    let reg = registry();
    let m = reg.get("Book").unwrap();
    let vals = |v: Vec<(&str, Input)>| v.into_iter().map(|(k, v)| (k.to_string(), v)).collect::<Vec<_>>();
    let c = ops::insert_statement(
        &reg,
        &m,
        &vals(vec![
            ("id", Input::Null),
            ("title", s("T")),
            ("pages", n(3.0)),
            ("author", inst("Author", 2.0)),
            ("pubDate", s("2020-01-02")),
            ("inPrint", b(true)),
            ("price", n(9.5)),
            ("created", Input::Date(0.0)),
        ]),
    )
    .unwrap();
    assert_compiled(
        &c,
        r#"INSERT INTO "book" ("title", "pages", "author_id", "pubDate", "inPrint", "price", "created") VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING "book"."id""#,
        vec![t("T"), i(3), i(2), t("2020-01-02"), i(1), t("9.5"), t("1970-01-01 00:00:00")],
    );
    // By attname, with an explicit primary key.
    let c = ops::insert_statement(&reg, &m, &vals(vec![("id", n(9.0)), ("title", s("T")), ("author_id", n(2.0)), ("editor", Input::Null)])).unwrap();
    assert_compiled(
        &c,
        r#"INSERT INTO "book" ("id", "title", "author_id", "editor_id") VALUES (?, ?, ?, ?) RETURNING "book"."id""#,
        vec![i(9), t("T"), i(2), Value::Null],
    );
}

#[test]
fn like_lookups_past_the_like_pattern_limit_compare_without_like() {
    // A pattern longer than Config::max_like_bytes (50) is matched without LIKE.
    let long = "x".repeat(60);
    for (lookup, where_, n) in [
        ("title__iexact", r#"lower("book"."title") = lower(?)"#, 1),
        ("title__icontains", r#"instr(lower("book"."title"), lower(?)) > 0"#, 1),
        ("title__istartswith", r#"substr(lower("book"."title"), 1, length(?)) = lower(?)"#, 2),
        ("title__iendswith", r#"substr(lower("book"."title"), 0 - length(?)) = lower(?)"#, 2),
    ] {
        assert_book_where(&bf(lookup, s(&long)), where_, vec![t(&long); n]);
    }
}
