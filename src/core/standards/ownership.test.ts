import { describe, expect, it } from 'vitest';
import {
  acceptHandover,
  decideTransfer,
  type OwnershipFacts,
  ownerAfterWork,
  requestHandover,
  type StaffActor,
} from './ownership.ts';

const now = Date.parse('2026-11-23T09:00:00Z');
const ana: StaffActor = { id: 'ana', role: 'agent' };
const ben: StaffActor = { id: 'ben', role: 'agent' };
const lea: StaffActor = { id: 'lea', role: 'lead' };
const owned: OwnershipFacts = { caseId: 'c1', ownerId: 'ana', worked: true };
const fresh: OwnershipFacts = { caseId: 'c1', ownerId: null, worked: false };
const acceptedByBen = { by: 'ben', at: now - 1000 };

describe('decideTransfer', () => {
  const allowed: [string, OwnershipFacts, StaffActor, Parameters<typeof decideTransfer>[2], object][] = [
    [
      'lets an agent take an unowned case',
      fresh,
      ben,
      { to: 'ben' },
      { kind: 'assigned', from: null, to: 'ben', acceptedBy: null },
    ],
    [
      'lets a lead assign an unowned case to anyone',
      fresh,
      lea,
      { to: 'ben' },
      { kind: 'assigned', to: 'ben', by: 'lea' },
    ],
    [
      'hands over when the receiver accepted',
      owned,
      ana,
      { to: 'ben', acceptance: acceptedByBen },
      { kind: 'transferred', from: 'ana', to: 'ben', acceptedBy: 'ben' },
    ],
    [
      'lets a lead transfer without acceptance',
      owned,
      lea,
      { to: 'ben', reason: 'sick leave' },
      { kind: 'transferred', from: 'ana', to: 'ben', acceptedBy: null, reason: 'sick leave' },
    ],
    [
      'lets an owner return an unworked case to the queue',
      { ...owned, worked: false },
      ana,
      { to: null },
      { kind: 'returned_to_queue', to: null },
    ],
    [
      'lets an agent give an unowned case to a colleague who accepted',
      fresh,
      ana,
      { to: 'ben', acceptance: acceptedByBen },
      { kind: 'assigned', to: 'ben', acceptedBy: 'ben' },
    ],
  ];
  it.each(allowed)('%s', (_name, facts, actor, request, expected) => {
    const d = decideTransfer(facts, actor, request, now);
    expect(d).toMatchObject({ ...expected, at: now });
    expect(d.event).toEqual({
      type: 'case.owner_changed',
      caseId: 'c1',
      from: facts.ownerId,
      to: d.to,
      actorId: actor.id,
      at: now,
    });
  });

  const refused: [string, OwnershipFacts, StaffActor, Parameters<typeof decideTransfer>[2], string][] = [
    ['refuses to drop a worked case', owned, ana, { to: null }, 'standards.owner_required'],
    ['refuses even a lead dropping a worked case', owned, lea, { to: null }, 'standards.owner_required'],
    [
      'refuses a handover the receiver has not accepted',
      owned,
      ana,
      { to: 'ben' },
      'standards.transfer_needs_acceptance',
    ],
    [
      'refuses an acceptance by someone other than the receiver',
      owned,
      ana,
      { to: 'ben', acceptance: { by: 'cem', at: now } },
      'standards.transfer_needs_acceptance',
    ],
    [
      'refuses an agent moving a case they do not own',
      owned,
      ben,
      { to: 'ben', acceptance: acceptedByBen },
      'standards.not_owner',
    ],
    ['refuses a transfer to the current owner', owned, lea, { to: 'ana' }, 'standards.already_owner'],
    ['refuses unassigning a case nobody owns', fresh, lea, { to: null }, 'standards.not_assigned'],
  ];
  it.each(refused)('%s', (_name, facts, actor, request, code) => {
    expect(() => decideTransfer(facts, actor, request, now)).toThrow(expect.objectContaining({ code }));
  });
});

describe('requestHandover', () => {
  it('records who offered the case to whom', () => {
    expect(requestHandover(owned, ana, 'ben', now)).toEqual({
      caseId: 'c1',
      from: 'ana',
      to: 'ben',
      requestedBy: 'ana',
      requestedAt: now,
    });
  });

  it('refuses a request from someone who does not own the case', () => {
    expect(() => requestHandover(owned, ben, 'ben', now)).toThrow(
      expect.objectContaining({ code: 'standards.not_owner' }),
    );
  });
});

describe('ownerAfterWork', () => {
  it('makes the first agent to work an unowned case its owner', () => {
    expect(ownerAfterWork(fresh, ben, now)).toMatchObject({
      kind: 'assigned',
      to: 'ben',
      reason: 'first_worked',
    });
  });

  it('leaves an owned case with its owner when someone else works it', () => {
    expect(ownerAfterWork(owned, ben, now)).toBeNull();
  });
});

describe('acceptHandover', () => {
  const offer = requestHandover(owned, ana, 'ben', now - 60_000);

  it('moves the case to the receiver with their acceptance on record', () => {
    expect(acceptHandover(owned, ben, offer, now)).toMatchObject({
      kind: 'transferred',
      from: 'ana',
      to: 'ben',
      by: 'ben',
      acceptedBy: 'ben',
      reason: 'handover_accepted',
    });
  });

  it.each([
    ['someone other than the receiver accepts', owned, lea, 'standards.not_receiver'],
    ['the case changed hands since the offer', { ...owned, ownerId: 'cem' }, ben, 'standards.handover_stale'],
    ['the offer was for another case', { ...owned, caseId: 'c2' }, ben, 'standards.handover_stale'],
  ])('refuses when %s', (_name, facts, actor, code) => {
    expect(() => acceptHandover(facts, actor, offer, now)).toThrow(expect.objectContaining({ code }));
  });
});
