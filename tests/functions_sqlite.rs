//! Golden tests of database functions and ordering expressions: each SQL
//! text is what Django 5.2 prints on SQLite for the same expression, except
//! where D1 cannot run Django's SQL (`POWER`, `CEILING`, and the functions
//! Django registers in Python: `COT`, `RAND`, `LPAD`, `RPAD`, `REPEAT`,
//! `REVERSE`); those goldens are the D1 spelling the oracle test checks
//! against Django's results (tests/js/django.test.mjs, cases "func ...").

mod common;

use std::rc::Rc;

use common::*;
use quarry::compiler::{plan, Shape};
use quarry::query::resolve::AnnotationInput;
use quarry::query::{OrderInput, QuerySet};
use quarry::value::{ExprInput, Input, Value};

fn func(name: &str, args: Vec<Rc<ExprInput>>) -> ExprInput {
    ExprInput::Func { name: name.into(), args, output: None }
}

fn fa(name: &str, args: Vec<Rc<ExprInput>>) -> Rc<ExprInput> {
    Rc::new(func(name, args))
}

fn f(name: &str) -> Rc<ExprInput> {
    Rc::new(ExprInput::F(name.into()))
}

fn v(x: Input) -> Rc<ExprInput> {
    Rc::new(ExprInput::Value(x))
}

fn annotated(reg: &Rc<quarry::model::Registry>, model: &str, e: ExprInput) -> quarry::Result<QuerySet> {
    qs(reg, model).annotate(&[("x".to_string(), AnnotationInput::Expr(e))], true)
}

