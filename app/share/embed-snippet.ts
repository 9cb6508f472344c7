/**
 * The HTML a blog pastes to show a shared run's card (/embed/<id>, the one route other sites may
 * frame: server/security-headers.ts). The title is escaped: a kernel's name is the sharer's text.
 */
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtmlAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export function embedSnippet(origin: string, id: string, name: string): string {
  const src = new URL(`/embed/${encodeURIComponent(id)}`, origin).toString();
  const title = escapeHtmlAttribute(`Duet: ${name}`);
  return `<iframe src="${src}" title="${title}" width="640" height="400" style="border:0;max-width:100%" loading="lazy"></iframe>`;
}
