// Licensed to the Apache Software Foundation (ASF) under one
// or more contributor license agreements.  See the NOTICE file
// distributed with this work for additional information
// regarding copyright ownership.  The ASF licenses this file
// to you under the Apache License, Version 2.0 (the
// "License"); you may not use this file except in compliance
// with the License.  You may obtain a copy of the License at
//
//   http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing,
// software distributed under the License is distributed on an
// "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY
// KIND, either express or implied.  See the License for the
// specific language governing permissions and limitations
// under the License.

#[cfg(not(feature = "std"))]
use alloc::{
    boxed::Box,
    format,
    string::{String, ToString},
    vec::Vec,
};

use core::fmt::{self, Display};
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};
#[cfg(feature = "visitor")]
use sqlparser_derive::{Visit, VisitMut};

pub use super::ddl::{ColumnDef, TableConstraint};

use super::{
    display_comma_separated, display_separated, ClusteredBy, CommentDef, Expr, FileFormat,
    FromTable, HiveDistributionStyle, HiveFormat, HiveIOFormat, HiveRowFormat, Ident,
    InsertAliases, MysqlInsertPriority, ObjectName, OnCommit, OnInsert, OneOrManyWithParens,
    OrderByExpr, Query, RowAccessPolicy, SelectItem, SqlOption, SqliteOnConflict, TableEngine,
    TableWithJoins, Tag, WrappedCollection,
};

/// CREATE INDEX statement.
#[derive(Debug, Clone, PartialEq, PartialOrd, Eq, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "visitor", derive(Visit, VisitMut))]
pub struct CreateIndex {
    /// index name
    pub name: Option<ObjectName>,
    #[cfg_attr(feature = "visitor", visit(with = "visit_relation"))]
    pub table_name: ObjectName,
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub using: Option<Ident>,
    pub columns: Vec<OrderByExpr>,
    pub unique: bool,
    pub concurrently: bool,
    pub if_not_exists: bool,
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub include: Vec<Ident>,
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub nulls_distinct: Option<bool>,
    /// WITH clause: <https://www.postgresql.org/docs/current/sql-createindex.html>
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub with: Vec<Expr>,
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub predicate: Option<Expr>,
}

impl CreateIndex {
    /// QUARRY PATCH 14: a `CreateIndex` of these parts, every other part
    /// unset, with or without the parser (which leaves the other fields out).
    pub fn quarry(name: Option<ObjectName>, table_name: ObjectName, columns: Vec<OrderByExpr>, unique: bool, if_not_exists: bool) -> Self {
        CreateIndex {
            name,
            table_name,
            #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
            using: None,
            columns,
            unique,
            concurrently: false,
            if_not_exists,
            #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
            include: vec![],
            #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
            nulls_distinct: None,
            #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
            with: vec![],
            #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
            predicate: None,
        }
    }
}

impl Display for CreateIndex {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        // (QUARRY PATCH 14: without the parser a CreateIndex has none of these but CONCURRENTLY.)
        #[cfg(all(feature = "quarry-subset", not(feature = "parser")))]
        if self.concurrently {
            return Err(fmt::Error);
        }
        #[cfg(all(feature = "quarry-subset", feature = "parser"))]
        if self.concurrently
            || self.using.is_some()
            || !self.include.is_empty()
            || self.nulls_distinct.is_some()
            || !self.with.is_empty()
            || self.predicate.is_some()
        {
            return Err(fmt::Error);
        }
        write!(
            f,
            "CREATE {unique}INDEX {concurrently}{if_not_exists}",
            unique = if self.unique { "UNIQUE " } else { "" },
            concurrently = if self.concurrently {
                "CONCURRENTLY "
            } else {
                ""
            },
            if_not_exists = if self.if_not_exists {
                "IF NOT EXISTS "
            } else {
                ""
            },
        )?;
        if let Some(value) = &self.name {
            write!(f, "{value} ")?;
        }
        write!(f, "ON {}", self.table_name)?;
        #[cfg(not(feature = "quarry-subset"))]
        if let Some(value) = &self.using {
            write!(f, " USING {value} ")?;
        }
        write!(f, "({})", display_separated(&self.columns, ","))?;
        #[cfg(not(feature = "quarry-subset"))]
        if !self.include.is_empty() {
            write!(f, " INCLUDE ({})", display_separated(&self.include, ","))?;
        }
        #[cfg(not(feature = "quarry-subset"))]
        if let Some(value) = self.nulls_distinct {
            if value {
                write!(f, " NULLS DISTINCT")?;
            } else {
                write!(f, " NULLS NOT DISTINCT")?;
            }
        }
        #[cfg(not(feature = "quarry-subset"))]
        if !self.with.is_empty() {
            write!(f, " WITH ({})", display_comma_separated(&self.with))?;
        }
        #[cfg(not(feature = "quarry-subset"))]
        if let Some(predicate) = &self.predicate {
            write!(f, " WHERE {predicate}")?;
        }
        Ok(())
    }
}

