import { Database, fields } from "quarry";

// Models are defined once per isolate, at module scope, on a Database
// without an executor. Each request runs its queries through its own
// env.DB with using() (Django's name): cheap, and safe when requests overlap.
const db = new Database();
const Note = db.model("Note", {
  text: fields.TextField(),
  done: fields.BooleanField({ default: false }),
});

// CREATE TABLE IF NOT EXISTS, once per isolate (or use wrangler d1 migrations).
let migrated;

export default {
  async fetch(request, env) {
    migrated ??= db.migrate({ using: env.DB });
    await migrated;
    const notes = Note.objects.using(env.DB);
    if (request.method === "POST") {
      const note = await notes.acreate({ text: await request.text() });
      return Response.json(note, { status: 201 });
    }
    const open = await notes.filter({ done: false }).orderBy("-id").values("id", "text").alist();
    return Response.json({ open, total: await notes.acount() });
  },
};
