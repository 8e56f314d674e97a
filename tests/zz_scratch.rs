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

    show("exclude_multi_isnull_false", a().exclude(&kw(&[("books__isnull", Input::Bool(false))])));
    show("exclude_m2m_isnull", b().exclude(&kw(&[("tags__isnull", Input::Bool(true))])));
    show("exclude_multi_bare_pk", a().exclude(&kw(&[("books", n(1.0))])));
    show("exclude_multi_in", a().exclude(&kw(&[("books__in", Input::List(vec![n(1.0), n(2.0)]))])));
    show("exclude_multi_gt", a().exclude(&kw(&[("books__pages__gt", n(100.0))])));
    show("exclude_multi_then_m2m", a().exclude(&kw(&[("books__tags__name", s("t"))])));
    show("exclude_fk_then_multi", b().exclude(&kw(&[("author__books__title", s("x"))])));
    show("exclude_reverse_then_fk", t().exclude(&kw(&[("books__author__name", s("x"))])));
    show("exclude_editor_none", b().exclude(&kw(&[("editor", Input::Null)])));
    show("exclude_editor_isnull_false", b().exclude(&kw(&[("editor__isnull", Input::Bool(false))])));
    show("exclude_nullable_fk_far_isnull", b().exclude(&kw(&[("editor__name__isnull", Input::Bool(true))])));
    show("exclude_editor_id", b().exclude(&kw(&[("editor", n(3.0))])));
    show("or_two_fks", b().filter(&[q(true, false, vec![l("editor__name", s("x")), l("author__name", s("y"))])]));
    show("or_two_reverse", a().filter(&[q(true, false, vec![l("books__title", s("x")), l("edited__title", s("y"))])]));
    show("or_not_nullable_with_local", b().filter(&[q(true, false, vec![q(false, true, vec![l("editor__name", s("x"))]), l("pages", n(1.0))])]));
    show("and_then_or_same_join", b().filter(&kw(&[("editor__name", s("x"))])).and_then(|x| x.filter(&[q(true, false, vec![l("editor__age", n(1.0)), l("pages", n(2.0))])])));
    show("or_then_and_demotes", b().filter(&[q(true, false, vec![l("editor__name", s("x")), l("pages", n(2.0))])]).and_then(|x| x.filter(&kw(&[("editor__age", n(1.0))]))));
    show("reverse_then_m2m", a().filter(&kw(&[("books__tags__name", s("t"))])));
    show("nullable_fk_chain_isnull", b().filter(&kw(&[("publisher__name__isnull", Input::Bool(true))])));
    show("order_by_editor_desc", b().order_by(&f(&["-editor"])));
    show("order_by_reverse_fk", a().order_by(&f(&["books__title"])));
    show("values_m2m_name_reverse", t().values_list(&f(&["books__title"]), true));
    show("select_related_then_filter_editor", b().select_related(&f(&["editor"])).and_then(|x| x.filter(&kw(&[("editor__name", s("x"))]))));
    show("filter_then_select_related_editor", b().filter(&kw(&[("editor__name", s("x"))])).and_then(|x| x.select_related(&f(&["editor"]))));
    show("select_related_author_filter_author", b().filter(&kw(&[("author__name", s("x"))])).and_then(|x| x.select_related(&f(&["author", "editor"]))));
    show("exists_reverse", a().filter(&kw(&[("books__title", s("x"))])).and_then(|x| x.distinct(&[])));
    for (name, x) in [("delete_plain", b().filter(&kw(&[("pages", n(1.0))]))), ("delete_with_join", b().filter(&kw(&[("author__name", s("x"))]))), ("delete_with_m2m", b().filter(&kw(&[("tags__name", s("t"))])))] {
        let c = compiler::compile_delete(&x.unwrap()).unwrap();
        println!("{name}\n  {}\n  {:?}", c.sql, c.params);
    }
    for (name, x) in [("update_plain", b().filter(&kw(&[("pages", n(1.0))]))), ("update_with_join", b().filter(&kw(&[("author__name", s("x"))])))] {
        let x = x.unwrap();
        let sets = quarry::exec::ops::assignments(&r, &x.model, &[("title".into(), s("new"))]).unwrap();
        let c = compiler::compile_update(&x, sets).unwrap();
        println!("{name}\n  {}\n  {:?}", c.sql, c.params);
    }
}