/// CREATE TABLE statement.
#[derive(Debug, Clone, PartialEq, PartialOrd, Eq, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "visitor", derive(Visit, VisitMut))]
pub struct CreateTable {
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub or_replace: bool,
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub temporary: bool,
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub external: bool,
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub global: Option<bool>,
    pub if_not_exists: bool,
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub transient: bool,
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub volatile: bool,
    /// Table name
    #[cfg_attr(feature = "visitor", visit(with = "visit_relation"))]
    pub name: ObjectName,
    /// Optional schema
    pub columns: Vec<ColumnDef>,
    pub constraints: Vec<TableConstraint>,
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub hive_distribution: HiveDistributionStyle,
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub hive_formats: Option<HiveFormat>,
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub table_properties: Vec<SqlOption>,
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub with_options: Vec<SqlOption>,
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub file_format: Option<FileFormat>,
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub location: Option<String>,
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub query: Option<Box<Query>>,
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub without_rowid: bool,
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub like: Option<ObjectName>,
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub clone: Option<ObjectName>,
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub engine: Option<TableEngine>,
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub comment: Option<CommentDef>,
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub auto_increment_offset: Option<u32>,
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub default_charset: Option<String>,
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub collation: Option<String>,
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub on_commit: Option<OnCommit>,
    /// ClickHouse "ON CLUSTER" clause:
    /// <https://clickhouse.com/docs/en/sql-reference/distributed-ddl/>
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub on_cluster: Option<Ident>,
    /// ClickHouse "PRIMARY KEY " clause.
    /// <https://clickhouse.com/docs/en/sql-reference/statements/create/table/>
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub primary_key: Option<Box<Expr>>,
    /// ClickHouse "ORDER BY " clause. Note that omitted ORDER BY is different
    /// than empty (represented as ()), the latter meaning "no sorting".
    /// <https://clickhouse.com/docs/en/sql-reference/statements/create/table/>
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub order_by: Option<OneOrManyWithParens<Expr>>,
    /// BigQuery: A partition expression for the table.
    /// <https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#partition_expression>
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub partition_by: Option<Box<Expr>>,
    /// BigQuery: Table clustering column list.
    /// <https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#table_option_list>
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub cluster_by: Option<WrappedCollection<Vec<Ident>>>,
    /// Hive: Table clustering column list.
    /// <https://cwiki.apache.org/confluence/display/Hive/LanguageManual+DDL#LanguageManualDDL-CreateTable>
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub clustered_by: Option<ClusteredBy>,
    /// BigQuery: Table options list.
    /// <https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#table_option_list>
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub options: Option<Vec<SqlOption>>,
    /// SQLite "STRICT" clause.
    /// if the "STRICT" table-option keyword is added to the end, after the closing ")",
    /// then strict typing rules apply to that table.
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub strict: bool,
    /// Snowflake "COPY GRANTS" clause
    /// <https://docs.snowflake.com/en/sql-reference/sql/create-table>
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub copy_grants: bool,
    /// Snowflake "ENABLE_SCHEMA_EVOLUTION" clause
    /// <https://docs.snowflake.com/en/sql-reference/sql/create-table>
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub enable_schema_evolution: Option<bool>,
    /// Snowflake "CHANGE_TRACKING" clause
    /// <https://docs.snowflake.com/en/sql-reference/sql/create-table>
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub change_tracking: Option<bool>,
    /// Snowflake "DATA_RETENTION_TIME_IN_DAYS" clause
    /// <https://docs.snowflake.com/en/sql-reference/sql/create-table>
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub data_retention_time_in_days: Option<u64>,
    /// Snowflake "MAX_DATA_EXTENSION_TIME_IN_DAYS" clause
    /// <https://docs.snowflake.com/en/sql-reference/sql/create-table>
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub max_data_extension_time_in_days: Option<u64>,
    /// Snowflake "DEFAULT_DDL_COLLATION" clause
    /// <https://docs.snowflake.com/en/sql-reference/sql/create-table>
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub default_ddl_collation: Option<String>,
    /// Snowflake "WITH AGGREGATION POLICY" clause
    /// <https://docs.snowflake.com/en/sql-reference/sql/create-table>
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub with_aggregation_policy: Option<ObjectName>,
    /// Snowflake "WITH ROW ACCESS POLICY" clause
    /// <https://docs.snowflake.com/en/sql-reference/sql/create-table>
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub with_row_access_policy: Option<RowAccessPolicy>,
    /// Snowflake "WITH TAG" clause
    /// <https://docs.snowflake.com/en/sql-reference/sql/create-table>
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub with_tags: Option<Vec<Tag>>,
}

