/**
 * Drafting a reply from a past one. Past replies carry `{{Placeholder}}` slots (or had details
 * anonymised into them); we fill the ones we know about this customer and leave the rest in place,
 * listed, so the agent sees exactly what still needs a human.
 */
export interface DraftedReply {
  text: string;
  filledSlots: string[];
  /** Slots left as `{{Slot}}` in the text for the agent to complete. */
  missingSlots: string[];
}

// Different data sets name the same detail differently; all of these mean "the order number".
const ALIASES: Readonly<Record<string, string>> = {
  purchaseid: 'ordernumber',
  orderid: 'ordernumber',
  order: 'ordernumber',
  ordernumber: 'ordernumber',
  customername: 'name',
  clientname: 'name',
  fullname: 'name',
  firstname: 'name',
  accountname: 'name',
  emailaddress: 'email',
  customeremail: 'email',
  phonenumber: 'phone',
  customerphone: 'phone',
  accountnumber: 'accountnumber',
  reference: 'referencenumber',
  referencenumber: 'referencenumber',
  accountid: 'accountnumber',
  trackingnumber: 'trackingnumber',
};

/** `{{Order Number Anonymized}}`, `orderNumber` and `order_number` all become `ordernumber`. */
export function slotKey(name: string): string {
  const flat = name
    .toLowerCase()
    .replace(/anonymi[sz]ed/g, '')
    .replace(/[^a-z0-9]/g, '');
  return ALIASES[flat] ?? flat;
}

export function fillReply(
  template: string,
  details: Readonly<Record<string, string | undefined>>,
): DraftedReply {
  const known = new Map<string, string>();
  for (const [k, v] of Object.entries(details)) if (v !== undefined && v !== '') known.set(slotKey(k), v);
  const filled = new Set<string>();
  const missing = new Set<string>();
  const text = template.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (whole, name: string) => {
    const value = known.get(slotKey(name));
    if (value === undefined) {
      missing.add(name);
      return whole;
    }
    filled.add(name);
    return value;
  });
  return { text, filledSlots: [...filled], missingSlots: [...missing] };
}

/**
 * Drafts a reply for a new customer from a past case's reply. Numbers the past customer wrote that
 * reappear in the reply (their order or reference number) are the past customer's details, so they
 * become slots first; a single number in the new customer's message fills that slot unless the
 * caller already knows it.
 */
export function draftReply(
  source: { reply: string; text: string },
  queryText: string,
  details: Readonly<Record<string, string | undefined>>,
): DraftedReply {
  const aboutOrder = /\b(order|purchase)/i.test(source.text);
  const slot = aboutOrder ? '{{Order Number}}' : '{{Reference Number}}';
  let template = source.reply;
  for (const n of new Set(source.text.match(/\d{4,}/g) ?? [])) {
    template = template.split(n).join(slot);
  }
  const known: Record<string, string | undefined> = { ...details };
  const mentioned = [...new Set(queryText.match(/\d{4,}/g) ?? [])];
  const key = aboutOrder ? 'ordernumber' : 'referencenumber';
  const alreadyKnown = Object.keys(known).some((k) => slotKey(k) === key && known[k]);
  if (!alreadyKnown && mentioned.length === 1) known[key] = mentioned[0];
  return fillReply(template, known);
}
