import type { PresetReference } from '../lib/reference-kit';

/**
 * One n-body step in the kernel's order (bodies j = 0, 1, … including the zero-mass padding of the last
 * tile, which adds exact zeros), every operation rounded to f32. sqrt is correctly rounded here; WGSL
 * lets a GPU's sqrt and division be off by a few ULP, so the preset compares with a tolerance — the
 * velocity, a sum of thousands of pulls, with a looser one than the position.
 */
export function nbodyReference(
  pos: Float32Array,
  vel: Float32Array,
  count: number,
  dt: number,
  softening2: number,
): { pos: Float32Array; vel: Float32Array } {
  const f = Math.fround;
  const [fdt, eps2] = [f(dt), f(softening2)];
  const outPos = new Float32Array(pos.length);
  const outVel = new Float32Array(vel.length);
  const padded = Math.ceil(count / 256) * 256;
  for (let i = 0; i < count; i++) {
    const [px, py, pz, pm] = [pos[4 * i]!, pos[4 * i + 1]!, pos[4 * i + 2]!, pos[4 * i + 3]!];
    let [ax, ay, az] = [0, 0, 0];
    for (let j = 0; j < padded; j++) {
      const inside = j < count;
      const [bx, by, bz, bm] = inside
        ? [pos[4 * j]!, pos[4 * j + 1]!, pos[4 * j + 2]!, pos[4 * j + 3]!]
        : [0, 0, 0, 0];
      const [dx, dy, dz] = [f(bx - px), f(by - py), f(bz - pz)];
      const dist2 = f(f(f(f(dx * dx) + f(dy * dy)) + f(dz * dz)) + eps2);
      const inv = f(1 / f(Math.sqrt(dist2)));
      const s = f(f(f(bm * inv) * inv) * inv);
      ax = f(ax + f(dx * s));
      ay = f(ay + f(dy * s));
      az = f(az + f(dz * s));
    }
    const vx = f(vel[4 * i]! + f(ax * fdt));
    const vy = f(vel[4 * i + 1]! + f(ay * fdt));
    const vz = f(vel[4 * i + 2]! + f(az * fdt));
    outVel.set([vx, vy, vz, 0], 4 * i);
    outPos.set([f(px + f(vx * fdt)), f(py + f(vy * fdt)), f(pz + f(vz * fdt)), pm], 4 * i);
  }
  return { pos: outPos, vel: outVel };
}

export const reference: PresetReference = (_w, io) => {
  const r = nbodyReference(
    io.f32('pos_in'),
    io.f32('vel_in'),
    io.field('params', 'count'),
    io.field('params', 'dt'),
    io.field('params', 'softening2'),
  );
  return { pos_out: r.pos, vel_out: r.vel };
};
