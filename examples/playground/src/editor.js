// CodeMirror 6: the JavaScript editor, and read-only SQL views.
// The editor's extensions are picked one by one rather than codemirror's
// basicSetup: no search panel, lint or autocompletion (a third of the weight).
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection } from "@codemirror/view";
import { EditorState, Prec } from "@codemirror/state";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { syntaxHighlighting, defaultHighlightStyle, bracketMatching, indentOnInput } from "@codemirror/language";
import { javascript } from "@codemirror/lang-javascript";
import { sql, SQLite } from "@codemirror/lang-sql";

const theme = EditorView.theme({
  "&": { fontSize: "14px" },
  ".cm-content": { fontFamily: "var(--mono)" },
  ".cm-gutters": { background: "transparent", border: "none" },
});

/** The QuerySet editor; `onChange(text)` on every edit, `onRun()` on Ctrl/Cmd+Enter. */
export function createEditor(parent, { doc, onChange, onRun }) {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => (onRun(), true) }])),
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        syntaxHighlighting(defaultHighlightStyle),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        javascript(),
        theme,
        EditorView.lineWrapping,
        EditorView.updateListener.of((u) => u.docChanged && onChange(u.state.doc.toString())),
        EditorView.contentAttributes.of({ "aria-label": "QuerySet expression (JavaScript)" }),
      ],
    }),
  });
}

/** A read-only, highlighted SQL view; returns `set(text)`. */
export function createSqlView(parent) {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      extensions: [sql({ dialect: SQLite }), syntaxHighlighting(defaultHighlightStyle), theme, EditorView.editable.of(false), EditorState.readOnly.of(true), EditorView.lineWrapping],
    }),
  });
  return (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

export const setText = (view, text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
