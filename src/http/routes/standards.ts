import { z } from 'zod';
import { acceptCaseHandover } from '../../commands/standards/accept-handover.ts';
import {
  getCaseChecklist,
  listInteractionStandards,
  markChecklistItem,
  saveInteractionStandard,
} from '../../commands/standards/checklist.ts';
import { createSite } from '../../commands/standards/create-site.ts';
import { createTeam } from '../../commands/standards/create-team.ts';
import { findSlaCases } from '../../commands/standards/find-sla-cases.ts';
import { getCaseSla } from '../../commands/standards/get-case-sla.ts';
import { listTeams } from '../../commands/standards/list-teams.ts';
import { reportSlaAttainment } from '../../commands/standards/report-sla-attainment.ts';
import { requestCaseHandover } from '../../commands/standards/request-handover.ts';
import {
  listEscalationPolicies,
  saveEscalationPolicy,
} from '../../commands/standards/save-escalation-policy.ts';
import { listRoutingRules, saveRoutingRule } from '../../commands/standards/save-routing-rule.ts';
import { getSiteHours, saveSiteHours } from '../../commands/standards/save-site-hours.ts';
import {
  createSlaPolicy,
  listSlaPolicies,
  updateSlaPolicyCommand,
} from '../../commands/standards/save-sla-policy.ts';
import { getTeamRouting, saveTeamRouting } from '../../commands/standards/save-team-routing.ts';
import {
  getAgentAvailability,
  setAgentAvailability,
  setMyStatus,
} from '../../commands/standards/set-availability.ts';
import { transferCase } from '../../commands/standards/transfer-case.ts';
import { updateSite } from '../../commands/standards/update-site.ts';
import { updateTeam } from '../../commands/standards/update-team.ts';
import { CASE_PRIORITIES } from '../../core/cases/case-status.ts';
import { CHANNELS } from '../../core/channels.ts';
import { SLA_METRICS, WEEKDAYS } from '../../core/standards/index.ts';
import {
  presentAvailability,
  presentCaseSla,
  presentChecklist,
  presentEscalationPolicy,
  presentHandover,
  presentOwnership,
  presentRoutingRule,
  presentSiteHours,
  presentSlaInboxItem,
  presentSlaPolicy,
} from '../presenters/standards.ts';
import { etag, expectedVersion, idParams, type ZodFastify } from '../types.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM');
const interval = z.object({ start: hhmm, end: hhmm }).strict();
const localDate = z.iso.date();

const hoursBody = z
  .object({
    mode: z.enum(['business', 'always_open']).default('business'),
    weeklyHours: z.partialRecord(z.enum(WEEKDAYS), z.array(interval).max(10)).default({}),
    holidays: z.array(localDate).max(400).default([]),
    specialHours: z.record(localDate, z.array(interval).max(10)).default({}),
  })
  .strict();

const values = z.array(z.string().min(1).max(100)).max(50);
const slaConditions = z
  .object({
    customerTier: values.optional(),
    priority: z.array(z.enum(CASE_PRIORITIES)).optional(),
    siteId: z.array(z.uuid()).max(50).optional(),
    channel: z.array(z.enum(CHANNELS)).optional(),
  })
  .strict();
const positiveMs = z
  .number()
  .int()
  .positive()
  .max(365 * 86_400_000);
const slaBody = z
  .object({
    name: z.string().min(1).max(200),
    conditions: slaConditions.default({}),
    targets: z.partialRecord(z.enum(SLA_METRICS), positiveMs),
    hours: z.enum(['business', 'calendar']).default('business'),
    atRisk: z
      .object({ fraction: z.number().min(0).max(1).optional(), withinMs: z.number().int().min(0).optional() })
      .strict()
      .default({}),
    pauseWhilePending: z.boolean().default(true),
    escalationPolicyId: z.uuid().nullable().default(null),
    active: z.boolean().default(true),
    version: z.number().int().min(1).optional(),
  })
  .strict();

const action = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('notify'), role: z.enum(['owner', 'lead', 'manager']) }).strict(),
  z.object({ kind: z.literal('reassign'), to: z.enum(['team_queue', 'lead']) }).strict(),
]);
const level = z.discriminatedUnion('trigger', [
  z
    .object({
      level: z.number().int().min(1).max(10),
      trigger: z.literal('at_risk'),
      metrics: z.array(z.enum(SLA_METRICS)).optional(),
      actions: z.array(action).min(1).max(10),
    })
    .strict(),
  z
    .object({
      level: z.number().int().min(1).max(10),
      trigger: z.literal('breached'),
      afterMs: z.number().int().min(0).optional(),
      metrics: z.array(z.enum(SLA_METRICS)).optional(),
      actions: z.array(action).min(1).max(10),
    })
    .strict(),
]);
const escalationBody = z
  .object({
    name: z.string().min(1).max(200),
    levels: z.array(level).min(1).max(10),
    active: z.boolean().default(true),
    version: z.number().int().min(1).optional(),
  })
  .strict();

