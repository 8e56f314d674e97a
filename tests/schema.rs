//! Golden tests of the DDL: `CREATE TABLE IF NOT EXISTS` in dependency order,
//! foreign keys `REFERENCES ... DEFERRABLE INITIALLY DEFERRED`, the
//! auto-created M2M through table with `UNIQUE (book_id, tag_id)`, then the
//! indexes.
//!
//! For comparison, Django 5.2's schema editor writes for the same fixture
//! (collect_sql; see tests/django/sql_reference.py for the models):
//!
//! ```sql
//! CREATE TABLE "publisher" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL);
//! CREATE TABLE "author" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL, "age" integer NULL, "email" varchar(200) NOT NULL UNIQUE);
//! CREATE TABLE "tag" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL UNIQUE);
//! CREATE TABLE "book" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(200) NOT NULL, "pages" integer NOT NULL, "rating" real NULL, "inPrint" bool NOT NULL, "pubDate" date NULL, "created" datetime NULL, "price" decimal NULL, "author_id" integer NOT NULL REFERENCES "author" ("id") DEFERRABLE INITIALLY DEFERRED, "editor_id" integer NULL REFERENCES "author" ("id") DEFERRABLE INITIALLY DEFERRED, "publisher_id" integer NULL REFERENCES "publisher" ("id") DEFERRABLE INITIALLY DEFERRED);
//! CREATE TABLE "book_tags" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "book_id" integer NOT NULL REFERENCES "book" ("id") DEFERRABLE INITIALLY DEFERRED, "tag_id" integer NOT NULL REFERENCES "tag" ("id") DEFERRABLE INITIALLY DEFERRED);
//! CREATE INDEX "book_author_id_c4d52965" ON "book" ("author_id");
//! CREATE INDEX "book_editor_id_23c6c4d8" ON "book" ("editor_id");
//! CREATE INDEX "book_publisher_id_ac4b162a" ON "book" ("publisher_id");
//! CREATE UNIQUE INDEX "book_tags_book_id_tag_id_cf8c8a57_uniq" ON "book_tags" ("book_id", "tag_id");
//! CREATE INDEX "book_tags_book_id_731b8679" ON "book_tags" ("book_id");
//! CREATE INDEX "book_tags_tag_id_abfd5b90" ON "book_tags" ("tag_id");
//! ```
//!
//! Quarry adds `IF NOT EXISTS`, leaves out the optional `NULL`, puts the
//! through table's uniqueness inline as `UNIQUE (...)`, and hashes index
//! names its own way (FNV-1a, not Django's MD5).

mod common;

use common::*;
use quarry::model::schema::statements;
use quarry::model::{Config, FieldSpec, Registry};

/// Each statement must be one statement for sqlparser's SQLite dialect.
fn parse_each(stmts: &[String]) {
    use sqlparser::dialect::SQLiteDialect;
    use sqlparser::parser::Parser;
    for s in stmts {
        let parsed = Parser::parse_sql(&SQLiteDialect {}, s).unwrap_or_else(|e| panic!("{e}: {s}"));
        assert_eq!(parsed.len(), 1, "{s}");
    }
}

fn kind(k: &str) -> FieldSpec {
    FieldSpec { kind: k.into(), ..Default::default() }
}

