import { z } from 'zod';
import { createCustomer } from '../../commands/customers/create-customer.ts';
import { findCustomers } from '../../commands/customers/find-customers.ts';
import { getCustomerProfile } from '../../commands/customers/get-customer-profile.ts';
import { mergeCustomers } from '../../commands/customers/merge-customers.ts';
import { undoCustomerMerge } from '../../commands/customers/undo-customer-merge.ts';
import { updateCustomer } from '../../commands/customers/update-customer.ts';
import { TIERS } from '../../core/customers/customer.ts';
import { presentCustomer, presentCustomerProfile } from '../presenters/customer.ts';
import { etag, expectedVersion, idParams, type ZodFastify } from '../types.ts';

const attributes = {
  displayName: z.string().trim().min(1).max(200),
  householdId: z.uuid().nullable(),
  tier: z.enum(TIERS),
  lifetimeValueMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
  preferences: z.record(z.string(), z.unknown()),
  specialNeeds: z.array(z.string().min(1).max(200)).max(50),
  attributes: z.record(z.string(), z.unknown()),
  language: z.string().min(2).max(35).nullable(),
  homeSiteId: z.uuid().nullable(),
};

const patchBody = z
  .object({
    displayName: attributes.displayName.optional(),
    householdId: attributes.householdId.optional(),
    tier: attributes.tier.optional(),
    lifetimeValueMinor: attributes.lifetimeValueMinor.optional(),
    currency: attributes.currency.optional(),
    preferences: attributes.preferences.optional(),
    specialNeeds: attributes.specialNeeds.optional(),
    attributes: attributes.attributes.optional(),
    language: attributes.language.optional(),
    homeSiteId: attributes.homeSiteId.optional(),
    version: z.number().int().min(1).optional(),
  })
  .strict();

const createBody = patchBody
  .omit({ version: true })
  .extend({
    displayName: attributes.displayName,
    identities: z
      .object({
        email: z.string().optional(),
        phone: z.string().optional(),
        accountNumber: z.string().optional(),
      })
      .strict(),
  })
  .strict();

export function registerCustomerRoutes(app: ZodFastify) {
  app.get(
    '/customers',
    {
      schema: {
        tags: ['customers'],
        summary: 'Find customers by name, email, phone or account number',
        querystring: z.object({
          q: z.string().trim().min(2, 'must have at least 2 characters').max(200),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
      },
    },
    async (request) => ({ items: await findCustomers(request.ctx(), request.query.q, request.query.limit) }),
  );

  app.post(
    '/customers',
    { schema: { tags: ['customers'], summary: 'Create a customer', body: createBody } },
    async (request, reply) => {
      const created = await createCustomer(
        request.ctx(),
        request.body as Parameters<typeof createCustomer>[1],
      );
      reply.header('etag', etag(created.version));
      return reply.status(201).send(presentCustomer(created));
    },
  );

  app.get(
    '/customers/:id',
    {
      schema: {
        tags: ['customers'],
        summary: 'The whole customer across every site and channel',
        params: idParams,
      },
    },
    async (request, reply) => {
      const profile = await getCustomerProfile(request.ctx(), request.params.id);
      reply.header('etag', etag(profile.customer.version));
      return presentCustomerProfile(profile);
    },
  );

  app.patch(
    '/customers/:id',
    {
      schema: {
        tags: ['customers'],
        summary: 'Edit attributes (If-Match optional)',
        params: idParams,
        body: patchBody,
      },
    },
    async (request, reply) => {
      const { version, ...patch } = request.body;
      const ifMatch = request.headers['if-match'];
      const updated = await updateCustomer(
        request.ctx(),
        request.params.id,
        patch as Parameters<typeof updateCustomer>[2],
        version !== undefined || ifMatch ? expectedVersion(ifMatch, version) : undefined,
      );
      reply.header('etag', etag(updated.version));
      return presentCustomer(updated);
    },
  );

  app.post(
    '/customers/:id/merge',
    {
      schema: {
        tags: ['customers'],
        summary: 'Merge another customer record into this one',
        params: idParams,
        body: z.object({ otherId: z.uuid() }).strict(),
      },
    },
    async (request) => {
      const { customer, merge } = await mergeCustomers(
        request.ctx(),
        request.params.id,
        request.body.otherId,
      );
      return { customer: presentCustomer(customer), mergeId: merge.id };
    },
  );

  app.post(
    '/customer-merges/:id/undo',
    { schema: { tags: ['customers'], summary: 'Undo a merge (admin)', params: idParams } },
    async (request) => {
      const { survivor, restored } = await undoCustomerMerge(request.ctx(), request.params.id);
      return { survivor: presentCustomer(survivor), restored: presentCustomer(restored) };
    },
  );
}
