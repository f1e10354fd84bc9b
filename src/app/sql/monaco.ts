/**
 * Monaco, bundled locally and trimmed to what the SQL pane uses: the editor core, a handful of contributions
 * (suggest, hover, find, comments, folding, markers navigation, context menu) and PostgreSQL highlighting.
 * Loaded only with the SQL pane (dynamic import), so the diagram's first paint does not pay for it.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/editor/browser/coreCommands.js';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution.js';
import 'monaco-editor/editor/contrib/find/browser/findController.js';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching.js';
import 'monaco-editor/editor/contrib/comment/browser/comment.js';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard.js';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu.js';
import 'monaco-editor/editor/contrib/folding/browser/folding.js';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError.js';
import 'monaco-editor/editor/contrib/linesOperations/browser/linesOperations.js';
import 'monaco-editor/editor/contrib/multicursor/browser/multicursor.js';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations.js';
import 'monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter.js';
import 'monaco-editor/editor/contrib/placeholderText/browser/placeholderText.contribution.js';
import 'monaco-editor/editor/common/standaloneStrings.js';
import { conf as pgConf, language as pgLanguage } from 'monaco-editor/languages/definitions/pgsql/pgsql.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import { emptySchemaModel, type SchemaModel } from '../../core/model/types';

export { monaco };

export const LANGUAGE_ID = 'pgsql';

const DDL_KEYWORDS = `ADD ALTER ALWAYS AND AS ASC AUTHORIZATION BEGIN BY CASCADE CHECK COLLATE COLUMN COMMENT COMMIT CONCURRENTLY
CONSTRAINT CREATE CURRENT_TIMESTAMP DATA DEFAULT DEFERRABLE DEFERRED DELETE DESC DISTINCT DOMAIN DROP EACH ENUM EXCLUDE
EXECUTE EXISTS EXTENSION FALSE FOR FOREIGN FROM FULL FUNCTION GENERATED GRANT IDENTITY IF IMMEDIATE IN INCLUDE INDEX
INHERITS INITIALLY INSERT INTO IS KEY LANGUAGE LIKE MATCH MATERIALIZED NO NOT NULL NULLS OF ON ONLY OR OWNED OWNER
PARTIAL PARTITION POLICY PRIMARY PROCEDURE RANGE LIST HASH REFERENCES RENAME REPLACE RESTRICT RETURNS ROW SCHEMA SELECT
SEQUENCE SET SIMPLE STORED TABLE TABLESPACE TEMPORARY TO TRIGGER TRUE TYPE UNIQUE UNLOGGED UPDATE USING VALID VALUES VIEW
WHERE WITH WITHOUT`.split(/\s+/);

const TYPES = `bigint bigserial bit boolean bytea char character varying cidr circle date daterange double precision inet int4range
int8range integer interval json jsonb line lseg macaddr money numeric numrange path point polygon real smallint
smallserial serial text time timetz timestamp timestamptz tsquery tsrange tstzrange tsvector uuid varchar xml
"char" citext oid regclass`.split(/\s+/);

let ready = false;
let getModel: () => SchemaModel = emptySchemaModel;

const quoteIfNeeded = (s: string) => (/^[a-z_][a-z0-9_$]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`);

/** Workers, language, completion. Idempotent. `model` supplies the schema used for completion. */
export function setupMonaco(model: () => SchemaModel): typeof monaco {
  getModel = model;
  if (ready) return monaco;
  ready = true;
  self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
  monaco.languages.register({ id: LANGUAGE_ID, extensions: ['.sql'], aliases: ['PostgreSQL', 'pgsql'] });
  monaco.languages.setMonarchTokensProvider(LANGUAGE_ID, pgLanguage);
  monaco.languages.setLanguageConfiguration(LANGUAGE_ID, pgConf);
  monaco.languages.registerCompletionItemProvider(LANGUAGE_ID, {
    triggerCharacters: ['.', ' '],
    provideCompletionItems(textModel, position) {
      const m = getModel();
      const word = textModel.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      const before = textModel.getLineContent(position.lineNumber).slice(0, word.startColumn - 1);
      const K = monaco.languages.CompletionItemKind;
      const items: monaco.languages.CompletionItem[] = [];
      const schemaName = (id: string) => m.schemas[id]?.name ?? 'public';
      // After `x.`: tables of schema x, or columns of table x.
      const dot = /("(?:[^"]|"")+"|[\w$]+)\.$/.exec(before);
      if (dot) {
        const q = dot[1]!.startsWith('"') ? dot[1]!.slice(1, -1).replace(/""/g, '"') : dot[1]!.toLowerCase();
        for (const t of Object.values(m.tables)) {
          if (schemaName(t.schemaId) === q) items.push({ label: t.name, kind: K.Struct, insertText: quoteIfNeeded(t.name), range, detail: `table in ${q}` });
          if (t.name === q) for (const c of t.columns) items.push({ label: c.name, kind: K.Field, insertText: quoteIfNeeded(c.name), range, detail: c.type });
        }
        return { suggestions: items };
      }
      for (const k of DDL_KEYWORDS) items.push({ label: k, kind: K.Keyword, insertText: k, range, sortText: `3${k}` });
      for (const t of TYPES) items.push({ label: t, kind: K.TypeParameter, insertText: t, range, sortText: `2${t}`, detail: 'type' });
      for (const s of Object.values(m.schemas)) items.push({ label: s.name, kind: K.Module, insertText: quoteIfNeeded(s.name), range, sortText: `1${s.name}`, detail: 'schema' });
      for (const ty of Object.values(m.types)) items.push({ label: ty.name, kind: K.TypeParameter, insertText: quoteIfNeeded(ty.name), range, sortText: `2${ty.name}`, detail: `${schemaName(ty.schemaId)} type` });
      const seenCols = new Set<string>();
      for (const t of Object.values(m.tables)) {
        const s = schemaName(t.schemaId);
        items.push({ label: s === 'public' ? t.name : `${s}.${t.name}`, kind: K.Struct, insertText: s === 'public' ? quoteIfNeeded(t.name) : `${quoteIfNeeded(s)}.${quoteIfNeeded(t.name)}`, range, sortText: `0${t.name}`, detail: 'table' });
        for (const c of t.columns) {
          if (seenCols.has(c.name)) continue;
          seenCols.add(c.name);
          items.push({ label: c.name, kind: K.Field, insertText: quoteIfNeeded(c.name), range, sortText: `1${c.name}`, detail: `column (${t.name})` });
        }
      }
      return { suggestions: items };
    },
  });
  return monaco;
}
