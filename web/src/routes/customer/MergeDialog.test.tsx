// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render.tsx';
import { MergeDialog } from './MergeDialog.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('MergeDialog', () => {
  it('finds the duplicate, names what moves, and merges it into this customer', async () => {
    const calls = mockFetch((call) => {
      if (call.startsWith('GET /api/v1/customers?q=')) {
        return {
          body: {
            items: [
              { id: 'keep', displayName: 'Ada Lovelace', tier: 'gold', matched: 'name', identities: [] },
              {
                id: 'dupe',
                displayName: 'A. Lovelace',
                tier: 'standard',
                matched: 'name',
                identities: [{ kind: 'email', value: 'ada@work.example' }],
              },
            ],
          },
        };
      }
      if (call === 'POST /api/v1/customers/keep/merge') return { body: { mergeId: 'm1', customer: {} } };
      return undefined;
    });
    renderWithProviders(
      <MergeDialog survivorId="keep" survivorName="Ada Lovelace" opened onClose={() => {}} />,
    );
    fireEvent.change(screen.getByLabelText(/Find the duplicate record/), { target: { value: 'Lovelace' } });
    const option = await screen.findByLabelText(
      /A\. Lovelace · standard · ada@work\.example/,
      {},
      { timeout: 3000 },
    );
    expect(screen.queryByLabelText(/^Ada Lovelace · gold/)).toBeNull();
    fireEvent.click(option);
    expect(screen.getByText(/move to/).textContent).toContain('A. Lovelace');
    fireEvent.click(screen.getByRole('button', { name: 'Merge' }));
    expect(await screen.findByText('Merged')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ otherId: 'dupe' });
  });
});
