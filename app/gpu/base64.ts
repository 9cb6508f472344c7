/**
 * Bytes ↔ base64 without Node's Buffer, for moving output bytes across the page.evaluate boundary
 * of `duet run --backend webgpu` (strings cross it cheaply; typed arrays do not).
 */
const CHUNK = 0x8000; // String.fromCharCode(...args) has an argument-count limit

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
