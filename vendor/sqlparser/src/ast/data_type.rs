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
use alloc::{boxed::Box, format, string::String, vec::Vec};
use core::fmt;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

#[cfg(feature = "visitor")]
use sqlparser_derive::{Visit, VisitMut};

use crate::ast::{display_comma_separated, Expr, ObjectName, StructField, UnionField};

use super::{value::escape_single_quote_string, ColumnDef};

#[derive(Debug, Clone, PartialEq, PartialOrd, Eq, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "visitor", derive(Visit, VisitMut))]
pub enum EnumMember {
    Name(String),
    /// ClickHouse allows to specify an integer value for each enum value.
    ///
    /// [clickhouse](https://clickhouse.com/docs/en/sql-reference/data-types/enum)
    NamedValue(String, Expr),
}

/// SQL data types
#[derive(Debug, Clone, PartialEq, PartialOrd, Eq, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "visitor", derive(Visit, VisitMut))]
pub enum DataType {
    /// Fixed-length character type e.g. CHARACTER(10)
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Character(Option<CharacterLength>),
    /// Fixed-length char type e.g. CHAR(10)
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Char(Option<CharacterLength>),
    /// Character varying type e.g. CHARACTER VARYING(10)
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    CharacterVarying(Option<CharacterLength>),
    /// Char varying type e.g. CHAR VARYING(10)
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    CharVarying(Option<CharacterLength>),
    /// Variable-length character type e.g. VARCHAR(10)
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Varchar(Option<CharacterLength>),
    /// Variable-length character type e.g. NVARCHAR(10)
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Nvarchar(Option<CharacterLength>),
    /// Uuid type
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Uuid,
    /// Large character object with optional length e.g. CHARACTER LARGE OBJECT, CHARACTER LARGE OBJECT(1000), [standard]
    ///
    /// [standard]: https://jakewheat.github.io/sql-overview/sql-2016-foundation-grammar.html#character-large-object-type
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    CharacterLargeObject(Option<u64>),
    /// Large character object with optional length e.g. CHAR LARGE OBJECT, CHAR LARGE OBJECT(1000), [standard]
    ///
    /// [standard]: https://jakewheat.github.io/sql-overview/sql-2016-foundation-grammar.html#character-large-object-type
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    CharLargeObject(Option<u64>),
    /// Large character object with optional length e.g. CLOB, CLOB(1000), [standard]
    ///
    /// [standard]: https://jakewheat.github.io/sql-overview/sql-2016-foundation-grammar.html#character-large-object-type
    /// [Oracle]: https://docs.oracle.com/javadb/10.10.1.2/ref/rrefclob.html
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Clob(Option<u64>),
    /// Fixed-length binary type with optional length e.g.  [standard], [MS SQL Server]
    ///
    /// [standard]: https://jakewheat.github.io/sql-overview/sql-2016-foundation-grammar.html#binary-string-type
    /// [MS SQL Server]: https://learn.microsoft.com/pt-br/sql/t-sql/data-types/binary-and-varbinary-transact-sql?view=sql-server-ver16
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Binary(Option<u64>),
    /// Variable-length binary with optional length type e.g. [standard], [MS SQL Server]
    ///
    /// [standard]: https://jakewheat.github.io/sql-overview/sql-2016-foundation-grammar.html#binary-string-type
    /// [MS SQL Server]: https://learn.microsoft.com/pt-br/sql/t-sql/data-types/binary-and-varbinary-transact-sql?view=sql-server-ver16
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Varbinary(Option<u64>),
    /// Large binary object with optional length e.g. BLOB, BLOB(1000), [standard], [Oracle]
    ///
    /// [standard]: https://jakewheat.github.io/sql-overview/sql-2016-foundation-grammar.html#binary-large-object-string-type
    /// [Oracle]: https://docs.oracle.com/javadb/10.8.3.0/ref/rrefblob.html
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Blob(Option<u64>),
    /// [MySQL] blob with up to 2**8 bytes
    ///
    /// [MySQL]: https://dev.mysql.com/doc/refman/9.1/en/blob.html
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    TinyBlob,
    /// [MySQL] blob with up to 2**24 bytes
    ///
    /// [MySQL]: https://dev.mysql.com/doc/refman/9.1/en/blob.html
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    MediumBlob,
    /// [MySQL] blob with up to 2**32 bytes
    ///
    /// [MySQL]: https://dev.mysql.com/doc/refman/9.1/en/blob.html
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    LongBlob,
    /// Variable-length binary data with optional length.
    ///
    /// [bigquery]: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#bytes_type
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Bytes(Option<u64>),
    /// Numeric type with optional precision and scale e.g. NUMERIC(10,2), [standard][1]
    ///
    /// [1]: https://jakewheat.github.io/sql-overview/sql-2016-foundation-grammar.html#exact-numeric-type
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Numeric(ExactNumberInfo),
    /// Decimal type with optional precision and scale e.g. DECIMAL(10,2), [standard][1]
    ///
    /// [1]: https://jakewheat.github.io/sql-overview/sql-2016-foundation-grammar.html#exact-numeric-type
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Decimal(ExactNumberInfo),
    /// [BigNumeric] type used in BigQuery
    ///
    /// [BigNumeric]: https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#bignumeric_literals
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    BigNumeric(ExactNumberInfo),
    /// This is alias for `BigNumeric` type used in BigQuery
    ///
    /// [BigDecimal]: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#decimal_types
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    BigDecimal(ExactNumberInfo),
    /// Dec type with optional precision and scale e.g. DEC(10,2), [standard][1]
    ///
    /// [1]: https://jakewheat.github.io/sql-overview/sql-2016-foundation-grammar.html#exact-numeric-type
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Dec(ExactNumberInfo),
    /// Floating point with optional precision e.g. FLOAT(8)
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Float(Option<u64>),
    /// Tiny integer with optional display width e.g. TINYINT or TINYINT(3)
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    TinyInt(Option<u64>),
    /// Unsigned tiny integer with optional display width e.g. TINYINT UNSIGNED or TINYINT(3) UNSIGNED
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    UnsignedTinyInt(Option<u64>),
    /// Int2 as alias for SmallInt in [postgresql]
    /// Note: Int2 mean 2 bytes in postgres (not 2 bits)
    /// Int2 with optional display width e.g. INT2 or INT2(5)
    ///
    /// [postgresql]: https://www.postgresql.org/docs/15/datatype.html
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Int2(Option<u64>),
    /// Unsigned Int2 with optional display width e.g. INT2 Unsigned or INT2(5) Unsigned
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    UnsignedInt2(Option<u64>),
    /// Small integer with optional display width e.g. SMALLINT or SMALLINT(5)
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    SmallInt(Option<u64>),
    /// Unsigned small integer with optional display width e.g. SMALLINT UNSIGNED or SMALLINT(5) UNSIGNED
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    UnsignedSmallInt(Option<u64>),
    /// MySQL medium integer ([1]) with optional display width e.g. MEDIUMINT or MEDIUMINT(5)
    ///
    /// [1]: https://dev.mysql.com/doc/refman/8.0/en/integer-types.html
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    MediumInt(Option<u64>),
    /// Unsigned medium integer ([1]) with optional display width e.g. MEDIUMINT UNSIGNED or MEDIUMINT(5) UNSIGNED
    ///
    /// [1]: https://dev.mysql.com/doc/refman/8.0/en/integer-types.html
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    UnsignedMediumInt(Option<u64>),
    /// Int with optional display width e.g. INT or INT(11)
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Int(Option<u64>),
    /// Int4 as alias for Integer in [postgresql]
    /// Note: Int4 mean 4 bytes in postgres (not 4 bits)
    /// Int4 with optional display width e.g. Int4 or Int4(11)
    ///
    /// [postgresql]: https://www.postgresql.org/docs/15/datatype.html
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Int4(Option<u64>),
    /// Int8 as alias for Bigint in [postgresql] and integer type in [clickhouse]
    /// Note: Int8 mean 8 bytes in [postgresql] (not 8 bits)
    /// Int8 with optional display width e.g. INT8 or INT8(11)
    /// Note: Int8 mean 8 bits in [clickhouse]
    ///
    /// [postgresql]: https://www.postgresql.org/docs/15/datatype.html
    /// [clickhouse]: https://clickhouse.com/docs/en/sql-reference/data-types/int-uint
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Int8(Option<u64>),
    /// Integer type in [clickhouse]
    /// Note: Int16 mean 16 bits in [clickhouse]
    ///
    /// [clickhouse]: https://clickhouse.com/docs/en/sql-reference/data-types/int-uint
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Int16,
    /// Integer type in [clickhouse]
    /// Note: Int16 mean 32 bits in [clickhouse]
    ///
    /// [clickhouse]: https://clickhouse.com/docs/en/sql-reference/data-types/int-uint
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Int32,
    /// Integer type in [bigquery], [clickhouse]
    ///
    /// [bigquery]: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#integer_types
    /// [clickhouse]: https://clickhouse.com/docs/en/sql-reference/data-types/int-uint
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Int64,
    /// Integer type in [clickhouse]
    /// Note: Int128 mean 128 bits in [clickhouse]
    ///
    /// [clickhouse]: https://clickhouse.com/docs/en/sql-reference/data-types/int-uint
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Int128,
    /// Integer type in [clickhouse]
    /// Note: Int256 mean 256 bits in [clickhouse]
    ///
    /// [clickhouse]: https://clickhouse.com/docs/en/sql-reference/data-types/int-uint
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Int256,
    /// Integer with optional display width e.g. INTEGER or INTEGER(11)
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Integer(Option<u64>),
    /// Unsigned int with optional display width e.g. INT UNSIGNED or INT(11) UNSIGNED
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    UnsignedInt(Option<u64>),
    /// Unsigned int4 with optional display width e.g. INT4 UNSIGNED or INT4(11) UNSIGNED
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    UnsignedInt4(Option<u64>),
    /// Unsigned integer with optional display width e.g. INTEGER UNSIGNED or INTEGER(11) UNSIGNED
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    UnsignedInteger(Option<u64>),
    /// Unsigned integer type in [clickhouse]
    /// Note: UInt8 mean 8 bits in [clickhouse]
    ///
    /// [clickhouse]: https://clickhouse.com/docs/en/sql-reference/data-types/int-uint
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    UInt8,
    /// Unsigned integer type in [clickhouse]
    /// Note: UInt16 mean 16 bits in [clickhouse]
    ///
    /// [clickhouse]: https://clickhouse.com/docs/en/sql-reference/data-types/int-uint
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    UInt16,
    /// Unsigned integer type in [clickhouse]
    /// Note: UInt32 mean 32 bits in [clickhouse]
    ///
    /// [clickhouse]: https://clickhouse.com/docs/en/sql-reference/data-types/int-uint
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    UInt32,
    /// Unsigned integer type in [clickhouse]
    /// Note: UInt64 mean 64 bits in [clickhouse]
    ///
    /// [clickhouse]: https://clickhouse.com/docs/en/sql-reference/data-types/int-uint
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    UInt64,
    /// Unsigned integer type in [clickhouse]
    /// Note: UInt128 mean 128 bits in [clickhouse]
    ///
    /// [clickhouse]: https://clickhouse.com/docs/en/sql-reference/data-types/int-uint
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    UInt128,
    /// Unsigned integer type in [clickhouse]
    /// Note: UInt256 mean 256 bits in [clickhouse]
    ///
    /// [clickhouse]: https://clickhouse.com/docs/en/sql-reference/data-types/int-uint
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    UInt256,
    /// Big integer with optional display width e.g. BIGINT or BIGINT(20)
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    BigInt(Option<u64>),
    /// Unsigned big integer with optional display width e.g. BIGINT UNSIGNED or BIGINT(20) UNSIGNED
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    UnsignedBigInt(Option<u64>),
    /// Unsigned Int8 with optional display width e.g. INT8 UNSIGNED or INT8(11) UNSIGNED
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    UnsignedInt8(Option<u64>),
    /// Float4 as alias for Real in [postgresql]
    ///
    /// [postgresql]: https://www.postgresql.org/docs/15/datatype.html
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Float4,
    /// Floating point in [clickhouse]
    ///
    /// [clickhouse]: https://clickhouse.com/docs/en/sql-reference/data-types/float
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Float32,
    /// Floating point in [bigquery]
    ///
    /// [bigquery]: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#floating_point_types
    /// [clickhouse]: https://clickhouse.com/docs/en/sql-reference/data-types/float
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Float64,
    /// Floating point e.g. REAL
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Real,
    /// Float8 as alias for Double in [postgresql]
    ///
    /// [postgresql]: https://www.postgresql.org/docs/15/datatype.html
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Float8,
    /// Double
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Double,
    /// Double PRECISION e.g. [standard], [postgresql]
    ///
    /// [standard]: https://jakewheat.github.io/sql-overview/sql-2016-foundation-grammar.html#approximate-numeric-type
    /// [postgresql]: https://www.postgresql.org/docs/current/datatype-numeric.html
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    DoublePrecision,
    /// Bool as alias for Boolean in [postgresql]
    ///
    /// [postgresql]: https://www.postgresql.org/docs/15/datatype.html
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Bool,
    /// Boolean
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Boolean,
    /// Date
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Date,
    /// Date32 with the same range as Datetime64
    ///
    /// [1]: https://clickhouse.com/docs/en/sql-reference/data-types/date32
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Date32,
    /// Time with optional time precision and time zone information e.g. [standard][1].
    ///
    /// [1]: https://jakewheat.github.io/sql-overview/sql-2016-foundation-grammar.html#datetime-type
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Time(Option<u64>, TimezoneInfo),
    /// Datetime with optional time precision e.g. [MySQL][1].
    ///
    /// [1]: https://dev.mysql.com/doc/refman/8.0/en/datetime.html
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Datetime(Option<u64>),
    /// Datetime with time precision and optional timezone e.g. [ClickHouse][1].
    ///
    /// [1]: https://clickhouse.com/docs/en/sql-reference/data-types/datetime64
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Datetime64(u64, Option<String>),
    /// Timestamp with optional time precision and time zone information e.g. [standard][1].
    ///
    /// [1]: https://jakewheat.github.io/sql-overview/sql-2016-foundation-grammar.html#datetime-type
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Timestamp(Option<u64>, TimezoneInfo),
    /// Interval
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Interval,
    /// JSON type
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    JSON,
    /// Binary JSON type
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    JSONB,
    /// Regclass used in postgresql serial
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Regclass,
    /// Text
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Text,
    /// [MySQL] text with up to 2**8 bytes
    ///
    /// [MySQL]: https://dev.mysql.com/doc/refman/9.1/en/blob.html
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    TinyText,
    /// [MySQL] text with up to 2**24 bytes
    ///
    /// [MySQL]: https://dev.mysql.com/doc/refman/9.1/en/blob.html
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    MediumText,
    /// [MySQL] text with up to 2**32 bytes
    ///
    /// [MySQL]: https://dev.mysql.com/doc/refman/9.1/en/blob.html
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    LongText,
    /// String with optional length.
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    String(Option<u64>),
    /// A fixed-length string e.g [ClickHouse][1].
    ///
    /// [1]: https://clickhouse.com/docs/en/sql-reference/data-types/fixedstring
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    FixedString(u64),
    /// Bytea
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Bytea,
    /// Bit string, e.g. [Postgres], [MySQL], or [MSSQL]
    ///
    /// [Postgres]: https://www.postgresql.org/docs/current/datatype-bit.html
    /// [MySQL]: https://dev.mysql.com/doc/refman/9.1/en/bit-type.html
    /// [MSSQL]: https://learn.microsoft.com/en-us/sql/t-sql/data-types/bit-transact-sql?view=sql-server-ver16
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Bit(Option<u64>),
    /// Variable-length bit string e.g. [Postgres]
    ///
    /// [Postgres]: https://www.postgresql.org/docs/current/datatype-bit.html
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    BitVarying(Option<u64>),
    /// Custom type such as enums
    Custom(ObjectName, Vec<String>),
    /// Arrays
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Array(ArrayElemTypeDef),
    /// Map
    ///
    /// [clickhouse]: https://clickhouse.com/docs/en/sql-reference/data-types/map
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Map(Box<DataType>, Box<DataType>),
    /// Tuple
    ///
    /// [clickhouse]: https://clickhouse.com/docs/en/sql-reference/data-types/tuple
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Tuple(Vec<StructField>),
    /// Nested
    ///
    /// [clickhouse]: https://clickhouse.com/docs/en/sql-reference/data-types/nested-data-structures/nested
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Nested(Vec<ColumnDef>),
    /// Enums
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Enum(Vec<EnumMember>, Option<u8>),
    /// Set
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Set(Vec<String>),
    /// Struct
    ///
    /// [hive]: https://docs.cloudera.com/cdw-runtime/cloud/impala-sql-reference/topics/impala-struct.html
    /// [bigquery]: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#struct_type
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Struct(Vec<StructField>, StructBracketKind),
    /// Union
    ///
    /// [duckdb]: https://duckdb.org/docs/sql/data_types/union.html
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Union(Vec<UnionField>),
    /// Nullable - special marker NULL represents in ClickHouse as a data type.
    ///
    /// [clickhouse]: https://clickhouse.com/docs/en/sql-reference/data-types/nullable
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Nullable(Box<DataType>),
    /// LowCardinality - changes the internal representation of other data types to be dictionary-encoded.
    ///
    /// [clickhouse]: https://clickhouse.com/docs/en/sql-reference/data-types/lowcardinality
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    LowCardinality(Box<DataType>),
    /// No type specified - only used with
    /// [`SQLiteDialect`](crate::dialect::SQLiteDialect), from statements such
    /// as `CREATE TABLE t1 (a)`.
    Unspecified,
    /// Trigger data type, returned by functions associated with triggers
    ///
    /// [postgresql]: https://www.postgresql.org/docs/current/plpgsql-trigger.html
    #[cfg(any(not(feature = "quarry-subset"), feature = "parser"))] // QUARRY PATCH 14
    Trigger,
}