/// `Book.objects.values(x=e)`: its SQL must be `SELECT <sql> AS "x" FROM "book"`.
fn golden(e: ExprInput, sql: &str, params: Vec<Value>) {
    let reg = registry();
    let q = annotated(&reg, "Book", e).unwrap().values(&strs(&["x"])).unwrap();
    assert_sql(&q, &format!(r#"SELECT {sql} AS "x" FROM "book""#), params);
}

fn error(e: ExprInput, class: &str) -> String {
    let reg = registry();
    err_of(annotated(&reg, "Book", e), class)
}

#[test]
fn text_functions_as_django() {
    let title = || f("title");
    golden(func("Lower", vec![title()]), r#"LOWER("book"."title")"#, vec![]);
    golden(func("Upper", vec![title()]), r#"UPPER("book"."title")"#, vec![]);
    golden(func("Length", vec![title()]), r#"LENGTH("book"."title")"#, vec![]);
    golden(func("LTrim", vec![title()]), r#"LTRIM("book"."title")"#, vec![]);
    golden(func("RTrim", vec![title()]), r#"RTRIM("book"."title")"#, vec![]);
    golden(func("Trim", vec![title()]), r#"TRIM("book"."title")"#, vec![]);
    golden(func("Ord", vec![title()]), r#"UNICODE("book"."title")"#, vec![]);
    golden(func("Chr", vec![f("pages")]), r#"CHAR("book"."pages")"#, vec![]);
    golden(func("Replace", vec![title(), v(s("a")), v(s("b"))]), r#"REPLACE("book"."title", ?, ?)"#, vec![t("a"), t("b")]);
    golden(func("Replace", vec![title(), v(s("a"))]), r#"REPLACE("book"."title", ?, ?)"#, vec![t("a"), t("")]);
    golden(func("StrIndex", vec![title(), v(s("a"))]), r#"INSTR("book"."title", ?)"#, vec![t("a")]);
    golden(func("Substr", vec![title(), v(n(2.0)), v(n(3.0))]), r#"SUBSTR("book"."title", ?, ?)"#, vec![i(2), i(3)]);
    golden(func("Substr", vec![title(), v(n(2.0))]), r#"SUBSTR("book"."title", ?)"#, vec![i(2)]);
    golden(func("Left", vec![title(), v(n(3.0))]), r#"SUBSTR("book"."title", ?, ?)"#, vec![i(1), i(3)]);
    golden(func("Right", vec![title(), v(n(3.0))]), r#"SUBSTR("book"."title", (? * ?), ?)"#, vec![i(3), i(-1), i(3)]);
    golden(func("Concat", vec![title(), title()]), r#"(COALESCE("book"."title", ?) || COALESCE("book"."title", ?))"#, vec![t(""), t("")]);
    golden(
        func("Concat", vec![title(), v(s(" ")), title(), v(s("!"))]),
        r#"(COALESCE("book"."title", ?) || COALESCE((COALESCE(?, ?) || COALESCE((COALESCE("book"."title", ?) || COALESCE(?, ?)), ?)), ?))"#,
        vec![t(""), t(" "), t(""), t(""), t("!"), t(""), t(""), t("")],
    );
    golden(
        func("Upper", vec![fa("Concat", vec![fa("Lower", vec![title()]), v(s("x"))])]),
        r#"UPPER((COALESCE(LOWER("book"."title"), ?) || COALESCE(?, ?)))"#,
        vec![t(""), t("x"), t("")],
    );
}

#[test]
fn comparison_and_conversion_as_django() {
    let cast = |e: Rc<ExprInput>, kind: &str| ExprInput::Func { name: "Cast".into(), args: vec![e], output: Some(kind.into()) };
    golden(cast(f("pages"), "FloatField"), r#"CAST("book"."pages" AS real)"#, vec![]);
    golden(cast(f("pages"), "CharField"), r#"CAST("book"."pages" AS text)"#, vec![]);
    golden(cast(f("rating"), "IntegerField"), r#"CAST("book"."rating" AS integer)"#, vec![]);
    golden(cast(f("pages"), "BigIntegerField"), r#"CAST("book"."pages" AS bigint)"#, vec![]);
    golden(cast(f("pages"), "BooleanField"), r#"CAST("book"."pages" AS bool)"#, vec![]);
    golden(cast(f("created"), "DateField"), r#"date("book"."created")"#, vec![]);
    golden(cast(f("pubDate"), "DateTimeField"), r#"strftime(?, "book"."pubDate")"#, vec![t("%Y-%m-%d %H:%M:%f")]);
    golden(func("Coalesce", vec![f("rating"), v(n(0.5))]), r#"COALESCE("book"."rating", ?)"#, vec![Value::Real(0.5)]);
    golden(func("Greatest", vec![f("pages"), v(n(3.0))]), r#"MAX("book"."pages", ?)"#, vec![i(3)]);
    golden(func("Least", vec![f("rating"), f("rating")]), r#"MIN("book"."rating", "book"."rating")"#, vec![]);
    golden(func("NullIf", vec![f("pages"), v(n(100.0))]), r#"NULLIF("book"."pages", ?)"#, vec![i(100)]);
}

#[test]
fn math_functions_as_django() {
    let r = || f("rating");
    for (name, sql) in [
        ("Abs", "ABS"),
        ("ACos", "ACOS"),
        ("ASin", "ASIN"),
        ("ATan", "ATAN"),
        ("Cos", "COS"),
        ("Degrees", "DEGREES"),
        ("Exp", "EXP"),
        ("Floor", "FLOOR"),
        ("Ln", "LN"),
        ("Radians", "RADIANS"),
        ("Sign", "SIGN"),
        ("Sin", "SIN"),
        ("Sqrt", "SQRT"),
        ("Tan", "TAN"),
    ] {
        golden(func(name, vec![r()]), &format!(r#"{sql}("book"."rating")"#), vec![]);
    }
    golden(func("ATan2", vec![r(), f("pages")]), r#"ATAN2("book"."rating", "book"."pages")"#, vec![]);
    golden(func("Log", vec![r(), f("pages")]), r#"LOG("book"."rating", "book"."pages")"#, vec![]);
    golden(func("Mod", vec![f("pages"), r()]), r#"MOD("book"."pages", "book"."rating")"#, vec![]);
    golden(func("Pi", vec![]), "PI()", vec![]);
    golden(func("Round", vec![r()]), r#"ROUND("book"."rating", ?)"#, vec![i(0)]);
    golden(func("Round", vec![r(), v(n(2.0))]), r#"ROUND("book"."rating", ?)"#, vec![i(2)]);
}

#[test]
fn d1_spellings_of_what_django_registers_in_python() {
    let r = || f("rating");
    // D1 refuses POWER and CEILING; Django's COT and RAND are Python functions.
    golden(func("Power", vec![r(), v(n(2.0))]), r#"POW("book"."rating", ?)"#, vec![i(2)]);
    golden(func("Ceil", vec![r()]), r#"CEIL("book"."rating")"#, vec![]);
    golden(func("Cot", vec![r()]), r#"(1 / TAN("book"."rating"))"#, vec![]);
    golden(func("Random", vec![]), "(CAST(ABS((RANDOM() % 1000000000)) AS REAL) / 1000000000)", vec![]);
    golden(
        func("LPad", vec![f("title"), v(n(10.0)), v(s("*"))]),
        r#"SUBSTR((SUBSTR(REPLACE(HEX(ZEROBLOB(?)), ?, ?), ?, (? - LENGTH("book"."title"))) || "book"."title"), ?, ?)"#,
        vec![i(10), t("00"), t("*"), i(1), i(10), i(1), i(10)],
    );
    golden(
        func("RPad", vec![f("title"), v(n(10.0))]),
        r#"SUBSTR(("book"."title" || REPLACE(HEX(ZEROBLOB(?)), ?, ?)), ?, ?)"#,
        vec![i(10), t("00"), t(" "), i(1), i(10)],
    );
    golden(
        func("Repeat", vec![f("title"), v(n(2.0))]),
        r#"CASE WHEN "book"."title" IS NULL THEN NULL ELSE REPLACE(HEX(ZEROBLOB(?)), ?, "book"."title") END"#,
        vec![i(2), t("00")],
    );
    golden(
        func("Reverse", vec![f("title")]),
        r#"COALESCE((SELECT group_concat(SUBSTR("book"."title", LENGTH("book"."title") - "key", 1), ?) FROM json_each(((? || SUBSTR(REPLACE(HEX(ZEROBLOB(LENGTH("book"."title"))), ?, ?), 2)) || ?))), SUBSTR("book"."title", 1, 0))"#,
        vec![t(""), t("["), t("00"), t(",0"), t("]")],
    );
}

#[test]
fn functions_in_filters_orderings_and_updates() {
    let reg = registry();
    let q = qs(&reg, "Book").filter(&[lk("title", Input::Expr(fa("Lower", vec![f("title")])))]).unwrap();
    assert_book_where(&q, r#""book"."title" = (LOWER("book"."title"))"#, vec![]);
    // An annotation filtered on: HAVING-free, the expression repeated.
    let q = annotated(&reg, "Book", func("Length", vec![f("title")])).unwrap().filter(&[lk("x__gt", n(12.0))]).unwrap();
    assert_sql(&q, &format!(r#"SELECT {BOOK_COLS}, LENGTH("book"."title") AS "x" FROM "book" WHERE LENGTH("book"."title") > ?"#), vec![i(12)]);
    let q = qs(&reg, "Book")
        .order_by_items(&[
            OrderInput::Expr { e: ExprInput::F("rating".into()), desc: true, nulls: Some(false) },
            OrderInput::Expr { e: func("Lower", vec![f("title")]), desc: false, nulls: Some(true) },
            OrderInput::Expr { e: ExprInput::F("pages".into()), desc: false, nulls: None },
            OrderInput::Name("-id".into()),
        ])
        .unwrap();
    assert_sql(
        &q,
        &format!(
            r#"SELECT {BOOK_COLS} FROM "book" ORDER BY "book"."rating" DESC NULLS LAST, LOWER("book"."title") ASC NULLS FIRST, "book"."pages" ASC, "book"."id" DESC"#
        ),
        vec![],
    );
    // reverse() flips the direction and the NULLS placement (Django's reverse_ordering).
    assert_sql(
        &q.reverse().unwrap(),
        &format!(
            r#"SELECT {BOOK_COLS} FROM "book" ORDER BY "book"."rating" ASC NULLS FIRST, LOWER("book"."title") DESC NULLS LAST, "book"."pages" DESC, "book"."id" ASC"#
        ),
        vec![],
    );
    // A value in an ordering expression is a slot of its own.
    let q =
        qs(&reg, "Book").order_by_items(&[OrderInput::Expr { e: func("Coalesce", vec![f("rating"), v(n(2.5))]), desc: false, nulls: None }]).unwrap();
    assert_sql(&q, &format!(r#"SELECT {BOOK_COLS} FROM "book" ORDER BY COALESCE("book"."rating", ?) ASC"#), vec![Value::Real(2.5)]);
    assert_eq!(q.inputs(), vec![n(2.5)]);
}

#[test]
fn django_errors_for_wrong_arguments() {
    assert_eq!(error(func("Lower", vec![f("title"), f("pages")]), "TypeError"), "'Lower' takes exactly 1 argument (2 given)");
    assert_eq!(error(func("Power", vec![f("pages")]), "TypeError"), "'Power' takes exactly 2 arguments (1 given)");
    assert_eq!(error(func("Pi", vec![v(n(1.0))]), "TypeError"), "'Pi' takes exactly 0 arguments (1 given)");
    assert_eq!(error(func("Coalesce", vec![f("rating")]), "ValueError"), "Coalesce must take at least two expressions");
    assert_eq!(error(func("Concat", vec![f("title")]), "ValueError"), "Concat must take at least two expressions");
    assert_eq!(error(func("Left", vec![f("title")]), "TypeError"), "Left.__init__() missing 1 required positional argument: 'length'");
    assert_eq!(
        error(func("Substr", vec![f("title"), v(n(1.0)), v(n(2.0)), v(n(3.0))]), "TypeError"),
        "Substr.__init__() takes from 3 to 4 positional arguments but 5 were given"
    );
    assert_eq!(
        error(ExprInput::Func { name: "Cast".into(), args: vec![f("pages")], output: None }, "TypeError"),
        "Cast.__init__() missing 1 required positional argument: 'output_field'"
    );
    assert_eq!(error(func("Left", vec![f("title"), v(n(0.0))]), "ValueError"), "'length' must be greater than 0.");
    assert_eq!(error(func("Substr", vec![f("title"), v(n(0.0))]), "ValueError"), "'pos' must be greater than 0");
    assert_eq!(error(func("LPad", vec![f("title"), v(n(-1.0))]), "ValueError"), "'length' must be greater or equal to 0.");
    assert_eq!(error(func("Repeat", vec![f("title"), v(n(-1.0))]), "ValueError"), "'number' must be greater or equal to 0.");
    assert_eq!(error(func("Round", vec![f("rating"), v(n(-1.0))]), "ValueError"), "SQLite does not support negative precision.");
    assert_eq!(
        error(func("Coalesce", vec![f("rating"), f("pages")]), "FieldError"),
        "Expression contains mixed types: FloatField, IntegerField. You must set output_field."
    );
    assert_eq!(
        error(func("Concat", vec![f("title"), f("pages")]), "FieldError"),
        "Expression contains mixed types: CharField, IntegerField. You must set output_field."
    );
    // With an outputField the types may differ, as in Django.
    let reg = registry();
    annotated(&reg, "Book", ExprInput::Func { name: "Concat".into(), args: vec![f("title"), f("pages")], output: Some("CharField".into()) }).unwrap();
    error(func("Lower", vec![f("nope")]), "FieldError");
}

#[test]
fn a_re_bound_plan_checks_function_arguments_again() {
    // The plan of Left(title, 3) re-bound with 0 raises Django's ValueError, as a full compile does.
    let reg = registry();
    let q = annotated(&reg, "Book", func("Left", vec![f("title"), v(n(3.0))])).unwrap();
    let p = plan::compile_plan(&q, Shape::Rows).unwrap();
    assert!(p.cacheable);
    match p.bind(&q.reg, &[n(5.0)]).unwrap() {
        plan::Bound::Params(params) => assert_eq!(params, vec![i(1), i(5)]),
        plan::Bound::Mismatch => panic!("a Left() length of the same kind must re-bind"),
    }
    let e = p.bind(&q.reg, &[n(0.0)]).map(|_| ()).unwrap_err();
    assert_eq!(e.to_string(), "'length' must be greater than 0.");
}

#[test]
fn dates_in_sql_d1_runs() {
    // Django calls its Python django_date_extract / django_datetime_trunc on
    // SQLite; D1 gets strftime, as the `__year`-style lookups.
    golden(func("ExtractYear", vec![f("pubDate")]), r#"CAST(strftime(?, "book"."pubDate") AS INTEGER)"#, vec![t("%Y")]);
    golden(func("Extract", vec![f("created"), f("hour")]), r#"CAST(strftime(?, "book"."created") AS INTEGER)"#, vec![t("%H")]);
    golden(func("TruncMonth", vec![f("pubDate")]), r#"strftime(?, "book"."pubDate")"#, vec![t("%Y-%m-01")]);
    golden(func("TruncMonth", vec![f("created")]), r#"strftime(?, "book"."created")"#, vec![t("%Y-%m-01 00:00:00")]);
    golden(func("TruncWeek", vec![f("pubDate")]), r#"strftime(?, "book"."pubDate", ?, ?)"#, vec![t("%Y-%m-%d"), t("-6 days"), t("weekday 1")]);
    golden(
        func("TruncQuarter", vec![f("pubDate")]),
        r#"strftime(?, "book"."pubDate", ?, ((? || ((CAST(strftime(?, "book"."pubDate") AS INTEGER) - 1) % 3)) || ?))"#,
        vec![t("%Y-%m-%d"), t("start of month"), t("-"), t("%m"), t(" months")],
    );
    golden(
        ExprInput::Func { name: "Trunc".into(), args: vec![f("created"), f("day")], output: Some("DateField".into()) },
        r#"strftime(?, "book"."created")"#,
        vec![t("%Y-%m-%d")],
    );
    golden(func("Now", vec![]), "STRFTIME(?, ?)", vec![t("%Y-%m-%d %H:%M:%f"), t("NOW")]);
    assert_eq!(error(func("ExtractHour", vec![f("pubDate")]), "ValueError"), "Cannot extract time component 'hour' from DateField 'pubDate'.");
    assert_eq!(
        error(func("ExtractYear", vec![f("pages")]), "ValueError"),
        "Extract input expression must be DateField, DateTimeField, TimeField, or DurationField."
    );
    assert_eq!(error(func("Extract", vec![f("pubDate")]), "ValueError"), "lookup_name must be provided");
    assert_eq!(error(func("TruncMonth", vec![f("pages")]), "TypeError"), "'pages' isn't a DateField, TimeField, or DateTimeField.");
    assert_eq!(error(func("TruncHour", vec![f("pubDate")]), "ValueError"), "Cannot truncate DateField 'pubDate' to DateTimeField.");
    assert_eq!(error(func("TruncTime", vec![f("pubDate")]), "ValueError"), "Cannot truncate DateField 'pubDate' to TimeField.");
}
