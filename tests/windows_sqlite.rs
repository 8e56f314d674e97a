//! Golden tests of windows: each SQL text and its params are what Django 5.2
//! prints on SQLite for the same QuerySet (`python3 tests/django/sql_reference.py window`),
//! in Quarry's printing where it already differs from Django's outside
//! windows: `AS` before a derived table's alias, `LEFT JOIN`, LIMIT/OFFSET
//! bound, Meta.ordering kept in a grouped query, an aggregate's `filter` as
//! `CASE WHEN`. The results are checked against Django's in django.test.mjs.

mod common;

use std::rc::Rc;

use common::*;
use quarry::query::funcs;
use quarry::query::resolve::{AggInput, AnnotationInput};
use quarry::query::{OrderInput, QuerySet};
use quarry::value::{ExprInput, Input, Value, WindowInput};

type Order = (Rc<ExprInput>, Option<bool>, Option<bool>);

fn func(name: &str, args: Vec<Rc<ExprInput>>) -> Rc<ExprInput> {
    Rc::new(ExprInput::Func { name: name.into(), args, output: None })
}

fn f(name: &str) -> Rc<ExprInput> {
    Rc::new(ExprInput::F(name.into()))
}

fn v(x: Input) -> Rc<ExprInput> {
    Rc::new(ExprInput::Value(x))
}

fn agg_input(func: &str, path: &str) -> AggInput {
    AggInput { func: func.into(), path: path.into(), expr: None, distinct: false, sample: false, filter: None, default: None }
}

fn agg(func: &str, path: &str) -> Rc<ExprInput> {
    Rc::new(ExprInput::Agg(Rc::new(agg_input(func, path))))
}

/// `"-pages"` / `"pages"` as Window's orderBy reads a name.
fn o(name: &str) -> Order {
    match name.strip_prefix('-') {
        Some(n) => (f(n), Some(true), None),
        None => (f(name), None, None),
    }
}

fn win(expr: Rc<ExprInput>, partition: Vec<Rc<ExprInput>>, order: Vec<Order>, frame: Option<(bool, Option<i64>, Option<i64>)>) -> ExprInput {
    ExprInput::Window(Rc::new(WindowInput { expr, partition, order, frame }))
}

fn annotate(q: &QuerySet, items: Vec<(&str, ExprInput)>) -> quarry::Result<QuerySet> {
    let items: Vec<(String, AnnotationInput)> = items.into_iter().map(|(k, e)| (k.to_string(), AnnotationInput::Expr(e))).collect();
    q.annotate(&items, true)
}