const ruleBody = z
  .object({
    name: z.string().min(1).max(200),
    position: z.number().int().min(0).max(100_000).default(0),
    teamId: z.uuid(),
    conditions: z
      .object({
        siteId: z.array(z.uuid()).max(50).optional(),
        channel: z.array(z.enum(CHANNELS)).optional(),
        category: values.optional(),
        language: values.optional(),
        customerTier: values.optional(),
      })
      .strict()
      .default({}),
    skills: values.default([]),
    allowLastAgentOutsideTeam: z.boolean().default(false),
    active: z.boolean().default(true),
  })
  .strict();

const teamRoutingBody = z
  .object({ strategy: z.enum(['round_robin', 'least_loaded']), memberIds: z.array(z.uuid()).max(500) })
  .strict();

const availabilityBody = z
  .object({
    online: z.boolean().optional(),
    maxOpenCases: z.number().int().min(0).max(1000).optional(),
    skills: values.optional(),
    languages: values.optional(),
  })
  .strict();

const checklistItems = z
  .array(
    z
      .object({
        id: z.string().min(1).max(100),
        label: z.string().min(1).max(500),
        required: z.boolean().default(true),
        channels: z.array(z.enum(CHANNELS)).optional(),
      })
      .strict(),
  )
  .min(1)
  .max(50);

const siteName = z.string().trim().min(1).max(200);
const timeZone = z.string().trim().min(1).max(100);
const siteBody = z.object({ code: z.string().trim().min(1).max(16), name: siteName, timeZone }).strict();
const sitePatch = z.object({ name: siteName.optional(), timeZone: timeZone.optional() }).strict();
const teamName = z.string().trim().min(1).max(200);
const teamBody = z.object({ name: teamName, siteId: z.uuid().nullable().optional() }).strict();
const teamPatch = z.object({ name: teamName.optional(), siteId: z.uuid().nullable().optional() }).strict();

/** A site or team as the API shows it (the same fields GET /sites and GET /teams list). */
const presentSite = (s: { id: string; code: string; name: string; timeZone: string }) => ({
  id: s.id,
  code: s.code,
  name: s.name,
  timeZone: s.timeZone,
});
const presentTeam = (t: { id: string; name: string; siteId: string | null }) => ({
  id: t.id,
  name: t.name,
  siteId: t.siteId,
});

const slaStatusList = z
  .string()
  .optional()
  .transform((s) => (s ? s.split(',') : []))
  .pipe(z.array(z.enum(['ok', 'at_risk', 'breached', 'met', 'none'])));

