/**
 * The SQL pane body (lazy-loaded with Monaco): editor, direction/status header, progress + cancel, problems list.
 */
import { useEffect, useReducer, useRef } from 'react';
import type { Diagnostic } from '../../core/model/diagnostics';
import { useApp } from '../store';
import { LANGUAGE_ID, monaco, setupMonaco } from './monaco';
import { findTableStatement, tableAtOffset } from './statements';
import { attachEditor, cancelRunningParse, editorBlurred, regenerate, setPaneOpen, textEdited, useSqlPane } from './sync';
import { OpenSqlFileButton } from './SqlToolbar';

type Editor = monaco.editor.IStandaloneCodeEditor;

const SEVERITY = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info } as const;

function diagRange(model: monaco.editor.ITextModel, d: Diagnostic): monaco.IRange {
  if (d.start !== undefined) {
    const len = model.getValueLength();
    const a = model.getPositionAt(Math.min(d.start, len));
    let b = model.getPositionAt(Math.min(Math.max(d.end ?? d.start, d.start + 1), len));
    if (b.lineNumber === a.lineNumber && b.column === a.column) b = new monaco.Position(a.lineNumber, model.getLineMaxColumn(a.lineNumber));
    return { startLineNumber: a.lineNumber, startColumn: a.column, endLineNumber: b.lineNumber, endColumn: b.column };
  }
  const line = Math.min(Math.max(d.line ?? 1, 1), model.getLineCount());
  const col = Math.max(d.column ?? 1, 1);
  return { startLineNumber: line, startColumn: col, endLineNumber: line, endColumn: Math.max(col + 1, model.getLineMaxColumn(line)) };
}

const themeName = () => (document.documentElement.dataset.theme === 'dark' ? 'vs-dark' : 'vs');

const kb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** Statements the diagram does not model: kept verbatim and exported again — listed so none goes unnoticed. */
function RawList({ onJump }: { onJump: (sql: string) => void }) {
  const raw = useApp((s) => s.doc.schema.raw);
  const list = Object.values(raw).sort((a, b) => a.seq - b.seq);
  if (list.length === 0) return null;
  return (
    <details className="tw-sql__raw" data-testid="sql-raw">
      <summary>
        Kept verbatim, not on the diagram <span className="tw-sql__count">{list.length}</span>
      </summary>
      <ul>
        {list.slice(0, 300).map((r) => (
          <li key={r.id}>
            <button type="button" className="tw-sql__problem is-info" onClick={() => onJump(r.sql)} title={r.sql.slice(0, 400)}>
              <span className="tw-sql__sev" role="img" aria-label="kept verbatim" />
              <span className="tw-sql__msg">{r.label}</span>
              <span className="tw-sql__where">{r.nodeType}</span>
            </button>
          </li>
        ))}
        {list.length > 300 ? <li className="tw-sql__more">…and {list.length - 300} more</li> : null}
      </ul>
    </details>
  );
}

