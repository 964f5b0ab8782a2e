import type { CommandContext } from '../commands/context.ts';
import { createOfferRule } from '../commands/reasoning/create-offer-rule.ts';
import type { ReasoningService } from '../reasoning/service.ts';

/**
 * The proactive offers the demo organisation allows (products from the demo catalogue), stored
 * like any admin's rules so they show in the offer-rule API with their owners and history.
 */
export async function seedOfferRules(
  ctx: CommandContext,
  owners: { fulfilment: string; services: string; service: string },
): Promise<void> {
  // Seeding runs before any server: there is no running case base to tell.
  const noService = { reloadOfferRules: async () => {} } as unknown as ReasoningService;
  const rules = [
    {
      offer: 'Free express shipping on this order',
      rationale: 'Gold and platinum customers waiting on a delivery get it at no charge.',
      ownerId: owners.fulfilment,
      conditions: { tiers: ['gold', 'platinum'], categories: ['delivery', 'order'], minConfidence: 0.5 },
    },
    {
      offer: 'Care+ device insurance at the loyalty price',
      rationale: 'Covers accidental damage once the manufacturer warranty ends; cheaper than a repair.',
      ownerId: owners.services,
      conditions: { products: ['Aurora Phone 12', 'Aurora Phone 12 Pro', 'PH-100', 'PH-200'] },
    },
    {
      offer: 'Waive the cancellation fee',
      rationale: 'Platinum customers are not charged to cancel.',
      ownerId: owners.service,
      conditions: { tiers: ['platinum'], categories: ['cancellation_fee'] },
    },
  ];
  for (const rule of rules) await createOfferRule(ctx, noService, { ...rule, reason: 'Demo organisation' });
}
