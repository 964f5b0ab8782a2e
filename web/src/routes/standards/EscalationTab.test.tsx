// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render.tsx';
import { directoryRoutes, manager } from './fixtures.ts';
import { StandardsScreen } from './StandardsScreen.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Escalation', () => {
  it('shows each ladder with the policies using it, and creates a ladder level by level', async () => {
    const calls = mockFetch((call, init) =>
      call === 'POST /api/v1/escalation-policies'
        ? { status: 201, body: { id: 'e2', version: 1, ...JSON.parse(String(init.body)) } }
        : directoryRoutes(call),
    );
    renderWithProviders(<StandardsScreen tab="escalation" />, manager);
    const ladder = await screen.findByRole('article', { name: 'Default ladder' });
    expect(within(ladder).getByText('4 h after breach')).toBeTruthy();
    expect(await within(ladder).findByText('Used by: Gold customers')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'New ladder' }));
    const form = await screen.findByRole('form', { name: 'New escalation ladder' });
    fireEvent.change(within(form).getByLabelText(/^Name/), { target: { value: 'Tight' } });
    const level2 = within(form).getByRole('group', { name: 'Level 2' });
    fireEvent.click(within(level2).getByRole('checkbox', { name: 'Lead' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Create ladder' }));
    expect(await within(form).findByText('Notify someone or reassign')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change(within(level2).getByLabelText('Reassign'), { target: { value: 'team_queue' } });
    fireEvent.change(within(level2).getByLabelText('Minutes after the breach'), { target: { value: '30' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add level' }));
    const level3 = within(form).getByRole('group', { name: 'Level 3' });
    fireEvent.click(within(level3).getByRole('checkbox', { name: 'Manager' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Create ladder' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Tight',
      active: true,
      levels: [
        { level: 1, trigger: 'at_risk', actions: [{ kind: 'notify', role: 'owner' }] },
        {
          level: 2,
          trigger: 'breached',
          afterMs: 1_800_000,
          actions: [{ kind: 'reassign', to: 'team_queue' }],
        },
        {
          level: 3,
          trigger: 'breached',
          afterMs: 0,
          actions: [
            { kind: 'notify', role: 'owner' },
            { kind: 'notify', role: 'manager' },
          ],
        },
      ],
    });
  });
});