#[test]
fn fixture_ddl() {
    let ddl = statements(&registry()).unwrap();
    parse_each(&ddl);
    let want = [
        r#"CREATE TABLE IF NOT EXISTS "publisher" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL)"#,
        r#"CREATE TABLE IF NOT EXISTS "author" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL, "age" integer, "email" varchar(200) NOT NULL UNIQUE)"#,
        r#"CREATE TABLE IF NOT EXISTS "tag" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL UNIQUE)"#,
        r#"CREATE TABLE IF NOT EXISTS "book" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(200) NOT NULL, "pages" integer NOT NULL, "rating" real, "inPrint" bool NOT NULL, "pubDate" date, "created" datetime, "price" decimal, "author_id" integer NOT NULL REFERENCES "author" ("id") DEFERRABLE INITIALLY DEFERRED, "editor_id" integer REFERENCES "author" ("id") DEFERRABLE INITIALLY DEFERRED, "publisher_id" integer REFERENCES "publisher" ("id") DEFERRABLE INITIALLY DEFERRED)"#,
        r#"CREATE TABLE IF NOT EXISTS "book_tags" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "book_id" integer NOT NULL REFERENCES "book" ("id") DEFERRABLE INITIALLY DEFERRED, "tag_id" integer NOT NULL REFERENCES "tag" ("id") DEFERRABLE INITIALLY DEFERRED, UNIQUE ("book_id", "tag_id"))"#,
        r#"CREATE INDEX IF NOT EXISTS "book_author_id_cb976446" ON "book"("author_id")"#,
        r#"CREATE INDEX IF NOT EXISTS "book_editor_id_c7996ca0" ON "book"("editor_id")"#,
        r#"CREATE INDEX IF NOT EXISTS "book_publisher_id_39b75cfd" ON "book"("publisher_id")"#,
        r#"CREATE INDEX IF NOT EXISTS "book_tags_book_id_edcac308" ON "book_tags"("book_id")"#,
        r#"CREATE INDEX IF NOT EXISTS "book_tags_tag_id_19981391" ON "book_tags"("tag_id")"#,
    ];
    assert_eq!(ddl.len(), want.len(), "{ddl:#?}");
    for (got, want) in ddl.iter().zip(want) {
        assert_eq!(got, want);
    }
}

#[test]
fn ddl_is_stable() {
    // Same registry, same statements (index names are a stable hash).
    assert_eq!(statements(&registry()).unwrap(), statements(&registry()).unwrap());
}

/// Models defined before the models they reference, a self reference, a
/// BigAutoField and a CharField primary key as targets, an explicit through model.
fn library() -> Registry {
    let reg = Registry::new(Config::default());
    reg.define(
        "Chapter",
        vec![
            ("novel".into(), fk("Novel", Some("chapters"), false, "CASCADE")),
            ("parent".into(), fk("self", None, true, "SET_NULL")),
            ("body".into(), kind("TextField")),
            ("n".into(), FieldSpec { db_index: Some(true), db_column: Some("num".into()), ..kind("BigIntegerField") }),
            ("data".into(), FieldSpec { null: true, ..kind("JSONField") }),
            ("uid".into(), FieldSpec { unique: true, ..kind("UUIDField") }),
            ("blob".into(), FieldSpec { null: true, ..kind("BinaryField") }),
            ("code".into(), kind("CharField")),
        ],
        None,
        vec![],
        vec![],
    )
    .unwrap();
    reg.define(
        "Novel",
        vec![
            ("id".into(), FieldSpec { primary_key: true, ..kind("BigAutoField") }),
            ("title".into(), FieldSpec { max_length: Some(80), db_index: Some(true), ..kind("CharField") }),
            (
                "cover".into(),
                FieldSpec {
                    kind: "OneToOneField".into(),
                    to: Some("Cover".into()),
                    null: true,
                    on_delete: Some("SET_NULL".into()),
                    ..Default::default()
                },
            ),
            (
                "readers".into(),
                FieldSpec { kind: "ManyToManyField".into(), to: Some("Reader".into()), through: Some("Reading".into()), ..Default::default() },
            ),
        ],
        Some("novels".into()),
        vec![],
        vec![],
    )
    .unwrap();
    reg.define("Cover", vec![("isbn".into(), FieldSpec { primary_key: true, max_length: Some(13), ..kind("CharField") })], None, vec![], vec![])
        .unwrap();
    reg.define("Reader", vec![("name".into(), FieldSpec { max_length: Some(10), ..kind("CharField") })], None, vec![], vec![]).unwrap();
    reg.define(
        "Reading",
        vec![("novel".into(), fk("Novel", None, false, "CASCADE")), ("reader".into(), fk("Reader", None, false, "PROTECT"))],
        None,
        vec![],
        vec![],
    )
    .unwrap();
    reg
}

