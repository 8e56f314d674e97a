//! Golden tests of Case/When: each SQL text is what Django 5.2 prints for the
//! same query (`python3 tests/django/sql_reference.py case_`; the cases there
//! have the same names as the tests here). sqlparser spells Django's `INNER JOIN`
//! / `LEFT OUTER JOIN` as `JOIN` / `LEFT JOIN`, as everywhere in the goldens.

mod common;

use std::rc::Rc;

use common::*;
use quarry::compiler::{self, Shape};
use quarry::exec::ops;
use quarry::query::resolve::{AggInput, AnnotationInput};
use quarry::query::{QInput, QuerySet};
use quarry::value::{ExprInput, Input, Value};

fn val(v: Input) -> Rc<ExprInput> {
    Rc::new(ExprInput::Value(v))
}

fn f(name: &str) -> Rc<ExprInput> {
    Rc::new(ExprInput::F(name.into()))
}

fn when(q: QInput, then: Rc<ExprInput>) -> (QInput, Rc<ExprInput>) {
    (q, then)
}

fn case(whens: Vec<(QInput, Rc<ExprInput>)>, default: Option<Rc<ExprInput>>) -> ExprInput {
    ExprInput::Case { whens, default, output: None }
}

fn annotate(q: &QuerySet, name: &str, e: ExprInput) -> quarry::Result<QuerySet> {
    q.annotate(&[(name.to_string(), AnnotationInput::Expr(e))], true)
}

fn by_id(q: QuerySet) -> QuerySet {
    q.order_by(&strs(&["id"])).unwrap()
}

fn kind_case() -> ExprInput {
    case(vec![when(lk("age__lt", n(18.0)), val(s("minor"))), when(lk("age__gte", n(65.0)), val(s("senior")))], Some(val(s("adult"))))
}

#[test]
fn case_annotate() {
    let reg = registry();
    let q = by_id(annotate(&qs(&reg, "Author"), "kind", kind_case()).unwrap());
    assert_sql(
        &q,
        &format!(
            r#"SELECT {AUTHOR_COLS}, CASE WHEN "author"."age" < ? THEN ? WHEN "author"."age" >= ? THEN ? ELSE ? END AS "kind" FROM "author" ORDER BY "author"."id" ASC"#
        ),
        vec![i(18), t("minor"), i(65), t("senior"), t("adult")],
    );
}

