//! Golden tests of `only()` / `defer()`: the columns selected, compared with
//! the SQL Django 5.2 prints for the same QuerySets (`str(qs.query)` on the
//! models of tests/common/mod.rs), and Django's errors.

mod common;

use common::*;
use quarry::compiler::{self, Shape};
use quarry::query::QuerySet;

fn book() -> QuerySet {
    qs(&registry(), "Book")
}

fn only(q: &QuerySet, names: &[&str]) -> QuerySet {
    q.only(Some(&strs(names))).unwrap_or_else(|e| panic!("only: {e}"))
}

fn defer(q: &QuerySet, names: &[&str]) -> QuerySet {
    q.defer(Some(&strs(names))).unwrap_or_else(|e| panic!("defer: {e}"))
}

const J_AUTHOR: &str = r#" JOIN "author" ON ("book"."author_id" = "author"."id")"#;

#[test]
fn only_selects_the_pk_and_the_fields() {
    // Django: SELECT "book"."id", "book"."title" FROM "book"
    assert_sql(&only(&book(), &["title"]), r#"SELECT "book"."id", "book"."title" FROM "book""#, vec![]);
    // attnames and `pk` work; the columns keep the model's order.
    assert_sql(&only(&book(), &["author_id", "pages", "pk"]), r#"SELECT "book"."id", "book"."pages", "book"."author_id" FROM "book""#, vec![]);
    assert_sql(&only(&book(), &["pk"]), r#"SELECT "book"."id" FROM "book""#, vec![]);
    // `only()` with no names loads everything.
    assert_sql(&only(&book(), &[]), &format!(r#"SELECT {BOOK_COLS} FROM "book""#), vec![]);
    // A many-to-many or reverse relation selects no column.
    assert_sql(&only(&book(), &["tags"]), r#"SELECT "book"."id" FROM "book""#, vec![]);
    // A relation named with a field below it loads the foreign key (no join without selectRelated).
    assert_sql(&only(&book(), &["title", "author__name"]), r#"SELECT "book"."id", "book"."title", "book"."author_id" FROM "book""#, vec![]);
}

#[test]
fn defer_leaves_fields_out_and_never_the_pk() {
    // Django: SELECT "book"."id", "book"."pages", ... FROM "book"
    let cols = r#""book"."id", "book"."pages", "book"."rating", "book"."inPrint", "book"."pubDate", "book"."created", "book"."price", "book"."editor_id", "book"."publisher_id""#;
    assert_sql(&defer(&book(), &["title", "author"]), &format!(r#"SELECT {cols} FROM "book""#), vec![]);
    // attnames too; the pk cannot be deferred.
    assert_sql(&defer(&book(), &["title", "author_id", "id"]), &format!(r#"SELECT {cols} FROM "book""#), vec![]);
    // accumulates
    assert_sql(&defer(&defer(&book(), &["title"]), &["author"]), &format!(r#"SELECT {cols} FROM "book""#), vec![]);
    // defer(null) clears
    let cleared = defer(&book(), &["title"]).defer(None).unwrap();
    assert_sql(&cleared, &format!(r#"SELECT {BOOK_COLS} FROM "book""#), vec![]);
    // many-to-many and reverse names are accepted and select the same columns
    assert_sql(&defer(&book(), &["tags"]), &format!(r#"SELECT {BOOK_COLS} FROM "book""#), vec![]);
}

#[test]
fn chaining_as_django() {
    let pk_pages = r#"SELECT "book"."id", "book"."pages" FROM "book""#;
    // only() replaces the immediate-loading set
    assert_sql(&only(&only(&book(), &["title"]), &["pages"]), pk_pages, vec![]);
    // defer() removes from it
    assert_sql(&defer(&only(&book(), &["title", "pages"]), &["title"]), pk_pages, vec![]);
    // only() respects earlier deferrals
    assert_sql(&only(&defer(&book(), &["title"]), &["title", "pages"]), pk_pages, vec![]);
    // deferring every only() name loads everything again
    assert_sql(&defer(&only(&book(), &["title"]), &["title"]), &format!(r#"SELECT {BOOK_COLS} FROM "book""#), vec![]);
    // ...and names not in the only() set become deferred ones
    let q = defer(&only(&book(), &["title"]), &["title", "pages"]);
    assert!(rows(&q).sql.starts_with(r#"SELECT "book"."id", "book"."title", "book"."rating""#), "{}", rows(&q).sql);
    assert_sql(&only(&book(), &["title"]).defer(None).unwrap(), &format!(r#"SELECT {BOOK_COLS} FROM "book""#), vec![]);
}

#[test]
fn with_select_related() {
    // Django: SELECT "book"."id", "book"."title", "book"."author_id", "author"."id", "author"."name" FROM "book" INNER JOIN "author" ON (...)
    let q = only(&book().select_related(&strs(&["author"])).unwrap(), &["title", "author__name"]);
    assert_sql(
        &q,
        &format!(r#"SELECT "book"."id", "book"."title", "book"."author_id", "author"."id", "author"."name" FROM "book"{J_AUTHOR}"#),
        vec![],
    );
    // the other order
    let q = only(&book(), &["title", "author__name"]).select_related(&strs(&["author"])).unwrap();
    assert_sql(
        &q,
        &format!(r#"SELECT "book"."id", "book"."title", "book"."author_id", "author"."id", "author"."name" FROM "book"{J_AUTHOR}"#),
        vec![],
    );
    // only("author") loads the whole related model
    let q = only(&book().select_related(&strs(&["author"])).unwrap(), &["title", "author"]);
    assert_sql(&q, &format!(r#"SELECT "book"."id", "book"."title", "book"."author_id", {AUTHOR_COLS} FROM "book"{J_AUTHOR}"#), vec![]);
    // Django: ..., "author"."id", "author"."age", "author"."email" FROM "book" INNER JOIN "author" ...
    let q = defer(&book().select_related(&strs(&["author"])).unwrap(), &["author__name"]);
    assert_sql(&q, &format!(r#"SELECT {BOOK_COLS}, "author"."id", "author"."age", "author"."email" FROM "book"{J_AUTHOR}"#), vec![]);
    // Django: ... FROM "book" LEFT OUTER JOIN "publisher" ...
    let q = only(&book().select_related(&strs(&["publisher"])).unwrap(), &["publisher__name"]);
    assert_sql(
        &q,
        r#"SELECT "book"."id", "book"."publisher_id", "publisher"."id", "publisher"."name" FROM "book" LEFT JOIN "publisher" ON ("book"."publisher_id" = "publisher"."id")"#,
        vec![],
    );
}

#[test]
fn other_shapes_are_unaffected() {
    let q = only(&book(), &["title"]).filter(&kw(&[("pages__gt", n(1.0))])).unwrap();
    assert_shape(&q, Shape::Count, r#"SELECT COUNT(*) AS "__count" FROM "book" WHERE "book"."pages" > ?"#, vec![i(1)]);
    // values() ignores the deferral (Django's set_values clears it).
    assert_sql(&only(&book(), &["title"]).values(&strs(&["pages"])).unwrap(), r#"SELECT "book"."pages" FROM "book""#, vec![]);
    let c = compiler::compile_update(&only(&book(), &["title"]), vec![]).map(|c| c.sql);
    assert!(c.is_ok());
}

#[test]
fn errors_as_django() {
    let e = err_of(book().only(None), "TypeError");
    assert_eq!(e, "Cannot pass None as an argument to only().");
    let v = book().values(&strs(&["title"])).unwrap();
    assert_eq!(err_of(v.only(Some(&strs(&["title"]))), "TypeError"), "Cannot call only() after .values() or .values_list()");
    assert_eq!(err_of(v.defer(Some(&strs(&["title"]))), "TypeError"), "Cannot call defer() after .values() or .values_list()");
    assert_eq!(err_of(book().only(Some(&strs(&["nope"]))), "FieldError"), "Book has no field named 'nope'");
    assert_eq!(err_of(book().defer(Some(&strs(&["nope"]))), "FieldError"), "Book has no field named 'nope'");
    // Django: defer("pk") is FieldDoesNotExist (only() maps pk, defer() does not)
    assert_eq!(err_of(book().defer(Some(&strs(&["pk"]))), "FieldError"), "Book has no field named 'pk'");
    assert_eq!(err_of(book().defer(Some(&strs(&["title__x"]))), "FieldError"), "x");
    assert_eq!(err_of(book().only(Some(&strs(&["title__x"]))), "FieldError"), "x");
    assert_eq!(err_of(book().defer(Some(&strs(&["author__nope"]))), "FieldError"), "Author has no field named 'nope'");
    let sr = book().select_related(&strs(&["author"])).unwrap();
    let both = "Field Book.author cannot be both deferred and traversed using select_related at the same time.";
    assert_eq!(err_of(sr.only(Some(&strs(&["title"]))), "FieldError"), both);
    assert_eq!(err_of(sr.defer(Some(&strs(&["author"]))), "FieldError"), both);
    assert_eq!(err_of(only(&book(), &["title"]).select_related(&strs(&["author"])), "FieldError"), both);
    let b = book();
    let u = b.combine(quarry::query::Combinator::Union, std::slice::from_ref(&b), false).unwrap();
    assert_eq!(err_of(u.only(Some(&strs(&["title"]))), "NotSupportedError"), "Calling QuerySet.only() after union() is not supported.");
}

#[test]
fn reverse_one_to_one_as_django() {
    // Django 5.2 on the same three models (Author; Profile with bio and a
    // OneToOneField author; Book with title and a ForeignKey author).
    use quarry::model::{Config, FieldSpec, Registry};
    use std::rc::Rc;
    let reg = Rc::new(Registry::new(Config::default()));
    reg.define("Author", vec![("name".into(), FieldSpec { max_length: Some(10), ..spec("CharField") })], Some("author".into()), vec![], vec![])
        .unwrap();
    reg.define(
        "Profile",
        vec![
            ("bio".into(), spec("TextField")),
            ("author".into(), FieldSpec { kind: "OneToOneField".into(), ..fk("Author", None, false, "CASCADE") }),
        ],
        Some("profile".into()),
        vec![],
        vec![],
    )
    .unwrap();
    reg.define(
        "Book",
        vec![("title".into(), FieldSpec { max_length: Some(10), ..spec("CharField") }), ("author".into(), fk("Author", None, false, "CASCADE"))],
        Some("book".into()),
        vec![],
        vec![],
    )
    .unwrap();
    let author = qs(&reg, "Author").select_related(&strs(&["profile"])).unwrap();
    const LJ_PROFILE: &str = r#" LEFT JOIN "profile" ON ("author"."id" = "profile"."author_id")"#;
    // Django: SELECT "author"."id", "author"."name", "profile"."id", "profile"."bio" FROM "author" LEFT OUTER JOIN "profile" ON (...)
    assert_sql(
        &only(&author, &["name", "profile__bio"]),
        &format!(r#"SELECT "author"."id", "author"."name", "profile"."id", "profile"."bio" FROM "author"{LJ_PROFILE}"#),
        vec![],
    );
    // Django: SELECT "author"."id", "author"."name", "profile"."id", "profile"."author_id" FROM "author" LEFT OUTER JOIN "profile" ON (...)
    assert_sql(
        &defer(&author, &["profile__bio"]),
        &format!(r#"SELECT "author"."id", "author"."name", "profile"."id", "profile"."author_id" FROM "author"{LJ_PROFILE}"#),
        vec![],
    );
    let both = "Field Author.profile cannot be both deferred and traversed using select_related at the same time.";
    assert_eq!(err_of(author.only(Some(&strs(&["name"]))), "FieldError"), both);
    let book = qs(&reg, "Book").select_related(&strs(&["author__profile"])).unwrap();
    assert_sql(
        &only(&book, &["title", "author__name", "author__profile__bio"]),
        &format!(
            r#"SELECT "book"."id", "book"."title", "book"."author_id", "author"."id", "author"."name", "profile"."id", "profile"."bio" FROM "book" JOIN "author" ON ("book"."author_id" = "author"."id"){LJ_PROFILE}"#
        ),
        vec![],
    );
    assert_eq!(err_of(book.only(Some(&strs(&["title", "author__name"]))), "FieldError"), both);
}
