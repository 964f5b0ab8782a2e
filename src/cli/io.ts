/** Streams a CLI command writes to; tests pass in-memory ones. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/** Exit codes every `casebook` command keeps to. */
export const EXIT = { ok: 0, domainError: 1, usage: 2 } as const;

export function memoryIo(env: Record<string, string | undefined> = {}, cwd = process.cwd()) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CliIo = { out: (l) => stdout.push(l), err: (l) => stderr.push(l), env, cwd };
  return { io, stdout, stderr };
}