/// `Book.objects.annotate(x=e).values("x")`.
fn golden(e: ExprInput, sql: &str, params: Vec<Value>) {
    let reg = registry();
    let q = annotate(&qs(&reg, "Book"), vec![("x", e)]).unwrap().values(&strs(&["x"])).unwrap();
    assert_sql(&q, &format!(r#"SELECT {sql} AS "x" FROM "book""#), params);
}

fn error(e: ExprInput, class: &str) -> String {
    let reg = registry();
    err_of(annotate(&qs(&reg, "Book"), vec![("x", e)]), class)
}

#[test]
fn window_functions_as_django() {
    golden(win(func("RowNumber", vec![]), vec![], vec![o("-pages")], None), r#"ROW_NUMBER() OVER (ORDER BY "book"."pages" DESC)"#, vec![]);
    golden(
        win(func("Rank", vec![]), vec![f("author")], vec![(f("pages"), Some(true), None), o("id")], None),
        r#"RANK() OVER (PARTITION BY "book"."author_id" ORDER BY "book"."pages" DESC, "book"."id")"#,
        vec![],
    );
    golden(win(func("Ntile", vec![v(n(3.0))]), vec![], vec![o("id")], None), r#"NTILE(?) OVER (ORDER BY "book"."id")"#, vec![i(3)]);
    golden(
        win(func("Lag", vec![f("pages"), v(n(2.0)), v(n(0.0))]), vec![], vec![o("id")], None),
        r#"LAG("book"."pages", ?, ?) OVER (ORDER BY "book"."id")"#,
        vec![i(2), i(0)],
    );
    golden(
        win(func("Lag", vec![f("pages"), v(n(1.0))]), vec![], vec![o("id")], None),
        r#"LAG("book"."pages", ?) OVER (ORDER BY "book"."id")"#,
        vec![i(1)],
    );
    golden(
        win(func("Lead", vec![f("title"), v(n(1.0)), f("title")]), vec![], vec![o("id")], None),
        r#"LEAD("book"."title", ?, "book"."title") OVER (ORDER BY "book"."id")"#,
        vec![i(1)],
    );
    golden(
        win(func("NthValue", vec![f("pages"), v(n(2.0))]), vec![], vec![o("id")], None),
        r#"NTH_VALUE("book"."pages", ?) OVER (ORDER BY "book"."id")"#,
        vec![i(2)],
    );
    golden(
        win(func("FirstValue", vec![f("title")]), vec![f("author")], vec![o("id")], None),
        r#"FIRST_VALUE("book"."title") OVER (PARTITION BY "book"."author_id" ORDER BY "book"."id")"#,
        vec![],
    );
    golden(win(func("LastValue", vec![f("title")]), vec![], vec![], None), r#"LAST_VALUE("book"."title") OVER ()"#, vec![]);
    golden(win(func("PercentRank", vec![]), vec![], vec![o("pages")], None), r#"PERCENT_RANK() OVER (ORDER BY "book"."pages")"#, vec![]);
    golden(win(func("CumeDist", vec![]), vec![], vec![o("pages")], None), r#"CUME_DIST() OVER (ORDER BY "book"."pages")"#, vec![]);
    golden(
        win(func("DenseRank", vec![]), vec![], vec![(func("Lower", vec![f("title")]), Some(false), Some(false))], None),
        r#"DENSE_RANK() OVER (ORDER BY LOWER("book"."title") ASC NULLS LAST)"#,
        vec![],
    );
}

#[test]
fn aggregates_and_frames_as_django() {
    golden(
        win(agg("Sum", "pages"), vec![f("author"), f("inPrint")], vec![o("id")], Some((true, Some(-1), Some(0)))),
        r#"SUM("book"."pages") OVER (PARTITION BY "book"."author_id", "book"."inPrint" ORDER BY "book"."id" ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)"#,
        vec![],
    );
    golden(
        win(agg("Avg", "pages"), vec![], vec![o("pages")], Some((false, None, Some(2)))),
        r#"AVG("book"."pages") OVER (ORDER BY "book"."pages" RANGE BETWEEN UNBOUNDED PRECEDING AND 2 FOLLOWING)"#,
        vec![],
    );
    golden(
        win(agg("Count", "id"), vec![], vec![], Some((true, None, None))),
        r#"COUNT("book"."id") OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)"#,
        vec![],
    );
    golden(
        win(agg("Max", "pages"), vec![], vec![], Some((true, Some(0), Some(3)))),
        r#"MAX("book"."pages") OVER (ROWS BETWEEN CURRENT ROW AND 3 FOLLOWING)"#,
        vec![],
    );
    golden(
        win(agg("Max", "pages"), vec![], vec![], Some((true, Some(-2), None))),
        r#"MAX("book"."pages") OVER (ROWS BETWEEN 2 PRECEDING AND UNBOUNDED FOLLOWING)"#,
        vec![],
    );
    let reg = registry();
    let q = annotate(&qs(&reg, "Book"), vec![("x", win(agg("Min", "author__age"), vec![], vec![], None))]).unwrap().values(&strs(&["x"])).unwrap();
    assert_sql(&q, r#"SELECT MIN("author"."age") OVER () AS "x" FROM "book" JOIN "author" ON ("book"."author_id" = "author"."id")"#, vec![]);
    let distinct = Rc::new(ExprInput::Agg(Rc::new(AggInput { distinct: true, ..agg_input("Count", "id") })));
    golden(win(distinct, vec![], vec![], None), r#"COUNT(DISTINCT "book"."id") OVER ()"#, vec![]);
    // Arithmetic over a window.
    let minus =
        ExprInput::Combined { op: quarry::value::ArithOp::Sub, lhs: Rc::new(win(agg("Sum", "pages"), vec![], vec![], None)), rhs: f("pages") };
    golden(minus, r#"(SUM("book"."pages") OVER () - "book"."pages")"#, vec![]);
}

#[test]
fn frames_checked_as_django() {
    let e = |r: quarry::Result<(bool, Option<i64>, Option<i64>)>| err_of(r, "ValueError");
    let show = |v: f64| v.to_string();
    assert_eq!(funcs::frame(true, Some(1.0), None, show).unwrap(), (true, Some(1), None));
    assert_eq!(e(funcs::frame(true, Some(2.0), Some(1.0), show)), "start cannot be greater than end.");
    assert_eq!(e(funcs::frame(false, Some(3.0), None, show)), "start argument must be a negative integer, zero, or None, but got '3'.");
    assert_eq!(e(funcs::frame(false, None, Some(-1.0), show)), "end argument must be a positive integer, zero, or None, but got '-1'.");
    assert_eq!(e(funcs::frame(true, Some(1.5), None, show)), "start argument must be an integer, zero, or None, but got '1.5'.");
}

#[test]
fn refusals_as_django() {
    let lower = func("Lower", vec![f("title")]);
    assert_eq!(error(win(lower, vec![], vec![], None), "ValueError"), "Expression 'Lower' isn't compatible with OVER clauses.");
    assert_eq!(error(win(f("title"), vec![], vec![], None), "ValueError"), "Expression 'F' isn't compatible with OVER clauses.");
    let nested = Rc::new(win(func("RowNumber", vec![]), vec![], vec![], None));
    assert_eq!(error(win(nested, vec![], vec![], None), "ValueError"), "Expression 'Window' isn't compatible with OVER clauses.");
    assert_eq!(error(win(func("Ntile", vec![v(n(0.0))]), vec![], vec![], None), "ValueError"), "num_buckets must be greater than 0.");
    assert_eq!(
        error(win(func("Lag", vec![f("pages"), v(n(-1.0))]), vec![], vec![], None), "ValueError"),
        "Lag requires a positive integer for the offset."
    );
    assert_eq!(
        error(win(func("NthValue", vec![f("pages"), v(n(0.0))]), vec![], vec![], None), "ValueError"),
        "NthValue requires a positive integer as for nth."
    );
    assert_eq!(
        error(win(func("Lead", vec![v(Input::Null), v(n(1.0))]), vec![], vec![], None), "ValueError"),
        "Lead requires a non-null source expression."
    );
    // A window function outside a Window: Django lets SQLite refuse it when the query runs.
    assert!(error(func("RowNumber", vec![]).as_ref().clone(), "ValueError").contains("RowNumber() is a window function"));
    let unknown = win(func("RowNumber", vec![]), vec![], vec![o("nope")], None);
    assert!(error(unknown, "FieldError").starts_with("Cannot resolve keyword 'nope' into field."));
}

#[test]
fn windows_in_values_order_by_and_groups() {
    let reg = registry();
    let book = qs(&reg, "Book");
    let rn = || win(func("RowNumber", vec![]), vec![], vec![o("-pages")], None);
    // values() after a window over a values() grouping column.
    let q = book.values(&strs(&["author"])).unwrap();
    let q = annotate(&q, vec![("x", win(agg("Sum", "pages"), vec![f("author")], vec![], None))]).unwrap();
    assert_sql(&q, r#"SELECT "book"."author_id" AS "author", SUM("book"."pages") OVER (PARTITION BY "book"."author_id") AS "x" FROM "book""#, vec![]);
    // orderBy(Window(...).desc()).
    let q = book.order_by_items(&[OrderInput::Expr { e: rn(), desc: true, nulls: None }]).unwrap();
    assert_sql(&q, &format!(r#"SELECT {BOOK_COLS} FROM "book" ORDER BY ROW_NUMBER() OVER (ORDER BY "book"."pages" DESC) DESC"#), vec![]);
    // A window next to an aggregate: the window is not grouped by, its order
    // column is, and Meta.ordering is dropped (Django's `_meta_ordering` in a GROUP BY query).
    let count = AnnotationInput::Aggregate(agg_input("Count", "books"));
    let q = qs(&reg, "Author").annotate(&[("n".into(), count)], true).unwrap();
    let q = annotate(&q, vec![("r", win(func("Rank", vec![]), vec![], vec![(f("name"), Some(false), None)], None))]).unwrap();
    let q = q.values(&strs(&["name", "n", "r"])).unwrap();
    assert_sql(
        &q,
        r#"SELECT "author"."name", COUNT("book"."id") AS "n", RANK() OVER (ORDER BY "author"."name" ASC) AS "r" FROM "author" LEFT JOIN "book" ON ("author"."id" = "book"."author_id") GROUP BY "author"."id", "author"."name", "author"."age", "author"."email""#,
        vec![],
    );
}

/// The columns of `book` as Django's `with_col_aliases` names them.
const BOOK_COL_ALIASES: &str = r#""book"."id" AS "col1", "book"."title" AS "col2", "book"."pages" AS "col3", "book"."rating" AS "col4", "book"."inPrint" AS "col5", "book"."pubDate" AS "col6", "book"."created" AS "col7", "book"."price" AS "col8", "book"."author_id" AS "col9", "book"."editor_id" AS "col10", "book"."publisher_id" AS "col11""#;

#[test]
fn filters_on_windows_wrap_the_query_as_django() {
    let reg = registry();
    let rn = |part: Vec<Rc<ExprInput>>| win(func("RowNumber", vec![]), part, vec![o("-pages")], None);
    let book = qs(&reg, "Book");
    // filter on a selected window in values().
    let q =
        annotate(&book, vec![("x", rn(vec![f("author")]))]).unwrap().filter(&kw(&[("x", n(1.0))])).unwrap().values(&strs(&["title", "x"])).unwrap();
    assert_sql(
        &q,
        r#"SELECT * FROM (SELECT "book"."title" AS "title", ROW_NUMBER() OVER (PARTITION BY "book"."author_id" ORDER BY "book"."pages" DESC) AS "x" FROM "book") AS "qualify" WHERE "x" = ?"#,
        vec![i(1)],
    );
    // Model rows: the WHERE part stays inside, the window part outside, the slice outside.
    let w = annotate(&book, vec![("x", rn(vec![]))]).unwrap();
    let q = w.filter(&kw(&[("x__lte", n(2.0)), ("pages__gt", n(1.0))])).unwrap().slice(Some(1), Some(3)).unwrap();
    assert_sql(
        &q,
        &format!(
            r#"SELECT * FROM (SELECT {BOOK_COL_ALIASES}, ROW_NUMBER() OVER (ORDER BY "book"."pages" DESC) AS "x" FROM "book" WHERE "book"."pages" > ?) AS "qualify" WHERE "x" <= ? LIMIT ? OFFSET ?"#
        ),
        vec![i(1), i(2), i(2), i(1)],
    );
    // An OR of the window and a plain condition: all of it outside, the column by its alias.
    let q = w.filter(&[or(vec![lk("x", n(1.0)), lk("pages__gt", n(300.0))])]).unwrap();
    assert_sql(
        &q,
        &format!(
            r#"SELECT * FROM (SELECT {BOOK_COL_ALIASES}, ROW_NUMBER() OVER (ORDER BY "book"."pages" DESC) AS "x" FROM "book") AS "qualify" WHERE ("x" = ? OR "col3" > ?)"#
        ),
        vec![i(1), i(300)],
    );
    // exclude().
    let q = w.exclude(&kw(&[("x", n(1.0))])).unwrap();
    assert_sql(
        &q,
        &format!(
            r#"SELECT * FROM (SELECT {BOOK_COL_ALIASES}, ROW_NUMBER() OVER (ORDER BY "book"."pages" DESC) AS "x" FROM "book") AS "qualify" WHERE NOT ("x" = ?)"#
        ),
        vec![i(1)],
    );
    // A window that is not selected (alias(), or left out by values()) is selected as qual0 and masked.
    let items = vec![("x".to_string(), AnnotationInput::Expr(rn(vec![])))];
    let q =
        book.annotate(&items, false).unwrap().filter(&kw(&[("x__lte", n(2.0)), ("pages__gt", n(0.0))])).unwrap().values(&strs(&["title"])).unwrap();
    assert_sql(
        &q,
        r#"SELECT "title" FROM (SELECT * FROM (SELECT "book"."title" AS "title", ROW_NUMBER() OVER (ORDER BY "book"."pages" DESC) AS "qual0" FROM "book" WHERE "book"."pages" > ?) AS "qualify" WHERE "qual0" <= ?) AS "qualify_mask""#,
        vec![i(0), i(2)],
    );
    // Masked and ordered: by a selected column outside the mask, by a masked one inside it.
    let masked = book.annotate(&items, false).unwrap().filter(&kw(&[("x__lte", n(2.0))])).unwrap().values(&strs(&["title"])).unwrap();
    let q = masked.order_by(&strs(&["title"])).unwrap().slice(Some(1), Some(3)).unwrap();
    assert_sql(
        &q,
        r#"SELECT "title" FROM (SELECT * FROM (SELECT "book"."title" AS "title", ROW_NUMBER() OVER (ORDER BY "book"."pages" DESC) AS "qual0" FROM "book") AS "qualify" WHERE "qual0" <= ?) AS "qualify_mask" ORDER BY "title" ASC LIMIT ? OFFSET ?"#,
        vec![i(2), i(2), i(1)],
    );
    let q = masked.order_by(&strs(&["-x"])).unwrap().slice(Some(1), Some(3)).unwrap();
    assert_sql(
        &q,
        r#"SELECT "title" FROM (SELECT * FROM (SELECT "book"."title" AS "title", ROW_NUMBER() OVER (ORDER BY "book"."pages" DESC) AS "qual0" FROM "book") AS "qualify" WHERE "qual0" <= ? ORDER BY "qual0" DESC LIMIT ? OFFSET ?) AS "qualify_mask""#,
        vec![i(2), i(2), i(1)],
    );
    // count() counts the wrapped rows.
    let q = w.filter(&kw(&[("x__lte", n(2.0))])).unwrap();
    let c = quarry::compiler::compile(&q, quarry::compiler::Shape::Count).unwrap();
    check(&c);
    assert_eq!(
        c.sql,
        format!(
            r#"SELECT COUNT(*) FROM (SELECT * FROM (SELECT {BOOK_COL_ALIASES}, ROW_NUMBER() OVER (ORDER BY "book"."pages" DESC) AS "x" FROM "book") AS "qualify" WHERE "x" <= ?) AS "subquery""#
        )
    );
}

#[test]
fn filter_refusals_as_django() {
    let reg = registry();
    let count = AnnotationInput::Aggregate(agg_input("Count", "books"));
    let q = qs(&reg, "Author").annotate(&[("n".into(), count)], true).unwrap();
    let q = annotate(&q, vec![("r", win(func("Rank", vec![]), vec![], vec![o("name")], None))]).unwrap();
    assert_eq!(
        err_of(q.filter(&[or(vec![lk("r", n(1.0)), lk("name", s("x"))])]), "NotSupportedError"),
        "Heterogeneous disjunctive predicates against window functions are not implemented when performing conditional aggregation."
    );
    // An OR of the window and the aggregate is fine.
    assert!(q.filter(&[or(vec![lk("r", n(1.0)), lk("n__gt", n(1.0))])]).is_ok());
}

/// StdDev over a window: Django's `STDDEV_POP(...) OVER (...)` is a Python
/// aggregate SQLite cannot window; Quarry puts each of its sums over the window.
#[test]
fn stddev_over_a_window_is_its_sums_over_it() {
    let w = r#"OVER (PARTITION BY "book"."author_id" ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)"#;
    let (n, s) = (format!(r#"COUNT("book"."pages") {w}"#), format!(r#"SUM("book"."pages") {w}"#));
    let sq = format!(r#"SUM(("book"."pages" * "book"."pages")) {w}"#);
    golden(
        win(agg("StdDev", "pages"), vec![f("author")], vec![], Some((true, Some(-1), Some(0)))),
        &format!("SQRT((MAX(CAST((({n} * {sq}) - ({s} * {s})) AS REAL), 0) / ({n} * {n})))"),
        vec![],
    );
}