#[test]
fn dependency_order_types_and_indexes() {
    let ddl = statements(&library()).unwrap();
    parse_each(&ddl);
    let want = [
        // Cover before Novel (one-to-one target), Novel before Chapter (FK target), though defined later.
        r#"CREATE TABLE IF NOT EXISTS "cover" ("isbn" varchar(13) NOT NULL PRIMARY KEY)"#,
        // A BigAutoField is "integer" on SQLite (Django too); a one-to-one is UNIQUE and typed as the target's pk.
        r#"CREATE TABLE IF NOT EXISTS "novels" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(80) NOT NULL, "cover_id" varchar(13) UNIQUE REFERENCES "cover" ("isbn") DEFERRABLE INITIALLY DEFERRED)"#,
        // An FK to a BigAutoField is bigint; a self reference needs no ordering; db_column renames.
        r#"CREATE TABLE IF NOT EXISTS "chapter" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "novel_id" bigint NOT NULL REFERENCES "novels" ("id") DEFERRABLE INITIALLY DEFERRED, "parent_id" integer REFERENCES "chapter" ("id") DEFERRABLE INITIALLY DEFERRED, "body" text NOT NULL, "num" bigint NOT NULL, "data" text, "uid" char(32) NOT NULL UNIQUE, "blob" blob, "code" varchar NOT NULL)"#,
        r#"CREATE TABLE IF NOT EXISTS "reader" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(10) NOT NULL)"#,
        // An explicit through model gets no automatic UNIQUE pair.
        r#"CREATE TABLE IF NOT EXISTS "reading" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "novel_id" bigint NOT NULL REFERENCES "novels" ("id") DEFERRABLE INITIALLY DEFERRED, "reader_id" integer NOT NULL REFERENCES "reader" ("id") DEFERRABLE INITIALLY DEFERRED)"#,
        // Indexes: FKs, and db_index fields (not on unique ones: the one-to-one and uid have none).
        r#"CREATE INDEX IF NOT EXISTS "novels_title_9642a837" ON "novels"("title")"#,
        r#"CREATE INDEX IF NOT EXISTS "chapter_novel_id_7d644925" ON "chapter"("novel_id")"#,
        r#"CREATE INDEX IF NOT EXISTS "chapter_parent_id_131f2885" ON "chapter"("parent_id")"#,
        r#"CREATE INDEX IF NOT EXISTS "chapter_num_d674a605" ON "chapter"("num")"#,
        r#"CREATE INDEX IF NOT EXISTS "reading_novel_id_aebb453e" ON "reading"("novel_id")"#,
        r#"CREATE INDEX IF NOT EXISTS "reading_reader_id_5af57805" ON "reading"("reader_id")"#,
    ];
    assert_eq!(ddl.len(), want.len(), "{ddl:#?}");
    for (got, want) in ddl.iter().zip(want) {
        assert_eq!(got, want);
    }
}

#[test]
fn tables_come_after_their_targets() {
    // For every REFERENCES "x", the CREATE TABLE "x" comes earlier (or is the table itself).
    for reg in [registry(), std::rc::Rc::new(library())] {
        let ddl = statements(&reg).unwrap();
        let tables: Vec<&str> =
            ddl.iter().filter_map(|s| s.strip_prefix("CREATE TABLE IF NOT EXISTS \"")).map(|s| &s[..s.find('"').unwrap()]).collect();
        for (pos, s) in ddl.iter().enumerate().filter(|(_, s)| s.starts_with("CREATE TABLE")) {
            for part in s.split("REFERENCES \"").skip(1) {
                let target = &part[..part.find('"').unwrap()];
                let at = tables.iter().position(|t| *t == target).unwrap_or_else(|| panic!("no table {target}"));
                assert!(at <= pos, "{target} must be created before statement {pos}: {s}");
            }
        }
        // Every index comes after every table.
        let first_index = ddl.iter().position(|s| s.starts_with("CREATE INDEX")).unwrap();
        assert!(ddl[first_index..].iter().all(|s| s.starts_with("CREATE INDEX")));
    }
}

#[test]
fn long_index_names_are_shortened() {
    let reg = Registry::new(Config::default());
    let long = "a_rather_long_table_name_for_testing";
    reg.define("T", vec![("a_very_long_foreign_key_name".into(), fk("T", Some("+"), true, "SET_NULL"))], Some(long.into()), vec![], vec![]).unwrap();
    let ddl = statements(&reg).unwrap();
    parse_each(&ddl);
    let index = ddl.iter().find(|s| s.starts_with("CREATE INDEX")).unwrap();
    let name = index.trim_start_matches("CREATE INDEX IF NOT EXISTS \"");
    let name = &name[..name.find('"').unwrap()];
    assert!(name.len() <= 63, "{name}");
    assert!(name.starts_with("a_rather_long_table_name_for_testing_a_very_long_f_"), "{name}");
}
