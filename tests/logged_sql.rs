//! Every statement the JS tests ran on a real D1 re-parses with sqlparser's
//! SQLite dialect into exactly one statement with as many placeholders as
//! bound values. `make test` runs the JS tests with QUARRY_SQL_LOG set, then
//! this test over the log; without a log (plain `cargo test` first) it checks
//! nothing and says so.

use sqlparser::dialect::SQLiteDialect;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::{Token, Tokenizer};

fn field<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let start = line.find(&format!("\"{key}\":"))? + key.len() + 3;
    Some(&line[start..])
}

/// The `sql` string of one JSON log line (minimal JSON string decoding).
fn sql_of(line: &str) -> Option<String> {
    let rest = field(line, "sql")?.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

fn params_of(line: &str) -> Option<usize> {
    let rest = field(line, "params")?;
    rest.trim_end_matches('}').trim().parse().ok()
}

#[test]
fn every_statement_the_js_tests_ran_reparses() {
    let path = std::env::var("QUARRY_SQL_LOG").unwrap_or_else(|_| "target/sql-log.jsonl".into());
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("no SQL log at {path}: run `make test` to check the statements the JS tests ran");
        return;
    };
    let mut seen = std::collections::HashSet::new();
    let mut checked = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let sql = sql_of(line).unwrap_or_else(|| panic!("bad log line: {line}"));
        let params = params_of(line).unwrap_or_else(|| panic!("bad log line: {line}"));
        // Statements the tests wrote by hand (fixtures) are not the library's.
        if !seen.insert((sql.clone(), params)) {
            continue;
        }
        let stmts = Parser::parse_sql(&SQLiteDialect {}, &sql).unwrap_or_else(|e| panic!("{e}: {sql}"));
        assert_eq!(stmts.len(), 1, "{sql}");
        let placeholders = Tokenizer::new(&SQLiteDialect {}, &sql)
            .tokenize()
            .unwrap_or_else(|e| panic!("{e}: {sql}"))
            .into_iter()
            .filter(|t| matches!(t, Token::Placeholder(_)))
            .count();
        assert_eq!(placeholders, params, "placeholders vs bound values in {sql}");
        checked += 1;
    }
    assert!(checked > 0, "the SQL log at {path} is empty");
    eprintln!("{checked} distinct statements from the JS tests re-parse");
}
