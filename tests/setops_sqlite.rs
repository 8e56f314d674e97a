//! Golden SQL of union / intersection / difference and explain on SQLite,
//! against the text Django 5.2 prints for the same QuerySets (Django inlines
//! the values that Quarry binds).

mod common;

use common::*;
use quarry::compiler::{self, Shape};
use quarry::exec::ops;
use quarry::query::{Combinator, QuerySet};
use quarry::value::Value;

/// `Author.objects.order_by()` (Author has Meta.ordering) filtered on age.
fn a(age: i64) -> QuerySet {
    let reg = registry();
    qs(&reg, "Author").order_by(&[]).unwrap().filter(&kw(&[("age", n(age as f64))])).unwrap()
}

fn a_all() -> QuerySet {
    qs(&registry(), "Author").order_by(&[]).unwrap()
}

fn same_reg(x: &QuerySet, age: i64) -> QuerySet {
    QuerySet::new(x.reg.clone(), x.model.clone()).order_by(&[]).unwrap().filter(&kw(&[("age", n(age as f64))])).unwrap()
}

const OPERAND: &str =
    r#"SELECT "author"."id" AS "col1", "author"."name" AS "col2", "author"."age" AS "col3", "author"."email" AS "col4" FROM "author""#;

fn op(x: &QuerySet, c: Combinator, others: &[QuerySet], all: bool) -> QuerySet {
    x.combine(c, others, all).unwrap_or_else(|e| panic!("combine: {e}"))
}

