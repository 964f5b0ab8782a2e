import { z } from 'zod';
import { ingestMessage } from '../../commands/messages/ingest-message.ts';
import { CHANNELS } from '../../core/channels.ts';
import type { ZodFastify } from '../types.ts';

export const inboundBody = z.object({
  channel: z.enum(CHANNELS),
  site: z.string().min(1).max(100).optional(),
  from: z
    .object({
      email: z.string().max(254).optional(),
      phone: z.string().max(40).optional(),
      accountNumber: z.string().max(60).optional(),
      name: z.string().max(200).optional(),
    })
    .refine((f) => f.email || f.phone || f.accountNumber, { message: 'needs email, phone or accountNumber' }),
  subject: z.string().max(1000).optional(),
  body: z.string().min(1, 'must not be empty').max(1_000_000),
  externalId: z.string().min(1).max(500).optional(),
  threadKey: z.string().min(1).max(500).optional(),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

export function registerInboundRoutes(app: ZodFastify) {
  app.post(
    '/inbound',
    {
      schema: {
        tags: ['ingest'],
        summary: 'Ingest a customer message from any channel',
        description:
          'Finds or creates the customer by any identity, threads the message into their case or opens one. 201 when stored, 200 when the externalId was seen before.',
        body: inboundBody,
        response: {
          200: z.object({ caseId: z.string(), customerId: z.string(), messageId: z.string() }),
          201: z.object({ caseId: z.string(), customerId: z.string(), messageId: z.string() }),
        },
      },
    },
    async (request, reply) => {
      const { occurredAt, ...rest } = request.body;
      const result = await ingestMessage(request.ctx(), {
        ...rest,
        ...(occurredAt ? { occurredAt: new Date(occurredAt) } : {}),
      });
      return reply
        .status(result.created ? 201 : 200)
        .send({ caseId: result.caseId, customerId: result.customerId, messageId: result.messageId });
    },
  );
}