#[test]
fn dump2() {
    let r = registry();
    let b = || qs(&r, "Book");
    let a = || qs(&r, "Author");
    show("fk_then_reverse", b().filter(&kw(&[("author__books__title", s("x"))])));
    show("m2m_then_reverse_m2m", b().filter(&kw(&[("tags__books__title", s("x"))])));
    show("chained_nullable_fk_reused", b().filter(&kw(&[("editor__name", s("x"))])).and_then(|x| x.filter(&kw(&[("editor__age", n(1.0))]))));
    show("filter_multi_then_exclude_multi", a().filter(&kw(&[("books__title", s("x"))])).and_then(|x| x.exclude(&kw(&[("books__pages", n(1.0))]))));
    show("double_negation", b().filter(&[q(false, true, vec![q(false, true, vec![l("editor__name", s("x"))])])]));
    show("exclude_or_isnull", b().exclude(&[q(true, false, vec![l("editor__name", s("x")), l("editor__isnull", Input::Bool(true))])]));
    show("exclude_and_local", b().exclude(&[q(false, false, vec![l("editor__name", s("x")), l("pages", n(1.0))])]));
    show("not_q_and_sibling_demotes", b().filter(&[q(false, true, vec![l("editor__name", s("x"))]), l("editor__age", n(3.0))]));
    show("distinct_order_by_relation", b().distinct(&[]).and_then(|x| x.order_by(&f(&["author__name"]))));
    show("or_promoted_then_select_related", b().filter(&[q(true, false, vec![l("editor__name", s("x")), l("pages", n(1.0))])]).and_then(|x| x.select_related(&f(&["editor"]))));
    show("exclude_multi_or_local_filter", a().filter(&[q(true, false, vec![l("books__title", s("x")), l("books__pages", n(1.0))])]));
    show("or_m2m_with_local", b().filter(&[q(true, false, vec![l("tags__name", s("t")), l("pages", n(1.0))])]));
    show("reverse_fk_exact_instance", a().filter(&kw(&[("books__author__name", s("x"))])));
    show("order_by_m2m", b().order_by(&f(&["tags__name"])));
    show("values_then_filter_demote", b().values(&f(&["editor__name"])).and_then(|x| x.filter(&kw(&[("editor__name", s("x"))]))));
}

fn w(r: &std::rc::Rc<quarry::model::Registry>, m: &str, k: &str, v: Input) -> String {
    let name = format!("{m}.filter({k}={v:?})");
    match qs(r, m).filter(&kw(&[(k, v)])) {
        Ok(x) => {
            if x.is_empty() { return format!("{name}\n  EMPTY"); }
            match compiler::compile(&x, Shape::Rows) {
                Ok(c) => format!("{name}\n  {}\n  {:?}", c.sql.split(" WHERE ").nth(1).unwrap_or(&c.sql), c.params),
                Err(e) => format!("{name}\n  COMPILE ERR {e}"),
            }
        }
        Err(e) => format!("{name}\n  ERR {e:?}"),
    }
}

