#!/usr/bin/env python3
"""Print the SQL real Django 5.2 generates for the join cases of
tests/joins_sqlite.rs, so the goldens there can be compared with Django.

    python3 tests/django/join_sql.py            # all cases
    python3 tests/django/join_sql.py editor     # cases whose name contains "editor"

The models are throwaway copies of tests/common/mod.rs's fixture (which, unlike
oracle_app, has the nullable `editor` FK): Publisher, Author (ordering name),
Tag, Book (author FK related "books", editor FK null related "edited",
publisher FK null with the default related name, tags M2M related "books").
Each case prints Django's `as_sql()` (placeholders `%s`) and its params.
Nothing is executed; no database tables are created.
"""

import os
import sys
import types

sys.dont_write_bytecode = True

import django  # noqa: E402
from django.conf import settings  # noqa: E402

# A throwaway app module, so the models below need no files of their own.
APP = "quarry_joins"
mod = types.ModuleType(APP)
mod.__path__ = [os.path.dirname(os.path.abspath(__file__))]
mod.__file__ = os.path.join(mod.__path__[0], "join_sql.py")
sys.modules[APP] = mod

settings.configure(
    DEBUG=False,
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    INSTALLED_APPS=[APP],
    USE_TZ=True,
    TIME_ZONE="UTC",
    DEFAULT_AUTO_FIELD="django.db.models.AutoField",
)
django.setup()

from django.db import connection, models  # noqa: E402
from django.db.models import Q  # noqa: E402


class Publisher(models.Model):
    name = models.CharField(max_length=100)

    class Meta:
        app_label = APP
        db_table = "publisher"


class Author(models.Model):
    name = models.CharField(max_length=100)
    age = models.IntegerField(null=True)
    email = models.CharField(max_length=200, unique=True)

    class Meta:
        app_label = APP
        db_table = "author"
        ordering = ["name"]


class Tag(models.Model):
    name = models.CharField(max_length=50, unique=True)

    class Meta:
        app_label = APP
        db_table = "tag"


class Book(models.Model):
    title = models.CharField(max_length=200)
    pages = models.IntegerField(default=0)
    rating = models.FloatField(null=True)
    inPrint = models.BooleanField(default=True)
    pubDate = models.DateField(null=True)
    created = models.DateTimeField(null=True)
    price = models.DecimalField(max_digits=8, decimal_places=2, null=True)
    author = models.ForeignKey(Author, models.CASCADE, related_name="books")
    editor = models.ForeignKey(Author, models.SET_NULL, null=True, related_name="edited")
    publisher = models.ForeignKey(Publisher, models.SET_NULL, null=True)
    tags = models.ManyToManyField(Tag, related_name="books")

    class Meta:
        app_label = APP
        db_table = "book"


B, A, T, P = Book.objects, Author.objects, Tag.objects, Publisher.objects