#[test]
fn combinators() {
    let x = a(3);
    let y = same_reg(&x, 5);
    for (c, all, text) in [
        (Combinator::Union, false, "UNION"),
        (Combinator::Union, true, "UNION ALL"),
        (Combinator::Intersection, false, "INTERSECT"),
        (Combinator::Difference, false, "EXCEPT"),
    ] {
        assert_sql(
            &op(&x, c, std::slice::from_ref(&y), all),
            &format!(r#"{OPERAND} WHERE "author"."age" = ? {text} {OPERAND} WHERE "author"."age" = ?"#),
            vec![i(3), i(5)],
        );
    }
    // Three operands, flat.
    let z = same_reg(&x, 7);
    assert_sql(
        &op(&x, Combinator::Union, &[y, z], false),
        &format!(r#"{OPERAND} WHERE "author"."age" = ? UNION {OPERAND} WHERE "author"."age" = ? UNION {OPERAND} WHERE "author"."age" = ?"#),
        vec![i(3), i(5), i(7)],
    );
}

#[test]
fn ordering_slicing_and_values_after_union() {
    let x = a_all();
    let u = op(&x, Combinator::Union, std::slice::from_ref(&x), true);
    // Django: ORDER BY "col2" DESC, "col1" ASC
    assert_sql(&u.order_by(&strs(&["-name", "id"])).unwrap(), &format!(r#"{OPERAND} UNION ALL {OPERAND} ORDER BY "col2" DESC, "col1" ASC"#), vec![]);
    assert_sql(&u.order_by(&strs(&["name"])).unwrap().reverse().unwrap(), &format!(r#"{OPERAND} UNION ALL {OPERAND} ORDER BY "col2" DESC"#), vec![]);
    // Django: LIMIT 2 OFFSET 1
    assert_sql(&u.slice(Some(1), Some(3)).unwrap(), &format!(r#"{OPERAND} UNION ALL {OPERAND} LIMIT ? OFFSET ?"#), vec![i(2), i(1)]);
    // values() after union applies to every operand; ORDER BY a position.
    let v = op(&x.values(&strs(&["name"])).unwrap(), Combinator::Union, &[x.values(&strs(&["email"])).unwrap()], false);
    assert_sql(
        &v.order_by(&strs(&["name"])).unwrap(),
        r#"SELECT "author"."name" AS "name" FROM "author" UNION SELECT "author"."email" AS "email" FROM "author" ORDER BY 1 ASC"#,
        vec![],
    );
    let w = op(&same_reg(&x, 3), Combinator::Union, &[same_reg(&x, 5)], false).values_list(&strs(&["name", "age"]), false, false).unwrap();
    assert_sql(
        &w,
        r#"SELECT "author"."name" AS "name", "author"."age" AS "age" FROM "author" WHERE "author"."age" = ? UNION SELECT "author"."name" AS "name", "author"."age" AS "age" FROM "author" WHERE "author"."age" = ?"#,
        vec![i(3), i(5)],
    );
}

#[test]
fn count_exists_first_after_union() {
    let x = a_all();
    let u = op(&x, Combinator::Union, std::slice::from_ref(&x), false);
    assert_shape(&u, Shape::Count, &format!(r#"SELECT COUNT(*) FROM ({OPERAND} UNION {OPERAND}) AS "subquery""#), vec![]);
    assert_shape(&u, Shape::Exists, r#"SELECT 1 AS "a" FROM "author" UNION SELECT 1 AS "a" FROM "author" LIMIT ?"#, vec![i(1)]);
    // Only a union's operands become SELECT 1 (Django's Query.exists()).
    let d = op(&x, Combinator::Difference, std::slice::from_ref(&x), false);
    assert_shape(&d, Shape::Exists, &format!(r#"{OPERAND} EXCEPT {OPERAND} LIMIT ?"#), vec![i(1)]);
    assert_sql(&ops::first_query(&u, false).unwrap(), &format!(r#"{OPERAND} UNION {OPERAND} ORDER BY "col1" ASC LIMIT ?"#), vec![i(1)]);
    assert_sql(&ops::first_query(&u, true).unwrap(), &format!(r#"{OPERAND} UNION {OPERAND} ORDER BY "col1" DESC LIMIT ?"#), vec![i(1)]);
    assert_sql(&ops::get_query(&u).unwrap(), &format!(r#"{OPERAND} UNION {OPERAND} LIMIT ?"#), vec![i(21)]);
}

#[test]
fn empty_operands() {
    let x = a(3);
    let none = x.none();
    // none().union(x) is x; empty operands drop out of a union.
    assert_sql(
        &none.combine(Combinator::Union, std::slice::from_ref(&x), false).unwrap(),
        r#"SELECT "author"."id", "author"."name", "author"."age", "author"."email" FROM "author" WHERE "author"."age" = ?"#,
        vec![i(3)],
    );
    let empty_in = x.filter(&kw(&[("id__in", list(vec![]))])).unwrap();
    assert_sql(&op(&x, Combinator::Union, std::slice::from_ref(&empty_in), false), &format!(r#"{OPERAND} WHERE "author"."age" = ?"#), vec![i(3)]);
    assert!(op(&x, Combinator::Intersection, std::slice::from_ref(&empty_in), false).is_empty());
    assert!(op(&empty_in, Combinator::Difference, std::slice::from_ref(&x), false).is_empty());
    assert!(!op(&x, Combinator::Difference, &[empty_in], false).is_empty());
    assert!(x.combine(Combinator::Intersection, &[none], false).unwrap().is_empty());
}

#[test]
fn errors_after_and_around_combinators() {
    let x = a_all();
    let u = op(&x, Combinator::Union, std::slice::from_ref(&x), false);
    assert_eq!(err_of(u.filter(&kw(&[("age", n(1.0))])), "NotSupportedError"), "Calling QuerySet.filter() after union() is not supported.");
    assert_eq!(err_of(u.distinct(&[]), "NotSupportedError"), "Calling QuerySet.distinct() after union() is not supported.");
    assert_eq!(
        err_of(ops::get_filtered(&u, &kw(&[("age", n(1.0))])), "NotSupportedError"),
        "Calling QuerySet.get(...) with filters after union() is not supported."
    );
    assert_eq!(err_of(u.order_by(&strs(&["books__title"])), "DatabaseError"), "ORDER BY term does not match any column in the result set.");
    let ordered = qs(&x.reg, "Author");
    assert_eq!(
        err_of(ordered.combine(Combinator::Union, std::slice::from_ref(&x), false), "DatabaseError"),
        "ORDER BY not allowed in subqueries of compound statements."
    );
    assert_eq!(
        err_of(x.combine(Combinator::Union, &[x.slice(None, Some(1)).unwrap()], false), "DatabaseError"),
        "LIMIT/OFFSET not allowed in subqueries of compound statements."
    );
}

#[test]
fn explain() {
    let c = compiler::compile_explain(&a(3)).unwrap();
    check(&c);
    assert_eq!(
        c.sql,
        r#"EXPLAIN QUERY PLAN SELECT "author"."id", "author"."name", "author"."age", "author"."email" FROM "author" WHERE "author"."age" = ?"#
    );
    assert_eq!(c.params, vec![Value::Int(3)]);
    assert!(ops::explain_options(None, &[]).is_ok());
    assert_eq!(
        err_of(ops::explain_options(Some("json"), &[]), "ValueError"),
        "JSON is not a recognized format. SQLite does not support any formats."
    );
    assert_eq!(err_of(ops::explain_options(None, &strs(&["foo", "bar"])), "ValueError"), "Unknown options: bar, foo");
    assert_eq!(err_of(ops::explain_options(None, &strs(&["a b"])), "ValueError"), "Invalid option name: 'a b'.");
    // Quoted as Python's repr() quotes a string.
    assert_eq!(err_of(ops::explain_options(None, &strs(&["it's"])), "ValueError"), "Invalid option name: \"it's\".");
    assert_eq!(err_of(ops::explain_options(None, &strs(&["a\\b'c\""])), "ValueError"), "Invalid option name: 'a\\\\b\\'c\"'.");
}

/// Django: `x.union(y).order_by("-age", "name").values("age", "name")` is
/// `... ORDER BY 1 DESC, 2 ASC`: the names found again among the new
/// columns. Ordered by a column values() leaves out, Django selects it
/// hidden (`__orderbycol2`); Quarry refuses that clearly.
#[test]
fn values_after_order_by_on_a_union() {
    let x = a(3);
    let u = op(&x, Combinator::Union, &[same_reg(&x, 5)], false).order_by(&strs(&["-age", "name"])).unwrap();
    let operand = r#"SELECT "author"."age" AS "age", "author"."name" AS "name" FROM "author" WHERE "author"."age" = ?"#;
    assert_sql(&u.values(&strs(&["age", "name"])).unwrap(), &format!(r#"{operand} UNION {operand} ORDER BY 1 DESC, 2 ASC"#), vec![i(3), i(5)]);
    let swapped = r#"SELECT "author"."name" AS "name", "author"."age" AS "age" FROM "author" WHERE "author"."age" = ?"#;
    assert_sql(
        &u.values_list(&strs(&["name", "age"]), false, false).unwrap(),
        &format!(r#"{swapped} UNION {swapped} ORDER BY 2 DESC, 1 ASC"#),
        vec![i(3), i(5)],
    );
    let err = u.values(&strs(&["name"])).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("ordered by a field it does not select"), "{err}");
}