#[test]
fn dump3() {
    let r = registry();
    let L = |v: Vec<Input>| Input::List(v);
    let cases: Vec<(&str, &str, Input)> = vec![
        ("Book", "title", s("x")),
        ("Book", "title__exact", s("x")),
        ("Book", "title", Input::Null),
        ("Book", "rating__exact", Input::Null),
        ("Book", "title__iexact", s("A_b%")),
        ("Book", "title__iexact", Input::Null),
        ("Book", "title__contains", s("50%_off\\x")),
        ("Book", "title__icontains", s("Dj")),
        ("Book", "title__startswith", s("a_")),
        ("Book", "title__istartswith", s("a%")),
        ("Book", "title__endswith", s("\\")),
        ("Book", "title__iendswith", s("z")),
        ("Book", "pages__in", L(vec![n(1.0), Input::Null, n(2.0), n(1.0)])),
        ("Book", "pages__in", L(vec![])),
        ("Book", "pages__in", L(vec![Input::Null])),
        ("Book", "title__in", L(vec![s("a"), s("b")])),
        ("Book", "pages__gt", n(1.5)),
        ("Book", "pages__gte", n(1.5)),
        ("Book", "pages__lt", n(1.5)),
        ("Book", "pages__lte", n(1.5)),
        ("Book", "pages__gt", n(100.0)),
        ("Book", "rating__gte", n(1.5)),
        ("Book", "rating__lt", n(1.5)),
        ("Book", "pages__range", L(vec![n(1.0), n(10.0)])),
        ("Book", "pubDate__range", L(vec![s("2020-01-01"), s("2020-12-31")])),
        ("Book", "rating__isnull", Input::Bool(true)),
        ("Book", "rating__isnull", Input::Bool(false)),
        ("Book", "title__regex", s("^a.*b$")),
        ("Book", "title__iregex", s("^a")),
        ("Book", "inPrint", Input::Bool(true)),
        ("Book", "price", s("12.50")),
        ("Book", "price__gt", n(3.0)),
        ("Book", "pubDate", s("2020-01-02")),
        ("Book", "created", s("2021-03-04T05:06:07Z")),
        ("Book", "created__gte", Input::Date(1614834367000.0)),
        ("Book", "author", Input::Instance { model: "Author".into(), pk: Box::new(n(3.0)) }),
        ("Book", "author_id", n(3.0)),
        ("Book", "author__in", L(vec![n(1.0), Input::Instance { model: "Author".into(), pk: Box::new(n(2.0)) }])),
        ("Book", "pk", n(7.0)),
        ("Book", "id__gt", n(1.0)),
        ("Book", "editor", Input::Null),
        ("Book", "pages", s("12")),
        // transforms
        ("Book", "pubDate__year", n(2020.0)),
        ("Book", "pubDate__year__gt", n(2020.0)),
        ("Book", "pubDate__year__gte", n(2020.0)),
        ("Book", "pubDate__year__lt", n(2020.0)),
        ("Book", "pubDate__year__lte", n(2020.0)),
        ("Book", "created__year", n(2021.0)),
        ("Book", "created__year__gte", n(2021.0)),
        ("Book", "created__year__lt", n(2021.0)),
        ("Book", "pubDate__year__in", L(vec![n(2020.0), n(2021.0)])),
        ("Book", "pubDate__iso_year", n(2020.0)),
        ("Book", "pubDate__month", n(3.0)),
        ("Book", "pubDate__month__in", L(vec![n(1.0), n(2.0)])),
        ("Book", "pubDate__day", n(3.0)),
        ("Book", "pubDate__week", n(10.0)),
        ("Book", "pubDate__week_day", n(2.0)),
        ("Book", "pubDate__iso_week_day", n(1.0)),
        ("Book", "pubDate__quarter", n(2.0)),
        ("Book", "created__hour", n(5.0)),
        ("Book", "created__hour__lt", n(12.0)),
        ("Book", "created__minute", n(6.0)),
        ("Book", "created__second", n(7.0)),
        ("Book", "created__date", s("2021-03-04")),
        ("Book", "created__date__gte", s("2021-03-04")),
        ("Book", "created__date__year", n(2021.0)),
        ("Book", "created__month__gte", n(3.0)),
        ("Book", "pubDate__hour", n(3.0)),
        ("Book", "pubDate__year__range", L(vec![n(2019.0), n(2021.0)])),
        ("Book", "pubDate__month__gt", n(1.5)),
        ("Book", "pubDate__year__isnull", Input::Bool(true)),
        // errors
        ("Author", "nme", s("x")),
        ("Book", "title__startwith", s("x")),
        ("Book", "author__startswith", s("x")),
        ("Book", "author__nme", s("x")),
        ("Book", "pages__gt", Input::Null),
        ("Book", "rating__isnull", s("yes")),
        ("Book", "pages__in", n(3.0)),
        ("Book", "pages", s("abc")),
        ("Book", "pubDate", s("2020-13-01")),
        ("Book", "pubDate", s("yesterday")),
        ("Book", "created", s("nope")),
        ("Book", "pages__range", L(vec![n(1.0)])),
        ("Book", "inPrint", s("maybe")),
        ("Book", "price", s("1.2.3")),
        ("Book", "title__contains", Input::Null),
        ("Book", "pubDate__yeer", n(1.0)),
        ("Book", "created__hour__foo", n(1.0)),
        ("Book", "tags__nme", s("x")),
        ("Book", "author", s("abc")),
        ("Book", "title__", s("x")),
    ];
    for (m, k, v) in cases { println!("{}", w(&r, m, k, v)); }
    let r2 = registry_with(quarry::model::Config { regexp: false, ..Default::default() });
    println!("{}", w(&r2, "Book", "title__regex", s("a")));
    println!("{}", w(&r2, "Book", "title__iregex", s("a")));
}

