import { runCli } from '../../server/src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, as `ime-lint ...args` would from `cwd`. */
export async function cli(args: string[], cwd: string, stdin = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli({
    argv: args,
    cwd,
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    readStdin: async () => stdin,
    color: false,
  });
  return { code, stdout, stderr };
}
