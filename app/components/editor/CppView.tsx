'use client';
/**
 * The generated CUDA/CPU C++ in a read-only CodeMirror view with C++ highlighting
 * (@codemirror/lang-cpp), loaded on demand like the WGSL editor. Lines are linked to the WGSL both
 * ways: every line made from the WGSL line under the editor's cursor is highlighted (and scrolled
 * into view), and a `// wgsl:N` marker — or Enter on any line that came from WGSL — selects that
 * line in the WGSL editor.
 */
import { cpp } from '@codemirror/lang-cpp';
import { Compartment, EditorState, type Range, RangeSet } from '@codemirror/state';
import { Decoration, drawSelection, EditorView, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { GeneratedLine } from '../../lib/generated-lines';
import { editorHighlight, editorTheme } from './editor-theme';

export interface CppViewProps {
  /** The lines shown, in order (a slice of the generated source). */
  lines: GeneratedLine[];
  /** The generated-source line number of `lines[0]` (the gutter shows the real numbers). */
  firstLine: number;
  /** The WGSL line whose C++ is highlighted (the WGSL editor's cursor line). */
  linkedWgslLine: number | null;
  onShowWgslLine(line: number): void;
  label: string;
}

const MARKER = /\/\/ wgsl:\d+/;

/** The link look of `// wgsl:N` markers (over the comment colour) and the linked lines' background. */
const linkTheme = EditorView.theme({
  '.cm-linked-line': { backgroundColor: 'var(--cm-linked-line)' },
  '.cm-wgsl-link, .cm-wgsl-link *': {
    color: 'var(--cm-builtin)',
    textDecoration: 'underline dotted',
    cursor: 'pointer',
  },
});

function decorations(lines: GeneratedLine[], state: EditorState, linked: number | null) {
  const ranges: Range<Decoration>[] = [];
  lines.forEach((l, i) => {
    if (i + 1 > state.doc.lines) return;
    const line = state.doc.line(i + 1);
    const attributes: Record<string, string> = {};
    if (l.wgslLine !== null) attributes['data-wgsl-line'] = String(l.wgslLine);
    const linkedHere = linked !== null && l.wgslLine === linked;
    if (l.wgslLine !== null || linkedHere)
      ranges.push(
        Decoration.line({ attributes, ...(linkedHere ? { class: 'cm-linked-line' } : {}) }).range(line.from),
      );
    const m = l.marker && l.wgslLine !== null ? MARKER.exec(l.text) : null;
    if (m)
      ranges.push(
        Decoration.mark({
          class: 'cm-wgsl-link',
          attributes: {
            'data-testid': 'wgsl-link',
            'data-line': String(l.wgslLine),
            title: `Show WGSL line ${l.wgslLine} in the editor`,
          },
        }).range(line.from + m.index, line.from + m.index + m[0].length),
      );
  });
  return RangeSet.of(ranges, true);
}

export default function CppView({ lines, firstLine, linkedWgslLine, onShowWgslLine, label }: CppViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const links = useRef(new Compartment());
  const gutter = useRef(new Compartment());
  // The view is created once; handlers read the latest props through refs.
  const linesRef = useRef(lines);
  const onShowRef = useRef(onShowWgslLine);
  linesRef.current = lines;
  onShowRef.current = onShowWgslLine;

  useEffect(() => {
    if (!host.current) return;
    const showCursorLine = (v: EditorView) => {
      const n = v.state.doc.lineAt(v.state.selection.main.head).number;
      const wgsl = linesRef.current[n - 1]?.wgslLine;
      if (wgsl == null) return false;
      onShowRef.current(wgsl);
      return true;
    };
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: '',
        extensions: [
          gutter.current.of(lineNumbers()),
          drawSelection(),
          EditorState.readOnly.of(true),
          cpp(),
          editorTheme,
          linkTheme,
          editorHighlight,
          links.current.of([]),
          keymap.of([{ key: 'Enter', run: showCursorLine }]),
          // On mousedown, handled here (not by CodeMirror's selection, which would keep the focus in
          // this view): the WGSL editor takes the focus with the line selected.
          EditorView.domEventHandlers({
            mousedown: (e) => {
              const link = (e.target as HTMLElement | null)?.closest<HTMLElement>('.cm-wgsl-link');
              if (e.button !== 0 || !link?.dataset.line) return false;
              e.preventDefault();
              onShowRef.current(Number(link.dataset.line));
              return true;
            },
          }),
          EditorView.contentAttributes.of({ 'aria-label': label, 'aria-readonly': 'true' }),
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

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const text = lines.map((l) => l.text).join('\n');
    const current = v.state.doc.toString();
    v.dispatch({
      ...(current !== text ? { changes: { from: 0, to: current.length, insert: text } } : {}),
      effects: gutter.current.reconfigure(lineNumbers({ formatNumber: (n) => String(n + firstLine - 1) })),
    });
  }, [lines, firstLine]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const set = decorations(lines, v.state, linkedWgslLine);
    const first = lines.findIndex((l) => linkedWgslLine !== null && l.wgslLine === linkedWgslLine);
    v.dispatch({
      effects: [
        links.current.reconfigure(EditorView.decorations.of(set)),
        ...(first >= 0 && first < v.state.doc.lines
          ? [EditorView.scrollIntoView(v.state.doc.line(first + 1).from, { y: 'nearest' })]
          : []),
      ],
    });
  }, [lines, linkedWgslLine]);

  return <div ref={host} className="h-full min-h-[18rem] overflow-hidden" data-testid="cpp-view" />;
}
