/**
 * The CLI in this process, for tests: what a command writes to stdout and stderr and its exit
 * code, without spawning. `captureIO` gives the I/O object for commands called directly.
 */
import { main, readPackageInfo } from '../../sim/cli/main.ts';
import type { CliIO } from '../../sim/cli/commands/command.ts';

/** An I/O object that keeps what is written (stderr is not a terminal). */
export function captureIO(): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), stderrIsTTY: false };
}

/** `tokensim <args>` in this process: exit code, stdout and stderr. */
export async function runCli(args: string[], pkg = readPackageInfo()): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIO();
  const code = await main(args, io, pkg);
  return { code, stdout: io.out.join(''), stderr: io.err.join('') };
}
