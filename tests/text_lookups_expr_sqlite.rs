//! Text lookups whose value is an expression (`title__startswith:
//! F("author__name")`): Django 5.2's SQL on SQLite, captured with
//! `Book.objects.filter(title__<lookup>=F("author__name")).query`.
//! Each statement is re-parsed (common::check) and compiled through the plan cache too.

mod common;

use std::rc::Rc;

use common::*;
use quarry::value::{ExprInput, Input};

fn fx(name: &str) -> Input {
    Input::Expr(Rc::new(ExprInput::F(name.into())))
}

const ESC: &str = r#"REPLACE(REPLACE(REPLACE(("author"."name"), '\', '\\'), '%', '\%'), '_', '\_')"#;

#[test]
fn text_lookups_take_an_expression_as_django() {
    let reg = registry();
    let join = format!(r#"SELECT {BOOK_COLS} FROM "book" JOIN "author" ON ("book"."author_id" = "author"."id") WHERE "book"."title" LIKE "#);
    for (lookup, pattern) in [
        ("contains", format!("'%' || {ESC} || '%'")),
        ("icontains", format!("'%' || UPPER({ESC}) || '%'")),
        ("startswith", format!("{ESC} || '%'")),
        ("istartswith", format!("UPPER({ESC}) || '%'")),
        ("endswith", format!("'%' || {ESC}")),
        ("iendswith", format!("'%' || UPPER({ESC})")),
        ("iexact", r#"("author"."name")"#.to_string()),
    ] {
        let q = qs(&reg, "Book").filter(&kw(&[(&format!("title__{lookup}"), fx("author__name"))])).unwrap();
        assert_sql(&q, &format!(r#"{join}{pattern} ESCAPE '\'"#), vec![]);
    }
}

#[test]
fn other_lookups_with_an_expression_are_refused() {
    let reg = registry();
    let e = err_of(qs(&reg, "Book").filter(&kw(&[("title__regex", fx("author__name"))])), "NotSupportedError");
    assert!(e.contains("not of 'regex'"), "{e}");
}
