/**
 * The WGSL enable-extensions (WGSL spec §4.1.1 "Enable Extensions", `enable` directive) and which of
 * them Duet translates: the one table `enable` names are checked against. The names are Tint's
 * `enum extension` (src/tint/lang/wgsl/wgsl.def). As in Tint's parser, an unknown name is refused at
 * the name itself; a known one Duet cannot run gets its own error saying why (docs/wgsl-coverage.md).
 */
import type { Pos } from '../diagnostics';
import { checkDirectiveName, type DirectiveTable } from './directive-names';

const CHROMIUM_ONLY = 'it is a Chromium-internal extension, outside WGSL';
// Only vertex or fragment shaders use them, and only compute entry points are translated (others are
// ignored), so enabling them changes nothing Duet runs.
const NOT_COMPUTE = true;

/** `true`: Duet translates programs that enable it; a string: why it does not. */
const EXTENSIONS: DirectiveTable = {
  f16: true,
  subgroups: true,
  clip_distances: NOT_COMPUTE,
  dual_source_blending: NOT_COMPUTE,
  primitive_index: NOT_COMPUTE,
  subgroup_size_control:
    'Duet does not translate `@subgroup_size` yet (a Chromium-specific extension, per Tint)',
  atomic_vec2u_min_max:
    'Duet does not translate `atomic<vec2u>` yet (it needs a device feature outside the WebGPU specification)',
  chromium_disable_uniformity_analysis: CHROMIUM_ONLY,
  chromium_internal_input_attachments: CHROMIUM_ONLY,
  chromium_experimental_pixel_local: CHROMIUM_ONLY,
  chromium_experimental_framebuffer_fetch: CHROMIUM_ONLY,
  chromium_experimental_subgroup_matrix: CHROMIUM_ONLY,
  chromium_experimental_barycentric_coord: CHROMIUM_ONLY,
  chromium_experimental_resource_table: CHROMIUM_ONLY,
};

/** Throws a positioned error unless `name` is an extension Duet supports. */
export function checkExtension(name: string, pos: Pos): void {
  checkDirectiveName(EXTENSIONS, 'extension', 'enable', name, pos);
}
