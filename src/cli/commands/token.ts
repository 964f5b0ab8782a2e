import { createApiToken } from '../../commands/access/create-api-token.ts';
import { CLI_OPERATOR, ROLES, type Role } from '../../core/access/roles.ts';
import { DomainError } from '../../core/errors.ts';
import { parseFlags, UsageError } from '../args.ts';
import { openCliDatabase } from '../database.ts';
import { type CliIo, EXIT } from '../io.ts';

const USAGE =
  'usage: casebook token create --name NAME --role admin|manager|lead|agent|ingest [--agent EMAIL]';

/** Prints the new token alone on the last line of stdout, so scripts can `| tail -1`. */
export async function tokenCommand(argv: string[], io: CliIo): Promise<number> {
  let flags: { name?: string; role?: string; agent?: string };
  try {
    const parsed = parseFlags(argv, {
      name: { type: 'string' },
      role: { type: 'string' },
      agent: { type: 'string' },
    });
    if (parsed.positionals[0] !== 'create' || parsed.positionals.length !== 1) throw new UsageError(USAGE);
    flags = parsed.values as typeof flags;
    if (!flags.name?.trim()) throw new UsageError('--name is required');
    if (!flags.role || !ROLES.includes(flags.role as Role))
      throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  } catch (err) {
    io.err(`casebook token: ${(err as Error).message}`);
    return EXIT.usage;
  }
  const db = await openCliDatabase(io);
  try {
    const created = await createApiToken(db, CLI_OPERATOR, {
      name: flags.name!,
      role: flags.role as Role,
      ...(flags.agent ? { agentEmail: flags.agent } : {}),
    });
    io.out(`created ${flags.role} token "${flags.name}" (id ${created.tokenId}); it is shown once:`);
    io.out(created.token);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof DomainError) {
      io.err(`casebook token: ${err.message}`);
      return EXIT.domainError;
    }
    throw err;
  } finally {
    await db.close();
  }
}
