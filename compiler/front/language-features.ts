/**
 * The WGSL language features (WGSL spec §4.1.3 "Language Extensions", `requires` directive) and which
 * of them Duet translates: the one table `requires` names are checked against. The names are Tint's
 * `enum language_feature` (src/tint/lang/wgsl/wgsl.def); the shipped ones are exactly what Chromium 156
 * reports in `navigator.gpu.wgslLanguageFeatures`. Like Tint's parser, an unknown name is refused at the
 * name itself; a known one Duet cannot run gets its own error saying why (docs/wgsl-coverage.md).
 */
import type { Pos } from '../diagnostics';
import { checkDirectiveName, type DirectiveTable } from './directive-names';

/** `true`: Duet translates programs that use the feature; a string: why it does not. */
const LANGUAGE_FEATURES: DirectiveTable = {
  packed_4x8_integer_dot_product: true,
  pointer_composite_access: true,
  readonly_and_readwrite_storage_textures: true,
  unrestricted_pointer_parameters: true,
  uniform_buffer_standard_layout: true,
  subgroup_id: true,
  subgroup_uniformity: true,
  texture_and_sampler_let: true,
  linear_indexing: true,
  texture_formats_tier1: true,
  swizzle_assignment: true,
  buffer_view: true,
  // Only fragment shaders can use it, and only compute entry points are translated (others are ignored).
  fragment_depth: true,
  immediate_address_space: 'a workload has no immediate values to give `var<immediate>` (contracts §1)',
  // Tint's experimental and developer features (feature_status.cc): Chrome allows them only with
  // --enable-unsafe-webgpu and does not list them in wgslLanguageFeatures.
  sized_binding_array: 'it is experimental in Tint and Chrome does not ship it',
  texel_buffers: 'it is experimental in Tint and Chrome does not ship it',
  chromium_print: "it is Chromium's developer feature for `print`, outside WGSL",
};

/** Throws a positioned error unless `name` is a language feature Duet supports. */
export function checkLanguageFeature(name: string, pos: Pos): void {
  checkDirectiveName(LANGUAGE_FEATURES, 'language feature', 'requires', name, pos);
}
