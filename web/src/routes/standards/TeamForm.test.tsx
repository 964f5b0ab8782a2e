// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render.tsx';
import { directoryRoutes, lead, manager, SITE_ID, TEAM_ID, team } from './fixtures.ts';
import { StandardsScreen } from './StandardsScreen.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const NEW_TEAM = '7e000000-0000-4000-8000-000000000002';

describe('Teams', () => {
  it('creates a team at a site: a name first, then one POST, and lists it', async () => {
    let teams = [team];
    const calls = mockFetch((call, init) => {
      if (call === 'POST /api/v1/teams') {
        const body = JSON.parse(String(init.body));
        teams = [...teams, { ...team, id: NEW_TEAM, ...body, memberIds: [] }];
        return { status: 201, body: { id: NEW_TEAM, ...body } };
      }
      if (call === 'GET /api/v1/teams') return { body: { items: teams } };
      return directoryRoutes(call);
    });
    renderWithProviders(<StandardsScreen tab="routing" />, manager);
    fireEvent.click(await screen.findByRole('button', { name: 'New team' }));
    const form = await screen.findByRole('form', { name: 'New team' });
    fireEvent.click(within(form).getByRole('button', { name: 'Create team' }));
    expect(await within(form).findByText('Give the team a name')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    expect((within(form).getByLabelText('Site') as HTMLSelectElement).value).toBe(SITE_ID);
    fireEvent.change(within(form).getByLabelText(/^Name/), { target: { value: '  Returns desk ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create team' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'New team' })).toBeNull());
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      { name: 'Returns desk', siteId: SITE_ID },
    ]);
    expect(await screen.findByRole('article', { name: 'Team Returns desk' })).toBeTruthy();
  });

  it('renames a team with a PATCH of the name only, and shows a 409', async () => {
    let name = team.name;
    const calls = mockFetch((call, init) => {
      if (call === `PATCH /api/v1/teams/${TEAM_ID}`) {
        const body = JSON.parse(String(init.body));
        if (body.name === 'Taken')
          return {
            status: 409,
            body: {
              title: 'Conflict',
              status: 409,
              code: 'team.name_taken',
              detail: 'This site already has a team called Taken.',
            },
          };
        name = body.name;
        return { body: { id: TEAM_ID, name, siteId: SITE_ID } };
      }
      if (call === 'GET /api/v1/teams') return { body: { items: [{ ...team, name }] } };
      return directoryRoutes(call);
    });
    renderWithProviders(<StandardsScreen tab="routing" />, manager);
    fireEvent.click(await screen.findByRole('button', { name: 'Rename team Front desk' }));
    const form = await screen.findByRole('form', { name: 'Edit team Front desk' });
    const input = within(form).getByLabelText(/^Name/);
    fireEvent.change(input, { target: { value: 'Taken' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save team' }));
    expect(await within(form).findByText('This site already has a team called Taken.')).toBeTruthy();
    fireEvent.change(input, { target: { value: 'Front counter' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save team' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Edit team Front desk' })).toBeNull());
    expect(calls.filter((c) => c.method === 'PATCH').map((c) => c.body)).toEqual([
      { name: 'Taken' },
      { name: 'Front counter' },
    ]);
    expect(await screen.findByRole('article', { name: 'Team Front counter' })).toBeTruthy();
  });

  it('gives a lead no way to create or rename teams or sites', async () => {
    mockFetch(directoryRoutes);
    renderWithProviders(<StandardsScreen tab="routing" />, lead);
    expect(await screen.findByRole('article', { name: 'Team Front desk' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'New team' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Rename/ })).toBeNull();
    cleanup();
    renderWithProviders(<StandardsScreen tab="sites" />, lead);
    expect(await screen.findByRole('button', { name: 'View hours of London Store' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'New site' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Edit site/ })).toBeNull();
  });
});