export default function SqlPane() {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Editor | null>(null);
  const external = useRef(false);
  const fromEditor = useRef(false);
  const revealRef = useRef<(move: boolean) => void>(() => {});
  const textVersion = useSqlPane((s) => s.textVersion);
  const diagnostics = useSqlPane((s) => s.diagnostics);
  const diagSource = useSqlPane((s) => s.diagSource);
  const direction = useSqlPane((s) => s.direction);
  const status = useSqlPane((s) => s.status);
  const message = useSqlPane((s) => s.message);
  const parse = useSqlPane((s) => s.parse);
  const canvasAhead = useSqlPane((s) => s.canvasAhead);
  const dirty = useSqlPane((s) => s.dirty);
  const [, tick] = useReducer((x: number) => x + 1, 0);

  // Create the editor once.
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    setupMonaco(() => useApp.getState().doc.schema);
    const model = monaco.editor.createModel(useSqlPane.getState().text, LANGUAGE_ID);
    const ed = monaco.editor.create(el, {
      model,
      theme: themeName(),
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      lineHeight: 20,
      tabSize: 2,
      scrollBeyondLastLine: false,
      wordBasedSuggestions: 'off',
      fixedOverflowWidgets: true,
      renderLineHighlight: 'line',
      placeholder: 'Paste or type PostgreSQL DDL — the diagram follows.',
      ariaLabel: 'SQL editor',
      stickyScroll: { enabled: false },
      // Bracket-pair colouring re-parses a pasted dump's brackets inside the first frame after the paste (a long
      // task for a 2 MB pg_dump); matching brackets still works.
      bracketPairColorization: { enabled: false },
    });
    editorRef.current = ed;
    let cached: { v: number; text: string } | null = null;
    const text = () => {
      const v = model.getVersionId();
      if (!cached || cached.v !== v) cached = { v, text: model.getValue() };
      return cached.text;
    };
    const subs = [
      model.onDidChangeContent(() => {
        if (!external.current) textEdited();
      }),
      ed.onDidBlurEditorText(() => editorBlurred()),
      ed.onDidPaste(() => textEdited(true)),
    ];
    let cursorTimer: ReturnType<typeof setTimeout> | undefined;
    subs.push(
      ed.onDidChangeCursorPosition((e) => {
        if (!ed.hasTextFocus() || (e.source !== 'keyboard' && e.source !== 'mouse')) return;
        clearTimeout(cursorTimer);
        cursorTimer = setTimeout(() => {
          const pos = ed.getPosition();
          if (!pos) return;
          const app = useApp.getState();
          const id = tableAtOffset(text(), app.doc.schema, model.getOffsetAt(pos));
          if (!id || (app.selection.length === 1 && app.selection[0] === id)) return;
          fromEditor.current = true;
          app.focusTable(id);
          fromEditor.current = false;
        }, 120);
      }),
    );
    const detach = attachEditor({ getText: text, hasFocus: () => ed.hasTextFocus() });
    const themeObs = new MutationObserver(() => monaco.editor.setTheme(themeName()));
    themeObs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

    // Canvas selection → reveal the table's statement.
    let decorations = ed.createDecorationsCollection();
    const reveal = (move: boolean) => {
      const s = useApp.getState();
      decorations.clear();
      if (s.selection.length !== 1) return;
      const st = findTableStatement(text(), s.doc.schema, s.selection[0]!);
      if (!st) return;
      const a = model.getPositionAt(st.start);
      const b = model.getPositionAt(st.end);
      decorations = ed.createDecorationsCollection([
        { range: new monaco.Range(a.lineNumber, 1, b.lineNumber, 1), options: { isWholeLine: true, className: 'tw-sql-stmt', linesDecorationsClassName: 'tw-sql-stmt-gutter' } },
      ]);
      if (!move) return;
      const n1 = model.getPositionAt(st.nameStart);
      const n2 = model.getPositionAt(st.nameEnd);
      ed.setSelection(new monaco.Range(n1.lineNumber, n1.column, n2.lineNumber, n2.column));
      ed.revealRangeNearTopIfOutsideViewport(new monaco.Range(a.lineNumber, 1, Math.min(b.lineNumber, a.lineNumber + 12), 1));
    };
    revealRef.current = reveal;
    const unsubSel = useApp.subscribe((s, prev) => {
      if (s.selection === prev.selection) return;
      reveal(!fromEditor.current);
    });
    return () => {
      clearTimeout(cursorTimer);
      unsubSel();
      themeObs.disconnect();
      detach();
      for (const s of subs) s.dispose();
      ed.dispose();
      model.dispose();
      editorRef.current = null;
    };
  }, []);

  // Text replaced from outside (canvas → SQL, file import).
  useEffect(() => {
    const ed = editorRef.current;
    const model = ed?.getModel();
    if (!ed || !model) return;
    const text = useSqlPane.getState().text;
    if (model.getValue() === text) return;
    external.current = true;
    try {
      ed.pushUndoStop();
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
      ed.pushUndoStop();
    } finally {
      external.current = false;
    }
    revealRef.current(!ed.hasTextFocus());
  }, [textVersion]);

  // Diagnostics → markers.
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const markers =
      diagSource === null
        ? diagnostics.map((d) => ({ ...diagRange(model, d), severity: SEVERITY[d.severity], message: d.message, code: d.code, source: 'Tablewright' }))
        : [];
    monaco.editor.setModelMarkers(model, 'tablewright', markers);
  }, [diagnostics, diagSource]);

  // Progress clock while parsing.
  useEffect(() => {
    if (!parse) return;
    const t = setInterval(tick, 100);
    return () => clearInterval(t);
  }, [parse]);

  const jump = (d: Diagnostic) => {
    const ed = editorRef.current;
    const model = ed?.getModel();
    if (!ed || !model || diagSource !== null) return;
    const r = diagRange(model, d);
    ed.setSelection(r);
    ed.revealRangeInCenter(r);
    ed.focus();
  };

  const jumpToText = (sql: string) => {
    const ed = editorRef.current;
    const model = ed?.getModel();
    if (!ed || !model) return;
    const head = sql.slice(0, 200);
    const at = model.getValue().indexOf(head);
    if (at < 0) return;
    const a = model.getPositionAt(at);
    const b = model.getPositionAt(at + head.length);
    const r = new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column);
    ed.setSelection(r);
    ed.revealRangeInCenter(r);
    ed.focus();
  };

  const elapsed = parse ? performance.now() - parse.startedAt : 0;
  const showProgress = !!parse && elapsed > 150;
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const statusText =
    parse && showProgress
      ? `${parse.label} (${kb(parse.bytes)})… ${(elapsed / 1000).toFixed(1)} s`
      : message ??
        (status === 'parsing' ? 'Parsing…' : dirty ? 'Edited — applying…' : direction === 'sql' ? 'Diagram updated from SQL' : direction === 'canvas' ? 'SQL generated from the diagram' : '');

  return (
    <section className="tw-sql" aria-label="SQL editor pane">
      <div className="tw-sql__head">
        <strong className="tw-sql__title">SQL</strong>
        <span className={`tw-sql__dir${direction ? ` is-${direction}` : ''}`} data-testid="sql-direction" title="Which side drove the last sync">
          {direction === 'canvas' ? 'Canvas → SQL' : 'SQL → Canvas'}
        </span>
        <span className={`tw-sql__status is-${status}`} data-testid="sql-status" role="status" aria-live="polite">
          {statusText}
        </span>
        {showProgress ? (
          <>
            <span className="tw-sql__progress" role="progressbar" aria-label="Parsing SQL" aria-busy="true" data-testid="sql-progress" />
            <button type="button" className="tw-btn tw-btn--ghost" onClick={() => cancelRunningParse()}>
              Cancel
            </button>
          </>
        ) : null}
        <span className="tw-sql__spacer" />
        {canvasAhead ? (
          <button type="button" className="tw-btn" onClick={() => void regenerate()} title="The diagram changed since this text: replace the text with the diagram's SQL">
            Update SQL from diagram
          </button>
        ) : null}
        <OpenSqlFileButton compact />
        <button type="button" className="tw-btn tw-btn--ghost" onClick={() => setPaneOpen(false)} aria-label="Close SQL pane" title="Close SQL pane">
          ✕
        </button>
      </div>
      <div className="tw-sql__body">
        <div ref={host} className="tw-sql__editor" data-testid="sql-editor" />
        <div className="tw-sql__problems" aria-label="Problems">
          <div className="tw-sql__problems-head">
            Problems{diagSource ? ` in ${diagSource}` : ''}{' '}
            <span className="tw-sql__count" data-testid="sql-problem-count">
              {diagnostics.length === 0 ? 'none' : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} other`}
            </span>
          </div>
          <ul data-testid="sql-problems">
            {diagnostics.slice(0, 500).map((d, i) => (
              <li key={i}>
                <button type="button" className={`tw-sql__problem is-${d.severity}`} onClick={() => jump(d)} disabled={diagSource !== null}>
                  <span className="tw-sql__sev" role="img" aria-label={d.severity} />
                  <span className="tw-sql__msg">{d.message}</span>
                  <span className="tw-sql__where">
                    {d.code}
                    {d.line !== undefined ? ` · Ln ${d.line}, Col ${d.column ?? 1}` : ''}
                  </span>
                </button>
              </li>
            ))}
            {diagnostics.length > 500 ? <li className="tw-sql__more">…and {diagnostics.length - 500} more</li> : null}
          </ul>
          <RawList onJump={jumpToText} />
        </div>
      </div>
    </section>
  );
}
