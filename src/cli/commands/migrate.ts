import { openCliDatabase } from '../database.ts';
import { type CliIo, EXIT } from '../io.ts';

export async function migrateCommand(argv: string[], io: CliIo): Promise<number> {
  if (argv.length > 0) {
    io.err('casebook migrate: takes no arguments');
    return EXIT.usage;
  }
  const db = await openCliDatabase(io);
  await db.close();
  io.out('migrations are up to date');
  return EXIT.ok;
}