impl fmt::Display for DataType {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Character(size) => format_character_string_type(f, "CHARACTER", size),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Char(size) => format_character_string_type(f, "CHAR", size),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::CharacterVarying(size) => {
                format_character_string_type(f, "CHARACTER VARYING", size)
            }

            #[cfg(not(feature = "quarry-subset"))]
            DataType::CharVarying(size) => format_character_string_type(f, "CHAR VARYING", size),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Varchar(size) => format_character_string_type(f, "VARCHAR", size),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Nvarchar(size) => format_character_string_type(f, "NVARCHAR", size),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Uuid => write!(f, "UUID"),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::CharacterLargeObject(size) => {
                format_type_with_optional_length(f, "CHARACTER LARGE OBJECT", size, false)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::CharLargeObject(size) => {
                format_type_with_optional_length(f, "CHAR LARGE OBJECT", size, false)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Clob(size) => format_type_with_optional_length(f, "CLOB", size, false),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Binary(size) => format_type_with_optional_length(f, "BINARY", size, false),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Varbinary(size) => {
                format_type_with_optional_length(f, "VARBINARY", size, false)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Blob(size) => format_type_with_optional_length(f, "BLOB", size, false),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::TinyBlob => write!(f, "TINYBLOB"),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::MediumBlob => write!(f, "MEDIUMBLOB"),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::LongBlob => write!(f, "LONGBLOB"),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Bytes(size) => format_type_with_optional_length(f, "BYTES", size, false),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Numeric(info) => {
                write!(f, "NUMERIC{info}")
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Decimal(info) => {
                write!(f, "DECIMAL{info}")
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Dec(info) => {
                write!(f, "DEC{info}")
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::BigNumeric(info) => write!(f, "BIGNUMERIC{info}"),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::BigDecimal(info) => write!(f, "BIGDECIMAL{info}"),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Float(size) => format_type_with_optional_length(f, "FLOAT", size, false),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::TinyInt(zerofill) => {
                format_type_with_optional_length(f, "TINYINT", zerofill, false)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::UnsignedTinyInt(zerofill) => {
                format_type_with_optional_length(f, "TINYINT", zerofill, true)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Int2(zerofill) => {
                format_type_with_optional_length(f, "INT2", zerofill, false)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::UnsignedInt2(zerofill) => {
                format_type_with_optional_length(f, "INT2", zerofill, true)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::SmallInt(zerofill) => {
                format_type_with_optional_length(f, "SMALLINT", zerofill, false)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::UnsignedSmallInt(zerofill) => {
                format_type_with_optional_length(f, "SMALLINT", zerofill, true)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::MediumInt(zerofill) => {
                format_type_with_optional_length(f, "MEDIUMINT", zerofill, false)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::UnsignedMediumInt(zerofill) => {
                format_type_with_optional_length(f, "MEDIUMINT", zerofill, true)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Int(zerofill) => format_type_with_optional_length(f, "INT", zerofill, false),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::UnsignedInt(zerofill) => {
                format_type_with_optional_length(f, "INT", zerofill, true)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Int4(zerofill) => {
                format_type_with_optional_length(f, "INT4", zerofill, false)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Int8(zerofill) => {
                format_type_with_optional_length(f, "INT8", zerofill, false)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Int16 => {
                write!(f, "Int16")
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Int32 => {
                write!(f, "Int32")
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Int64 => {
                write!(f, "INT64")
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Int128 => {
                write!(f, "Int128")
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Int256 => {
                write!(f, "Int256")
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::UnsignedInt4(zerofill) => {
                format_type_with_optional_length(f, "INT4", zerofill, true)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Integer(zerofill) => {
                format_type_with_optional_length(f, "INTEGER", zerofill, false)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::UnsignedInteger(zerofill) => {
                format_type_with_optional_length(f, "INTEGER", zerofill, true)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::BigInt(zerofill) => {
                format_type_with_optional_length(f, "BIGINT", zerofill, false)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::UnsignedBigInt(zerofill) => {
                format_type_with_optional_length(f, "BIGINT", zerofill, true)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::UnsignedInt8(zerofill) => {
                format_type_with_optional_length(f, "INT8", zerofill, true)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::UInt8 => {
                write!(f, "UInt8")
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::UInt16 => {
                write!(f, "UInt16")
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::UInt32 => {
                write!(f, "UInt32")
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::UInt64 => {
                write!(f, "UInt64")
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::UInt128 => {
                write!(f, "UInt128")
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::UInt256 => {
                write!(f, "UInt256")
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Real => write!(f, "REAL"),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Float4 => write!(f, "FLOAT4"),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Float32 => write!(f, "Float32"),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Float64 => write!(f, "FLOAT64"),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Double => write!(f, "DOUBLE"),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Float8 => write!(f, "FLOAT8"),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::DoublePrecision => write!(f, "DOUBLE PRECISION"),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Bool => write!(f, "BOOL"),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Boolean => write!(f, "BOOLEAN"),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Date => write!(f, "DATE"),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Date32 => write!(f, "Date32"),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Time(precision, timezone_info) => {
                format_datetime_precision_and_tz(f, "TIME", precision, timezone_info)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Datetime(precision) => {
                format_type_with_optional_length(f, "DATETIME", precision, false)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Timestamp(precision, timezone_info) => {
                format_datetime_precision_and_tz(f, "TIMESTAMP", precision, timezone_info)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Datetime64(precision, timezone) => {
                format_clickhouse_datetime_precision_and_timezone(
                    f,
                    "DateTime64",
                    precision,
                    timezone,
                )
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Interval => write!(f, "INTERVAL"),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::JSON => write!(f, "JSON"),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::JSONB => write!(f, "JSONB"),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Regclass => write!(f, "REGCLASS"),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Text => write!(f, "TEXT"),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::TinyText => write!(f, "TINYTEXT"),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::MediumText => write!(f, "MEDIUMTEXT"),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::LongText => write!(f, "LONGTEXT"),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::String(size) => format_type_with_optional_length(f, "STRING", size, false),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Bytea => write!(f, "BYTEA"),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Bit(size) => format_type_with_optional_length(f, "BIT", size, false),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::BitVarying(size) => {
                format_type_with_optional_length(f, "BIT VARYING", size, false)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Array(ty) => match ty {
                ArrayElemTypeDef::None => write!(f, "ARRAY"),
                ArrayElemTypeDef::SquareBracket(t, None) => write!(f, "{t}[]"),
                ArrayElemTypeDef::SquareBracket(t, Some(size)) => write!(f, "{t}[{size}]"),
                ArrayElemTypeDef::AngleBracket(t) => write!(f, "ARRAY<{t}>"),
                ArrayElemTypeDef::Parenthesis(t) => write!(f, "Array({t})"),
            },
            DataType::Custom(ty, modifiers) => {
                if modifiers.is_empty() {
                    write!(f, "{ty}")
                } else {
                    #[cfg(not(feature = "quarry-subset"))]
                    return write!(f, "{}({})", ty, modifiers.join(", "));
                    #[cfg(feature = "quarry-subset")]
                    {
                        write!(f, "{ty}(")?;
                        for (i, m) in modifiers.iter().enumerate() {
                            if i > 0 {
                                f.write_str(", ")?;
                            }
                            f.write_str(m)?;
                        }
                        f.write_str(")")
                    }
                }
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Enum(vals, bits) => {
                match bits {
                    Some(bits) => write!(f, "ENUM{}", bits),
                    None => write!(f, "ENUM"),
                }?;
                write!(f, "(")?;
                for (i, v) in vals.iter().enumerate() {
                    if i != 0 {
                        write!(f, ", ")?;
                    }
                    match v {
                        EnumMember::Name(name) => {
                            write!(f, "'{}'", escape_single_quote_string(name))?
                        }
                        EnumMember::NamedValue(name, value) => {
                            write!(f, "'{}' = {}", escape_single_quote_string(name), value)?
                        }
                    }
                }
                write!(f, ")")
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Set(vals) => {
                write!(f, "SET(")?;
                for (i, v) in vals.iter().enumerate() {
                    if i != 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "'{}'", escape_single_quote_string(v))?;
                }
                write!(f, ")")
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Struct(fields, bracket) => {
                if !fields.is_empty() {
                    match bracket {
                        StructBracketKind::Parentheses => {
                            write!(f, "STRUCT({})", display_comma_separated(fields))
                        }
                        StructBracketKind::AngleBrackets => {
                            write!(f, "STRUCT<{}>", display_comma_separated(fields))
                        }
                    }
                } else {
                    write!(f, "STRUCT")
                }
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Union(fields) => {
                write!(f, "UNION({})", display_comma_separated(fields))
            }
            // ClickHouse
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Nullable(data_type) => {
                write!(f, "Nullable({})", data_type)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::FixedString(character_length) => {
                write!(f, "FixedString({})", character_length)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::LowCardinality(data_type) => {
                write!(f, "LowCardinality({})", data_type)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Map(key_data_type, value_data_type) => {
                write!(f, "Map({}, {})", key_data_type, value_data_type)
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Tuple(fields) => {
                write!(f, "Tuple({})", display_comma_separated(fields))
            }
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Nested(fields) => {
                write!(f, "Nested({})", display_comma_separated(fields))
            }
            DataType::Unspecified => Ok(()),
            #[cfg(not(feature = "quarry-subset"))]
            DataType::Trigger => write!(f, "TRIGGER"),
            // QUARRY PATCH 4: without the arms above, only what Quarry builds is printed.
            #[cfg(feature = "quarry-subset")]
            #[allow(unreachable_patterns)] // QUARRY PATCH 14: unreachable without the parser
            _ => Err(fmt::Error),
        }
    }
}

fn format_type_with_optional_length(
    f: &mut fmt::Formatter,
    sql_type: &'static str,
    len: &Option<u64>,
    unsigned: bool,
) -> fmt::Result {
    write!(f, "{sql_type}")?;
    if let Some(len) = len {
        write!(f, "({len})")?;
    }
    if unsigned {
        write!(f, " UNSIGNED")?;
    }
    Ok(())
}

fn format_character_string_type(
    f: &mut fmt::Formatter,
    sql_type: &str,
    size: &Option<CharacterLength>,
) -> fmt::Result {
    write!(f, "{sql_type}")?;
    if let Some(size) = size {
        write!(f, "({size})")?;
    }
    Ok(())
}

fn format_datetime_precision_and_tz(
    f: &mut fmt::Formatter,
    sql_type: &'static str,
    len: &Option<u64>,
    time_zone: &TimezoneInfo,
) -> fmt::Result {
    write!(f, "{sql_type}")?;
    let len_fmt = len.as_ref().map(|l| format!("({l})")).unwrap_or_default();

    match time_zone {
        TimezoneInfo::Tz => {
            write!(f, "{time_zone}{len_fmt}")?;
        }
        _ => {
            write!(f, "{len_fmt}{time_zone}")?;
        }
    }

    Ok(())
}

fn format_clickhouse_datetime_precision_and_timezone(
    f: &mut fmt::Formatter,
    sql_type: &'static str,
    len: &u64,
    time_zone: &Option<String>,
) -> fmt::Result {
    write!(f, "{sql_type}({len}")?;

    if let Some(time_zone) = time_zone {
        write!(f, ", '{time_zone}'")?;
    }

    write!(f, ")")?;

    Ok(())
}

/// Type of brackets used for `STRUCT` literals.
#[derive(Debug, Clone, PartialEq, PartialOrd, Eq, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "visitor", derive(Visit, VisitMut))]
pub enum StructBracketKind {
    /// Example: `STRUCT(a INT, b STRING)`
    Parentheses,
    /// Example: `STRUCT<a INT, b STRING>`
    AngleBrackets,
}

/// Timestamp and Time data types information about TimeZone formatting.
///
/// This is more related to a display information than real differences between each variant. To
/// guarantee compatibility with the input query we must maintain its exact information.
#[derive(Debug, Copy, Clone, PartialEq, PartialOrd, Eq, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "visitor", derive(Visit, VisitMut))]
pub enum TimezoneInfo {
    /// No information about time zone. E.g., TIMESTAMP
    None,
    /// Temporal type 'WITH TIME ZONE'. E.g., TIMESTAMP WITH TIME ZONE, [standard], [Oracle]
    ///
    /// [standard]: https://jakewheat.github.io/sql-overview/sql-2016-foundation-grammar.html#datetime-type
    /// [Oracle]: https://docs.oracle.com/en/database/oracle/oracle-database/12.2/nlspg/datetime-data-types-and-time-zone-support.html#GUID-3F1C388E-C651-43D5-ADBC-1A49E5C2CA05
    WithTimeZone,
    /// Temporal type 'WITHOUT TIME ZONE'. E.g., TIME WITHOUT TIME ZONE, [standard], [Postgresql]
    ///
    /// [standard]: https://jakewheat.github.io/sql-overview/sql-2016-foundation-grammar.html#datetime-type
    /// [Postgresql]: https://www.postgresql.org/docs/current/datatype-datetime.html
    WithoutTimeZone,
    /// Postgresql specific `WITH TIME ZONE` formatting, for both TIME and TIMESTAMP. E.g., TIMETZ, [Postgresql]
    ///
    /// [Postgresql]: https://www.postgresql.org/docs/current/datatype-datetime.html
    Tz,
}

impl fmt::Display for TimezoneInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimezoneInfo::None => {
                write!(f, "")
            }
            TimezoneInfo::WithTimeZone => {
                write!(f, " WITH TIME ZONE")
            }
            TimezoneInfo::WithoutTimeZone => {
                write!(f, " WITHOUT TIME ZONE")
            }
            TimezoneInfo::Tz => {
                // TZ is the only one that is displayed BEFORE the precision, so the datatype display
                // must be aware of that. Check <https://www.postgresql.org/docs/14/datatype-datetime.html>
                // for more information
                write!(f, "TZ")
            }
        }
    }
}

/// Additional information for `NUMERIC`, `DECIMAL`, and `DEC` data types
/// following the 2016 [standard].
///
/// [standard]: https://jakewheat.github.io/sql-overview/sql-2016-foundation-grammar.html#exact-numeric-type
#[derive(Debug, Copy, Clone, PartialEq, PartialOrd, Eq, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "visitor", derive(Visit, VisitMut))]
pub enum ExactNumberInfo {
    /// No additional information e.g. `DECIMAL`
    None,
    /// Only precision information e.g. `DECIMAL(10)`
    Precision(u64),
    /// Precision and scale information e.g. `DECIMAL(10,2)`
    PrecisionAndScale(u64, u64),
}

impl fmt::Display for ExactNumberInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExactNumberInfo::None => {
                write!(f, "")
            }
            ExactNumberInfo::Precision(p) => {
                write!(f, "({p})")
            }
            ExactNumberInfo::PrecisionAndScale(p, s) => {
                write!(f, "({p},{s})")
            }
        }
    }
}

/// Information about [character length][1], including length and possibly unit.
///
/// [1]: https://jakewheat.github.io/sql-overview/sql-2016-foundation-grammar.html#character-length
#[derive(Debug, Copy, Clone, PartialEq, PartialOrd, Eq, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "visitor", derive(Visit, VisitMut))]
pub enum CharacterLength {
    IntegerLength {
        /// Default (if VARYING) or maximum (if not VARYING) length
        length: u64,
        /// Optional unit. If not informed, the ANSI handles it as CHARACTERS implicitly
        unit: Option<CharLengthUnits>,
    },
    /// VARCHAR(MAX) or NVARCHAR(MAX), used in T-SQL (Microsoft SQL Server)
    Max,
}

impl fmt::Display for CharacterLength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CharacterLength::IntegerLength { length, unit } => {
                write!(f, "{}", length)?;
                if let Some(unit) = unit {
                    write!(f, " {unit}")?;
                }
            }
            CharacterLength::Max => {
                write!(f, "MAX")?;
            }
        }
        Ok(())
    }
}

/// Possible units for characters, initially based on 2016 ANSI [standard][1].
///
/// [1]: https://jakewheat.github.io/sql-overview/sql-2016-foundation-grammar.html#char-length-units
#[derive(Debug, Copy, Clone, PartialEq, PartialOrd, Eq, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "visitor", derive(Visit, VisitMut))]
pub enum CharLengthUnits {
    /// CHARACTERS unit
    Characters,
    /// OCTETS unit
    Octets,
}

impl fmt::Display for CharLengthUnits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Characters => {
                write!(f, "CHARACTERS")
            }
            Self::Octets => {
                write!(f, "OCTETS")
            }
        }
    }
}

/// Represents the data type of the elements in an array (if any) as well as
/// the syntax used to declare the array.
///
/// For example: Bigquery/Hive use `ARRAY<INT>` whereas snowflake uses ARRAY.
#[derive(Debug, Clone, PartialEq, PartialOrd, Eq, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "visitor", derive(Visit, VisitMut))]
pub enum ArrayElemTypeDef {
    /// `ARRAY`
    None,
    /// `ARRAY<INT>`
    AngleBracket(Box<DataType>),
    /// `INT[]` or `INT[2]`
    SquareBracket(Box<DataType>, Option<u64>),
    /// `Array(Int64)`
    Parenthesis(Box<DataType>),
}
