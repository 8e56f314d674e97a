-- Made by `npx quarry makemigrations`. Apply it with `npx wrangler d1 migrations apply <DB>`
-- or `await db.migrate({ migrations })`. The last line records the models' state for the next
-- makemigrations: keep it as it is.
--
-- Create model Author
--
CREATE TABLE "author" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL, "age" integer NULL, "email" varchar(200) NOT NULL UNIQUE);
--
-- Create model Book
--
CREATE TABLE "book" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(200) NOT NULL, "pages" integer NOT NULL, "rating" real NULL, "inPrint" bool NOT NULL, "pubDate" date NOT NULL, "author_id" integer NOT NULL REFERENCES "author" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "book_author_id_c4d52965" ON "book" ("author_id");
-- quarry:state 61a916a7 {"parent":null,"models":[{"name":"Author","table":"author","fields":[["id",{"kind":"AutoField","autoCreated":true,"primaryKey":true}],["name",{"kind":"CharField","maxLength":100}],["age",{"kind":"IntegerField","null":true}],["email",{"kind":"CharField","unique":true,"maxLength":200}]],"indexes":[],"constraints":[]},{"name":"Book","table":"book","fields":[["id",{"kind":"AutoField","autoCreated":true,"primaryKey":true}],["title",{"kind":"CharField","maxLength":200}],["pages",{"kind":"IntegerField","default":"0"}],["rating",{"kind":"FloatField","null":true}],["inPrint",{"kind":"BooleanField","default":"1"}],["pubDate",{"kind":"DateField"}],["author",{"kind":"ForeignKey","to":"Author"}]],"indexes":[],"constraints":[]}]}
