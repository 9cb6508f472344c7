/**
 * Display-name rules: 1 to 32 characters after trimming and Unicode NFKC (so full-width and
 * composed look-alikes become one form), no control characters; unique in a room ignoring case and
 * runs of spaces.
 */
import { WorkshopError } from './errors';

export const MAX_NAME_CHARS = 32;

export function cleanName(raw: string): { name: string; key: string } {
  const name = raw.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (!name) throw new WorkshopError('bad-name', 'Enter a display name.');
  if ([...name].length > MAX_NAME_CHARS)
    throw new WorkshopError('bad-name', `A display name has at most ${MAX_NAME_CHARS} characters.`);
  if (/\p{Cc}|\p{Cf}/u.test(name))
    throw new WorkshopError('bad-name', 'A display name cannot contain control or invisible characters.');
  return { name, key: name.toLocaleLowerCase('en') };
}
