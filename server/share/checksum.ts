/** The sha256 (hex) a stored text is checked against, and secrets are kept as. */
import { createHash } from 'node:crypto';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
