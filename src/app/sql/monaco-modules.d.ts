// Monaco ships no typings for the per-language Monarch definitions.
declare module 'monaco-editor/languages/definitions/pgsql/pgsql.js' {
  import type { languages } from 'monaco-editor/editor/editor.api';
  export const conf: languages.LanguageConfiguration;
  export const language: languages.IMonarchLanguage;
}
