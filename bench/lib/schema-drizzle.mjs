// The Author/Book tables as drizzle-orm/sqlite-core declares them: shared by
// the compile mix (lib/drizzle.mjs) and the in-Worker bench (worker/index.mjs).
import { sqliteTable, integer, text, real } from "drizzle-orm/sqlite-core";

export function tables() {
  const author = sqliteTable("author", {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    age: integer("age"),
    email: text("email").notNull().unique(),
  });
  const book = sqliteTable("book", {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    pages: integer("pages").notNull().default(0),
    rating: real("rating"),
    inPrint: integer("inPrint", { mode: "boolean" }).notNull().default(true),
    pubDate: text("pubDate").notNull(),
    authorId: integer("author_id").notNull().references(() => author.id, { onDelete: "cascade" }),
  });
  return { author, book };
}