impl Display for CreateTable {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        #[cfg(all(feature = "quarry-subset", not(feature = "parser")))]
        return self.fmt_quarry(f);
        #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))]
        return self.fmt_full(f);
    }
}

impl CreateTable {
    /// QUARRY PATCH 14: without the parser a `CreateTable` has only the
    /// parts Quarry sets, printed as [`CreateTable::fmt_full`] prints them
    /// with every other part unset.
    #[cfg(all(feature = "quarry-subset", not(feature = "parser")))]
    fn fmt_quarry(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "CREATE TABLE {if_not_exists}{name}",
            if_not_exists = if self.if_not_exists { "IF NOT EXISTS " } else { "" },
            name = self.name,
        )?;
        if !self.columns.is_empty() || !self.constraints.is_empty() {
            write!(f, " ({}", display_comma_separated(&self.columns))?;
            if !self.columns.is_empty() && !self.constraints.is_empty() {
                write!(f, ", ")?;
            }
            write!(f, "{})", display_comma_separated(&self.constraints))?;
        } else {
            write!(f, " ()")?;
        }
        Ok(())
    }

    /// QUARRY PATCH 14: `CREATE TABLE [IF NOT EXISTS] name (columns,
    /// constraints)` with every other part unset, built the same way with or
    /// without the parser.
    pub fn quarry_statement(name: ObjectName, if_not_exists: bool, columns: Vec<ColumnDef>, constraints: Vec<TableConstraint>) -> super::Statement {
        #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))]
        {
            let mut builder = crate::ast::helpers::stmt_create_table::CreateTableBuilder::new(name);
            builder.if_not_exists = if_not_exists;
            builder.columns = columns;
            builder.constraints = constraints;
            builder.build()
        }
        #[cfg(all(feature = "quarry-subset", not(feature = "parser")))]
        super::Statement::CreateTable(CreateTable { name, if_not_exists, columns, constraints })
    }

    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))]
    fn fmt_full(&self, f: &mut fmt::Formatter) -> fmt::Result {
        // We want to allow the following options
        // Empty column list, allowed by PostgreSQL:
        //   `CREATE TABLE t ()`
        // No columns provided for CREATE TABLE AS:
        //   `CREATE TABLE t AS SELECT a from t2`
        // Columns provided for CREATE TABLE AS:
        //   `CREATE TABLE t (a INT) AS SELECT a from t2`
        // QUARRY PATCH 4: clauses Quarry never builds are not printed.
        #[cfg(feature = "quarry-subset")]
        if self.on_cluster.is_some()
            || !matches!(self.hive_distribution, HiveDistributionStyle::NONE)
            || self.hive_formats.as_ref().is_some_and(|h| {
                h.row_format.is_some() || h.serde_properties.is_some() || h.storage.is_some() || h.location.is_some()
            })
            || !self.table_properties.is_empty()
            || !self.with_options.is_empty()
            || self.file_format.is_some()
            || self.location.is_some()
            || self.external
            || self.query.is_some()
            || self.like.is_some()
            || self.clone.is_some()
            || self.engine.is_some()
            || self.comment.is_some()
            || self.auto_increment_offset.is_some()
            || self.default_charset.is_some()
            || self.collation.is_some()
            || self.on_commit.is_some()
            || self.primary_key.is_some()
            || self.order_by.is_some()
            || self.partition_by.is_some()
            || self.cluster_by.is_some()
            || self.clustered_by.is_some()
            || self.options.is_some()
            || self.copy_grants
            || self.enable_schema_evolution.is_some()
            || self.change_tracking.is_some()
            || self.data_retention_time_in_days.is_some()
            || self.max_data_extension_time_in_days.is_some()
            || self.default_ddl_collation.is_some()
            || self.with_aggregation_policy.is_some()
            || self.with_row_access_policy.is_some()
            || self.with_tags.is_some()
        {
            return Err(fmt::Error);
        }
        write!(
            f,
            "CREATE {or_replace}{external}{global}{temporary}{transient}{volatile}TABLE {if_not_exists}{name}",
            or_replace = if self.or_replace { "OR REPLACE " } else { "" },
            external = if self.external { "EXTERNAL " } else { "" },
            global = self.global
                .map(|global| {
                    if global {
                        "GLOBAL "
                    } else {
                        "LOCAL "
                    }
                })
                .unwrap_or(""),
            if_not_exists = if self.if_not_exists { "IF NOT EXISTS " } else { "" },
            temporary = if self.temporary { "TEMPORARY " } else { "" },
            transient = if self.transient { "TRANSIENT " } else { "" },
            volatile = if self.volatile { "VOLATILE " } else { "" },
            name = self.name,
        )?;
        #[cfg(not(feature = "quarry-subset"))]
        if let Some(on_cluster) = &self.on_cluster {
            write!(f, " ON CLUSTER {}", on_cluster)?;
        }
        if !self.columns.is_empty() || !self.constraints.is_empty() {
            write!(f, " ({}", display_comma_separated(&self.columns))?;
            if !self.columns.is_empty() && !self.constraints.is_empty() {
                write!(f, ", ")?;
            }
            write!(f, "{})", display_comma_separated(&self.constraints))?;
        } else if self.query.is_none() && self.like.is_none() && self.clone.is_none() {
            // PostgreSQL allows `CREATE TABLE t ();`, but requires empty parens
            write!(f, " ()")?;
        }

        // Hive table comment should be after column definitions, please refer to:
        // [Hive](https://cwiki.apache.org/confluence/display/Hive/LanguageManual+DDL#LanguageManualDDL-CreateTable)
        #[cfg(not(feature = "quarry-subset"))]
        if let Some(CommentDef::AfterColumnDefsWithoutEq(comment)) = &self.comment {
            write!(f, " COMMENT '{comment}'")?;
        }

        // Only for SQLite
        if self.without_rowid {
            write!(f, " WITHOUT ROWID")?;
        }

        // Only for Hive
        #[cfg(not(feature = "quarry-subset"))]
        if let Some(l) = &self.like {
            write!(f, " LIKE {l}")?;
        }

        #[cfg(not(feature = "quarry-subset"))]
        if let Some(c) = &self.clone {
            write!(f, " CLONE {c}")?;
        }

        #[cfg(not(feature = "quarry-subset"))]
        match &self.hive_distribution {
            HiveDistributionStyle::PARTITIONED { columns } => {
                write!(f, " PARTITIONED BY ({})", display_comma_separated(columns))?;
            }
            HiveDistributionStyle::SKEWED {
                columns,
                on,
                stored_as_directories,
            } => {
                write!(
                    f,
                    " SKEWED BY ({})) ON ({})",
                    display_comma_separated(columns),
                    display_comma_separated(on)
                )?;
                if *stored_as_directories {
                    write!(f, " STORED AS DIRECTORIES")?;
                }
            }
            _ => (),
        }

        #[cfg(not(feature = "quarry-subset"))]
        if let Some(clustered_by) = &self.clustered_by {
            write!(f, " {clustered_by}")?;
        }

        #[cfg(not(feature = "quarry-subset"))]
        if let Some(HiveFormat {
            row_format,
            serde_properties,
            storage,
            location,
        }) = &self.hive_formats
        {
            match row_format {
                Some(HiveRowFormat::SERDE { class }) => write!(f, " ROW FORMAT SERDE '{class}'")?,
                Some(HiveRowFormat::DELIMITED { delimiters }) => {
                    write!(f, " ROW FORMAT DELIMITED")?;
                    if !delimiters.is_empty() {
                        write!(f, " {}", display_separated(delimiters, " "))?;
                    }
                }
                None => (),
            }
            match storage {
                Some(HiveIOFormat::IOF {
                    input_format,
                    output_format,
                }) => write!(
                    f,
                    " STORED AS INPUTFORMAT {input_format} OUTPUTFORMAT {output_format}"
                )?,
                Some(HiveIOFormat::FileFormat { format }) if !self.external => {
                    write!(f, " STORED AS {format}")?
                }
                _ => (),
            }
            if let Some(serde_properties) = serde_properties.as_ref() {
                write!(
                    f,
                    " WITH SERDEPROPERTIES ({})",
                    display_comma_separated(serde_properties)
                )?;
            }
            if !self.external {
                if let Some(loc) = location {
                    write!(f, " LOCATION '{loc}'")?;
                }
            }
        }
        #[cfg(not(feature = "quarry-subset"))]
        if self.external {
            if let Some(file_format) = self.file_format {
                write!(f, " STORED AS {file_format}")?;
            }
            write!(f, " LOCATION '{}'", self.location.as_ref().unwrap())?;
        }
        #[cfg(not(feature = "quarry-subset"))]
        if !self.table_properties.is_empty() {
            write!(
                f,
                " TBLPROPERTIES ({})",
                display_comma_separated(&self.table_properties)
            )?;
        }
        #[cfg(not(feature = "quarry-subset"))]
        if !self.with_options.is_empty() {
            write!(f, " WITH ({})", display_comma_separated(&self.with_options))?;
        }
        #[cfg(not(feature = "quarry-subset"))]
        if let Some(engine) = &self.engine {
            write!(f, " ENGINE={engine}")?;
        }
        #[cfg(not(feature = "quarry-subset"))]
        if let Some(comment_def) = &self.comment {
            match comment_def {
                CommentDef::WithEq(comment) => {
                    write!(f, " COMMENT = '{comment}'")?;
                }
                CommentDef::WithoutEq(comment) => {
                    write!(f, " COMMENT '{comment}'")?;
                }
                // For CommentDef::AfterColumnDefsWithoutEq will be displayed after column definition
                CommentDef::AfterColumnDefsWithoutEq(_) => (),
            }
        }

        #[cfg(not(feature = "quarry-subset"))]
        if let Some(auto_increment_offset) = self.auto_increment_offset {
            write!(f, " AUTO_INCREMENT {auto_increment_offset}")?;
        }
        #[cfg(not(feature = "quarry-subset"))]
        if let Some(primary_key) = &self.primary_key {
            write!(f, " PRIMARY KEY {}", primary_key)?;
        }
        #[cfg(not(feature = "quarry-subset"))]
        if let Some(order_by) = &self.order_by {
            write!(f, " ORDER BY {}", order_by)?;
        }
        #[cfg(not(feature = "quarry-subset"))]
        if let Some(partition_by) = self.partition_by.as_ref() {
            write!(f, " PARTITION BY {partition_by}")?;
        }
        #[cfg(not(feature = "quarry-subset"))]
        if let Some(cluster_by) = self.cluster_by.as_ref() {
            write!(f, " CLUSTER BY {cluster_by}")?;
        }

        #[cfg(not(feature = "quarry-subset"))]
        if let Some(options) = self.options.as_ref() {
            write!(
                f,
                " OPTIONS({})",
                display_comma_separated(options.as_slice())
            )?;
        }

        #[cfg(not(feature = "quarry-subset"))]
        if self.copy_grants {
            write!(f, " COPY GRANTS")?;
        }

        #[cfg(not(feature = "quarry-subset"))]
        if let Some(is_enabled) = self.enable_schema_evolution {
            write!(
                f,
                " ENABLE_SCHEMA_EVOLUTION={}",
                if is_enabled { "TRUE" } else { "FALSE" }
            )?;
        }

        #[cfg(not(feature = "quarry-subset"))]
        if let Some(is_enabled) = self.change_tracking {
            write!(
                f,
                " CHANGE_TRACKING={}",
                if is_enabled { "TRUE" } else { "FALSE" }
            )?;
        }

        #[cfg(not(feature = "quarry-subset"))]
        if let Some(data_retention_time_in_days) = self.data_retention_time_in_days {
            write!(
                f,
                " DATA_RETENTION_TIME_IN_DAYS={data_retention_time_in_days}",
            )?;
        }

        #[cfg(not(feature = "quarry-subset"))]
        if let Some(max_data_extension_time_in_days) = self.max_data_extension_time_in_days {
            write!(
                f,
                " MAX_DATA_EXTENSION_TIME_IN_DAYS={max_data_extension_time_in_days}",
            )?;
        }

        #[cfg(not(feature = "quarry-subset"))]
        if let Some(default_ddl_collation) = &self.default_ddl_collation {
            write!(f, " DEFAULT_DDL_COLLATION='{default_ddl_collation}'",)?;
        }

        #[cfg(not(feature = "quarry-subset"))]
        if let Some(with_aggregation_policy) = &self.with_aggregation_policy {
            write!(f, " WITH AGGREGATION POLICY {with_aggregation_policy}",)?;
        }

        #[cfg(not(feature = "quarry-subset"))]
        if let Some(row_access_policy) = &self.with_row_access_policy {
            write!(f, " {row_access_policy}",)?;
        }

        #[cfg(not(feature = "quarry-subset"))]
        if let Some(tag) = &self.with_tags {
            write!(f, " WITH TAG ({})", display_comma_separated(tag.as_slice()))?;
        }

        #[cfg(not(feature = "quarry-subset"))]
        if let Some(default_charset) = &self.default_charset {
            write!(f, " DEFAULT CHARSET={default_charset}")?;
        }
        #[cfg(not(feature = "quarry-subset"))]
        if let Some(collation) = &self.collation {
            write!(f, " COLLATE={collation}")?;
        }

        #[cfg(not(feature = "quarry-subset"))]
        if self.on_commit.is_some() {
            let on_commit = match self.on_commit {
                Some(OnCommit::DeleteRows) => "ON COMMIT DELETE ROWS",
                Some(OnCommit::PreserveRows) => "ON COMMIT PRESERVE ROWS",
                Some(OnCommit::Drop) => "ON COMMIT DROP",
                None => "",
            };
            write!(f, " {on_commit}")?;
        }
        if self.strict {
            write!(f, " STRICT")?;
        }
        #[cfg(not(feature = "quarry-subset"))]
        if let Some(query) = &self.query {
            write!(f, " AS {query}")?;
        }
        Ok(())
    }
}

