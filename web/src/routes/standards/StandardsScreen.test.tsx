// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useRoute } from '../../lib/router.ts';
import { mockFetch, renderWithProviders, testSession } from '../../test/render.tsx';
import { directoryRoutes, lead, manager } from './fixtures.ts';
import { StandardsScreen } from './StandardsScreen.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.location.hash = '';
});

/** The screen as App mounts it: the tab from the address. */
function Routed() {
  const route = useRoute();
  return <StandardsScreen tab={route.params.get('tab') ?? undefined} />;
}

const EDIT_BUTTONS = /^(Edit|New|Save|Add|Set |Close on|Mark closed|Remove|Move|Discard|Rename)/;

describe('StandardsScreen', () => {
  it('shows a lead every tab read-only: no edit, new or save controls anywhere', async () => {
    mockFetch(directoryRoutes);
    window.location.hash = '#/standards?tab=sites';
    renderWithProviders(<Routed />, lead);
    expect(await screen.findByText('Read only: managers and admins change these settings.')).toBeTruthy();
    expect(await screen.findByText('Mon–Fri 09:00–17:00')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'View hours of London Store' })).toBeTruthy();
    expect(((await screen.findByLabelText('Monday opens (1)')) as HTMLInputElement).readOnly).toBe(true);
    expect(screen.getByRole('tab', { name: 'Attainment' })).toBeTruthy();
    const editControls = () => screen.queryAllByRole('button', { name: EDIT_BUTTONS });
    expect(editControls()).toEqual([]);

    for (const [tab, text] of [
      ['SLA policies', 'Gold customers'],
      ['Routing', 'London email'],
      ['Escalation', 'Notify the manager, reassign to the team queue'],
      ['Checklists', 'Verify identity'],
    ] as const) {
      fireEvent.click(screen.getByRole('tab', { name: tab }));
      expect(await screen.findByText(text)).toBeTruthy();
      expect(editControls()).toEqual([]);
    }
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('gives a manager edit controls, and keeps the tab in the address', async () => {
    mockFetch(directoryRoutes);
    renderWithProviders(<StandardsScreen tab="routing" />, manager);
    expect(await screen.findByRole('button', { name: 'New rule' })).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Edit London email' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Least loaded' })).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: 'Escalation' }));
    await waitFor(() => expect(window.location.hash).toBe('#/standards?tab=escalation'));
  });

  it('tells an agent without the abilities that the screen is not for them', () => {
    mockFetch(directoryRoutes);
    renderWithProviders(<StandardsScreen tab="sites" />, testSession);
    expect(screen.getByText('Not available to your role')).toBeTruthy();
  });
});
