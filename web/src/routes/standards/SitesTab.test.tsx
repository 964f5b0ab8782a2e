// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render.tsx';
import { directoryRoutes, hours, manager, SITE_ID } from './fixtures.ts';
import { StandardsScreen } from './StandardsScreen.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const change = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('Sites & hours', () => {
  it('edits weekly hours and holidays and saves them with one PUT', async () => {
    const calls = mockFetch((call, init) => {
      if (call === `PUT /api/v1/sites/${SITE_ID}/hours`)
        return { body: { ...hours, ...JSON.parse(String(init.body)), version: 4 } };
      return directoryRoutes(call);
    });
    renderWithProviders(<StandardsScreen tab="sites" />, manager);
    expect(await screen.findByText('Europe/London')).toBeTruthy();
    expect(await screen.findByText('Mon–Fri 09:00–17:00')).toBeTruthy();
    await screen.findByLabelText('Monday opens (1)');

    change('Monday closes (1)', '18:00');
    fireEvent.click(screen.getByRole('button', { name: 'Add hours on Tuesday' }));
    change('Tuesday opens (2)', '19:00');
    change('Tuesday closes (2)', '21:00');
    fireEvent.click(screen.getByRole('button', { name: 'Mark closed on Friday' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add hours on Saturday' }));
    change('Saturday opens (1)', '22:00');
    change('Saturday closes (1)', '06:00');
    expect(screen.getByText('+1 day')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add holiday' }));
    change('Holiday 2', '2027-01-01');
    fireEvent.click(screen.getByRole('button', { name: 'Save hours' }));

    expect(await screen.findByText('Saved.')).toBeTruthy();
    const put = calls.filter((c) => c.method === 'PUT');
    expect(put).toHaveLength(1);
    expect(put[0]!.headers['content-type']).toBe('application/json');
    expect(put[0]!.body).toEqual({
      mode: 'business',
      weeklyHours: {
        mon: [{ start: '09:00', end: '18:00' }],
        tue: [
          { start: '09:00', end: '17:00' },
          { start: '19:00', end: '21:00' },
        ],
        wed: [{ start: '09:00', end: '17:00' }],
        thu: [{ start: '09:00', end: '17:00' }],
        sat: [{ start: '22:00', end: '06:00' }],
      },
      holidays: ['2026-12-25', '2027-01-01'],
      specialHours: {},
    });
    await waitFor(() => expect(screen.getByText(/Version 4\./)).toBeTruthy());
  });

  it('refuses to save malformed times, a duplicate holiday or a week with no hours; shows server problems', async () => {
    const calls = mockFetch((call) => {
      if (call === `PUT /api/v1/sites/${SITE_ID}/hours`)
        return {
          status: 422,
          body: {
            title: 'Invalid calendar',
            status: 422,
            code: 'standards.invalid_calendar',
            detail: 'Closed more than 400 days in a row.',
          },
        };
      return directoryRoutes(call);
    });
    renderWithProviders(<StandardsScreen tab="sites" />, manager);
    await screen.findByLabelText('Monday opens (1)');
    change('Monday opens (1)', '');
    change('Tuesday closes (1)', '09:00');
    fireEvent.click(screen.getByRole('button', { name: 'Add holiday' }));
    change('Holiday 2', '2026-12-25');
    fireEvent.click(screen.getByRole('button', { name: 'Save hours' }));
    expect(await screen.findByText('Enter a time as HH:MM')).toBeTruthy();
    expect(screen.getByText('Closing time must differ from opening time')).toBeTruthy();
    expect(screen.getByText('This date is already listed')).toBeTruthy();
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])
      fireEvent.click(screen.getByRole('button', { name: `Mark closed on ${day}` }));
    fireEvent.click(screen.getByRole('button', { name: 'Save hours' }));
    expect(await screen.findByText(/Open the site on at least one day/)).toBeTruthy();
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);

    fireEvent.click(screen.getByRole('radio', { name: 'Open 24×7' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save hours' }));
    expect(await screen.findByText('Closed more than 400 days in a row.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({
      mode: 'always_open',
      weeklyHours: {},
    });
  });
});
