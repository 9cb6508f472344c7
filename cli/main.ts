/**
 * `duet` dispatcher: one subcommand per file under cli/commands, loaded on demand so that a slow or
 * heavy command (the browser runner, the translator) costs nothing to the others.
 */
export const USAGE = `usage: duet <command> [options]

commands:
  translate <file.wgsl> [--entry NAME] [--target cuda|cpu]
      print the generated CUDA / CPU C++ source (diagnostics on stderr, exit 1 on error)
  run <workload.json> [--backend cpu|cuda|webgpu] [--daemon URL --token T] [--out DIR] [--json]
      run a workload; without --daemon, cpu/cuda start an embedded daemon and webgpu drives
      headless Chromium. --out DIR writes DIR/<binding>.bin per output and DIR/result.json
  bench <preset|workload.json> [--sweep N=lo..hi] [--backend cpu|cuda|webgpu] [--csv|--json] [--chart out.svg]
      time a kernel-library preset (or a workload) across parameter values
  daemon [--host 127.0.0.1] [--port 7070] [--token T | env DUET_TOKEN] [--backend auto|cuda|cpu]
         [--config limits.json] [--tls-cert FILE --tls-key FILE]
      serve the GPU (or CPU emulation) to Duet pages and CLIs over HTTP
  daemon --check [--backend auto|cuda|cpu]
      check this machine: CUDA driver, NVRTC, device, bandwidth, sandbox, a tiny kernel (docs/hosts.md)

run \`duet <command> --help\` for details.`;

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  translate: async () => (await import('./commands/translate')).translateCommand,
  run: async () => (await import('./commands/run')).runCommand,
  bench: async () => (await import('./commands/bench')).benchCommand,
  daemon: async () => (await import('./commands/daemon')).daemonCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? process.stdout : process.stderr).write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined; // not `duet constructor`
  if (!load) {
    process.stderr.write(`duet: unknown command "${name}"\n\n${USAGE}\n`);
    return 2;
  }
  try {
    return await (await load())(rest);
  } catch (e) {
    process.stderr.write(`duet ${name}: ${(e as Error)?.stack ?? String(e)}\n`);
    return 1;
  }
}
