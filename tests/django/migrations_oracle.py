#!/usr/bin/env python3
"""Ask real Django 5.2 what `makemigrations` + `migrate` do to an SQLite schema.

Reads one JSON document on stdin, `{ "steps": [...] }` or several
independent runs, each on a new database, `{ "scenarios": [{ "steps": [...] }, ...] }`:

    { "steps": [ { "models": [ <model>, ... ],
                   "renames": [ ["Book.title", "name"], ["Book", "Novel"] ] },  # optional
                 ... ] }

where a <model> is written the way Quarry's `db.model()` takes it:

    { "name": "Book", "table": "book",                       # table optional
      "fields": { "title": {"kind": "CharField", "options": {"maxLength": 200}},
                  "author": {"kind": "ForeignKey", "to": "Author", "options": {...}} },
      "indexes": [ {"fields": ["title"], "name": "book_title_idx"} ],   # optional
      "constraints": [ {"fields": ["a", "b"], "name": "uniq_ab"} ] }    # optional

For every step, in order, it runs Django's MigrationAutodetector from the state
the previous steps left to these models (renames answer the questioner's
"Was Book.title renamed to Book.name?" and "Was the model Book renamed to
Novel?" with yes), then applies the migrations it made with Django's own
schema editor to one SQLite database in memory, as `migrate` does. It prints

    { "django": "5.2.x", "sqlite": "3.x",
      "steps": [ { "names": ["book_rating"],          # the migrations' names, without numbers
                   "operations": ["Add field rating to book", ...],
                   "sql": ["ALTER TABLE ...", ...],
                   "schema": { <table>: { "sql": ..., "columns": [PRAGMA table_info rows],
                                          "indexes": [{name, unique, origin, partial, columns}],
                                          "foreign_keys": [PRAGMA foreign_key_list rows] } } }
               | { "error": "...", "operations": [...] } ] }

A step Django refuses (a non-nullable field added without a default) gives
{"error": ...} and leaves the state and the database as they were. The models
follow Quarry's rules: the implicit primary key is an AutoField named id, the
default table is the lower-cased model name, and auto-created M2M tables are
`<table>_<field>`; they live in app "quarry_migr".
"""

import json
import os
import sys

sys.dont_write_bytecode = True

try:
    import django
except ImportError:  # pragma: no cover - environment problem
    sys.stderr.write("migrations_oracle.py: Django is not installed; run: pip install 'django==5.2.*'\n")
    sys.exit(3)

if django.VERSION[:2] != (5, 2):
    sys.stderr.write("migrations_oracle.py: Django 5.2 is required (found %s)\n" % django.get_version())
    sys.exit(3)

from django.conf import settings  # noqa: E402

settings.configure(
    DEBUG=False,
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    INSTALLED_APPS=[],
    USE_TZ=True,
    TIME_ZONE="UTC",
    DEFAULT_AUTO_FIELD="django.db.models.AutoField",
)
django.setup()

import sqlite3  # noqa: E402

from django.apps.registry import Apps  # noqa: E402
from django.db import connection, models  # noqa: E402
from django.db.migrations.autodetector import MigrationAutodetector  # noqa: E402
from django.db.migrations.graph import MigrationGraph  # noqa: E402
from django.db.migrations.questioner import MigrationQuestioner  # noqa: E402
from django.db.migrations.state import ModelState, ProjectState  # noqa: E402

APP = "quarry_migr"

KINDS = {
    "AutoField": models.AutoField,
    "BigAutoField": models.BigAutoField,
    "IntegerField": models.IntegerField,
    "BigIntegerField": models.BigIntegerField,
    "FloatField": models.FloatField,
    "DecimalField": models.DecimalField,
    "CharField": models.CharField,
    "TextField": models.TextField,
    "BooleanField": models.BooleanField,
    "DateField": models.DateField,
    "DateTimeField": models.DateTimeField,
    "JSONField": models.JSONField,
    "UUIDField": models.UUIDField,
    "BinaryField": models.BinaryField,
    "ForeignKey": models.ForeignKey,
    "OneToOneField": models.OneToOneField,
    "ManyToManyField": models.ManyToManyField,
}

# Quarry's option names -> Django's keyword arguments.
OPTIONS = {
    "null": "null",
    "blank": "blank",
    "unique": "unique",
    "primaryKey": "primary_key",
    "dbColumn": "db_column",
    "dbIndex": "db_index",
    "maxLength": "max_length",
    "maxDigits": "max_digits",
    "decimalPlaces": "decimal_places",
    "default": "default",
    "relatedName": "related_name",
}
ON_DELETE = {
    "CASCADE": models.CASCADE,
    "SET_NULL": models.SET_NULL,
    "SET_DEFAULT": models.SET_DEFAULT,
    "PROTECT": models.PROTECT,
    "RESTRICT": models.RESTRICT,
    "DO_NOTHING": models.DO_NOTHING,
}


class CaseFormatError(Exception):
    pass


def make_field(model, name, spec):
    kind = spec.get("kind")
    if kind not in KINDS:
        raise CaseFormatError("%s.%s: unknown kind %r" % (model, name, kind))
    kwargs = {}
    for key, value in (spec.get("options") or {}).items():
        if key in ("onDelete", "through"):
            continue
        if key not in OPTIONS:
            raise CaseFormatError("%s.%s: unknown option %r" % (model, name, key))
        kwargs[OPTIONS[key]] = value
    opts = spec.get("options") or {}
    if kind in ("ForeignKey", "OneToOneField", "ManyToManyField"):
        to = spec.get("to")
        to = model if to == "self" else to
        kwargs["to"] = "%s.%s" % (APP, to)
        if kind != "ManyToManyField":
            kwargs["on_delete"] = ON_DELETE[opts.get("onDelete", "CASCADE")]
        elif opts.get("through"):
            kwargs["through"] = "%s.%s" % (APP, opts["through"])
    return KINDS[kind](**kwargs)