/// INSERT statement.
#[derive(Debug, Clone, PartialEq, PartialOrd, Eq, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "visitor", derive(Visit, VisitMut))]
pub struct Insert {
    /// Only for Sqlite
    pub or: Option<SqliteOnConflict>,
    /// Only for mysql
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub ignore: bool,
    /// INTO - optional keyword
    pub into: bool,
    /// TABLE
    #[cfg_attr(feature = "visitor", visit(with = "visit_relation"))]
    pub table_name: ObjectName,
    /// table_name as foo (for PostgreSQL)
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub table_alias: Option<Ident>,
    /// COLUMNS
    pub columns: Vec<Ident>,
    /// Overwrite (Hive)
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub overwrite: bool,
    /// A SQL query that specifies what to insert
    pub source: Option<Box<Query>>,
    /// partitioned insert (Hive)
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub partitioned: Option<Vec<Expr>>,
    /// Columns defined after PARTITION
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub after_columns: Vec<Ident>,
    /// whether the insert has the table keyword (Hive)
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub table: bool,
    pub on: Option<OnInsert>,
    /// RETURNING
    pub returning: Option<Vec<SelectItem>>,
    /// Only for mysql
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub replace_into: bool,
    /// Only for mysql
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub priority: Option<MysqlInsertPriority>,
    /// Only for mysql
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub insert_alias: Option<InsertAliases>,
}