export function registerStandardsRoutes(app: ZodFastify) {
  const tags = ['standards'];

  // --- Sites -----------------------------------------------------------------------------------
  app.post(
    '/sites',
    {
      schema: {
        tags,
        summary: 'Create a site: code (unique in any case, stored upper-case), name, IANA time zone',
        body: siteBody,
      },
    },
    async (request, reply) =>
      reply.code(201).send(presentSite(await createSite(request.ctx(), request.body))),
  );
  app.patch(
    '/sites/:id',
    {
      schema: {
        tags,
        summary: 'Rename a site or change its time zone (its open cases are re-timed at the next SLA sweep)',
        params: idParams,
        body: sitePatch,
      },
    },
    async (request) => presentSite(await updateSite(request.ctx(), request.params.id, request.body)),
  );

  // --- Site hours ------------------------------------------------------------------------------
  app.get(
    '/sites/:id/hours',
    { schema: { tags, summary: "A site's business hours, holidays and special days", params: idParams } },
    async (request) => presentSiteHours(await getSiteHours(request.ctx(), request.params.id)),
  );
  app.put(
    '/sites/:id/hours',
    {
      schema: {
        tags,
        summary: "Set a site's business hours (in the site's time zone), holidays and special days",
        params: idParams,
        body: hoursBody,
      },
    },
    async (request) => presentSiteHours(await saveSiteHours(request.ctx(), request.params.id, request.body)),
  );

  // --- SLA policies ----------------------------------------------------------------------------
  app.get('/sla-policies', { schema: { tags, summary: 'SLA policies' } }, async (request) => ({
    items: (await listSlaPolicies(request.ctx())).map(presentSlaPolicy),
  }));
  app.post(
    '/sla-policies',
    { schema: { tags, summary: 'Create an SLA policy (targets in ms)', body: slaBody } },
    async (request, reply) => {
      const { version: _v, active: _a, ...input } = request.body;
      const created = await createSlaPolicy(request.ctx(), input);
      reply.header('etag', etag(created.version));
      return reply.code(201).send(presentSlaPolicy(created));
    },
  );
  app.put(
    '/sla-policies/:id',
    {
      schema: {
        tags,
        summary: 'Replace an SLA policy (a new version); If-Match or `version` required',
        params: idParams,
        body: slaBody,
      },
    },
    async (request, reply) => {
      const { version, ...input } = request.body;
      const updated = await updateSlaPolicyCommand(
        request.ctx(),
        request.params.id,
        input,
        expectedVersion(request.headers['if-match'], version),
      );
      reply.header('etag', etag(updated.version));
      return presentSlaPolicy(updated);
    },
  );

  // --- Escalation policies ---------------------------------------------------------------------
  app.get('/escalation-policies', { schema: { tags, summary: 'Escalation ladders' } }, async (request) => ({
    items: (await listEscalationPolicies(request.ctx())).map(presentEscalationPolicy),
  }));
  app.post(
    '/escalation-policies',
    { schema: { tags, summary: 'Create an escalation ladder', body: escalationBody } },
    async (request, reply) => {
      const { version: _v, ...input } = request.body;
      return reply
        .code(201)
        .send(presentEscalationPolicy(await saveEscalationPolicy(request.ctx(), null, input)));
    },
  );
  app.put(
    '/escalation-policies/:id',
    { schema: { tags, summary: 'Replace an escalation ladder', params: idParams, body: escalationBody } },
    async (request) => {
      const { version, ...input } = request.body;
      const ifMatch = request.headers['if-match'];
      return presentEscalationPolicy(
        await saveEscalationPolicy(
          request.ctx(),
          request.params.id,
          input,
          version !== undefined || ifMatch ? expectedVersion(ifMatch, version) : undefined,
        ),
      );
    },
  );

  // --- Routing ---------------------------------------------------------------------------------
  app.get(
    '/routing-rules',
    { schema: { tags, summary: 'Routing rules, in list order' } },
    async (request) => ({
      items: (await listRoutingRules(request.ctx())).map(presentRoutingRule),
    }),
  );
  app.post(
    '/routing-rules',
    { schema: { tags, summary: 'Create a routing rule', body: ruleBody } },
    async (request, reply) =>
      reply.code(201).send(presentRoutingRule(await saveRoutingRule(request.ctx(), null, request.body))),
  );
  app.put(
    '/routing-rules/:id',
    {
      schema: {
        tags,
        summary: 'Replace a routing rule (active: false retires it)',
        params: idParams,
        body: ruleBody,
      },
    },
    async (request) =>
      presentRoutingRule(await saveRoutingRule(request.ctx(), request.params.id, request.body)),
  );
  app.get(
    '/teams',
    { schema: { tags, summary: 'Teams with their site, routing strategy and members (round-robin order)' } },
    async (request) => ({ items: await listTeams(request.ctx()) }),
  );
  app.post(
    '/teams',
    { schema: { tags, summary: 'Create a team, at a site or none', body: teamBody } },
    async (request, reply) =>
      reply.code(201).send(presentTeam(await createTeam(request.ctx(), request.body))),
  );
  app.patch(
    '/teams/:id',
    {
      schema: {
        tags,
        summary: 'Rename a team or move it to another site (`siteId: null`: no site)',
        params: idParams,
        body: teamPatch,
      },
    },
    async (request) => presentTeam(await updateTeam(request.ctx(), request.params.id, request.body)),
  );
  app.get(
    '/teams/:id/routing',
    { schema: { tags, summary: "A team's strategy and round-robin order", params: idParams } },
    async (request) => getTeamRouting(request.ctx(), request.params.id),
  );
  app.put(
    '/teams/:id/routing',
    {
      schema: {
        tags,
        summary: "Set a team's strategy and members (round-robin order)",
        params: idParams,
        body: teamRoutingBody,
      },
    },
    async (request) => saveTeamRouting(request.ctx(), request.params.id, request.body),
  );
  app.get(
    '/agents/:id/availability',
    { schema: { tags, summary: "An agent's capacity, skills, languages and presence", params: idParams } },
    async (request) => presentAvailability(await getAgentAvailability(request.ctx(), request.params.id)),
  );
  app.put(
    '/agents/:id/availability',
    {
      schema: {
        tags,
        summary: "Set an agent's capacity, skills, languages or presence",
        params: idParams,
        body: availabilityBody,
      },
    },
    async (request) =>
      presentAvailability(await setAgentAvailability(request.ctx(), request.params.id, request.body)),
  );
  app.post(
    '/me/status',
    {
      schema: {
        tags,
        summary: 'Go online or offline for routing',
        body: z.object({ online: z.boolean() }).strict(),
      },
    },
    async (request) => presentAvailability(await setMyStatus(request.ctx(), request.body.online)),
  );

  // --- Case timers and the SLA inbox -----------------------------------------------------------
  app.get(
    '/cases/:id/sla',
    {
      schema: {
        tags,
        summary: "The case's SLA targets, time left, at risk, breached, paused",
        params: idParams,
      },
    },
    async (request) => presentCaseSla(await getCaseSla(request.ctx(), request.params.id)),
  );
  app.get(
    '/sla/cases',
    {
      schema: {
        tags,
        summary: 'Open cases by SLA status, soonest deadline first (as of the last sweep)',
        querystring: z.object({
          status: slaStatusList,
          site: z.uuid().optional(),
          team: z.uuid().optional(),
          owner: z.union([z.literal('me'), z.literal('none'), z.uuid()]).optional(),
          sort: z.literal('time_left').default('time_left'),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const items = await findSlaCases(request.ctx(), {
        statuses: q.status,
        limit: q.limit,
        ...(q.site ? { siteId: q.site } : {}),
        ...(q.team ? { teamId: q.team } : {}),
        ...(q.owner
          ? { ownerId: q.owner === 'me' ? request.actor.id : q.owner === 'none' ? null : q.owner }
          : {}),
      });
      const now = new Date();
      return { items: items.map((i) => presentSlaInboxItem(i, now)) };
    },
  );

  // --- Ownership -------------------------------------------------------------------------------
  app.post(
    '/cases/:id/handover',
    {
      schema: {
        tags,
        summary: 'Offer the case to a colleague; it moves when they accept',
        params: idParams,
        body: z.object({ to: z.uuid(), reason: z.string().max(1000).optional() }).strict(),
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(presentHandover(await requestCaseHandover(request.ctx(), request.params.id, request.body))),
  );
  app.post(
    '/handovers/:id/accept',
    { schema: { tags, summary: 'The receiver accepts a handover', params: idParams } },
    async (request) => presentOwnership(await acceptCaseHandover(request.ctx(), request.params.id)),
  );
  app.post(
    '/cases/:id/transfer',
    {
      schema: {
        tags,
        summary: 'A lead transfers directly, or an agent takes an unowned case; never drops a worked case',
        params: idParams,
        body: z.object({ to: z.uuid().nullable(), reason: z.string().max(1000).optional() }).strict(),
      },
    },
    async (request) => presentOwnership(await transferCase(request.ctx(), request.params.id, request.body)),
  );

  // --- Interaction standards -------------------------------------------------------------------
  app.get(
    '/interaction-standards',
    { schema: { tags, summary: 'Checklists per category' } },
    async (request) => ({
      items: await listInteractionStandards(request.ctx()),
    }),
  );
  app.put(
    '/interaction-standards/:category',
    {
      schema: {
        tags,
        summary: "Set a category's checklist (`*` is the default)",
        params: z.object({ category: z.string().min(1).max(100) }),
        body: z.object({ items: checklistItems }).strict(),
      },
    },
    async (request) => saveInteractionStandard(request.ctx(), request.params.category, request.body.items),
  );
  app.get(
    '/cases/:id/checklist',
    { schema: { tags, summary: "The case's checklist and what was followed", params: idParams } },
    async (request) => presentChecklist(await getCaseChecklist(request.ctx(), request.params.id)),
  );
  app.post(
    '/cases/:id/checklist/:item',
    {
      schema: {
        tags,
        summary: 'Tick (done / not applicable) or clear a checklist item',
        params: z.object({ id: z.uuid({ message: 'must be a UUID' }), item: z.string().min(1).max(100) }),
        body: z.object({ state: z.enum(['done', 'not_applicable', 'cleared']) }).strict(),
      },
    },
    async (request) =>
      presentChecklist(
        await markChecklistItem(request.ctx(), request.params.id, request.params.item, request.body.state),
      ),
  );

  // --- Report ----------------------------------------------------------------------------------
  app.get(
    '/reports/sla-attainment',
    {
      schema: {
        tags,
        summary: 'SLA attainment by site, team, channel and priority over cases created in [from, to)',
        querystring: z.object({
          from: z.iso.datetime({ offset: true }),
          to: z.iso.datetime({ offset: true }),
          by: z.enum(['site', 'team', 'channel', 'priority']).optional(),
          metric: z.enum(SLA_METRICS).optional(),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const report = await reportSlaAttainment(request.ctx(), {
        from: new Date(q.from),
        to: new Date(q.to),
        ...(q.metric ? { metric: q.metric } : {}),
      });
      if (!q.by) return report;
      const key = ({ site: 'bySite', team: 'byTeam', channel: 'byChannel', priority: 'byPriority' } as const)[
        q.by
      ];
      return { cases: report.cases, overall: report.overall, by: q.by, rows: report[key] };
    },
  );
}
