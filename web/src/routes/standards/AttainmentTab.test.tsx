// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render.tsx';
import { period } from './AttainmentTab.tsx';
import { directoryRoutes, lead } from './fixtures.ts';
import { StandardsScreen } from './StandardsScreen.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const rowOf = (table: HTMLElement, name: string) => within(table).getByText(name).closest('tr')!.textContent;

describe('SLA attainment', () => {
  it('shows the report by site, team, channel and priority over the chosen period', async () => {
    const calls = mockFetch(directoryRoutes);
    renderWithProviders(<StandardsScreen tab="attainment" />, lead);
    const bySite = await screen.findByRole('table', { name: 'SLA attainment by site' });
    await waitFor(() => expect(rowOf(bySite, 'London Store')).toContain('80%'));
    expect(rowOf(bySite, 'London Store')).toMatch(/London Store1643/);
    expect(screen.getByRole('group', { name: 'Cases' }).textContent).toContain('12');
    expect(screen.getByRole('group', { name: 'Median first response' }).textContent).toContain('30 min');

    fireEvent.click(screen.getByRole('radio', { name: 'Team' }));
    const byTeam = screen.getByRole('table', { name: 'SLA attainment by team' });
    expect(rowOf(byTeam, 'Front desk')).toContain('100%');
    expect(rowOf(byTeam, '(no team)')).toContain('60%');

    fireEvent.click(screen.getByRole('radio', { name: 'Channel' }));
    expect(rowOf(screen.getByRole('table', { name: 'SLA attainment by channel' }), 'In person')).toContain(
      '70%',
    );
    fireEvent.click(screen.getByRole('radio', { name: 'Priority' }));
    expect(rowOf(screen.getByRole('table', { name: 'SLA attainment by priority' }), 'Urgent')).toContain(
      '50%',
    );

    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-01' } });
    fireEvent.change(screen.getByLabelText('To (inclusive)'), { target: { value: '2026-11-30' } });
    fireEvent.change(screen.getByLabelText('Target'), { target: { value: 'first_response' } });
    await waitFor(() =>
      expect(calls.map((c) => c.url)).toContain(
        '/api/v1/reports/sla-attainment?from=2026-11-01T00%3A00%3A00.000Z&to=2026-12-01T00%3A00%3A00.000Z&metric=first_response',
      ),
    );
  });

  it('says when the period is wrong, and when there is nothing to report', async () => {
    expect(period('2026-11-30', '2026-11-01')).toEqual({ error: 'The end date is before the start date.' });
    expect(period('2025-01-01', '2026-11-01')).toEqual({ error: 'Pick at most 366 days.' });
    mockFetch((call) =>
      call.startsWith('GET /api/v1/reports/sla-attainment')
        ? { body: { cases: 0, overall: {}, bySite: [], byTeam: [], byChannel: [], byPriority: [] } }
        : directoryRoutes(call),
    );
    renderWithProviders(<StandardsScreen tab="attainment" />, lead);
    expect(await screen.findByText('No cases with an SLA in this period')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('To (inclusive)'), { target: { value: '2000-01-01' } });
    expect(await screen.findByText('The end date is before the start date.')).toBeTruthy();
  });
});
