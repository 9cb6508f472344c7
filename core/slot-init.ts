/**
 * The initial bytes of a planned slot (core/run-plan.ts PlannedSlot), for every runner that ships
 * bytes to the executor (daemon/run-frame.ts): an empty array means "zeros" (nothing to ship). A
 * texture always ships at least its header, which the kernel reads before any texel.
 */
import { generateBinding } from './generators';
import type { PlannedSlot } from './run-plan';
import { generateTextureSlot } from './texel-init';
import { TEXTURE_HEADER_BYTES, writeTextureHeader } from './texture-formats';

export function slotInitBytes(init: PlannedSlot['init']): Uint8Array {
  if (init.from === 'packed') return init.data;
  if (init.from === 'zeros') return new Uint8Array(0);
  const b = init.binding;
  if (init.texture) {
    if (!b.init || b.init === 'zeros') {
      const header = new Uint8Array(TEXTURE_HEADER_BYTES);
      writeTextureHeader(header, init.texture);
      return header;
    }
    return generateTextureSlot(init.texture, b.init);
  }
  if (!b.init || b.init === 'zeros') return new Uint8Array(0);
  return generateBinding(b);
}
