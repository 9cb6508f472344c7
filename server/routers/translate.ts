/** `translate`: WGSL → generated CUDA (or CPU) source, or translator diagnostics with line:col. */
import { z } from 'zod';
import { translate } from '../../compiler/index';
import { publicProcedure, router } from '../trpc';

const translateInput = z.object({
  source: z.string().max(1_000_000),
  target: z.enum(['cuda', 'cpu']).default('cuda'),
  entryPoints: z.array(z.string().min(1)).optional(),
  overrides: z.record(z.string(), z.number()).optional(),
});

export const translateRouter = router({
  wgsl: publicProcedure.input(translateInput).query(({ input }) => {
    const started = performance.now();
    const out = translate(input.source, {
      file: 'kernel.wgsl',
      target: input.target,
      ...(input.entryPoints ? { entryPoints: input.entryPoints } : {}),
      ...(input.overrides ? { overrides: input.overrides } : {}),
    });
    const ms = performance.now() - started;
    const diagnostics = out.diagnostics.map((d) => ({
      line: d.line,
      col: d.col,
      severity: d.severity,
      message: d.message,
    }));
    if (out.ok) return { ok: true as const, ms, code: out.code, kernels: out.kernels, diagnostics };
    return { ok: false as const, ms, diagnostics };
  }),
});
