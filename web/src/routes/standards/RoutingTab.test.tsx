// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Agent } from '../../api/types.ts';
import { mockFetch, renderWithProviders } from '../../test/render.tsx';
import { directoryRoutes, manager, SITE_ID, TEAM_ID, team } from './fixtures.ts';
import { StandardsScreen } from './StandardsScreen.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const A = 'a0000000-0000-4000-8000-00000000000a';
const B = 'a0000000-0000-4000-8000-00000000000b';
const agent = (id: string, name: string): Agent => ({
  id,
  kind: 'person',
  name,
  email: null,
  role: 'agent',
  teamId: TEAM_ID,
  siteId: SITE_ID,
  timeZone: 'UTC',
  active: true,
});

describe('Routing', () => {
  it('creates a rule, reorders a team and changes its strategy, and sets a capacity', async () => {
    const calls = mockFetch((call, init) => {
      if (call === 'GET /api/v1/agents') return { body: { items: [agent(A, 'Ann'), agent(B, 'Ben')] } };
      if (call === 'GET /api/v1/teams') return { body: { items: [{ ...team, memberIds: [A, B] }] } };
      if (call === `GET /api/v1/agents/${A}/availability`)
        return {
          body: {
            agentId: A,
            online: true,
            maxOpenCases: 5,
            skills: ['billing'],
            languages: [],
            updatedAt: null,
          },
        };
      if (call === `GET /api/v1/agents/${B}/availability`)
        return {
          body: { agentId: B, online: false, maxOpenCases: 10, skills: [], languages: [], updatedAt: null },
        };
      if (call === 'POST /api/v1/routing-rules')
        return { status: 201, body: { id: 'r2', ...JSON.parse(String(init.body)) } };
      if (call === `PUT /api/v1/teams/${TEAM_ID}/routing`)
        return { body: { id: TEAM_ID, ...JSON.parse(String(init.body)) } };
      if (call === `PUT /api/v1/agents/${B}/availability`)
        return {
          body: { agentId: B, online: false, maxOpenCases: 3, skills: [], languages: [], updatedAt: null },
        };
      return directoryRoutes(call);
    });
    renderWithProviders(<StandardsScreen tab="routing" />, manager);

    fireEvent.click(await screen.findByRole('button', { name: 'New rule' }));
    const form = await screen.findByRole('form', { name: 'New routing rule' });
    fireEvent.click(within(form).getByRole('button', { name: 'Create rule' }));
    expect(await within(form).findByText('Give the rule a name')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText(/^Name/), { target: { value: 'Phone calls' } });
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Phone' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Create rule' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'New routing rule' })).toBeNull());
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Phone calls',
      position: 10,
      teamId: TEAM_ID,
      conditions: { channel: ['phone'] },
      skills: [],
      allowLastAgentOutsideTeam: false,
      active: true,
    });

    const card = screen.getByRole('article', { name: 'Team Front desk' });
    expect(await within(card).findByText('Online')).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: 'Move Ben up' }));
    fireEvent.click(within(card).getByRole('radio', { name: 'Least loaded' }));
    fireEvent.click(within(card).getByRole('button', { name: 'Save team routing' }));
    await waitFor(() =>
      expect(calls.find((c) => c.url.endsWith('/routing') && c.method === 'PUT')?.body).toEqual({
        strategy: 'least_loaded',
        memberIds: [B, A],
      }),
    );

    fireEvent.change(within(card).getByLabelText('Max open cases for Ben'), { target: { value: '3' } });
    fireEvent.click(await within(card).findByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(calls.find((c) => c.url.endsWith(`${B}/availability`) && c.method === 'PUT')?.body).toEqual({
        maxOpenCases: 3,
      }),
    );
  });
});
