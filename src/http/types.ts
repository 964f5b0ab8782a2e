import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../core/errors.ts';

export type ZodFastify = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export const idParams = z.object({ id: z.uuid({ message: 'must be a UUID' }) });

/** `If-Match: "7"` (or W/"7", or 7): the version the client last saw. */
export function expectedVersion(header: string | undefined, bodyVersion?: number): number {
  if (bodyVersion !== undefined) return bodyVersion;
  if (!header) {
    throw new DomainError(
      'request.precondition_required',
      'Send If-Match with the version you last read (the ETag of GET), so nobody overwrites a change they did not see.',
    );
  }
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match)
    throw new DomainError('request.invalid_if_match', 'If-Match must be a version number such as "3".');
  return Number(match[1]);
}

export const etag = (version: number) => `"${version}"`;
