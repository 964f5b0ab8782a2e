import { InvalidInput } from '../../core/errors.ts';
import {
  type AttainmentInput,
  type AttainmentReport,
  alwaysOpenCalendar,
  buildAttainmentReport,
  computeSlaState,
  type SlaMetric,
  selectSlaPolicy,
} from '../../core/standards/index.ts';
import { findSlaPolicies, loadCalendars } from '../../db/repositories/standards.ts';
import { loadCaseFactsCreatedBetween } from '../../db/repositories/standards-cases.ts';
import { authorize, type CommandContext } from '../context.ts';

const MAX_DAYS = 366;

/** SLA attainment over the cases created in [from, to), by site, team, channel and priority. */
export async function reportSlaAttainment(
  ctx: CommandContext,
  input: { from: Date; to: Date; metric?: SlaMetric },
): Promise<AttainmentReport & { cases: number }> {
  authorize(ctx.actor, 'standards.report');
  if (!(input.from < input.to) || input.to.getTime() - input.from.getTime() > MAX_DAYS * 86_400_000) {
    throw new InvalidInput(
      'standards.invalid_period',
      `from must be before to, at most ${MAX_DAYS} days apart.`,
      {
        from: input.from,
        to: input.to,
      },
    );
  }
  const db = ctx.db.db;
  const [facts, policies, calendars] = await Promise.all([
    loadCaseFactsCreatedBetween(db, input.from, input.to),
    findSlaPolicies(db),
    loadCalendars(db),
  ]);
  const now = ctx.clock.now().getTime();
  const noSite = alwaysOpenCalendar('UTC');
  const inputs: AttainmentInput[] = [];
  for (const f of facts) {
    const policy = selectSlaPolicy(policies, f);
    if (!policy) continue;
    const calendar = (f.site && calendars.get(f.site)) || noSite;
    inputs.push({
      siteId: f.site ?? '(no site)',
      teamId: f.teamId,
      channel: f.channel,
      priority: f.priority,
      state: computeSlaState(f, policy, calendar, now),
    });
  }
  return {
    ...buildAttainmentReport(inputs, input.metric ? { metric: input.metric } : {}),
    cases: inputs.length,
  };
}