impl Insert {
    /// QUARRY PATCH 14: an `Insert` of these parts, every other part unset,
    /// with or without the parser (which leaves the other fields out).
    pub fn quarry(
        or: Option<SqliteOnConflict>,
        into: bool,
        table_name: ObjectName,
        columns: Vec<Ident>,
        source: Option<Box<Query>>,
        on: Option<OnInsert>,
        returning: Option<Vec<SelectItem>>,
    ) -> Self {
        Insert {
            or,
            #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
            ignore: false,
            into,
            table_name,
            #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
            table_alias: None,
            columns,
            #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
            overwrite: false,
            source,
            #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
            partitioned: None,
            #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
            after_columns: vec![],
            #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
            table: false,
            on,
            returning,
            #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
            replace_into: false,
            #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
            priority: None,
            #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
            insert_alias: None,
        }
    }
}

impl Display for Insert {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // (QUARRY PATCH 14: without the parser an Insert has none of these.)
        #[cfg(all(feature = "quarry-subset", feature = "parser"))]
        if self.table_alias.is_some()
            || self.replace_into
            || self.priority.is_some()
            || self.ignore
            || self.overwrite
            || self.table
            || self.partitioned.as_ref().is_some_and(|parts| !parts.is_empty())
            || !self.after_columns.is_empty()
            || self.insert_alias.is_some()
        {
            return Err(fmt::Error);
        }
        #[cfg(feature = "quarry-subset")]
        let table_name = &self.table_name;
        #[cfg(not(feature = "quarry-subset"))]
        let table_name = if let Some(alias) = &self.table_alias {
            format!("{0} AS {alias}", self.table_name)
        } else {
            self.table_name.to_string()
        };