#[test]
fn case_no_default() {
    let reg = registry();
    let q = by_id(annotate(&qs(&reg, "Author"), "kind", case(vec![when(lk("age__lt", n(18.0)), val(s("minor")))], None)).unwrap());
    assert_sql(
        &q,
        &format!(r#"SELECT {AUTHOR_COLS}, CASE WHEN "author"."age" < ? THEN ? ELSE NULL END AS "kind" FROM "author" ORDER BY "author"."id" ASC"#),
        vec![i(18), t("minor")],
    );
}

#[test]
fn case_q_two_lookups() {
    let reg = registry();
    let cond = and(vec![or(vec![lk("pages__gt", n(100.0)), lk("rating__gte", n(4.0))]), lk("pages__lt", n(500.0))]);
    let q = by_id(annotate(&qs(&reg, "Book"), "k", case(vec![when(cond, val(n(1.0)))], Some(val(n(0.0))))).unwrap());
    assert_sql(
        &q,
        &format!(
            r#"SELECT {BOOK_COLS}, CASE WHEN (("book"."pages" > ? OR "book"."rating" >= ?) AND "book"."pages" < ?) THEN ? ELSE ? END AS "k" FROM "book" ORDER BY "book"."id" ASC"#
        ),
        vec![i(100), Value::Real(4.0), i(500), i(1), i(0)],
    );
}

#[test]
fn case_filter_on_annotation() {
    // Django resolves the annotation again in WHERE: the When's condition gets parentheses there.
    let reg = registry();
    let k = case(vec![when(lk("age__lt", n(18.0)), val(s("minor")))], Some(val(s("adult"))));
    let q = annotate(&qs(&reg, "Author"), "kind", k.clone()).unwrap().filter(&kw(&[("kind", s("minor"))])).unwrap();
    assert_sql(
        &by_id(q),
        &format!(
            r#"SELECT {AUTHOR_COLS}, CASE WHEN "author"."age" < ? THEN ? ELSE ? END AS "kind" FROM "author" WHERE CASE WHEN ("author"."age" < ?) THEN ? ELSE ? END = ? ORDER BY "author"."id" ASC"#
        ),
        vec![i(18), t("minor"), t("adult"), i(18), t("minor"), t("adult"), t("minor")],
    );
    // alias(): not selected; ORDER BY and WHERE print it resolved again.
    let q = qs(&reg, "Author").annotate(&[("kind".into(), AnnotationInput::Expr(k))], false).unwrap();
    assert_sql(
        &q.filter(&kw(&[("kind", s("a"))])).unwrap(),
        &format!(r#"SELECT {AUTHOR_COLS} FROM "author" WHERE CASE WHEN ("author"."age" < ?) THEN ? ELSE ? END = ? ORDER BY "author"."name" ASC"#),
        vec![i(18), t("minor"), t("adult"), t("a")],
    );
    assert_sql(
        &q.order_by(&strs(&["kind"])).unwrap(),
        &format!(r#"SELECT {AUTHOR_COLS} FROM "author" ORDER BY CASE WHEN ("author"."age" < ?) THEN ? ELSE ? END ASC"#),
        vec![i(18), t("minor"), t("adult")],
    );
}

#[test]
fn case_then_f_and_join() {
    let reg = registry();
    let q = by_id(annotate(&qs(&reg, "Book"), "x", case(vec![when(lk("pages__gt", n(10.0)), f("pages"))], Some(val(n(0.0))))).unwrap());
    assert_sql(
        &q,
        &format!(r#"SELECT {BOOK_COLS}, CASE WHEN "book"."pages" > ? THEN "book"."pages" ELSE ? END AS "x" FROM "book" ORDER BY "book"."id" ASC"#),
        vec![i(10), i(0)],
    );
    let q = by_id(annotate(&qs(&reg, "Book"), "x", case(vec![when(lk("author__age__gt", n(10.0)), f("author__name"))], Some(val(s("?"))))).unwrap());
    assert_sql(
        &q,
        &format!(
            r#"SELECT {BOOK_COLS}, CASE WHEN "author"."age" > ? THEN "author"."name" ELSE ? END AS "x" FROM "book" JOIN "author" ON ("book"."author_id" = "author"."id") ORDER BY "book"."id" ASC"#
        ),
        vec![i(10), t("?")],
    );
    // A nullable FK in a When is LEFT OUTER (Django's Q.resolve_expression promotes it).
    let q = annotate(&qs(&reg, "Book"), "x", case(vec![when(lk("editor__name", s("z")), val(s("a")))], None)).unwrap();
    assert_sql(
        &q,
        &format!(
            r#"SELECT {BOOK_COLS}, CASE WHEN "author"."name" = ? THEN ? ELSE NULL END AS "x" FROM "book" LEFT JOIN "author" ON ("book"."editor_id" = "author"."id")"#
        ),
        vec![t("z"), t("a")],
    );
}

#[test]
fn sum_case() {
    let reg = registry();
    let e = case(vec![when(lk("books__pages__gt", n(100.0)), val(n(1.0)))], Some(val(n(0.0))));
    let agg = AggInput { func: "Sum".into(), path: String::new(), expr: Some(e), distinct: false, sample: false, filter: None, default: None };
    let q = by_id(qs(&reg, "Author").annotate(&[("long".into(), AnnotationInput::Aggregate(agg))], true).unwrap());
    assert_sql(
        &q,
        &format!(
            r#"SELECT {AUTHOR_COLS}, SUM(CASE WHEN "book"."pages" > ? THEN ? ELSE ? END) AS "long" FROM "author" LEFT JOIN "book" ON ("author"."id" = "book"."author_id") GROUP BY {AUTHOR_COLS} ORDER BY "author"."id" ASC"#
        ),
        vec![i(100), i(1), i(0)],
    );
}

#[test]
fn update_case() {
    let reg = registry();
    let q = qs(&reg, "Book").filter(&kw(&[("pages__gt", n(1.0))])).unwrap();
    let e = case(vec![when(lk("pages__lt", n(100.0)), val(s("short")))], Some(f("title")));
    let sets = ops::assignments(&q.reg, &q.model, &[("title".to_string(), Input::Expr(Rc::new(e)))]).unwrap();
    let c = compiler::compile_update(&q, sets).unwrap();
    check(&c);
    assert_compiled(
        &c,
        r#"UPDATE "book" SET "title" = CASE WHEN ("book"."pages" < ?) THEN ? ELSE "book"."title" END WHERE "book"."pages" > ?"#,
        vec![i(100), t("short"), i(1)],
    );
    // A When across a relation in an update: Django's FieldError.
    let e = case(vec![when(lk("author__age__lt", n(10.0)), val(s("x")))], None);
    let r = ops::assignments(&q.reg, &q.model, &[("title".to_string(), Input::Expr(Rc::new(e)))]);
    assert_eq!(err_of(r, "FieldError"), "Joined field references are not permitted in this query");
}

#[test]
fn case_errors_and_empty_branches() {
    let reg = registry();
    // Django: FieldError("Expression contains mixed types: CharField, IntegerField. You must set output_field.")
    let e = case(vec![when(lk("age__lt", n(1.0)), val(s("a")))], Some(val(n(2.0))));
    assert_eq!(
        err_of(annotate(&qs(&reg, "Author"), "x", e), "FieldError"),
        "Expression contains mixed types: CharField, IntegerField. You must set output_field."
    );
    let e = ExprInput::Case { whens: vec![when(lk("age__lt", n(1.0)), val(s("a")))], default: Some(val(n(2.0))), output: Some("CharField".into()) };
    assert!(annotate(&qs(&reg, "Author"), "x", e).is_ok());
    // A When that matches nothing is dropped; with none left the default stands alone.
    let e = case(vec![when(lk("age__in", list(vec![])), val(s("a")))], Some(val(s("b"))));
    assert_shape(
        &annotate(&qs(&reg, "Author"), "x", e).unwrap(),
        Shape::Rows,
        &format!(r#"SELECT {AUTHOR_COLS}, ? AS "x" FROM "author" ORDER BY "author"."name" ASC"#),
        vec![t("b")],
    );
}

// ---------------------------------------------------------------------------
// A Q as a boolean expression (sql_reference.py q_annotate*)
// ---------------------------------------------------------------------------

fn cond(q: QInput) -> ExprInput {
    ExprInput::Q(Rc::new(q))
}

#[test]
fn q_annotate() {
    let reg = registry();
    let q = by_id(annotate(&qs(&reg, "Author"), "old", cond(lk("age__gt", n(40.0)))).unwrap());
    assert_sql(&q, &format!(r#"SELECT {AUTHOR_COLS}, "author"."age" > ? AS "old" FROM "author" ORDER BY "author"."id" ASC"#), vec![i(40)]);
}

#[test]
fn q_annotate_or_negated() {
    let reg = registry();
    let e = cond(or(vec![lk("age__lt", n(30.0)), not(lk("name__startswith", s("C")))]));
    let q = by_id(annotate(&qs(&reg, "Author"), "x", e).unwrap());
    assert_sql(
        &q,
        &format!(
            r#"SELECT {AUTHOR_COLS}, ("author"."age" < ? OR NOT ("author"."name" LIKE ? ESCAPE '\')) AS "x" FROM "author" ORDER BY "author"."id" ASC"#
        ),
        vec![i(30), t("C%")],
    );
}

#[test]
fn q_annotate_filter() {
    // Django's Exact of a condition with a boolean: the condition itself, or NOT it.
    let reg = registry();
    let q = annotate(&qs(&reg, "Author"), "old", cond(lk("age__gt", n(40.0)))).unwrap();
    assert_sql(
        &by_id(q.filter(&kw(&[("old", b(false))])).unwrap()),
        &format!(r#"SELECT {AUTHOR_COLS}, "author"."age" > ? AS "old" FROM "author" WHERE NOT ("author"."age" > ?) ORDER BY "author"."id" ASC"#),
        vec![i(40), i(40)],
    );
    assert_sql(
        &by_id(q.filter(&kw(&[("old", b(true))])).unwrap()),
        &format!(r#"SELECT {AUTHOR_COLS}, "author"."age" > ? AS "old" FROM "author" WHERE "author"."age" > ? ORDER BY "author"."id" ASC"#),
        vec![i(40), i(40)],
    );
}

#[test]
fn q_annotate_join() {
    // The join a condition uses is LEFT OUTER (Django's Q.resolve_expression promotes it).
    let reg = registry();
    let q = by_id(annotate(&qs(&reg, "Book"), "p", cond(lk("publisher__name", s("P")))).unwrap());
    assert_sql(
        &q,
        &format!(
            r#"SELECT {BOOK_COLS}, "publisher"."name" = ? AS "p" FROM "book" LEFT JOIN "publisher" ON ("book"."publisher_id" = "publisher"."id") ORDER BY "book"."id" ASC"#
        ),
        vec![t("P")],
    );
}

#[test]
fn q_annotate_empty() {
    // A condition that matches nothing is selected as 0 (Django's compiler), one that matches everything as 1.
    let reg = registry();
    let q = by_id(annotate(&qs(&reg, "Author"), "x", cond(lk("pk__in", list(vec![])))).unwrap());
    assert_sql(&q, &format!(r#"SELECT {AUTHOR_COLS}, 0 AS "x" FROM "author" ORDER BY "author"."id" ASC"#), vec![]);
}

#[test]
fn in_list_with_f() {
    // Django's ExpressionList: values bound, expressions compiled, None kept as NULL.
    let reg = registry();
    let plus = ExprInput::Combined { op: quarry::value::ArithOp::Add, lhs: f("rating"), rhs: val(n(1.0)) };
    let items = list(vec![Input::Expr(f("id")), n(150.0), Input::Null, Input::Expr(Rc::new(plus))]);
    let q = qs(&reg, "Book").filter(&[lk("pages__in", items)]).unwrap();
    assert_book_where(&q, r#""book"."pages" IN ("book"."id", ?, NULL, ("book"."rating" + ?))"#, vec![i(150), i(1)]);
}

#[test]
fn range_with_f() {
    let reg = registry();
    let q = qs(&reg, "Book").filter(&[lk("pages__range", list(vec![Input::Expr(f("id")), n(200.0)]))]).unwrap();
    assert_book_where(&q, r#""book"."pages" BETWEEN "book"."id" AND ?"#, vec![i(200)]);
}

// ---------------------------------------------------------------------------
// Exists / Subquery / OuterRef (sql_reference.py exists_* / subquery_*)
// ---------------------------------------------------------------------------

fn outer(name: &str) -> Input {
    Input::Expr(Rc::new(ExprInput::OuterRef { name: name.into(), up: 1 }))
}

fn exists(q: &QuerySet) -> ExprInput {
    ExprInput::Subquery { qs: quarry::value::SubqueryInput(q.clone()), exists: true, bare: false }
}

fn subquery(q: &QuerySet) -> ExprInput {
    ExprInput::Subquery { qs: quarry::value::SubqueryInput(q.clone()), exists: false, bare: false }
}

fn books_of_outer_author(reg: &Rc<quarry::model::Registry>) -> QuerySet {
    qs(reg, "Book").filter(&[lk("author", outer("pk")), lk("pages__gt", n(100.0))]).unwrap()
}

#[test]
fn exists_filter_and_exclude() {
    let reg = registry();
    let inner = books_of_outer_author(&reg);
    let q = qs(&reg, "Author").filter(&[QInput::Expr(exists(&inner))]).unwrap();
    assert_sql(
        &q,
        &format!(
            r#"SELECT {AUTHOR_COLS} FROM "author" WHERE EXISTS (SELECT ? AS "a" FROM "book" AS "U0" WHERE ("U0"."author_id" = ("author"."id") AND "U0"."pages" > ?) LIMIT ?) ORDER BY "author"."name" ASC"#
        ),
        vec![i(1), i(100), i(1)],
    );
    let q = qs(&reg, "Author").exclude(&[QInput::Expr(exists(&inner))]).unwrap();
    assert_sql(
        &q,
        &format!(
            r#"SELECT {AUTHOR_COLS} FROM "author" WHERE NOT (EXISTS (SELECT ? AS "a" FROM "book" AS "U0" WHERE ("U0"."author_id" = ("author"."id") AND "U0"."pages" > ?) LIMIT ?)) ORDER BY "author"."name" ASC"#
        ),
        vec![i(1), i(100), i(1)],
    );
    // With a lookup in the same call: ANDed in order, as Django.
    let inner = qs(&reg, "Book").filter(&[lk("author", outer("pk"))]).unwrap();
    let q = qs(&reg, "Author").filter(&[QInput::Expr(exists(&inner)), lk("name", s("x"))]).unwrap();
    assert_sql(
        &q,
        &format!(
            r#"SELECT {AUTHOR_COLS} FROM "author" WHERE (EXISTS (SELECT ? AS "a" FROM "book" AS "U0" WHERE "U0"."author_id" = ("author"."id") LIMIT ?) AND "author"."name" = ?) ORDER BY "author"."name" ASC"#
        ),
        vec![i(1), i(1), t("x")],
    );
}

#[test]
fn exists_annotate_and_in_case() {
    let reg = registry();
    let inner = qs(&reg, "Book").filter(&[lk("author", outer("pk"))]).unwrap();
    let q = annotate(&qs(&reg, "Author"), "has", exists(&inner)).unwrap();
    assert_sql(
        &q,
        &format!(
            r#"SELECT {AUTHOR_COLS}, EXISTS (SELECT ? AS "a" FROM "book" AS "U0" WHERE "U0"."author_id" = ("author"."id") LIMIT ?) AS "has" FROM "author" ORDER BY "author"."name" ASC"#
        ),
        vec![i(1), i(1)],
    );
    let e = case(vec![when(QInput::Expr(exists(&inner)), val(s("yes")))], Some(val(s("no"))));
    let q = annotate(&qs(&reg, "Author"), "k", e).unwrap();
    assert_sql(
        &q,
        &format!(
            r#"SELECT {AUTHOR_COLS}, CASE WHEN EXISTS (SELECT ? AS "a" FROM "book" AS "U0" WHERE "U0"."author_id" = ("author"."id") LIMIT ?) THEN ? ELSE ? END AS "k" FROM "author" ORDER BY "author"."name" ASC"#
        ),
        vec![i(1), i(1), t("yes"), t("no")],
    );
}

#[test]
fn exists_outer_span() {
    // OuterRef("author__name") joins in the outer query; the inner query's joins are U1, ...
    let reg = registry();
    let inner = qs(&reg, "Book").filter(&[lk("author__name", outer("author__name"))]).unwrap().exclude(&[lk("pk", outer("pk"))]).unwrap();
    let q = qs(&reg, "Book").filter(&[QInput::Expr(exists(&inner))]).unwrap();
    assert_sql(
        &q,
        &format!(
            r#"SELECT {BOOK_COLS} FROM "book" JOIN "author" ON ("book"."author_id" = "author"."id") WHERE EXISTS (SELECT ? AS "a" FROM "book" AS "U0" JOIN "author" AS "U1" ON ("U0"."author_id" = "U1"."id") WHERE ("U1"."name" = ("author"."name") AND NOT ("U0"."id" = ("book"."id"))) LIMIT ?)"#
        ),
        vec![i(1), i(1)],
    );
}

#[test]
fn subquery_annotate_in_and_gt() {
    let reg = registry();
    let latest = qs(&reg, "Book")
        .filter(&[lk("author", outer("pk"))])
        .unwrap()
        .order_by(&strs(&["-pubDate", "-id"]))
        .unwrap()
        .values(&strs(&["title"]))
        .unwrap()
        .slice(Some(0), Some(1))
        .unwrap();
    let q = annotate(&qs(&reg, "Author"), "latest", subquery(&latest)).unwrap();
    assert_sql(
        &q,
        &format!(
            r#"SELECT {AUTHOR_COLS}, (SELECT "U0"."title" AS "title" FROM "book" AS "U0" WHERE "U0"."author_id" = ("author"."id") ORDER BY "U0"."pubDate" DESC, "U0"."id" DESC LIMIT ?) AS "latest" FROM "author" ORDER BY "author"."name" ASC"#
        ),
        vec![i(1)],
    );
    let ids = qs(&reg, "Book").filter(&kw(&[("pages__gt", n(100.0))])).unwrap().values(&strs(&["author_id"])).unwrap();
    let q = qs(&reg, "Author").filter(&kw(&[("pk__in", Input::Expr(Rc::new(subquery(&ids))))])).unwrap();
    assert_sql(
        &q,
        &format!(
            r#"SELECT {AUTHOR_COLS} FROM "author" WHERE "author"."id" IN (SELECT "U0"."author_id" AS "author_id" FROM "book" AS "U0" WHERE "U0"."pages" > ?) ORDER BY "author"."name" ASC"#
        ),
        vec![i(100)],
    );
    let least = qs(&reg, "Book")
        .filter(&[lk("author", outer("author"))])
        .unwrap()
        .values(&strs(&["pages"]))
        .unwrap()
        .order_by(&strs(&["pages"]))
        .unwrap()
        .slice(Some(0), Some(1))
        .unwrap();
    let q = qs(&reg, "Book").filter(&kw(&[("pages__gt", Input::Expr(Rc::new(subquery(&least))))])).unwrap();
    assert_sql(
        &q,
        &format!(
            r#"SELECT {BOOK_COLS} FROM "book" WHERE "book"."pages" > (SELECT "U0"."pages" AS "pages" FROM "book" AS "U0" WHERE "U0"."author_id" = ("book"."author_id") ORDER BY 1 ASC LIMIT ?)"#
        ),
        vec![i(1)],
    );
}

#[test]
fn nested_outer_ref_and_prefixes() {
    // Django: the innermost subquery, resolved first, takes U; the one around it V.
    let reg = registry();
    let up2 = Input::Expr(Rc::new(ExprInput::OuterRef { name: "name".into(), up: 2 }));
    let tags = qs(&reg, "Tag").filter(&[lk("books", outer("pk")), lk("name", up2)]).unwrap();
    let books = qs(&reg, "Book").filter(&[lk("author", outer("pk"))]).unwrap().filter(&[QInput::Expr(exists(&tags))]).unwrap();
    let q = qs(&reg, "Author").filter(&[QInput::Expr(exists(&books))]).unwrap();
    assert_sql(
        &q,
        &format!(
            r#"SELECT {AUTHOR_COLS} FROM "author" WHERE EXISTS (SELECT ? AS "a" FROM "book" AS "V0" WHERE ("V0"."author_id" = ("author"."id") AND EXISTS (SELECT ? AS "a" FROM "tag" AS "U0" JOIN "book_tags" AS "U1" ON ("U0"."id" = "U1"."tag_id") WHERE ("U1"."book_id" = ("V0"."id") AND "U0"."name" = ("author"."name")) LIMIT ?)) LIMIT ?) ORDER BY "author"."name" ASC"#
        ),
        vec![i(1), i(1), i(1), i(1)],
    );
}

#[test]
fn subquery_errors() {
    let reg = registry();
    // Django: ValueError when a QuerySet with an OuterRef runs on its own.
    let inner = qs(&reg, "Book").filter(&[lk("author", outer("pk"))]).unwrap();
    let e = compiler::compile(&inner, Shape::Rows).unwrap_err();
    assert_eq!(e.class_name(), "ValueError");
    assert_eq!(e.to_string(), "This queryset contains a reference to an outer query and may only be used in a subquery.");
    // Django: OutputFieldIsNoneError (a FieldError) for a Subquery of several columns or of model instances.
    let two = inner.values(&strs(&["id", "title"])).unwrap();
    assert_eq!(err_of(annotate(&qs(&reg, "Author"), "x", subquery(&two)), "FieldError"), "Cannot resolve expression type, unknown output_field");
    assert_eq!(err_of(annotate(&qs(&reg, "Author"), "x", subquery(&inner)), "FieldError"), "Cannot resolve expression type, unknown output_field");
    // `in` a Subquery: Django selects what the QuerySet selects (SQLite then
    // rejects several columns: "sub-select returns 2 columns - expected 1").
    let two = qs(&reg, "Book").values(&strs(&["id", "title"])).unwrap();
    assert_sql(
        &qs(&reg, "Author").filter(&kw(&[("id__in", Input::Expr(Rc::new(subquery(&two))))])).unwrap(),
        &format!(
            r#"SELECT {AUTHOR_COLS} FROM "author" WHERE "author"."id" IN (SELECT "U0"."id" AS "id", "U0"."title" AS "title" FROM "book" AS "U0") ORDER BY "author"."name" ASC"#
        ),
        vec![],
    );
    // An unknown outer field: Django's FieldError on the outer model.
    let bad = qs(&reg, "Book").filter(&[lk("author", outer("nope"))]).unwrap();
    assert!(err_of(qs(&reg, "Author").filter(&[QInput::Expr(exists(&bad))]), "FieldError").starts_with("Cannot resolve keyword 'nope' into field."));
}

#[test]
fn update_subquery() {
    // A sliced subquery keeps Author's Meta.ordering (name), by position since it is selected.
    let reg = registry();
    let name = qs(&reg, "Author").filter(&[lk("pk", outer("author"))]).unwrap().values(&strs(&["name"])).unwrap().slice(Some(0), Some(1)).unwrap();
    let sets = ops::assignments(&reg, &qs(&reg, "Book").model, &[("title".to_string(), Input::Expr(Rc::new(subquery(&name))))]).unwrap();
    let c = compiler::compile_update(&qs(&reg, "Book"), sets).unwrap();
    check(&c);
    assert_compiled(
        &c,
        r#"UPDATE "book" SET "title" = (SELECT "U0"."name" AS "name" FROM "author" AS "U0" WHERE "U0"."id" = ("book"."author_id") ORDER BY 1 ASC LIMIT ?)"#,
        vec![i(1)],
    );
}
