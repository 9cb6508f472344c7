/**
 * Emits calls (WGSL §17): user functions, value constructors (constructors.ts) and built-ins, whose
 * abstract arguments are given the concrete types the prelude helpers take. `workgroupUniformLoad` is
 * barrier–load–barrier.
 */
import type { CallExpr } from '../front/ast';
import type { ExprInfo } from '../front/check/annotations';
import { BUFFER_VIEW_BUILTINS } from '../front/check/buffer-view-calls';
import {
  concretizeDefault,
  isAbstract,
  isFloatKind,
  type ScalarKind,
  scalar,
  scalarOf,
  type Type,
  vec,
  withScalar,
} from '../front/types';
import { emitBufferViewCall } from './buffer-view';
import { emitConstruct } from './constructors';
import type { EmitContext } from './context';
import { emitChildren } from './order';
import { emitTextureCall } from './texture-calls';

export function emitCall(ctx: EmitContext, e: CallExpr, i: ExprInfo, type: Type): string {
  const c = i.call!;
  if (c.kind === 'user') {
    const fi = ctx.checker.fnInfo.get(c.fn.name)!;
    const args = emitChildren(
      ctx,
      e.args.map((a, k) => ({ e: a, want: fi.params[k]!.type })),
    );
    const text = `${ctx.names.of(c.fn.name)}(${['ctx', ...args].join(', ')})`;
    return text;
  }
  if (c.kind === 'ctor') return emitConstruct(ctx, e, type);
  if (c.params) return emitTextureCall(ctx, e, c.name, c.params);
  if (BUFFER_VIEW_BUILTINS.has(c.name)) return emitBufferViewCall(ctx, e, c.name, c.targ);
  return emitBuiltin(ctx, e, c.name, type, c.targ);
}

function emitBuiltin(ctx: EmitContext, e: CallExpr, name: string, type: Type, targ?: Type): string {
  const argTypes = e.args.map((a) => ctx.info(a).type);
  const resultScalar = scalarOf(type);
  /** Default: abstract arguments take the result's scalar type (or their own default). */
  const wantFor = (k: number): Type | undefined => {
    const t = argTypes[k]!;
    const s = scalarOf(t);
    if (!s || !isAbstract(s)) return undefined;
    if (
      resultScalar &&
      !isAbstract(resultScalar) &&
      resultScalar !== 'bool' &&
      (isFloatKind(resultScalar) || s === 'abstract-int')
    ) {
      return withScalar(t, resultScalar);
    }
    return concretizeDefault(t);
  };
  const wants: (Type | undefined)[] = e.args.map((_, k) => wantFor(k));
  const u32Arg = (k: number) => {
    wants[k] = withScalar(argTypes[k]!, 'u32');
  };
  switch (name) {
    case 'select':
      wants[2] = undefined;
      break;
    case 'dot':
    case 'length':
    case 'distance':
    case 'determinant':
    case 'all':
    case 'any':
      // Arguments are vectors/matrices of the result's scalar.
      e.args.forEach((_, k) => {
        const t = argTypes[k]!;
        const s = scalarOf(t);
        if (s && isAbstract(s))
          wants[k] = withScalar(
            t,
            resultScalar && !isAbstract(resultScalar)
              ? resultScalar
              : concretizeDefault(scalar(s)).k === 'scalar'
                ? (concretizeDefault(scalar(s)) as { s: ScalarKind }).s
                : s,
          );
      });
      break;
    case 'extractBits':
      u32Arg(1);
      u32Arg(2);
      break;
    case 'insertBits':
      u32Arg(2);
      u32Arg(3);
      break;
    case 'ldexp':
      wants[1] = withScalar(argTypes[1]!, 'i32');
      break;
    case 'pack4x8snorm':
    case 'pack4x8unorm':
      wants[0] = vec(4, 'f32');
      break;
    case 'pack2x16snorm':
    case 'pack2x16unorm':
    case 'pack2x16float':
      wants[0] = vec(2, 'f32');
      break;
    case 'pack4xI8':
    case 'pack4xI8Clamp':
      wants[0] = vec(4, 'i32');
      break;
    case 'pack4xU8':
    case 'pack4xU8Clamp':
      wants[0] = vec(4, 'u32');
      break;
    case 'unpack4x8snorm':
    case 'unpack4x8unorm':
    case 'unpack2x16snorm':
    case 'unpack2x16unorm':
    case 'unpack2x16float':
    case 'unpack4xI8':
    case 'unpack4xU8':
    case 'dot4U8Packed':
    case 'dot4I8Packed':
      e.args.forEach((_, k) => {
        u32Arg(k);
      });
      break;
    case 'modf':
    case 'frexp':
      // An abstract argument (`frexp(vec2(1.25, 3.75))`) is f32 of its own shape.
      wants[0] = withScalar(argTypes[0]!, 'f32');
      break;
    case 'bitcast':
      wants[0] = concretizeDefault(argTypes[0]!);
      break;
    default:
      if (name.startsWith('atomic')) {
        const p = argTypes[0]!;
        const el = p.k === 'ptr' && p.store.k === 'atomic' ? scalar(p.store.e) : undefined;
        for (let k = 1; k < e.args.length; k++) wants[k] = el;
      }
      break;
  }
  if (name === 'workgroupBarrier' || name === 'storageBarrier' || name === 'textureBarrier') {
    ctx.line('DUET_BARRIER();');
    return ''; // only ever a statement (the checker refuses it as a value); statements.ts writes nothing more
  }
  if (name === 'workgroupUniformLoad') {
    const [p] = emitChildren(ctx, [{ e: e.args[0]! }]);
    const t = ctx.temp();
    ctx.line('DUET_BARRIER();');
    const store = argTypes[0]!.k === 'ptr' ? argTypes[0]!.store : undefined;
    const load = store?.k === 'atomic' ? `duet_atomicLoad(${p})` : `*${p}`;
    ctx.line(`const ${ctx.cppType(type)} ${t} = ${load};`);
    ctx.line('DUET_BARRIER();');
    return t;
  }
  const args = emitChildren(
    ctx,
    e.args.map((a, k) => ({ e: a, want: wants[k] })),
  );
  switch (name) {
    case 'bitcast':
      return `duet_bitcast<${ctx.cppType(targ!)}>(${args[0]})`;
    case 'quadBroadcast':
    case 'subgroupBroadcast':
    case 'subgroupShuffle':
    case 'subgroupShuffleXor':
    case 'subgroupShuffleUp':
    case 'subgroupShuffleDown':
      return `duet_${name}(ctx.lane, ${args[0]}, (unsigned)(${args[1]}))`;
    case 'arrayLength':
      return `${args[0]}->len`;
    case 'mix': {
      return `duet_mix(${args.join(', ')})`;
    }
    default:
      if (name.startsWith('subgroup') || name.startsWith('quad')) {
        return `duet_${name}(${['ctx.lane', ...args].join(', ')})`;
      }
      return `duet_${name}(${args.join(', ')})`;
  }
}
