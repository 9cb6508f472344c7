/** Editor colours from CSS variables (app/globals.css), so light and dark follow the page. */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

export const editorTheme = EditorView.theme({
  '&': { backgroundColor: 'var(--cm-bg)', color: 'var(--cm-fg)' },
  '.cm-content': { caretColor: 'var(--cm-caret)' },
  '.cm-gutters': {
    backgroundColor: 'var(--cm-gutter-bg)',
    color: 'var(--cm-gutter-fg)',
    borderRight: '1px solid var(--cm-border)',
  },
  '.cm-activeLine': { backgroundColor: 'var(--cm-active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--cm-active-line)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--cm-selection) !important',
  },
  '.cm-tooltip': { backgroundColor: 'var(--cm-gutter-bg)', border: '1px solid var(--cm-border)' },
  '.cm-diagnosticSource': { fontWeight: '600', opacity: '0.8' },
});

export const editorHighlight = syntaxHighlighting(
  HighlightStyle.define([
    { tag: [t.keyword, t.bool], color: 'var(--cm-keyword)' },
    { tag: [t.typeName], color: 'var(--cm-type)' },
    { tag: [t.modifier], color: 'var(--cm-modifier)' },
    { tag: [t.meta], color: 'var(--cm-attribute)' },
    { tag: [t.number], color: 'var(--cm-number)' },
    { tag: [t.lineComment, t.blockComment], color: 'var(--cm-comment)', fontStyle: 'italic' },
    { tag: [t.standard(t.variableName)], color: 'var(--cm-builtin)' },
    { tag: [t.function(t.variableName)], color: 'var(--cm-function)' },
    { tag: [t.operator, t.punctuation], color: 'var(--cm-punct)' },
  ]),
);
