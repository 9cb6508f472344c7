'use client';
/**
 * Loads a picture into a texture binding: choose a file (the button is a real file input, so it is
 * reachable by Tab and opens with Enter or Space) or drop one on the box. The picture sets the
 * binding's size and texels (app/lib/image-texels.ts): at its own size, scaled down when it is over
 * the limits, or scaled to the texture's current size when that box is ticked. What was done, or
 * what went wrong, is said beside it.
 */
import { useId, useState } from 'react';
import { describePicture, ImageInputError, type Picture, pictureFromFile } from '../../lib/image-texels';
import { BUTTON } from './fields';

export function PicturePicker({
  name,
  textureSize,
  onPicture,
}: {
  name: string;
  /** The texture's current 2d size, which a picture may be scaled to; undefined when it has none. */
  textureSize: { width: number; height: number } | undefined;
  onPicture(p: Picture): void;
}) {
  const inputId = useId();
  const [error, setError] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const [loaded, setLoaded] = useState<string | null>(null);
  const [toTexture, setToTexture] = useState(false);
  const target = toTexture ? textureSize : undefined;

  const load = async (file: File | undefined) => {
    if (!file) return;
    try {
      const picture = await pictureFromFile(file, target);
      setError(null);
      setLoaded(describePicture(file.name, picture, !!target));
      onPicture(picture);
    } catch (e) {
      setLoaded(null);
      setError(e instanceof ImageInputError ? e.message : `"${file.name}": ${(e as Error).message}`);
    }
  };

  return (
    <fieldset
      // Dropping is the mouse's shortcut; the file input inside does the same from the keyboard.
      aria-label={`picture for ${name}`}
      data-testid={`picture-drop-${name}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void load(e.dataTransfer.files[0]);
      }}
      // A fixed-height box: the outline changes, the layout does not.
      className={`flex min-h-9 flex-wrap items-center gap-2 rounded border border-dashed px-2 py-1 text-xs ${
        over ? 'border-sky-500 bg-sky-50 dark:bg-sky-950' : 'border-zinc-300 dark:border-zinc-700'
      }`}
    >
      <label
        htmlFor={inputId}
        className={`${BUTTON} cursor-pointer focus-within:ring-2 focus-within:ring-sky-500/50`}
      >
        Load picture…
        <input
          id={inputId}
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          data-testid={`picture-input-${name}`}
          className="sr-only"
          onChange={(e) => {
            void load(e.target.files?.[0]);
            e.target.value = ''; // the same file again reloads it
          }}
        />
      </label>
      <span className="text-zinc-600 dark:text-zinc-400">or drop a PNG or JPEG here</span>
      {textureSize && (
        <label className="flex items-center gap-1">
          <input
            type="checkbox"
            checked={toTexture}
            onChange={(e) => setToTexture(e.target.checked)}
            data-testid={`picture-fit-${name}`}
          />
          <span>
            scale to the texture’s size ({textureSize.width}×{textureSize.height})
          </span>
        </label>
      )}
      {loaded && (
        <span className="text-emerald-700 dark:text-emerald-400" data-testid={`picture-loaded-${name}`}>
          {loaded}
        </span>
      )}
      {error && (
        <span
          role="alert"
          className="basis-full text-rose-700 dark:text-rose-400"
          data-testid={`picture-error-${name}`}
        >
          {error}
        </span>
      )}
    </fieldset>
  );
}
