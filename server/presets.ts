/**
 * The kernel presets, read from shaders/<name>/workload.json (+ the .wgsl its "wgslFile" names).
 * Server-only: the page reads them while rendering on the server (at build time for the static page),
 * so the preset list lives in shaders/ alone.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Preset {
  /** Folder name under shaders/. */
  id: string;
  name: string;
  description: string;
  wgsl: string;
  /** The workload JSON without `wgsl`/`wgslFile`: what the page's workload panel edits. */
  workload: Record<string, unknown>;
}

/** A path inside shaders/ (statically scoped, so the bundler traces only that folder). */
function inShaders(...parts: string[]): string {
  return path.join(process.cwd(), 'shaders', ...parts);
}

/** Order of the spine's presets first; any other kernel follows alphabetically. */
const PREFERRED_ORDER = ['saxpy', 'reduce-workgroup'];

function rank(id: string): number {
  const i = PREFERRED_ORDER.indexOf(id);
  return i === -1 ? PREFERRED_ORDER.length : i;
}

function readPreset(id: string): Preset | null {
  const jsonPath = inShaders(id, 'workload.json');
  if (!existsSync(jsonPath)) return null;
  const raw = JSON.parse(readFileSync(jsonPath, 'utf8')) as Record<string, unknown>;
  const { wgsl: inlineWgsl, wgslFile, description, ...workload } = raw;
  let wgsl = typeof inlineWgsl === 'string' ? inlineWgsl : '';
  if (typeof wgslFile === 'string') wgsl = readFileSync(inShaders(id, wgslFile), 'utf8');
  if (!wgsl) return null;
  return {
    id,
    name: typeof workload.name === 'string' ? workload.name : id,
    description: typeof description === 'string' ? description : readNotesSummary(id),
    wgsl,
    workload,
  };
}

/** First paragraph of the kernel's notes (README.md or notes.md), if any. */
function readNotesSummary(id: string): string {
  for (const file of ['README.md', 'notes.md']) {
    const p = inShaders(id, file);
    if (!existsSync(p)) continue;
    const para = readFileSync(p, 'utf8')
      .split(/\n\s*\n/)
      .map((s) => s.trim())
      .find((s) => s && !s.startsWith('#'));
    if (para) return para.replace(/\s+/g, ' ');
  }
  return '';
}

export function loadPresets(): Preset[] {
  if (!existsSync(inShaders())) return [];
  return readdirSync(inShaders(), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => readPreset(d.name))
    .filter((p): p is Preset => p !== null)
    .sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
}
