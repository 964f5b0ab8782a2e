import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, inbound, type TestApp } from '../../../test/app.ts';
import { buildSite } from '../../../test/factories.ts';
import { sweepSla } from '../../commands/standards/sweep-sla.ts';
import { fixedClock } from '../../core/ports.ts';
import { one, sql } from '../../db/sql.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const MISSING = '7d9f7a4e-52a3-4c55-8e51-2b2c5a0f0d11';

async function newCase(over: Record<string, unknown> = {}) {
  const res = await t.call('ingest', {
    method: 'POST',
    url: '/api/v1/inbound',
    payload: inbound({ from: { email: `c${Math.random().toString(36).slice(2)}@example.com` }, ...over }),
  });
  return res.json() as { caseId: string };
}

const weekdays = { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }] };

describe('site hours', () => {
  it('stores hours and holidays in the site time zone; managers only', async () => {
    const site = await buildSite(t.db, { timeZone: 'Europe/Berlin' });
    const url = `/api/v1/sites/${site.id}/hours`;
    const before = await t.call('agent', { method: 'GET', url });
    expect(before.json()).toMatchObject({
      configured: false,
      mode: 'always_open',
      timeZone: 'Europe/Berlin',
    });
    const put = await t.call('manager', {
      method: 'PUT',
      url,
      payload: { weeklyHours: weekdays, holidays: ['2026-12-25'] },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({
      configured: true,
      mode: 'business',
      holidays: ['2026-12-25'],
      version: 1,
    });
    const forbidden = await t.call('agent', { method: 'PUT', url, payload: { weeklyHours: weekdays } });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('auth.forbidden');
    expect((await t.call(null, { method: 'GET', url })).statusCode).toBe(401);
  });

  it('answers 400 for malformed hours, 422 for a calendar that never opens, 404 for an unknown site', async () => {
    const site = await buildSite(t.db);
    const url = `/api/v1/sites/${site.id}/hours`;
    const bad = await t.call('admin', {
      method: 'PUT',
      url,
      payload: { weeklyHours: { mon: [{ start: '9am', end: '17:00' }] } },
    });
    expect(bad.statusCode).toBe(400);
    const never = await t.call('admin', { method: 'PUT', url, payload: { weeklyHours: {} } });
    expect(never.statusCode).toBe(422);
    expect(never.json().code).toBe('standards.invalid_calendar');
    const missing = await t.call('admin', {
      method: 'PUT',
      url: `/api/v1/sites/${MISSING}/hours`,
      payload: { weeklyHours: weekdays },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('site.not_found');
  });
});

describe('SLA policies, case timers and the SLA inbox', () => {
  it('creates and versions a policy; a stale version is 409; an empty target set is 422', async () => {
    const created = await t.call('manager', {
      method: 'POST',
      url: '/api/v1/sla-policies',
      payload: {
        name: 'Urgent',
        conditions: { priority: ['urgent'] },
        targets: { first_response: 900_000 },
        hours: 'calendar',
      },
    });
    expect(created.statusCode).toBe(201);
    const policy = created.json();
    const url = `/api/v1/sla-policies/${policy.id}`;
    const payload = {
      name: 'Urgent',
      conditions: { priority: ['urgent'] },
      targets: { first_response: 600_000 },
    };
    const updated = await t.call('manager', { method: 'PUT', url, headers: { 'if-match': '"1"' }, payload });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ version: 2, targets: { first_response: 600_000 } });
    const stale = await t.call('manager', { method: 'PUT', url, headers: { 'if-match': '"1"' }, payload });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('sla_policy.version_conflict');
    const empty = await t.call('manager', {
      method: 'POST',
      url: '/api/v1/sla-policies',
      payload: { name: 'x', targets: {} },
    });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().code).toBe('standards.invalid_policy');
    const agent = await t.call('agent', { method: 'POST', url: '/api/v1/sla-policies', payload });
    expect(agent.statusCode).toBe(403);
  });

  it('shows a case its targets and time left, and the inbox lists breached cases soonest first', async () => {
    await t.call('admin', {
      method: 'POST',
      url: '/api/v1/sla-policies',
      payload: {
        name: 'Default',
        targets: { first_response: 3_600_000, resolution: 86_400_000 },
        hours: 'calendar',
      },
    });
    const { caseId } = await newCase();
    const sla = await t.call('agent', { method: 'GET', url: `/api/v1/cases/${caseId}/sla` });
    expect(sla.statusCode).toBe(200);
    const first = sla.json().targets.find((x: { metric: string }) => x.metric === 'first_response');
    expect(first).toMatchObject({ status: 'ok', breached: false, atRisk: false, paused: false });
    expect(first.timeLeftMs).toBeGreaterThan(3_500_000);
    expect((await t.call('agent', { method: 'GET', url: `/api/v1/cases/${MISSING}/sla` })).statusCode).toBe(
      404,
    );

    await sweepSla({
      db: t.db,
      clock: fixedClock(new Date(Date.now() + 2 * 3_600_000).toISOString()),
      events: t.events,
    });
    const inbox = await t.call('agent', {
      method: 'GET',
      url: '/api/v1/sla/cases?status=breached&sort=time_left',
    });
    expect(inbox.statusCode).toBe(200);
    const item = inbox.json().items.find((i: { caseId: string }) => i.caseId === caseId);
    expect(item.sla).toMatchObject({ status: 'breached' });
    const bad = await t.call('agent', { method: 'GET', url: '/api/v1/sla/cases?status=late' });
    expect(bad.statusCode).toBe(400);
  });

  it('reports attainment by priority for leads, not agents', async () => {
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const res = await t.call('lead', {
      method: 'GET',
      url: `/api/v1/reports/sla-attainment?by=priority&from=${from}&to=${to}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ by: 'priority' });
    expect(res.json().cases).toBeGreaterThan(0);
    const agent = await t.call('agent', {
      method: 'GET',
      url: `/api/v1/reports/sla-attainment?from=${from}&to=${to}`,
    });
    expect(agent.statusCode).toBe(403);
    const backwards = await t.call('lead', {
      method: 'GET',
      url: `/api/v1/reports/sla-attainment?from=${to}&to=${from}`,
    });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().code).toBe('standards.invalid_period');
  });
});

describe('ownership', () => {
  it('hands a case over only when the receiver accepts', async () => {
    const { caseId } = await newCase();
    const take = await t.call('agent', {
      method: 'POST',
      url: `/api/v1/cases/${caseId}/transfer`,
      payload: { to: t.agentIds.agent },
    });
    expect(take.statusCode).toBe(200);
    expect(take.json()).toMatchObject({ kind: 'assigned', to: t.agentIds.agent });
    const direct = await t.call('agent', {
      method: 'POST',
      url: `/api/v1/cases/${caseId}/transfer`,
      payload: { to: t.agentIds.lead },
    });
    expect(direct.statusCode).toBe(422);
    expect(direct.json().code).toBe('standards.transfer_needs_acceptance');
    const offer = await t.call('agent', {
      method: 'POST',
      url: `/api/v1/cases/${caseId}/handover`,
      payload: { to: t.agentIds.lead },
    });
    expect(offer.statusCode).toBe(201);
    const { id } = offer.json();
    const wrong = await t.call('manager', { method: 'POST', url: `/api/v1/handovers/${id}/accept` });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('standards.not_receiver');
    const accepted = await t.call('lead', { method: 'POST', url: `/api/v1/handovers/${id}/accept` });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      kind: 'transferred',
      from: t.agentIds.agent,
      to: t.agentIds.lead,
      acceptedBy: t.agentIds.lead,
    });
    const again = await t.call('lead', { method: 'POST', url: `/api/v1/handovers/${id}/accept` });
    expect(again.statusCode).toBe(422);
    expect(again.json().code).toBe('standards.handover_closed');
    expect(
      (await t.call('lead', { method: 'POST', url: `/api/v1/handovers/${MISSING}/accept` })).statusCode,
    ).toBe(404);
  });

  it('never drops the owner of a worked case, even for a lead; non-owners cannot hand over', async () => {
    const { caseId } = await newCase();
    await t.call('agent', {
      method: 'POST',
      url: `/api/v1/cases/${caseId}/messages`,
      payload: { kind: 'reply', body: 'On it.' },
    });
    const drop = await t.call('lead', {
      method: 'POST',
      url: `/api/v1/cases/${caseId}/transfer`,
      payload: { to: null },
    });
    expect(drop.statusCode).toBe(422);
    expect(drop.json().code).toBe('standards.owner_required');
    const lead = await t.call('lead', {
      method: 'POST',
      url: `/api/v1/cases/${caseId}/transfer`,
      payload: { to: t.agentIds.manager },
    });
    expect(lead.statusCode).toBe(200);
    const notOwner = await t.call('agent', {
      method: 'POST',
      url: `/api/v1/cases/${caseId}/handover`,
      payload: { to: t.agentIds.agent },
    });
    expect(notOwner.statusCode).toBe(403);
    expect(notOwner.json().code).toBe('standards.not_owner');
    const ingest = await t.call('ingest', {
      method: 'POST',
      url: `/api/v1/cases/${caseId}/transfer`,
      payload: { to: t.agentIds.agent },
    });
    expect(ingest.statusCode).toBe(403);
    const bad = await t.call('lead', {
      method: 'POST',
      url: `/api/v1/cases/${caseId}/transfer`,
      payload: { to: 'x' },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('routing configuration and availability', () => {
  it('sets team routing, rules and an agent availability; agents set their own status', async () => {
    const site = await buildSite(t.db);
    const team = (await one<{ id: string }>(
      t.db.db,
      sql`insert into teams (site_id, name) values (${site.id}, 'Desk') returning id`,
    ))!;
    const routing = await t.call('manager', {
      method: 'PUT',
      url: `/api/v1/teams/${team.id}/routing`,
      payload: { strategy: 'least_loaded', memberIds: [t.agentIds.agent] },
    });
    expect(routing.json()).toMatchObject({ strategy: 'least_loaded', memberIds: [t.agentIds.agent] });
    const teams = await t.call('agent', { method: 'GET', url: '/api/v1/teams' });
    expect(teams.statusCode).toBe(200);
    expect(teams.json().items).toContainEqual({
      id: team.id,
      name: 'Desk',
      siteId: site.id,
      strategy: 'least_loaded',
      memberIds: [t.agentIds.agent],
    });
    expect((await t.call(null, { method: 'GET', url: '/api/v1/teams' })).statusCode).toBe(401);
    const ingestMember = await t.call('manager', {
      method: 'PUT',
      url: `/api/v1/teams/${team.id}/routing`,
      payload: { strategy: 'round_robin', memberIds: [t.agentIds.ingest] },
    });
    expect(ingestMember.statusCode).toBe(422);
    const rule = await t.call('manager', {
      method: 'POST',
      url: '/api/v1/routing-rules',
      payload: { name: 'Desk', teamId: team.id, conditions: { siteId: [site.id] } },
    });
    expect(rule.statusCode).toBe(201);
    const unknownTeam = await t.call('manager', {
      method: 'POST',
      url: '/api/v1/routing-rules',
      payload: { name: 'x', teamId: MISSING },
    });
    expect(unknownTeam.statusCode).toBe(404);
    expect(unknownTeam.json().code).toBe('team.not_found');
    const avail = await t.call('manager', {
      method: 'PUT',
      url: `/api/v1/agents/${t.agentIds.agent}/availability`,
      payload: { maxOpenCases: 3, skills: ['billing'], languages: ['en'] },
    });
    expect(avail.json()).toMatchObject({ online: false, maxOpenCases: 3, skills: ['billing'] });
    const me = await t.call('agent', { method: 'POST', url: '/api/v1/me/status', payload: { online: true } });
    expect(me.json()).toMatchObject({ online: true, maxOpenCases: 3 });
    expect(
      (
        await t.call('agent', {
          method: 'PUT',
          url: `/api/v1/agents/${t.agentIds.agent}/availability`,
          payload: { online: true },
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('checklists', () => {
  it('shows the category checklist and records what was followed', async () => {
    const put = await t.call('manager', {
      method: 'PUT',
      url: '/api/v1/interaction-standards/*',
      payload: {
        items: [
          { id: 'verify-identity', label: 'Verify identity' },
          { id: 'confirm-fix', label: 'Confirm the fix with the customer' },
        ],
      },
    });
    expect(put.statusCode).toBe(200);
    const { caseId } = await newCase();
    const url = `/api/v1/cases/${caseId}/checklist`;
    const before = await t.call('agent', { method: 'GET', url });
    expect(before.json().result).toMatchObject({
      complete: false,
      missed: ['verify-identity', 'confirm-fix'],
    });
    const mark = await t.call('agent', {
      method: 'POST',
      url: `${url}/verify-identity`,
      payload: { state: 'done' },
    });
    expect(mark.statusCode).toBe(200);
    expect(mark.json().items[0]).toMatchObject({
      id: 'verify-identity',
      state: 'done',
      by: t.agentIds.agent,
    });
    expect(mark.json().result).toMatchObject({ followed: ['verify-identity'], score: 0.5 });
    const unknown = await t.call('agent', { method: 'POST', url: `${url}/nope`, payload: { state: 'done' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('checklist_item.not_found');
    const bad = await t.call('agent', {
      method: 'POST',
      url: `${url}/confirm-fix`,
      payload: { state: 'skipped' },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('OpenAPI', () => {
  it('documents the standards endpoints', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths;
    for (const path of [
      '/api/v1/sites/{id}/hours',
      '/api/v1/sla-policies/{id}',
      '/api/v1/teams',
      '/api/v1/escalation-policies',
      '/api/v1/cases/{id}/sla',
      '/api/v1/sla/cases',
      '/api/v1/cases/{id}/handover',
      '/api/v1/handovers/{id}/accept',
      '/api/v1/cases/{id}/checklist/{item}',
      '/api/v1/reports/sla-attainment',
    ]) {
      expect(paths[path], path).toBeDefined();
    }
  });
});

describe('preconditions', () => {
  it('needs If-Match to replace a policy (428) and a real receiver for a handover (404)', async () => {
    const created = await t.call('admin', {
      method: 'POST',
      url: '/api/v1/sla-policies',
      payload: { name: 'Web', conditions: { channel: ['web'] }, targets: { first_response: 7_200_000 } },
    });
    const noIfMatch = await t.call('admin', {
      method: 'PUT',
      url: `/api/v1/sla-policies/${created.json().id}`,
      payload: { name: 'Web', targets: { first_response: 3_600_000 } },
    });
    expect(noIfMatch.statusCode).toBe(428);
    expect(noIfMatch.json().code).toBe('request.precondition_required');
    const missing = await t.call('admin', {
      method: 'PUT',
      url: `/api/v1/sla-policies/${MISSING}`,
      headers: { 'if-match': '"1"' },
      payload: { name: 'Web', targets: { first_response: 3_600_000 } },
    });
    expect(missing.statusCode).toBe(404);
    const { caseId } = await newCase();
    const nobody = await t.call('lead', {
      method: 'POST',
      url: `/api/v1/cases/${caseId}/handover`,
      payload: { to: MISSING },
    });
    expect(nobody.statusCode).toBe(404);
    expect(nobody.json().code).toBe('agent.not_found');
  });
});

describe('sites and teams', () => {
  const code = () => `T${Math.random().toString(36).slice(2, 7)}`;

  it('creates a site (code upper-cased, zone as Intl names it) and lists it; managers and admins only', async () => {
    const c = code();
    const res = await t.call('manager', {
      method: 'POST',
      url: '/api/v1/sites',
      payload: { code: c.toLowerCase(), name: ' Berlin Store ', timeZone: 'europe/berlin' },
    });
    expect(res.statusCode).toBe(201);
    const site = res.json();
    expect(site).toEqual({
      id: expect.any(String),
      code: c.toUpperCase(),
      name: 'Berlin Store',
      timeZone: 'Europe/Berlin',
    });
    const listed = await t.call('agent', { method: 'GET', url: '/api/v1/sites' });
    expect(listed.json().items).toContainEqual(site);
    const hours = await t.call('agent', { method: 'GET', url: `/api/v1/sites/${site.id}/hours` });
    expect(hours.json()).toMatchObject({ configured: false, timeZone: 'Europe/Berlin' });
    const audit = await one<{ n: number }>(
      t.db.db,
      sql`select count(*)::int as n from audit_log where action = 'site.created' and entity_id = ${site.id}`,
    );
    expect(audit?.n).toBe(1);

    const admin = await t.call('admin', {
      method: 'POST',
      url: '/api/v1/sites',
      payload: { code: code(), name: 'Admin site', timeZone: 'UTC' },
    });
    expect(admin.statusCode).toBe(201);
    for (const role of ['lead', 'agent'] as const) {
      const denied = await t.call(role, {
        method: 'POST',
        url: '/api/v1/sites',
        payload: { code: code(), name: 'x', timeZone: 'UTC' },
      });
      expect(denied.statusCode).toBe(403);
      expect(denied.json().code).toBe('auth.forbidden');
    }
    const anonymous = await t.call(null, {
      method: 'POST',
      url: '/api/v1/sites',
      payload: { code: code(), name: 'x', timeZone: 'UTC' },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses a taken code in any case (409), an unknown zone or a malformed code (422), a bad body (400)', async () => {
    const c = code();
    const post = (payload: Record<string, unknown>) =>
      t.call('manager', { method: 'POST', url: '/api/v1/sites', payload });
    expect((await post({ code: c, name: 'First', timeZone: 'UTC' })).statusCode).toBe(201);
    const taken = await post({ code: c.toLowerCase(), name: 'Second', timeZone: 'UTC' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'site.code_taken', status: 409 });
    expect(taken.headers['content-type']).toContain('application/problem+json');
    const zone = await post({ code: code(), name: 'Mars', timeZone: 'Mars/Olympus_Mons' });
    expect(zone.statusCode).toBe(422);
    expect(zone.json().code).toBe('site.unknown_time_zone');
    const malformed = await post({ code: 'B E R', name: 'Spaces', timeZone: 'UTC' });
    expect(malformed.statusCode).toBe(422);
    expect(malformed.json().code).toBe('site.invalid_code');
    const missing = await post({ code: code(), timeZone: 'UTC' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toContainEqual(expect.objectContaining({ path: 'body.name' }));
    expect((await post({ code: code(), name: 'x', timeZone: 'UTC', extra: 1 })).statusCode).toBe(400);
  });

  it('renames a site and changes its zone; the next SLA sweep re-times its open cases', async () => {
    const c = code();
    const site = (
      await t.call('manager', {
        method: 'POST',
        url: '/api/v1/sites',
        payload: { code: c, name: 'Zone site', timeZone: 'Europe/London' },
      })
    ).json();
    const url = `/api/v1/sites/${site.id}`;
    // One morning hour a day: London's and New York's never overlap, so a deadline in one zone's
    // hours can never equal the same deadline in the other's.
    const hour = [{ start: '09:00', end: '10:00' }];
    const mornings = { mon: hour, tue: hour, wed: hour, thu: hour, fri: hour, sat: hour, sun: hour };
    await t.call('manager', { method: 'PUT', url: `${url}/hours`, payload: { weeklyHours: mornings } });
    // Business hours for this site's cases, so their deadlines depend on the site's zone.
    const policy = await t.call('manager', {
      method: 'POST',
      url: '/api/v1/sla-policies',
      payload: {
        name: `Zone site ${c}`,
        conditions: { siteId: [site.id] },
        targets: { first_response: 1_800_000 },
        hours: 'business',
      },
    });
    expect(policy.statusCode).toBe(201);
    const { caseId } = await newCase({ site: c });
    const deps = { db: t.db, clock: fixedClock(new Date().toISOString()), events: t.events };
    const due = async () =>
      (
        await one<{ due: Date | null }>(
          t.db.db,
          sql`select next_due_at as due from case_sla where case_id = ${caseId}`,
        )
      )?.due?.getTime();
    await sweepSla(deps);
    const dueInLondon = await due();
    expect(dueInLondon).toBeTypeOf('number');
    await sweepSla(deps);
    expect(await due()).toBe(dueInLondon);

    const renamed = await t.call('manager', { method: 'PATCH', url, payload: { name: 'Renamed site' } });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({
      code: c.toUpperCase(),
      name: 'Renamed site',
      timeZone: 'Europe/London',
    });
    const moved = await t.call('admin', { method: 'PATCH', url, payload: { timeZone: 'America/New_York' } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().timeZone).toBe('America/New_York');
    const hours = await t.call('agent', { method: 'GET', url: `${url}/hours` });
    expect(hours.json()).toMatchObject({ timeZone: 'America/New_York', configured: true });
    const result = await sweepSla(deps);
    expect(result.cases).toBeGreaterThan(0);
    expect(await due()).not.toBe(dueInLondon);
    const audit = await one<{ before: { timeZone: string }; after: { timeZone: string } }>(
      t.db.db,
      sql`select before, after from audit_log where action = 'site.updated' and entity_id = ${site.id} order by id desc limit 1`,
    );
    expect(audit).toMatchObject({
      before: { timeZone: 'Europe/London' },
      after: { timeZone: 'America/New_York' },
    });

    const zone = await t.call('manager', { method: 'PATCH', url, payload: { timeZone: 'Nowhere/Special' } });
    expect(zone.statusCode).toBe(422);
    expect(zone.json().code).toBe('site.unknown_time_zone');
    expect((await t.call('lead', { method: 'PATCH', url, payload: { name: 'x' } })).statusCode).toBe(403);
    expect((await t.call(null, { method: 'PATCH', url, payload: { name: 'x' } })).statusCode).toBe(401);
    expect((await t.call('manager', { method: 'PATCH', url, payload: { code: 'NEW' } })).statusCode).toBe(
      400,
    );
    expect(
      (await t.call('manager', { method: 'PATCH', url: '/api/v1/sites/not-a-uuid', payload: { name: 'x' } }))
        .statusCode,
    ).toBe(400);
    const missing = await t.call('manager', {
      method: 'PATCH',
      url: `/api/v1/sites/${MISSING}`,
      payload: { name: 'x' },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('site.not_found');
  });

  it('creates and renames teams; names are unique per site in any case', async () => {
    const site = await buildSite(t.db);
    const created = await t.call('manager', {
      method: 'POST',
      url: '/api/v1/teams',
      payload: { name: 'Returns desk', siteId: site.id },
    });
    expect(created.statusCode).toBe(201);
    const team = created.json();
    expect(team).toEqual({ id: expect.any(String), name: 'Returns desk', siteId: site.id });
    const listed = await t.call('agent', { method: 'GET', url: '/api/v1/teams' });
    expect(listed.json().items).toContainEqual({ ...team, strategy: 'round_robin', memberIds: [] });

    const dup = await t.call('admin', {
      method: 'POST',
      url: '/api/v1/teams',
      payload: { name: 'returns DESK', siteId: site.id },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('team.name_taken');
    const noSite = await t.call('admin', {
      method: 'POST',
      url: '/api/v1/teams',
      payload: { name: 'Returns desk' },
    });
    expect(noSite.statusCode).toBe(201);
    expect(noSite.json().siteId).toBeNull();
    const unknownSite = await t.call('manager', {
      method: 'POST',
      url: '/api/v1/teams',
      payload: { name: 'Ghost', siteId: MISSING },
    });
    expect(unknownSite.statusCode).toBe(404);
    expect(unknownSite.json().code).toBe('site.not_found');
    expect(
      (await t.call('manager', { method: 'POST', url: '/api/v1/teams', payload: { name: '' } })).statusCode,
    ).toBe(400);
    expect(
      (await t.call('lead', { method: 'POST', url: '/api/v1/teams', payload: { name: 'x' } })).statusCode,
    ).toBe(403);
    expect(
      (await t.call(null, { method: 'POST', url: '/api/v1/teams', payload: { name: 'x' } })).statusCode,
    ).toBe(401);

    const url = `/api/v1/teams/${team.id}`;
    const renamed = await t.call('manager', { method: 'PATCH', url, payload: { name: 'Returns & repairs' } });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toEqual({ ...team, name: 'Returns & repairs' });
    const moved = await t.call('manager', { method: 'PATCH', url, payload: { siteId: null } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().siteId).toBeNull();
    const clash = await t.call('manager', { method: 'PATCH', url, payload: { name: 'RETURNS DESK' } });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().code).toBe('team.name_taken');
    expect((await t.call('agent', { method: 'PATCH', url, payload: { name: 'x' } })).statusCode).toBe(403);
    expect((await t.call(null, { method: 'PATCH', url, payload: { name: 'x' } })).statusCode).toBe(401);
    expect((await t.call('manager', { method: 'PATCH', url, payload: { strategy: 'x' } })).statusCode).toBe(
      400,
    );
    const gone = await t.call('manager', {
      method: 'PATCH',
      url: `/api/v1/teams/${MISSING}`,
      payload: { name: 'x' },
    });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe('team.not_found');
    const badSite = await t.call('manager', { method: 'PATCH', url, payload: { siteId: MISSING } });
    expect(badSite.statusCode).toBe(404);
    expect(badSite.json().code).toBe('site.not_found');
  });
});