def model_states(models_):
    """The models as real Django model classes in an isolated registry (so
    Django resolves their relations and names their unnamed indexes itself),
    then as the autodetector's ModelStates."""
    registry = Apps(installed_apps=[])
    out = []
    for m in models_:
        name = m["name"]
        meta = type(
            "Meta",
            (),
            {
                "app_label": APP,
                "apps": registry,
                "db_table": m.get("table") or name.lower(),
                "indexes": [models.Index(fields=i["fields"], name=i.get("name")) for i in m.get("indexes", [])],
                "constraints": [models.UniqueConstraint(fields=c["fields"], name=c["name"]) for c in m.get("constraints", [])],
            },
        )
        attrs = {"__module__": APP, "Meta": meta}
        for fname, spec in m["fields"].items():
            attrs[fname] = make_field(name, fname, spec)
        out.append(type(name, (models.Model,), attrs))
    return [ModelState.from_model(cls) for cls in out]


class Questioner(MigrationQuestioner):
    """Answers Django's rename questions from the step's renames; refuses
    non-nullable additions as the non-interactive questioner does."""

    def __init__(self, renames):
        super().__init__(defaults={"ask_initial": True})
        self.fields = set()
        self.models = set()
        for old, new in renames:
            if "." in old:
                model, field = old.split(".", 1)
                self.fields.add((model.lower(), field, new))
            else:
                self.models.add((old, new))

    def ask_rename(self, model_name, old_name, new_name, field_instance):
        return (model_name.lower(), old_name, new_name) in self.fields

    def ask_rename_model(self, old_model_state, new_model_state):
        return (old_model_state.name, new_model_state.name) in self.models

    def ask_not_null_addition(self, field_name, model_name):
        raise Refused(
            "It is impossible to add a non-nullable field '%s' to %s without specifying a default." % (field_name, model_name)
        )

    def ask_not_null_alteration(self, field_name, model_name):
        raise Refused(
            "It is impossible to change a nullable field '%s' on %s to non-nullable without providing a default."
            % (field_name, model_name)
        )


class Refused(Exception):
    pass


def schema():
    out = {}
    with connection.cursor() as c:
        tables = [
            r[0]
            for r in c.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            ).fetchall()
        ]
        for t in tables:
            sql = c.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [t]).fetchone()[0]
            cols = [list(r) for r in c.execute('PRAGMA table_info("%s")' % t).fetchall()]
            indexes = []
            for seq, name, unique, origin, partial in c.execute('PRAGMA index_list("%s")' % t).fetchall():
                columns = [r[2] for r in c.execute('PRAGMA index_info("%s")' % name).fetchall()]
                isql = c.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = %s", [name]).fetchone()[0]
                indexes.append(
                    {"name": name, "unique": unique, "origin": origin, "partial": partial, "columns": columns, "sql": isql}
                )
            fks = [list(r) for r in c.execute('PRAGMA foreign_key_list("%s")' % t).fetchall()]
            out[t] = {"sql": sql, "columns": cols, "indexes": indexes, "foreign_keys": fks}
    return out


def reset():
    """An empty database for the next scenario (Django keeps its in-memory one open)."""
    with connection.cursor() as c:
        c.execute("PRAGMA foreign_keys = OFF")
        for (name,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").fetchall():
            c.execute('DROP TABLE "%s"' % name)
        c.execute("PRAGMA foreign_keys = ON")


def run(steps):
    state = ProjectState()  # the state migrate replays; never given to the autodetector
    results = []
    made = 0
    for step in steps:
        target = ProjectState()
        for ms in model_states(step["models"]):
            target.add_model(ms)
        questioner = Questioner(step.get("renames", []))
        try:
            # A graph whose leaf is the last migration made, so that Django names
            # the next after its changes ("0001_initial" only comes first).
            graph = MigrationGraph()
            if made:
                graph.add_node((APP, "%04d_previous" % made), None)
            changes = MigrationAutodetector(state.clone(), target, questioner).changes(graph=graph)
        except Refused as e:
            results.append({"error": str(e), "operations": []})
            continue
        ops, executed = [], []
        names = [m.name.split("_", 1)[1] for m in changes.get(APP, [])]
        made += len(names)

        def capture(execute, sql, params, many, context):
            executed.append(sql if not params else sql % tuple(repr(p) for p in params))
            return execute(sql, params, many, context)

        with connection.execute_wrapper(capture):
            for migration in changes.get(APP, []):
                ops.extend(op.describe() for op in migration.operations)
                with connection.schema_editor(atomic=True) as editor:
                    state = migration.apply(state, editor)
        sql = [s for s in executed if not s.startswith("PRAGMA") and s != "BEGIN"]
        results.append({"names": names, "operations": ops, "sql": sql, "schema": schema()})
    return results


def main():
    doc = json.load(sys.stdin)
    out = {"django": django.get_version(), "sqlite": sqlite3.sqlite_version}
    if "scenarios" in doc:
        out["scenarios"] = []
        for scenario in doc["scenarios"]:
            reset()
            out["scenarios"].append(run(scenario["steps"]))
    else:
        out["steps"] = run(doc["steps"])
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    try:
        main()
    except CaseFormatError as e:
        sys.stderr.write("migrations_oracle.py: %s\n" % e)
        sys.exit(2)
