import type { PresetReference } from '../lib/reference-kit';

export interface ParticleParams {
  dt: number;
  gravity: number;
  drag: number;
  restitution: number;
}

/** `steps` updates of every particle (x, y, vx, vy), each operation rounded to f32 in the kernel's order. */
export function particlesReference(
  particles: Float32Array,
  count: number,
  steps: number,
  p: ParticleParams,
): Float32Array {
  const f = Math.fround;
  const [dt, g, drag, rest] = [f(p.dt), f(p.gravity), f(p.drag), f(p.restitution)];
  const keep = f(1 - f(drag * dt));
  const out = Float32Array.from(particles);
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < count; i++) {
      let [x, y, vx, vy] = [out[4 * i]!, out[4 * i + 1]!, out[4 * i + 2]!, out[4 * i + 3]!];
      vy = f(vy - f(g * dt));
      vx = f(vx * keep);
      vy = f(vy * keep);
      x = f(x + f(vx * dt));
      y = f(y + f(vy * dt));
      if (x < 0) {
        x = -x;
        vx = f(-vx * rest);
      } else if (x > 1) {
        x = f(2 - x);
        vx = f(-vx * rest);
      }
      if (y < 0) {
        y = -y;
        vy = f(-vy * rest);
      } else if (y > 1) {
        y = f(2 - y);
        vy = f(-vy * rest);
      }
      out.set([x, y, vx, vy], 4 * i);
    }
  }
  return out;
}

export const reference: PresetReference = (w, io) => ({
  particles: particlesReference(io.f32('particles'), io.field('params', 'count'), w.passes!.length, {
    dt: io.field('params', 'dt'),
    gravity: io.field('params', 'gravity'),
    drag: io.field('params', 'drag'),
    restitution: io.field('params', 'restitution'),
  }),
});
