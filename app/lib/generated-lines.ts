/** Splits generated CUDA into lines and finds the WGSL line each part came from (`// wgsl:LINE`). */
export interface GeneratedLine {
  text: string;
  /** The WGSL line of the nearest `// wgsl:N` comment above (or on) this line, inside the module part. */
  wgslLine: number | null;
  /** This line is itself a `// wgsl:N` marker. */
  marker: boolean;
}

const MARKER = /\/\/ wgsl:(\d+)\b/;

export function generatedLines(code: string): GeneratedLine[] {
  let current: number | null = null;
  return code.split('\n').map((text) => {
    const m = MARKER.exec(text);
    if (m) current = Number(m[1]);
    else if (/^\S/.test(text) && !text.startsWith('//') && !text.startsWith('#')) {
      // A new top-level declaration without a marker ends the previous function's mapping.
      if (/^(}|namespace|struct|static|template|extern)/.test(text))
        current = text.startsWith('}') ? current : null;
    }
    return { text, wgslLine: current, marker: m !== null };
  });
}

/** The first generated line of each WGSL line, for "show me the CUDA of this line". */
export function firstGeneratedLineOf(lines: GeneratedLine[], wgslLine: number): number {
  return lines.findIndex((l) => l.marker && l.wgslLine === wgslLine);
}