        if let Some(on_conflict) = self.or {
            write!(f, "INSERT {on_conflict} INTO {table_name} ")?;
        } else {
            #[cfg(feature = "quarry-subset")]
            write!(f, "INSERT{int} {table_name} ", int = if self.into { " INTO" } else { "" })?;
            #[cfg(not(feature = "quarry-subset"))]
            write!(
                f,
                "{start}",
                start = if self.replace_into {
                    "REPLACE"
                } else {
                    "INSERT"
                },
            )?;
            #[cfg(not(feature = "quarry-subset"))]
            if let Some(priority) = self.priority {
                write!(f, " {priority}",)?;
            }

            #[cfg(not(feature = "quarry-subset"))]
            write!(
                f,
                "{ignore}{over}{int}{tbl} {table_name} ",
                table_name = table_name,
                ignore = if self.ignore { " IGNORE" } else { "" },
                over = if self.overwrite { " OVERWRITE" } else { "" },
                int = if self.into { " INTO" } else { "" },
                tbl = if self.table { " TABLE" } else { "" },
            )?;
        }
        if !self.columns.is_empty() {
            write!(f, "({}) ", display_comma_separated(&self.columns))?;
        }
        #[cfg(not(feature = "quarry-subset"))]
        if let Some(ref parts) = self.partitioned {
            if !parts.is_empty() {
                write!(f, "PARTITION ({}) ", display_comma_separated(parts))?;
            }
        }
        #[cfg(not(feature = "quarry-subset"))]
        if !self.after_columns.is_empty() {
            write!(f, "({}) ", display_comma_separated(&self.after_columns))?;
        }