fn sh(name: &str, r: quarry::Result<QuerySet>, shape: Shape) {
    match r {
        Ok(qs) => {
            if qs.is_empty() { println!("{name}\n  EMPTY"); return; }
            match compiler::compile(&qs, shape) {
            Ok(c) => println!("{name}\n  {}\n  {:?}", c.sql, c.params),
            Err(e) => println!("{name}\n  COMPILE ERR {e:?}"),
        }},
        Err(e) => println!("{name}\n  ERR {e:?}"),
    }
}

#[test]
fn dump4() {
    use quarry::exec::ops;
    let r = registry();
    let b = || qs(&r, "Book");
    let a = || qs(&r, "Author");
    let t = || qs(&r, "Tag");
    sh("author all", Ok(a()), Shape::Rows);
    sh("tag all", Ok(t()), Shape::Rows);
    sh("author reverse", a().reverse(), Shape::Rows);
    sh("tag reverse", t().reverse(), Shape::Rows);
    sh("author order_by()", a().order_by(&[]), Shape::Rows);
    sh("tag order_by -pk, ?", t().order_by(&f(&["-pk", "?"])), Shape::Rows);
    sh("tag order_by name reverse", t().order_by(&f(&["name"])).and_then(|x| x.reverse()), Shape::Rows);
    sh("tag order_by name reverse reverse", t().order_by(&f(&["-name", "id"])).and_then(|x| x.reverse()).and_then(|x| x.reverse()), Shape::Rows);
    sh("tag distinct", t().distinct(&[]), Shape::Rows);
    sh("author distinct (ordering col)", a().distinct(&[]), Shape::Rows);
    sh("tag values", t().values(&[]), Shape::Rows);
    sh("tag values name", t().values(&f(&["name"])), Shape::Rows);
    sh("book values author", b().values(&f(&["author", "author_id", "pubDate__year"])), Shape::Rows);
    sh("tag valuesList flat", t().values_list(&f(&["name"]), true), Shape::Rows);
    sh("tag slice 1:5", t().slice(Some(1), Some(5)), Shape::Rows);
    sh("tag slice :5", t().slice(None, Some(5)), Shape::Rows);
    sh("tag slice 3:", t().slice(Some(3), None), Shape::Rows);
    sh("tag slice 1:5 1:2", t().slice(Some(1), Some(5)).and_then(|x| x.slice(Some(1), Some(2))), Shape::Rows);
    sh("tag slice 2: 1:3", t().slice(Some(2), None).and_then(|x| x.slice(Some(1), Some(3))), Shape::Rows);
    sh("tag slice 2: 3:", t().slice(Some(2), None).and_then(|x| x.slice(Some(3), None)), Shape::Rows);
    sh("tag slice 1:3 5:", t().slice(Some(1), Some(3)).and_then(|x| x.slice(Some(5), None)), Shape::Rows);
    sh("tag slice 3:3", t().slice(Some(3), Some(3)), Shape::Rows);
    sh("tag none", Ok(t().none()), Shape::Rows);
    sh("tag count", Ok(t()), Shape::Count);
    sh("author count (ordering dropped)", Ok(a()), Shape::Count);
    sh("author count filter", a().filter(&kw(&[("name", s("x"))])), Shape::Count);
    sh("author distinct count", a().distinct(&[]), Shape::Count);
    sh("author sliced count", a().slice(Some(1), Some(3)), Shape::Count);
    sh("tag values distinct count", t().values(&f(&["name"])).and_then(|x| x.distinct(&[])), Shape::Count);
    sh("author exists", Ok(a()), Shape::Exists);
    sh("author exists filter", a().filter(&kw(&[("name", s("x"))])), Shape::Exists);
    sh("author exists sliced", a().slice(Some(2), Some(5)), Shape::Exists);
    sh("author pks", a().filter(&kw(&[("books__title", s("x"))])), Shape::Pks);
    sh("author get", ops::get_query(&a().filter(&kw(&[("name", s("x"))])).unwrap()), Shape::Rows);
    sh("author get sliced", ops::get_query(&a().slice(Some(1), Some(3)).unwrap()), Shape::Rows);
    sh("tag first", ops::first_query(&t(), false), Shape::Rows);
    sh("tag last", ops::first_query(&t(), true), Shape::Rows);
    sh("author first", ops::first_query(&a(), false), Shape::Rows);
    sh("author last", ops::first_query(&a(), true), Shape::Rows);
    sh("book ordered last", ops::first_query(&b().order_by(&f(&["-pubDate", "id"])).unwrap(), true), Shape::Rows);
    sh("book earliest", b().earliest_latest(&f(&["pubDate"]), false), Shape::Rows);
    sh("book latest", b().earliest_latest(&f(&["pubDate", "-id"]), true), Shape::Rows);
    sh("book earliest none", b().earliest_latest(&[], false), Shape::Rows);
    sh("book select_related none", b().select_related(&f(&["title"])), Shape::Rows);
    sh("book select_related nope", b().select_related(&f(&["nope"])), Shape::Rows);
    sh("book order_by nope", b().order_by(&f(&["nope"])), Shape::Rows);
    sh("book values nope", b().values(&f(&["nope"])), Shape::Rows);
    sh("author reverse invalid lookup", a().filter(&kw(&[("books__startswith", s("x"))])), Shape::Rows);
    sh("book filter Q or and not", b().filter(&[q(true, false, vec![q(false, false, vec![l("pages__gt", n(50.0)), l("pages__lt", n(150.0))]), q(false, true, vec![l("title__startswith", s("T"))])])]), Shape::Rows);
    sh("book empty Q", b().filter(&[q(false, false, vec![])]), Shape::Rows);
    sh("book or with empty in", b().filter(&[q(true, false, vec![l("pages__in", Input::List(vec![])), l("title", s("a"))])]), Shape::Rows);
    sh("book and with empty in", b().filter(&[q(false, false, vec![l("pages__in", Input::List(vec![])), l("title", s("a"))])]), Shape::Rows);
    sh("book exclude empty in", b().exclude(&kw(&[("pages__in", Input::List(vec![]))])), Shape::Rows);
    sh("book exclude rating", b().exclude(&kw(&[("rating__gt", n(3.0))])), Shape::Rows);
    sh("book exclude isnull", b().exclude(&kw(&[("rating__isnull", Input::Bool(true))])), Shape::Rows);
    sh("book filter twice", b().filter(&kw(&[("pages", n(1.0))])).and_then(|x| x.filter(&kw(&[("title", s("a"))]))), Shape::Rows);
    sh("book kw sorted", b().filter(&kw(&[("title", s("a")), ("pages", n(1.0))])), Shape::Rows);
    sh("book delete plain", Ok(b()), Shape::Rows);
    for (name, x) in [("delete all", b()), ("delete filter", b().filter(&kw(&[("pages__gt", n(3.0))])).unwrap()), ("delete reverse join", a().filter(&kw(&[("books__title", s("x"))])).unwrap())] {
        let c = compiler::compile_delete(&x).unwrap();
        println!("{name}\n  {}\n  {:?}", c.sql, c.params);
    }
    use quarry::value::{ExprInput, ArithOp};
    use std::rc::Rc;
    let fx = |op, l: ExprInput, r: ExprInput| ExprInput::Combined { op, lhs: Rc::new(l), rhs: Rc::new(r) };
    for (name, vals) in [
        ("update plain", vec![("title".to_string(), s("new")), ("pages".to_string(), n(3.0))]),
        ("update F+1", vec![("pages".to_string(), Input::Expr(Rc::new(fx(ArithOp::Add, ExprInput::F("pages".into()), ExprInput::Value(n(1.0))))))]),
        ("update F*2.5-F", vec![("rating".to_string(), Input::Expr(Rc::new(fx(ArithOp::Sub, fx(ArithOp::Mul, ExprInput::F("rating".into()), ExprInput::Value(n(2.5))), ExprInput::F("pages".into())))))]),
        ("update null + fk", vec![("editor".to_string(), Input::Null), ("author".to_string(), Input::Instance { model: "Author".into(), pk: Box::new(n(2.0)) })]),
        ("update F join", vec![("pages".to_string(), Input::Expr(Rc::new(ExprInput::F("author__age".into()))))]),
        ("update tags", vec![("tags".to_string(), Input::Null)]),
        ("update nope", vec![("nope".to_string(), Input::Null)]),
    ] {
        let x = b().filter(&kw(&[("pages__lt", n(10.0))])).unwrap();
        match ops::assignments(&r, &x.model, &vals) {
            Ok(sets) => { let c = compiler::compile_update(&x, sets).unwrap(); println!("{name}\n  {}\n  {:?}", c.sql, c.params); }
            Err(e) => println!("{name}\n  ERR {e:?}"),
        }
    }
    let m = r.get("Book").unwrap();
    for (name, vals) in [
        ("insert", vec![("title".to_string(), s("T")), ("pages".to_string(), n(3.0)), ("author".to_string(), Input::Instance { model: "Author".into(), pk: Box::new(n(2.0)) }), ("pubDate".to_string(), s("2020-01-02")), ("inPrint".to_string(), Input::Bool(true)), ("id".to_string(), Input::Null)]),
        ("insert author_id", vec![("title".to_string(), s("T")), ("author_id".to_string(), n(2.0))]),
        ("insert bad", vec![("nope".to_string(), s("T"))]),
        ("insert m2m", vec![("tags".to_string(), Input::List(vec![]))]),
    ] {
        match ops::insert_statement(&r, &m, &vals) {
            Ok(c) => println!("{name}\n  {}\n  {:?}", c.sql, c.params),
            Err(e) => println!("{name}\n  ERR {e:?}"),
        }
    }
    for st in quarry::model::schema::statements(&r).unwrap() { println!("DDL {st}"); }
}

#[test]
fn dump5() {
    let r = registry();
    let b = || qs(&r, "Book");
    let a = || qs(&r, "Author");
    show("exact_none_across_nullable", b().filter(&kw(&[("editor__name", Input::Null)])));
    show("exact_none_across_reverse", a().filter(&kw(&[("books__title", Input::Null)])));
    show("exclude_exact_none_across_nullable", b().exclude(&kw(&[("editor__name", Input::Null)])));
    show("reverse_then_nullable_fk", a().filter(&kw(&[("books__editor__name", s("x"))])));
    show("exclude_publisher_name", b().exclude(&kw(&[("publisher__name", s("x"))])));
    show("or_isnull_reverse_with_local", a().filter(&[q(true, false, vec![l("books__isnull", Input::Bool(true)), l("name", s("x"))])]));
}
