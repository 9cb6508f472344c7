/**
 * What `duet bench` measures: a library preset by id (`duet bench saxpy`), a preset.json file, or a
 * plain workload.json. Presets resolve at every sweep point; a plain workload has nothing to sweep.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parsePreset, resolvePreset } from '../core/preset';
import { describeIssues, type Workload } from '../core/workload';
import { loadWorkloadFile } from '../core/workload-file';
import { getPreset, PRESETS } from '../shaders/index';
import { UsageError } from './args';

export interface BenchTarget {
  name: string;
  /** The workload at these parameter values; throws with a readable message. */
  at(params: Record<string, number>): Workload;
  sweepable: boolean;
}

export function openBenchTarget(arg: string): BenchTarget {
  if (!arg.endsWith('.json')) {
    const p = getPreset(arg);
    if (!p)
      throw new UsageError(
        `no preset "${arg}" (known: ${PRESETS.map((x) => x.id).join(', ')}) and no such .json file`,
      );
    return { name: p.id, sweepable: true, at: (params) => resolvePreset(p.preset, p.wgsl, params) };
  }
  if (!existsSync(arg)) throw new UsageError(`cannot read ${arg}`);
  const json = JSON.parse(readFileSync(arg, 'utf8')) as Record<string, unknown>;
  if ('params' in json && 'workload' in json) {
    const preset = parsePreset(json);
    const file = preset.workload.wgslFile;
    const wgsl =
      typeof file === 'string'
        ? readFileSync(resolve(dirname(arg), file), 'utf8')
        : String(preset.workload.wgsl ?? '');
    return {
      name: String(preset.workload.name ?? arg),
      sweepable: true,
      at: (params) => resolvePreset(preset, wgsl, params),
    };
  }
  const loaded = loadWorkloadFile(arg);
  if (!loaded.ok) throw new UsageError(describeIssues(loaded.issues));
  return {
    name: loaded.workload.name,
    sweepable: false,
    at: (params) => {
      if (Object.keys(params).length)
        throw new UsageError(`${arg} is a plain workload: only presets take --sweep`);
      return loaded.workload;
    },
  };
}