        if let Some(source) = &self.source {
            write!(f, "{source}")?;
        }

        if self.source.is_none() && self.columns.is_empty() {
            write!(f, "DEFAULT VALUES")?;
        }

        #[cfg(not(feature = "quarry-subset"))]
        if let Some(insert_alias) = &self.insert_alias {
            write!(f, " AS {0}", insert_alias.row_alias)?;

            if let Some(col_aliases) = &insert_alias.col_aliases {
                if !col_aliases.is_empty() {
                    write!(f, " ({})", display_comma_separated(col_aliases))?;
                }
            }
        }

        if let Some(on) = &self.on {
            write!(f, "{on}")?;
        }

        if let Some(returning) = &self.returning {
            write!(f, " RETURNING {}", display_comma_separated(returning))?;
        }
        Ok(())
    }
}

/// DELETE statement.
#[derive(Debug, Clone, PartialEq, PartialOrd, Eq, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "visitor", derive(Visit, VisitMut))]
pub struct Delete {
    /// Multi tables delete are supported in mysql
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub tables: Vec<ObjectName>,
    /// FROM
    pub from: FromTable,
    /// USING (Snowflake, Postgres, MySQL)
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub using: Option<Vec<TableWithJoins>>,
    /// WHERE
    pub selection: Option<Expr>,
    /// RETURNING
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub returning: Option<Vec<SelectItem>>,
    /// ORDER BY (MySQL)
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub order_by: Vec<OrderByExpr>,
    /// LIMIT (MySQL)
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    pub limit: Option<Expr>,
}

