'use client';
/**
 * The WGSL code editor (CodeMirror 6). Loaded with next/dynamic so CodeMirror stays out of the first
 * paint. Shows diagnostics from the translator and from WebGPU inline, each marked with its source.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentOnInput } from '@codemirror/language';
import { type Diagnostic, lintGutter, setDiagnostics } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { EditorState, type Text } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { SourceDiagnostic } from '../../lib/diagnostics';
import { editorHighlight, editorTheme } from './editor-theme';
import { wgslLanguage } from './wgsl-language';

export interface WgslEditorProps {
  value: string;
  onChange(value: string): void;
  onRun(): void;
  diagnostics: SourceDiagnostic[];
  label: string;
  /** Select and scroll to this 1-based line (a new object each time it is asked for). */
  reveal?: { line: number } | null;
  /** Reports the 1-based line of the cursor as it moves. */
  onCursorLine?(line: number): void;
}

function toCmDiagnostic(doc: Text, d: SourceDiagnostic): Diagnostic {
  const lineNo = Math.min(Math.max(1, d.line), doc.lines);
  const line = doc.line(lineNo);
  const from = Math.min(line.from + Math.max(0, d.col - 1), line.to);
  const wordEnd = /^\w+/.exec(doc.sliceString(from, line.to))?.[0].length ?? 0;
  const to = Math.min(line.to, from + Math.max(d.length ?? 0, wordEnd, 1));
  return {
    from,
    to: Math.max(to, from),
    severity: d.severity,
    source: d.source,
    message: `${d.line}:${d.col}: ${d.message}`,
  };
}

export default function WgslEditor({
  value,
  onChange,
  onRun,
  diagnostics,
  label,
  reveal,
  onCursorLine,
}: WgslEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // The editor is created once; callbacks reach the latest props through refs.
  const onChangeRef = useRef(onChange);
  const onRunRef = useRef(onRun);
  const onCursorLineRef = useRef(onCursorLine);
  onChangeRef.current = onChange;
  onRunRef.current = onRun;
  onCursorLineRef.current = onCursorLine;
  const initialValue = useRef(value);

  useEffect(() => {
    if (!host.current) return;
    const runKey = {
      key: 'Mod-Enter',
      preventDefault: true,
      run: () => {
        onRunRef.current();
        return true;
      },
    };
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initialValue.current,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          highlightSelectionMatches(),
          lintGutter(),
          keymap.of([runKey, indentWithTab, ...defaultKeymap, ...historyKeymap, ...searchKeymap]),
          wgslLanguage,
          editorTheme,
          editorHighlight,
          EditorState.tabSize.of(2),
          EditorView.contentAttributes.of({ 'aria-label': label, 'data-testid': 'wgsl-editor' }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) onChangeRef.current(u.state.doc.toString());
            if (u.selectionSet || u.docChanged)
              onCursorLineRef.current?.(u.state.doc.lineAt(u.state.selection.main.head).number);
          }),
        ],
      }),
    });
    // The scroller is a scrollable region; make it reachable by keyboard (axe: scrollable-region-focusable).
    v.scrollDOM.tabIndex = 0;
    v.scrollDOM.setAttribute('aria-label', `${label}, scroll area`);
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, [label]);

  // Follow external changes (a preset was loaded) without disturbing local edits.
  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const current = v.state.doc.toString();
    if (current !== value) v.dispatch({ changes: { from: 0, to: current.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (!v || !reveal) return;
    const line = v.state.doc.line(Math.min(Math.max(1, reveal.line), v.state.doc.lines));
    v.dispatch({
      selection: { anchor: line.from, head: line.to },
      effects: EditorView.scrollIntoView(line.from, { y: 'center' }),
    });
    v.focus();
  }, [reveal]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    v.dispatch(
      setDiagnostics(
        v.state,
        diagnostics.map((d) => toCmDiagnostic(v.state.doc, d)),
      ),
    );
  }, [diagnostics]);

  return <div ref={host} className="h-full min-h-[18rem] overflow-hidden" />;
}
