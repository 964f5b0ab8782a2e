// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Checklist } from '../../api/standards.ts';
import { mockFetch, renderWithProviders } from '../../test/render.tsx';
import { ChecklistPanel } from './ChecklistPanel.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const checklist = (state: 'done' | null): Checklist => ({
  caseId: 'c1',
  standard: { id: 's', category: 'billing', version: 1 },
  items: [
    { id: 'verify_identity', label: 'Verify identity', required: true, state },
    { id: 'confirm_fix', label: 'Confirm the fix', required: false, state: null },
  ],
  result: { complete: state === 'done', missed: state === 'done' ? [] : ['verify_identity'] },
});

describe('ChecklistPanel', () => {
  it('ticks an item and shows the result', async () => {
    const calls = mockFetch((call) => {
      if (call === 'GET /api/v1/cases/c1/checklist') return { body: checklist(null) };
      if (call === 'POST /api/v1/cases/c1/checklist/verify_identity') return { body: checklist('done') };
      return undefined;
    });
    renderWithProviders(<ChecklistPanel caseId="c1" canUpdate />);
    expect(await screen.findByText('1 required left')).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: /Verify identity/ }));
    await waitFor(() => expect(screen.getByText('complete')).toBeTruthy());
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ state: 'done' });
    expect((screen.getByRole('checkbox', { name: /Verify identity/ }) as HTMLInputElement).checked).toBe(
      true,
    );
  });

  it('shows nothing without a standard and is read-only without case.update', async () => {
    mockFetch(() => ({ body: { caseId: 'c1', standard: null, items: [], result: null } }));
    const { container } = renderWithProviders(<ChecklistPanel caseId="c1" canUpdate={false} />);
    await waitFor(() => expect(container.querySelector('[aria-busy]')).toBeNull());
    expect(screen.queryByText('Checklist')).toBeNull();
  });
});
