// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render.tsx';
import { directoryRoutes, hours, manager, SITE_ID, site } from './fixtures.ts';
import { StandardsScreen } from './StandardsScreen.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const NEW_ID = '5a000000-0000-4000-8000-000000000002';

/** Types into the searchable time zone picker and picks the option shown. */
async function pickZone(form: HTMLElement, search: string, zone: string) {
  const input = within(form).getByRole('combobox', { name: /^Time zone/ });
  // Mantine treats a change to an unfocused input as autofill, so focus it as a person typing would.
  input.focus();
  fireEvent.change(input, { target: { value: search } });
  // jsdom never runs the dropdown's opening transition, so the list stays display:none here.
  fireEvent.click(await screen.findByRole('option', { name: zone, hidden: true }));
}

describe('Sites', () => {
  it('creates a site: checks code, name and zone first, then POSTs them and selects the new site', async () => {
    let created = false;
    const berlin = { id: NEW_ID, code: 'BER', name: 'Berlin Store', timeZone: 'Europe/Berlin' };
    const calls = mockFetch((call, init) => {
      if (call === 'POST /api/v1/sites') {
        created = true;
        return { status: 201, body: { id: NEW_ID, ...JSON.parse(String(init.body)) } };
      }
      if (call === 'GET /api/v1/sites') return { body: { items: created ? [berlin, site] : [site] } };
      if (call === `GET /api/v1/sites/${NEW_ID}/hours`)
        return {
          body: {
            ...hours,
            siteId: NEW_ID,
            timeZone: 'Europe/Berlin',
            configured: false,
            mode: 'always_open',
            weeklyHours: {},
            holidays: [],
            version: 0,
          },
        };
      return directoryRoutes(call);
    });
    renderWithProviders(<StandardsScreen tab="sites" />, manager);
    fireEvent.click(await screen.findByRole('button', { name: 'New site' }));
    const form = await screen.findByRole('form', { name: 'New site' });
    fireEvent.click(within(form).getByRole('button', { name: 'Create site' }));
    expect(await within(form).findByText('Give the site a short code, e.g. LON')).toBeTruthy();
    expect(within(form).getByText('Give the site a name')).toBeTruthy();
    expect(within(form).getByText('Pick the time zone the site works in')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText(/^Code/), { target: { value: 'b e r' } });
    expect(within(form).getByText('2 to 16 letters, digits, "-" or "_"')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change(within(form).getByLabelText(/^Code/), { target: { value: 'ber' } });
    fireEvent.change(within(form).getByLabelText(/^Name/), { target: { value: ' Berlin Store ' } });
    await pickZone(form, 'Berl', 'Europe/Berlin');
    expect(within(form).getByText(/^Now \d\d:\d\d there$/)).toBeTruthy();
    fireEvent.click(within(form).getByRole('button', { name: 'Create site' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'New site' })).toBeNull());
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      { code: 'BER', name: 'Berlin Store', timeZone: 'Europe/Berlin' },
    ]);
    // The new site is listed and opened below, ready for its hours.
    expect(await screen.findByRole('region', { name: 'Hours of Berlin Store' })).toBeTruthy();
    expect(await screen.findByText('Not set (counts 24×7)')).toBeTruthy();
  });

  it("shows the server's 409 on the code and keeps what was typed", async () => {
    mockFetch((call) => {
      if (call === 'POST /api/v1/sites')
        return {
          status: 409,
          body: {
            title: 'Conflict',
            status: 409,
            code: 'site.code_taken',
            detail: 'Another site already uses the code LON.',
          },
        };
      return directoryRoutes(call);
    });
    renderWithProviders(<StandardsScreen tab="sites" />, manager);
    fireEvent.click(await screen.findByRole('button', { name: 'New site' }));
    const form = await screen.findByRole('form', { name: 'New site' });
    fireEvent.change(within(form).getByLabelText(/^Code/), { target: { value: 'lon' } });
    fireEvent.change(within(form).getByLabelText(/^Name/), { target: { value: 'Second London' } });
    await pickZone(form, 'London', 'Europe/London');
    fireEvent.click(within(form).getByRole('button', { name: 'Create site' }));
    expect(await within(form).findByText('Another site already uses this code')).toBeTruthy();
    expect((within(form).getByLabelText(/^Name/) as HTMLInputElement).value).toBe('Second London');
    fireEvent.change(within(form).getByLabelText(/^Code/), { target: { value: 'lon2' } });
    expect(within(form).queryByText('Another site already uses this code')).toBeNull();
  });

  it("changes a site's time zone with a PATCH of what changed only", async () => {
    let zone = 'Europe/London';
    const calls = mockFetch((call, init) => {
      if (call === `PATCH /api/v1/sites/${SITE_ID}`) {
        zone = JSON.parse(String(init.body)).timeZone;
        return { body: { ...site, timeZone: zone } };
      }
      if (call === 'GET /api/v1/sites') return { body: { items: [{ ...site, timeZone: zone }] } };
      if (call === `GET /api/v1/sites/${SITE_ID}/hours`) return { body: { ...hours, timeZone: zone } };
      return directoryRoutes(call);
    });
    renderWithProviders(<StandardsScreen tab="sites" />, manager);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit site London Store' }));
    const form = await screen.findByRole('form', { name: 'Edit London Store' });
    expect(within(form).queryByLabelText(/^Code/)).toBeNull();
    expect((within(form).getByRole('combobox', { name: /^Time zone/ }) as HTMLInputElement).value).toBe(
      'Europe/London',
    );
    await pickZone(form, 'Dublin', 'Europe/Dublin');
    expect(within(form).getByText(/open cases are re-timed/)).toBeTruthy();
    fireEvent.click(within(form).getByRole('button', { name: 'Save site' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Edit London Store' })).toBeNull());
    expect(calls.filter((c) => c.method === 'PATCH').map((c) => c.body)).toEqual([
      { timeZone: 'Europe/Dublin' },
    ]);
    const table = screen.getByRole('table', { name: 'Sites' });
    expect(await within(table).findByText('Europe/Dublin')).toBeTruthy();
    expect(await screen.findByText(/Times are local to London Store \(Europe\/Dublin\)/)).toBeTruthy();
  });
});
