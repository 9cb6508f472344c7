/** The random id this browser keeps in a cookie; the server rate-limits saves by it (hashed). */
import { CLIENT_COOKIE } from '../../server/share/client-key-name';
import { newShareId } from '../../server/share/ids';

export function ensureClientCookie(): void {
  if (typeof document === 'undefined') return;
  const present = document.cookie.split(';').some((c) => c.trim().startsWith(`${CLIENT_COOKIE}=`));
  if (present) return;
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from Firefox
  document.cookie = `${CLIENT_COOKIE}=${newShareId()}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
}
