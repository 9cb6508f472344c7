/**
 * Which files of Dawn's repository make up Tint's compute corpus, and how a failure is named in the
 * coverage table (scripts/wgsl-coverage.ts). Pure functions, so the selection and the classes are tested
 * without a Dawn copy.
 */

/** Tint's generated per-overload builtin tests: counted as their own set, they would swamp the rest. */
const GENERATED = 'test/tint/builtins/gen/';

export type CorpusSet = 'main' | 'gen';

/** A Tint test input (not one of its `*.expected.*` outputs) of the chosen set. */
export function isCorpusPath(path: string, set: CorpusSet): boolean {
  if (!path.startsWith('test/tint/') || !path.endsWith('.wgsl') || path.includes('.expected.')) return false;
  return set === 'gen' ? path.startsWith(GENERATED) : !path.startsWith(GENERATED);
}

/** A compute shader that Chrome compiles without Chromium-only extensions. */
export function isComputeSource(text: string): boolean {
  const code = stripComments(text);
  return /@\s*compute\b/.test(code) && !/\benable\b[^;]*\bchromium_/.test(code);
}

/** Uses textures or samplers (a separate, later piece of work: reported apart, still failures). */
export function usesTextures(text: string): boolean {
  const code = stripComments(text);
  return /\b(texture_\w+|sampler|sampler_comparison|texture[A-Z]\w*)\b/.test(code);
}

/** `count` evenly spread items of `items` (all of them when `count` is absent or not smaller). */
export function spreadSample<T>(items: readonly T[], count?: number): T[] {
  if (count === undefined || count >= items.length) return [...items];
  const out: T[] = [];
  for (let i = 0; i < count; i++) out.push(items[Math.floor((i * items.length) / count)]!);
  return out;
}

/**
 * The class of a diagnostic: its message with names, numbers and types taken out, so that
 * `'x' is not supported yet` for two names counts as one cause.
 */
export function failureClass(message: string): string {
  const first = message.split('\n')[0]!.trim();
  return first
    .replace(/'[^']*'/g, "'…'")
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\b\d+(\.\d+)?\b/g, 'N')
    .slice(0, 140);
}

/** The first error nvcc printed (`k.cu(12): error: …`), as a class. */
export function nvccFailureClass(log: string): string {
  const line = log.split('\n').find((l) => /\berror\b/.test(l)) ?? log.split('\n')[0] ?? '';
  const msg = line.replace(/^.*?\berror\b[^:]*:\s*/, '');
  return `nvcc: ${failureClass(msg)}`;
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
}
