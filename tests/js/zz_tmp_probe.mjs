const { Database, fields, Q, F } = await import("quarry");
const db = new Database(null);
const A = db.model("Author", { name: fields.CharField({ maxLength: 100 }), age: fields.IntegerField({ null: true }) }, { table: "author" });
const depth = Number(process.argv[2]);
let q = Q({ age__isnull: true });
for (let i = 0; i < depth; i++) q = q.or(Q({ name__isnull: true }));
let qs;
try { qs = A.objects.filter(q); console.log("filter ok"); } catch (e) { console.log("filter THROWS", e.constructor.name, e.message.slice(0, 100)); }
try { const c = qs.compile(); console.log("compile ok", c.sql.length); } catch (e) { console.log("compile THROWS", e.constructor.name, e.message.slice(0, 100)); }
try { console.log("after", A.objects.filter({ name: "x" }).compile().sql.length); } catch (e) { console.log("after THROWS", e.constructor.name, e.message.slice(0, 100)); }
