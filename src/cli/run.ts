import { type CliIo, EXIT } from './io.ts';

type Command = (argv: string[], io: CliIo) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  seed: {
    summary:
      'seed --demo [--seed N] [--customers N] [--messages N]   fill the store with a demo organisation',
    load: async () => (await import('./commands/seed.ts')).seedCommand,
  },
  token: {
    summary: 'token create --name NAME --role admin|manager|lead|agent|ingest [--agent EMAIL]',
    load: async () => (await import('./commands/token.ts')).tokenCommand,
  },
  migrate: {
    summary: 'migrate   apply database migrations and exit',
    load: async () => (await import('./commands/migrate.ts')).migrateCommand,
  },
  eval: {
    summary:
      'eval --train FILE --test FILE --text-column C --label-column L [--json] [--k N] [--hold-out-labels N] [--abstain-below X]',
    load: async () => (await import('./commands/eval.ts')).evalCommand,
  },
};

export function usage(): string {
  return [
    'usage: casebook <command> [options]',
    '',
    ...Object.values(commands).map((c) => `  ${c.summary}`),
  ].join('\n');
}

/** `casebook <verb>`: exit 0 ok, 1 a domain or runtime error, 2 a usage error. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = commands[name];
  if (!command) {
    io.err(`casebook: unknown command "${name}" (try: ${Object.keys(commands).join(', ')})`);
    return EXIT.usage;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (err) {
    io.err(`casebook ${name}: ${(err as Error).message}`);
    return EXIT.domainError;
  }
}

export async function run(argv: string[]): Promise<number> {
  const io: CliIo = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    cwd: process.cwd(),
  };
  return main(argv, io);
}
