/** The bindings the WGSL declares and the workload gives, side by side by (group, binding). */
import type { BindingInfo } from '#compiler';
import { type RawBinding, slotKey } from '../../lib/workload-form';
import { textureSummary } from './TextureEditor';

const ACCESS: Record<string, string> = { uniform: 'uniform', 'storage-read': 'read', storage: 'read_write' };

export function BindingTable({ reflected, bindings }: { reflected: BindingInfo[]; bindings: RawBinding[] }) {
  const given = new Map(bindings.map((b) => [slotKey(b.group, b.binding), b]));
  const extra = bindings.filter(
    (b) => !reflected.some((r) => slotKey(r.group, r.binding) === slotKey(b.group, b.binding)),
  );
  return (
    <table className="w-full text-left font-mono text-xs" data-testid="binding-table">
      <thead className="text-zinc-600 dark:text-zinc-400">
        <tr>
          <th className="pr-2 font-medium">group</th>
          <th className="pr-2 font-medium">binding</th>
          <th className="pr-2 font-medium">name</th>
          <th className="pr-2 font-medium">type</th>
          <th className="pr-2 font-medium">access</th>
          <th className="font-medium">workload</th>
        </tr>
      </thead>
      <tbody>
        {reflected.map((r) => {
          const b = given.get(slotKey(r.group, r.binding));
          const status = !b ? 'missing' : b.kind !== r.kind || b.name !== r.name ? 'differs' : 'ok';
          return (
            <tr key={slotKey(r.group, r.binding)} data-testid={`binding-row-${r.name}`} data-status={status}>
              <td className="pr-2">{r.group}</td>
              <td className="pr-2">{r.binding}</td>
              <td className="pr-2">{r.name}</td>
              <td className="pr-2">{r.type}</td>
              <td className="pr-2">{accessOf(r)}</td>
              <td
                className={
                  status === 'ok'
                    ? 'text-emerald-700 dark:text-emerald-400'
                    : 'text-rose-700 dark:text-rose-400'
                }
              >
                {status === 'ok'
                  ? summary(b!)
                  : status === 'missing'
                    ? 'not in the workload'
                    : `${String(b!.name)} · ${String(b!.kind)}`}
              </td>
            </tr>
          );
        })}
        {extra.map((b) => (
          <tr
            key={slotKey(b.group, b.binding)}
            data-testid={`binding-row-${String(b.name)}`}
            data-status="extra"
          >
            <td className="pr-2">{String(b.group)}</td>
            <td className="pr-2">{String(b.binding)}</td>
            <td className="pr-2">{String(b.name)}</td>
            <td className="pr-2 text-zinc-600 dark:text-zinc-400">—</td>
            <td className="pr-2">{String(b.kind)}</td>
            <td className="text-rose-700 dark:text-rose-400">not in the WGSL</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Buffers by address space; a storage texture by its access; sampled textures and samplers read. */
function accessOf(r: BindingInfo): string {
  if (r.resource?.kind === 'storage-texture') return r.resource.access;
  if (r.resource) return 'read';
  return ACCESS[r.kind] ?? '';
}

function summary(b: RawBinding): string {
  if (b.kind === 'texture' || b.kind === 'storage-texture' || b.kind === 'sampler') return textureSummary(b);
  if (b.kind === 'uniform') return b.fields ? 'fields' : `${String(b.length ?? '?')} bytes`;
  return `${String(b.length ?? '?')} × ${String(b.element ?? '?')}${b.output ? ' · output' : ''}`;
}
