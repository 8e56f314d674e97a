// The in-browser SQLite executors accept the libraries' own database objects.
import sqlite3InitModule from "@sqlite.org/sqlite-wasm";
import { Database, sqljsExecutor, sqliteWasmExecutor, type Executor } from "quarry";

export async function wasm(): Promise<Database> {
  const sqlite3 = await sqlite3InitModule();
  const exec: Required<Executor> = sqliteWasmExecutor(new sqlite3.oo1.DB(":memory:"));
  return new Database(exec);
}

// sql.js ships no types: any object with its shape will do.
declare const sqljs: {
  prepare(sql: string): { bind(p: unknown[]): boolean; step(): boolean; get(): unknown[]; getColumnNames(): string[]; free(): boolean };
  create_function(name: string, fn: (...args: any[]) => unknown): unknown;
};
export const fromSqljs: Database = new Database(sqljsExecutor(sqljs));

// @ts-expect-error: not a database
sqljsExecutor({});
// @ts-expect-error: a sql.js database is not a sqlite-wasm one
sqliteWasmExecutor(sqljs);
