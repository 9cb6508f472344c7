/**
 * Bytes a run moves between host and device, from the workload's bindings: what the link model
 * (core/link-model.ts) charges to the link. Upload counts every binding the host must fill (an
 * `init` other than zeros; uniforms packed from `fields` are a few bytes and count as 0);
 * zero-filled buffers are cleared on the device and cross no link. Download counts the outputs.
 */
import { bindingBytes, type Workload } from './workload';

export interface TransferBytes {
  up: number;
  down: number;
}

export function transferBytes(w: Workload): TransferBytes {
  let up = 0;
  let down = 0;
  for (const b of w.bindings) {
    const bytes = bindingBytes(b);
    if (b.init !== undefined && b.init !== 'zeros') up += bytes;
    if (b.output) down += bytes;
  }
  return { up, down };
}
