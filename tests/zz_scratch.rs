mod common;
use common::*;
use quarry::compiler::{self, Shape};
use quarry::query::{QInput, QuerySet};
use quarry::value::Input;

fn q(or: bool, negated: bool, children: Vec<QInput>) -> QInput { QInput::Node { or, negated, children } }
fn l(k: &str, v: Input) -> QInput { QInput::Lookup(k.into(), v) }
fn f(v: &[&str]) -> Vec<String> { v.iter().map(|s| s.to_string()).collect() }

fn show(name: &str, r: quarry::Result<QuerySet>) {
    match r {
        Ok(qs) => match compiler::compile(&qs, Shape::Rows) {
            Ok(c) => println!("{name}\n  {}\n  {:?}", c.sql, c.params),
            Err(e) => println!("{name}\n  COMPILE ERR {e}"),
        },
        Err(e) => println!("{name}\n  ERR {e:?}"),
    }
}

#[test]
fn dump() {
    let r = registry();
    let b = || qs(&r, "Book");
    let a = || qs(&r, "Author");
    let t = || qs(&r, "Tag");
    let p = || qs(&r, "Publisher");
    show("fk_inner", b().filter(&kw(&[("author__name", s("x"))])));
    show("fk_nullable_inner", b().filter(&kw(&[("editor__name", s("x"))])));
    show("fk_pk_trimmed", b().filter(&kw(&[("author__id", n(1.0))])));
    show("fk_default_related_name", p().filter(&kw(&[("book__title", s("x"))])));
    show("reverse_fk_inner", a().filter(&kw(&[("books__title", s("x"))])));
    show("reverse_fk_bare", a().filter(&kw(&[("books", n(1.0))])));
    show("m2m_two_inner", b().filter(&kw(&[("tags__name", s("t"))])));
    show("m2m_pk_through_only", b().filter(&kw(&[("tags__in", Input::List(vec![n(1.0), n(2.0)]))])));
    show("reverse_m2m", t().filter(&kw(&[("books__title", s("x"))])));
    show("two_hops", t().filter(&kw(&[("books__author__name", s("x"))])));
    show("isnull_nullable_fk_col", b().filter(&kw(&[("editor__isnull", Input::Bool(true))])));
    show("isnull_nullable_fk_far", b().filter(&kw(&[("editor__name__isnull", Input::Bool(true))])));
    show("isnull_reverse", a().filter(&kw(&[("books__isnull", Input::Bool(true))])));
    show("isnull_reverse_field", a().filter(&kw(&[("books__title__isnull", Input::Bool(true))])));
    show("isnull_m2m", b().filter(&kw(&[("tags__isnull", Input::Bool(true))])));
    show("isnull_m2m_field", b().filter(&kw(&[("tags__name__isnull", Input::Bool(true))])));
    show("isnull_false_reverse", a().filter(&kw(&[("books__isnull", Input::Bool(false))])));
    show("or_reverse_with_local", a().filter(&[q(true, false, vec![l("books__title", s("x")), l("name", s("y"))])]));
    show("or_fk_with_local", b().filter(&[q(true, false, vec![l("author__name", s("x")), l("pages", n(1.0))])]));
    show("or_nullable_fk_with_local", b().filter(&[q(true, false, vec![l("editor__name", s("x")), l("pages", n(1.0))])]));
    show("or_editor_or_isnull", b().filter(&[q(true, false, vec![l("editor__name", s("x")), l("editor__isnull", Input::Bool(true))])]));
    show("or_both_branches_same_join", b().filter(&[q(true, false, vec![l("author__name", s("x")), l("author__age", n(3.0))])]));
    show("and_in_or", b().filter(&[q(true, false, vec![q(false, false, vec![l("author__name", s("x")), l("pages", n(1.0))]), l("title", s("y"))])]));
    show("not_q_fk", b().filter(&[q(false, true, vec![l("author__name", s("x"))])]));
    show("not_q_nullable_fk", b().filter(&[q(false, true, vec![l("editor__name", s("x"))])]));
    show("select_related_author_editor", b().select_related(&f(&["author", "editor"])));
    show("select_related_publisher", b().select_related(&f(&["publisher"])));
    show("order_by_nullable", b().order_by(&f(&["editor__name"])));
    show("order_by_fk_target_ordering", b().order_by(&f(&["author"])));
    show("order_by_fk_no_ordering", b().order_by(&f(&["publisher"])));
    show("order_by_fk_id", b().order_by(&f(&["-publisher_id"])));
    show("order_by_non_null_fk_field", b().order_by(&f(&["author__name"])));
    show("values_nullable", b().values(&f(&["editor__name"])));
    show("values_reverse", a().values(&f(&["books__title"])));
    show("values_list_fk", b().values_list(&f(&["title", "author__name"]), false));
    show("values_list_m2m", b().values_list(&f(&["tags__name"]), true));
    show("filter_then_order_reuse", b().filter(&kw(&[("editor__name", s("x"))])).and_then(|q| q.order_by(&f(&["editor__name"]))));
    show("order_then_filter_demotes", b().order_by(&f(&["editor__name"])).and_then(|q| q.filter(&kw(&[("editor__name", s("x"))]))));
    show("chained_multi_two_joins", a().filter(&kw(&[("books__title", s("x"))])).and_then(|q| q.filter(&kw(&[("books__pages", n(1.0))]))));
    show("one_call_multi_one_join", a().filter(&kw(&[("books__title", s("x")), ("books__pages", n(1.0))])));
    show("chained_m2m_two_joins", b().filter(&kw(&[("tags__name", s("a"))])).and_then(|q| q.filter(&kw(&[("tags__name", s("b"))]))));
    show("chained_single_valued_reused", b().filter(&kw(&[("author__name", s("x"))])).and_then(|q| q.filter(&kw(&[("author__age", n(3.0))]))));
    show("exclude_fk", b().exclude(&kw(&[("author__name", s("x"))])));
    show("exclude_nullable_fk", b().exclude(&kw(&[("editor__name", s("x"))])));
    show("exclude_nullable_local", b().exclude(&kw(&[("pubDate", s("2020-01-01"))])));
    show("exclude_local_not_null", b().exclude(&kw(&[("pages", n(1.0))])));
    show("exclude_multi", a().exclude(&kw(&[("books__title", s("x"))])));
    show("exclude_multi_two", a().exclude(&kw(&[("books__title", s("x")), ("books__pages", n(1.0))])));
    show("exclude_m2m", b().exclude(&kw(&[("tags__name", s("t"))])));
    show("exclude_m2m_pk", b().exclude(&kw(&[("tags", n(1.0))])));
    show("exclude_reverse_m2m", t().exclude(&kw(&[("books__title", s("x"))])));
    show("exclude_multi_isnull", a().exclude(&kw(&[("books__isnull", Input::Bool(true))])));
    show("exclude_fk_isnull", b().exclude(&kw(&[("editor__isnull", Input::Bool(true))])));
    show("exclude_q_or_multi", a().exclude(&[q(true, false, vec![l("books__title", s("x")), l("name", s("y"))])]));
    show("filter_not_q_multi", a().filter(&[q(false, true, vec![l("books__title", s("x"))])]));
    show("exclude_fk_far_nullable_col", b().exclude(&kw(&[("author__age", n(3.0))])));
}
