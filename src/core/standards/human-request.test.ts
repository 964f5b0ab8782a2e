import { describe, expect, it } from 'vitest';
import { canAutoClose, detectHumanRequest } from './human-request.ts';

describe('detectHumanRequest', () => {
  it.each([
    ['I want to speak to a human', 'human'],
    ['Can I talk to a real person please?', 'human'],
    ['I need to speak with someone', 'human'],
    ['let me talk to a live agent', 'human'],
    ['I want to speak to your manager!!', 'manager'],
    ['Please connect me to an agent', 'human'],
    ['transfer me to a supervisor', 'manager'],
    ['Can I get a human?', 'human'],
    ['I would like a real person, not a bot', 'human'],
    ['agent please', 'human'],
    ['AGENT', 'human'],
    ['Representative now!', 'human'],
    ['please, human', 'human'],
    ['Escalate this to a manager.', 'manager'],
    ['Is there a real person I can talk to?', 'human'],
    ['is there a manager there', 'manager'],
    ['talk to human', 'human'],
    ['real human please', 'human'],
    ['No, I want to speak to a human', 'human'],
    ["I don't want a bot, I want a real person", 'human'],
    ["I don't want to talk to a manager. Just let me talk to a human", 'human'],
    ['This is the third time. I’d like to talk to the person in charge.', 'manager'],
    ['Ich möchte mit einem Menschen sprechen', 'human'],
    ['je veux parler à un conseiller', 'human'],
    ['Quiero hablar con el gerente', 'manager'],
  ])('recognises "%s"', (text, target) => {
    expect(detectHumanRequest(text)).toMatchObject({ requested: true, target });
  });

  it.each([
    'The agent was very helpful, thanks',
    'I spoke to an agent yesterday about this',
    "I don't want to talk to a manager, just fix it",
    'No need to speak to a human, the bot solved it',
    'I do not need to speak to a manager',
    'My manager asked me to send this invoice',
    'Is the human resources department open?',
    'Where is my parcel?',
    'Is there a problem with my order?',
    'Is there any update?',
    'Is there an agent fee for this?',
  ])('does not treat "%s" as a request', (text) => {
    expect(detectHumanRequest(text).requested).toBe(false);
  });
});

describe('canAutoClose', () => {
  it('allows automation to close an ordinary case', () => {
    expect(canAutoClose({ humanRequestedAt: null, inboundTexts: ['Thanks, all sorted'] })).toEqual({
      allowed: true,
    });
  });

  it('refuses when a human was requested, whatever happened since', () => {
    expect(canAutoClose({ humanRequestedAt: 1, inboundTexts: ['thanks'] })).toMatchObject({
      allowed: false,
      reason: 'human_requested',
    });
  });

  it('refuses when a message asks for a person even if the flag was never set', () => {
    expect(canAutoClose({ humanRequestedAt: null, inboundTexts: ['ok', 'agent please'] })).toMatchObject({
      allowed: false,
      reason: 'human_requested',
      detail: 'The customer wrote "agent please".',
    });
  });
});
