import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/roles.ts';
import { DomainError } from '../errors.ts';
import { currentRating, decideCaseRating, defaultRatingSource, isRateable } from './rating.ts';

const NOW = new Date('2026-03-05T12:00:00Z');
const agent: Actor = { id: 'a1', name: 'Agent One', role: 'agent', kind: 'person' };
const admin: Actor = { id: 'a0', name: 'Admin', role: 'admin', kind: 'person' };
const survey: Actor = { id: 'i1', name: 'Survey bridge', role: 'ingest', kind: 'integration' };
const kase = {
  id: 'c1',
  customerId: 'u1',
  status: 'resolved' as const,
  createdAt: new Date('2026-03-01T09:00:00Z'),
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
  return undefined;
}

describe('decideCaseRating', () => {
  it('keeps a survey answer with its source, trimmed comment and external id', () => {
    expect(
      decideCaseRating(
        kase,
        { score: 4, comment: '  Good  ', externalId: ' r-1 ', channel: 'email' },
        survey,
        NOW,
      ),
    ).toEqual({
      caseId: 'c1',
      customerId: 'u1',
      score: 4,
      comment: 'Good',
      source: 'survey',
      channel: 'email',
      externalId: 'r-1',
      ratedAt: NOW,
      actorId: 'i1',
      actorName: 'Survey bridge',
    });
  });

  it('records what a person took down as agent_recorded; a blank comment is no comment', () => {
    const r = decideCaseRating(kase, { score: 2, comment: '   ' }, agent, NOW);
    expect(r).toMatchObject({ source: 'agent_recorded', comment: null, externalId: null, channel: null });
    expect(defaultRatingSource(agent)).toBe('agent_recorded');
    expect(defaultRatingSource(survey)).toBe('survey');
  });

  it('rates resolved and closed cases only', () => {
    expect(isRateable({ status: 'closed' })).toBe(true);
    for (const status of ['new', 'open', 'pending'] as const) {
      expect(isRateable({ status })).toBe(false);
      expect(codeOf(() => decideCaseRating({ ...kase, status }, { score: 5 }, survey, NOW))).toBe(
        'rating.case_not_resolved',
      );
    }
  });

  it('refuses scores outside 1..5 or not whole', () => {
    for (const score of [0, 6, 4.5, Number.NaN]) {
      expect(codeOf(() => decideCaseRating(kase, { score }, survey, NOW))).toBe('rating.invalid_score');
    }
    expect(codeOf(() => decideCaseRating(kase, { score: 1 }, survey, NOW))).toBeUndefined();
    expect(codeOf(() => decideCaseRating(kase, { score: 5 }, survey, NOW))).toBeUndefined();
  });

  it('refuses an answer time in the future (beyond 5 minutes of skew) or before the case', () => {
    const soon = new Date(NOW.getTime() + 4 * 60_000);
    expect(decideCaseRating(kase, { score: 5, ratedAt: soon }, survey, NOW).ratedAt).toEqual(soon);
    const later = new Date(NOW.getTime() + 6 * 60_000);
    expect(codeOf(() => decideCaseRating(kase, { score: 5, ratedAt: later }, survey, NOW))).toBe(
      'rating.rated_in_future',
    );
    const early = new Date('2026-02-01T00:00:00Z');
    expect(codeOf(() => decideCaseRating(kase, { score: 5, ratedAt: early }, survey, NOW))).toBe(
      'rating.before_case',
    );
  });

  it('lets only integrations claim survey answers, and only admins and integrations import', () => {
    expect(codeOf(() => decideCaseRating(kase, { score: 5, source: 'survey' }, agent, NOW))).toBe(
      'auth.forbidden',
    );
    expect(codeOf(() => decideCaseRating(kase, { score: 5, source: 'survey' }, admin, NOW))).toBe(
      'auth.forbidden',
    );
    expect(codeOf(() => decideCaseRating(kase, { score: 5, source: 'import' }, agent, NOW))).toBe(
      'auth.forbidden',
    );
    expect(decideCaseRating(kase, { score: 5, source: 'import' }, admin, NOW).source).toBe('import');
    expect(decideCaseRating(kase, { score: 5, source: 'import' }, survey, NOW).source).toBe('import');
    expect(decideCaseRating(kase, { score: 5, source: 'agent_recorded' }, survey, NOW).source).toBe(
      'agent_recorded',
    );
  });
});

describe('currentRating', () => {
  const at = (iso: string) => new Date(iso);
  it('is the latest answer, then the latest stored, then the larger id', () => {
    const a = { id: 'a', ratedAt: at('2026-03-02T00:00:00Z'), createdAt: at('2026-03-02T00:00:00Z') };
    const b = { id: 'b', ratedAt: at('2026-03-03T00:00:00Z'), createdAt: at('2026-03-01T00:00:00Z') };
    const c = { id: 'c', ratedAt: at('2026-03-03T00:00:00Z'), createdAt: at('2026-03-04T00:00:00Z') };
    const d = { id: 'd', ratedAt: c.ratedAt, createdAt: c.createdAt };
    expect(currentRating([])).toBeUndefined();
    expect(currentRating([a, b])).toBe(b);
    expect(currentRating([c, a, b])).toBe(c);
    expect(currentRating([d, c])).toBe(d);
  });
});
