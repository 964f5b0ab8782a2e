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

describe('Checklists', () => {
  it('lists checklists per category and saves a new one with ids made from the labels', async () => {
    const calls = mockFetch((call, init) =>
      call === 'PUT /api/v1/interaction-standards/delivery'
        ? { body: { id: 'i2', category: 'delivery', version: 1, ...JSON.parse(String(init.body)) } }
        : directoryRoutes(call),
    );
    renderWithProviders(<StandardsScreen tab="checklists" />, manager);
    expect(await screen.findByText('Verify identity')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'New checklist' }));
    const form = await screen.findByRole('form', { name: 'New checklist' });
    fireEvent.click(within(form).getByRole('button', { name: 'Save checklist' }));
    expect(await within(form).findByText('Describe the step')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText(/^Category/), { target: { value: 'delivery' } });
    fireEvent.change(within(form).getByLabelText('Item 1'), {
      target: { value: 'Check the tracking number' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Add item' }));
    fireEvent.change(within(form).getByLabelText('Item 2'), { target: { value: 'Offer a call back' } });
    const item2 = within(form).getByRole('group', { name: 'Checklist item 2' });
    fireEvent.click(within(item2).getByRole('checkbox', { name: 'Required' }));
    fireEvent.click(within(item2).getByRole('checkbox', { name: 'Phone' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Save checklist' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      items: [
        { id: 'check-the-tracking-number', label: 'Check the tracking number', required: true },
        { id: 'offer-a-call-back', label: 'Offer a call back', required: false, channels: ['phone'] },
      ],
    });
  });
});
