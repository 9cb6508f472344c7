/**
 * Display-name rules: 1 to 32 characters after trimming and Unicode NFKC (so full-width and
 * composed look-alikes become one form), no control or invisible characters, at least one visible
 * letter, digit or symbol; unique in a room ignoring case and
 * runs of spaces.
 */
import { WorkshopError } from './errors';

export const MAX_NAME_CHARS = 32;

export function cleanName(raw: string): { name: string; key: string } {
  const name = raw.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (!name) throw new WorkshopError('bad-name', 'Enter a display name.');
  if ([...name].length > MAX_NAME_CHARS)
    throw new WorkshopError('bad-name', `A display name has at most ${MAX_NAME_CHARS} characters.`);
  // Default-ignorable code points (UAX #44: Hangul fillers, combining grapheme joiner, …) draw
  // nothing, so "ab" and "a\u034Fb" would look alike; U+FE0F stays, for emoji.
  if (/\p{Cc}|\p{Cf}|(?!\uFE0F)\p{Default_Ignorable_Code_Point}/u.test(name))
    throw new WorkshopError('bad-name', 'A display name cannot contain control or invisible characters.');
  // A name of blanks (U+2800) or bare combining marks shows nothing on the board.
  if (!/[\p{L}\p{N}\p{P}\p{S}]/u.test(name.replace(/\u2800/g, '')))
    throw new WorkshopError('bad-name', 'A display name needs a visible letter, digit or symbol.');
  return { name, key: name.toLocaleLowerCase('en') };
}
