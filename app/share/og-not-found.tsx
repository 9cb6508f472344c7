/** The link-preview image (Open Graph) of a shared run or sweep that does not exist: a 404 card. */
import { ImageResponse } from 'next/og';

export function notFoundImage(text: string, size: { width: number; height: number }): ImageResponse {
  return new ImageResponse(
    <div
      style={{
        display: 'flex',
        width: '100%',
        height: '100%',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#09090b',
        color: '#fafafa',
        fontSize: 56,
      }}
    >
      {text}
    </div>,
    { ...size, status: 404 },
  );
}
