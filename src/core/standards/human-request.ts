/**
 * Recognises a customer asking for a person. Deliberately conservative: a false positive only
 * routes a case to a human (cheap), but the patterns still demand a request verb or a bare
 * "agent please", so a mention ("the agent was rude") is not a request.
 */
export type HumanRequest =
  | { readonly requested: true; readonly target: 'human' | 'manager'; readonly phrase: string }
  | { readonly requested: false };

const MANAGER = '(?:manager|supervisor|superior|team lead|someone in charge|person in charge|your boss)';
const PERSON = String.raw`(?:(?:real|live|actual|human)\s+(?:person|agent|human|being|representative|people)|human(?:\s+being)?|person|agent|representative|rep|operator|someone|somebody|employee|staff member)`;
const WHO = `(?:${MANAGER}|${PERSON})`;
const DET = String.raw`(?:(?:a|an|the|your|some|one of your)\s+)?`;

const ENGLISH: RegExp[] = [
  // "speak to a human", "talk with your manager", "chat to a real person"
  new RegExp(String.raw`\b(?:speak|talk|chat)\s+(?:to|with)\s+${DET}${WHO}\b`),
  // "connect me to an agent", "transfer me to a supervisor", "put me through to someone"
  new RegExp(String.raw`\b(?:connect|transfer|put)\s+me\s+(?:through\s+)?(?:to|with)\s+${DET}${WHO}\b`),
  // "I want a human", "can I get a real person", "I need a manager", "give me an agent"
  new RegExp(
    String.raw`\b(?:i\s+(?:want|need|would like|'d like|demand)|can\s+i\s+(?:get|have)|give\s+me|get\s+me)\s+(?:to\s+(?:have|get)\s+)?${DET}${WHO}\b`,
  ),
  // "is there a real person I can talk to?", "is there a manager?"
  // (what follows must show a person is wanted: "is there an agent fee" is not a request)
  new RegExp(
    String.raw`\bis\s+there\s+(?:a|an|any)\s+${WHO}(?:\s+(?:i can|who can|to|available|there|here)\b|\s*\?|\s*$)`,
  ),
  // "escalate this to a manager"
  new RegExp(String.raw`\bescalate\s+(?:this|it|my case)?\s*to\s+${DET}${WHO}\b`),
  // the whole message is just "agent please", "human!", "representative now"
  new RegExp(String.raw`^\s*(?:${WHO})(?:[\s,]+(?:please|pls|plz|now))?[\s.!]*$`),
  new RegExp(String.raw`^\s*(?:please|pls)[\s,]+(?:${WHO})[\s.!]*$`),
];

const OTHER_LANGUAGES: RegExp[] = [
  // de: "ich möchte mit einem Menschen sprechen", "mit einem Mitarbeiter sprechen"
  /\bmit\s+(?:einem|einer|ihrem|ihrer|dem|der)\s+(?:echten\s+)?(?:menschen|person|mitarbeiter(?:in)?|vorgesetzten|manager|chef)\s+sprechen\b/,
  // fr: "parler à un humain", "parler avec un conseiller"
  /\bparler\s+(?:à|a|avec)\s+(?:un|une|le|la|votre)\s+(?:vraie?\s+)?(?:humain|personne|conseill[eè]re?|agent|responsable|manager|superviseur)\b/,
  // es: "hablar con una persona", "hablar con un humano", "hablar con el gerente"
  /\bhablar\s+con\s+(?:un|una|el|la|su)\s+(?:humano|persona(?:\s+real)?|agente|representante|asesor|asesora|gerente|supervisor|supervisora|encargado|encargada)\b/,
];

const MANAGER_WORDS =
  /manager|supervisor|superior|team lead|in charge|boss|vorgesetzten|chef|responsable|superviseur|gerente|encargad/;
// "I don't want to talk to a manager", "no need to speak to a human"
// Same clause only: "No, I want a human" and "not a bot, a human please" are still requests.
const NEGATION = /\b(?:don't|dont|do not|doesn't|no need|not|never|without)\b[^.!?,;]{0,20}$/;

const PATTERNS = [...ENGLISH, ...OTHER_LANGUAGES].map((re) => new RegExp(re.source, `${re.flags}g`));

export function detectHumanRequest(text: string): HumanRequest {
  const normalized = text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  for (const re of PATTERNS) {
    // Every occurrence: a negated first one ("don't want a manager") may hide a real request.
    for (const m of normalized.matchAll(re)) {
      if (NEGATION.test(normalized.slice(0, m.index))) continue;
      const phrase = m[0].trim();
      return { requested: true, target: MANAGER_WORDS.test(phrase) ? 'manager' : 'human', phrase };
    }
  }
  return { requested: false };
}

export interface AutoCloseFacts {
  /** Set once a human request was recognised (stored on the case; never cleared). */
  readonly humanRequestedAt: number | null;
  /** Inbound customer messages, checked too in case the flag was never set. */
  readonly inboundTexts?: readonly string[];
}

export type AutoCloseDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: 'human_requested'; readonly detail: string };

/**
 * A customer who asked for a person is owed one: automation may suggest closing such a case,
 * but a human has to close it.
 */
export function canAutoClose(facts: AutoCloseFacts): AutoCloseDecision {
  if (facts.humanRequestedAt !== null) {
    return { allowed: false, reason: 'human_requested', detail: 'The customer asked for a person.' };
  }
  for (const text of facts.inboundTexts ?? []) {
    const r = detectHumanRequest(text);
    if (r.requested) {
      return { allowed: false, reason: 'human_requested', detail: `The customer wrote "${r.phrase}".` };
    }
  }
  return { allowed: true };
}
