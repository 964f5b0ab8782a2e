import type { CustomerProfile } from '../../commands/customers/get-customer-profile.ts';
import type { Customer } from '../../core/customers/customer.ts';
import { presentMessage } from './case.ts';

export function presentCustomer(c: Customer) {
  return {
    id: c.id,
    displayName: c.displayName,
    householdId: c.householdId,
    tier: c.tier,
    lifetimeValue: { amountMinor: c.lifetimeValueMinor, currency: c.currency },
    preferences: c.preferences,
    specialNeeds: c.specialNeeds,
    attributes: c.attributes,
    language: c.language,
    homeSiteId: c.homeSiteId,
    mergedInto: c.mergedInto,
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export function presentCustomerProfile(p: CustomerProfile) {
  return {
    ...presentCustomer(p.customer),
    redirectedFrom: p.redirectedFrom,
    identities: p.identities.map((i) => ({
      id: i.id,
      kind: i.kind,
      value: i.displayValue,
      normalized: i.value,
      sourceChannel: i.sourceChannel,
      verified: i.verified,
    })),
    household: p.household,
    purchases: p.purchases.map((x) => ({
      id: x.id,
      product: { id: x.productId, sku: x.sku, name: x.productName, category: x.productCategory },
      siteId: x.siteId,
      orderNumber: x.orderNumber,
      receiptNumber: x.receiptNumber,
      serialNumber: x.serialNumber,
      quantity: x.quantity,
      amount: { amountMinor: x.amountMinor, currency: x.currency },
      purchasedAt: x.purchasedAt,
      warrantyUntil: x.warrantyUntil,
    })),
    cases: p.cases,
    recentMessages: p.recentMessages.map(presentMessage),
  };
}
