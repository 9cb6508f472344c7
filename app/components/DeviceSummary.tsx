/** What ran a side: the WebGPU adapter, the CUDA device, or CPU emulation (said plainly). */

import { formatBytes } from '../../core/format';
import type { Backend, DeviceInfo } from '../../core/result';

function Row({
  label,
  value,
  testId,
}: {
  label: string;
  value: string | number | undefined;
  testId?: string;
}) {
  if (value === undefined || value === '') return null;
  return (
    <>
      <dt className="text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="truncate font-mono" title={String(value)} data-testid={testId}>
        {value}
      </dd>
    </>
  );
}

const LIMITS_SHOWN = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupSizeX',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupStorageSize',
  'maxComputeWorkgroupsPerDimension',
];

function LimitsAndFeatures({ device }: { device: DeviceInfo }) {
  const limits = device.limits ?? {};
  const shown = LIMITS_SHOWN.filter((k) => limits[k] !== undefined);
  if (!shown.length && !device.features?.length) return null;
  return (
    <details className="mt-1 text-xs">
      <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">limits and features</summary>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
        {shown.map((k) => (
          <Row
            key={k}
            label={k}
            value={/Size$/.test(k) && limits[k]! >= 65536 ? formatBytes(limits[k]) : limits[k]}
          />
        ))}
        <Row label="features" value={device.features?.join(', ') || 'none of note'} />
      </dl>
    </details>
  );
}

function clocksOf(d: DeviceInfo): string | undefined {
  const parts = [
    d.clockMHz ? `SM ${d.clockMHz} MHz` : '',
    d.memoryClockMHz ? `memory ${d.memoryClockMHz} MHz` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : undefined;
}

/** The PCIe link as the driver reports it (NVML); an eGPU over Thunderbolt shows its tunnel's link. */
function linkOf(d: DeviceInfo): string | undefined {
  if (!d.pcie?.generation) return undefined;
  return `PCIe gen ${d.pcie.generation}${d.pcie.width ? ` ×${d.pcie.width}` : ''}`;
}

/** Pinned-memory copies the daemon timed at start: the number the eGPU question turns on. */
function bandwidthOf(d: DeviceInfo): string | undefined {
  const b = d.bandwidth;
  if (!b?.hostToDeviceGBs || !b.deviceToHostGBs) return undefined;
  return `H→D ${b.hostToDeviceGBs.toFixed(1)} GB/s · D→H ${b.deviceToHostGBs.toFixed(1)} GB/s (pinned, measured at start)`;
}

export function DeviceSummary({
  backend,
  device,
  host,
}: {
  backend: Backend;
  device: DeviceInfo;
  /** Remote only: the daemon's address and version (with auto: which daemon the server picked). */
  host?: string | undefined;
}) {
  const emulation = backend === 'cpu';
  return (
    <div data-testid="device">
      <p className="text-sm font-medium">
        {emulation ? (
          <span className="mr-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-900/50 dark:text-amber-100">
            CPU emulation — no CUDA device
          </span>
        ) : (
          <span className="mr-2 rounded bg-zinc-100 px-1.5 py-0.5 text-xs font-semibold uppercase text-zinc-700 dark:bg-zinc-800 dark:text-zinc-200">
            {backend}
          </span>
        )}
        {device.name}
      </p>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
        {backend === 'webgpu' && (
          <>
            <Row label="vendor" value={device.vendor} />
            <Row label="architecture" value={device.architecture} />
            <Row label="description" value={device.description} />
          </>
        )}
        {backend === 'cuda' && (
          <>
            <Row label="compute capability" value={device.computeCapability} />
            <Row label="SMs" value={device.multiprocessors} />
            <Row
              label="memory"
              value={device.memoryBytes !== undefined ? formatBytes(device.memoryBytes) : undefined}
            />
            <Row
              label="driver / CUDA"
              value={[device.driverVersion, device.cudaVersion].filter(Boolean).join(' / ')}
            />
            <Row label="clocks" value={clocksOf(device)} />
            <Row label="link" value={linkOf(device)} testId="device-link" />
            <Row label="host ⇄ device" value={bandwidthOf(device)} testId="device-bandwidth" />
          </>
        )}
        {emulation && (
          <>
            <Row label="CPU" value={device.cpuModel} />
            <Row label="cores" value={device.cores} />
          </>
        )}
        <Row label="daemon" value={host} testId="device-daemon" />
      </dl>
      {backend === 'webgpu' && device.emulation === true && (
        <p className="mt-1 text-xs text-amber-800 dark:text-amber-200">
          SwiftShader: WebGPU emulated on the CPU — correct, but not GPU performance.
        </p>
      )}
      {backend === 'webgpu' && <LimitsAndFeatures device={device} />}
    </div>
  );
}