impl Delete {
    /// QUARRY PATCH 14: `DELETE FROM from [WHERE selection]`, every other part
    /// unset, with or without the parser (which leaves the other fields out).
    pub fn quarry(from: FromTable, selection: Option<Expr>) -> Self {
        Delete {
            #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
            tables: vec![],
            from,
            #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
            using: None,
            selection,
            #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
            returning: None,
            #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
            order_by: vec![],
            #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
            limit: None,
        }
    }
}

impl Display for Delete {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // QUARRY PATCH 9: `DELETE FROM tables [WHERE ...]`, what Quarry builds.
        #[cfg(feature = "quarry-subset")]
        #[allow(irrefutable_let_patterns)] // QUARRY PATCH 14: irrefutable without the parser
        {
            let FromTable::WithFromKeyword(from) = &self.from else {
                return Err(fmt::Error);
            };
            // (QUARRY PATCH 14: without the parser a Delete has none of these.)
            #[cfg(feature = "parser")]
            if !self.tables.is_empty()
                || self.using.is_some()
                || self.returning.is_some()
                || !self.order_by.is_empty()
                || self.limit.is_some()
            {
                return Err(fmt::Error);
            }
            write!(f, "DELETE FROM {}", display_comma_separated(from))?;
            if let Some(selection) = &self.selection {
                write!(f, " WHERE {selection}")?;
            }
            Ok(())
        }
        #[cfg(not(feature = "quarry-subset"))]
        {
            write!(f, "DELETE ")?;
            if !self.tables.is_empty() {
                write!(f, "{} ", display_comma_separated(&self.tables))?;
            }
            match &self.from {
                FromTable::WithFromKeyword(from) => {
                    write!(f, "FROM {}", display_comma_separated(from))?;
                }
                FromTable::WithoutKeyword(from) => {
                    write!(f, "{}", display_comma_separated(from))?;
                }
            }
            if let Some(using) = &self.using {
                write!(f, " USING {}", display_comma_separated(using))?;
            }
            if let Some(selection) = &self.selection {
                write!(f, " WHERE {selection}")?;
            }
            if let Some(returning) = &self.returning {
                write!(f, " RETURNING {}", display_comma_separated(returning))?;
            }
            if !self.order_by.is_empty() {
                write!(f, " ORDER BY {}", display_comma_separated(&self.order_by))?;
            }
            if let Some(limit) = &self.limit {
                write!(f, " LIMIT {limit}")?;
            }
            Ok(())
        }
    }
}