CASES = [
    # forward / reverse / M2M joins in filter()
    ("fk_inner", lambda: B.filter(author__name="x")),
    ("fk_nullable_inner", lambda: B.filter(editor__name="x")),
    ("fk_pk_trimmed", lambda: B.filter(author__id=1)),
    ("fk_default_related_name", lambda: P.filter(book__title="x")),
    ("reverse_fk_inner", lambda: A.filter(books__title="x")),
    ("reverse_fk_bare", lambda: A.filter(books=1)),
    ("m2m_two_inner", lambda: B.filter(tags__name="t")),
    ("m2m_pk_through_only", lambda: B.filter(tags__in=[1, 2])),
    ("reverse_m2m", lambda: T.filter(books__title="x")),
    ("two_hops", lambda: T.filter(books__author__name="x")),
    # isnull
    ("isnull_nullable_fk_col", lambda: B.filter(editor__isnull=True)),
    ("isnull_nullable_fk_far", lambda: B.filter(editor__name__isnull=True)),
    ("isnull_reverse", lambda: A.filter(books__isnull=True)),
    ("isnull_reverse_field", lambda: A.filter(books__title__isnull=True)),
    ("isnull_m2m", lambda: B.filter(tags__isnull=True)),
    ("isnull_m2m_field", lambda: B.filter(tags__name__isnull=True)),
    ("isnull_false_reverse", lambda: A.filter(books__isnull=False)),
    # promotion in OR
    ("or_reverse_with_local", lambda: A.filter(Q(books__title="x") | Q(name="y"))),
    ("or_fk_with_local", lambda: B.filter(Q(author__name="x") | Q(pages=1))),
    ("or_nullable_fk_with_local", lambda: B.filter(Q(editor__name="x") | Q(pages=1))),
    ("or_editor_or_isnull", lambda: B.filter(Q(editor__name="x") | Q(editor__isnull=True))),
    ("or_both_branches_same_join", lambda: B.filter(Q(author__name="x") | Q(author__age=3))),
    ("and_in_or", lambda: B.filter(Q(author__name="x", pages=1) | Q(title="y"))),
    ("not_q_fk", lambda: B.filter(~Q(author__name="x"))),
    ("not_q_nullable_fk", lambda: B.filter(~Q(editor__name="x"))),
    # select_related / order_by / values
    ("select_related_author_editor", lambda: B.select_related("author", "editor")),
    ("select_related_publisher", lambda: B.select_related("publisher")),
    ("order_by_nullable", lambda: B.order_by("editor__name")),
    ("order_by_fk_target_ordering", lambda: B.order_by("author")),
    ("order_by_fk_no_ordering", lambda: B.order_by("publisher")),
    ("order_by_fk_id", lambda: B.order_by("-publisher_id")),
    ("order_by_non_null_fk_field", lambda: B.order_by("author__name")),
    ("values_nullable", lambda: B.values("editor__name")),
    ("values_reverse", lambda: A.values("books__title")),
    ("values_list_fk", lambda: B.values_list("title", "author__name")),
    ("values_list_m2m", lambda: B.values_list("tags__name", flat=True)),
    ("filter_then_order_reuse", lambda: B.filter(editor__name="x").order_by("editor__name")),
    ("order_then_filter_demotes", lambda: B.order_by("editor__name").filter(editor__name="x")),
    # multi-valued reuse
    ("chained_multi_two_joins", lambda: A.filter(books__title="x").filter(books__pages=1)),
    ("one_call_multi_one_join", lambda: A.filter(books__title="x", books__pages=1)),
    ("chained_m2m_two_joins", lambda: B.filter(tags__name="a").filter(tags__name="b")),
    ("chained_single_valued_reused", lambda: B.filter(author__name="x").filter(author__age=3)),
    # exclude
    ("exclude_fk", lambda: B.exclude(author__name="x")),
    ("exclude_nullable_fk", lambda: B.exclude(editor__name="x")),
    ("exclude_nullable_local", lambda: B.exclude(pubDate="2020-01-01")),
    ("exclude_local_not_null", lambda: B.exclude(pages=1)),
    ("exclude_multi", lambda: A.exclude(books__title="x")),
    ("exclude_multi_two", lambda: A.exclude(books__title="x", books__pages=1)),
    ("exclude_m2m", lambda: B.exclude(tags__name="t")),
    ("exclude_m2m_pk", lambda: B.exclude(tags=1)),
    ("exclude_reverse_m2m", lambda: T.exclude(books__title="x")),
    ("exclude_multi_isnull", lambda: A.exclude(books__isnull=True)),
    ("exclude_fk_isnull", lambda: B.exclude(editor__isnull=True)),
    ("exclude_q_or_multi", lambda: A.exclude(Q(books__title="x") | Q(name="y"))),
    ("filter_not_q_multi", lambda: A.filter(~Q(books__title="x"))),
    ("exclude_fk_far_nullable_col", lambda: B.exclude(author__age=3)),
    # writes
    ("delete_with_join", lambda: B.filter(author__name="x")),
]


def sql(qs):
    compiler = qs.query.get_compiler(connection=connection)
    return compiler.as_sql()


def main():
    pattern = sys.argv[1] if len(sys.argv) > 1 else ""
    for name, make in CASES:
        if pattern not in name:
            continue
        text, params = sql(make())
        print("%s\n  %s\n  params %r" % (name, text, tuple(params)))


if __name__ == "__main__":
    main()
