import { Alert, Button, Group, Modal, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useCustomerSearch, useMergeCustomer } from '../../api/customers.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';

/** Merge another record of the same person into this one: pick it by search, confirm, done. */
export function MergeDialog({
  survivorId,
  survivorName,
  opened,
  onClose,
}: {
  survivorId: string;
  survivorName: string;
  opened: boolean;
  onClose: () => void;
}) {
  const [q, setQ] = useState('');
  const [term] = useDebouncedValue(q, 250);
  const [otherId, setOtherId] = useState<string | null>(null);
  const search = useCustomerSearch(term);
  const merge = useMergeCustomer(survivorId);
  const candidates = (search.data ?? []).filter((c) => c.id !== survivorId);
  const other = candidates.find((c) => c.id === otherId);

  return (
    <Modal opened={opened} onClose={onClose} title={`Merge into ${survivorName}`} size="lg">
      <Stack>
        {merge.isSuccess ? (
          <Alert color="teal" title="Merged" role="status">
            {other?.displayName ?? 'The other record'} is now part of {survivorName}. An admin can undo the
            merge.
          </Alert>
        ) : (
          <>
            <TextInput
              label="Find the duplicate record"
              description="Name, email, phone or account number"
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              data-autofocus
            />
            {search.error && <ProblemAlert error={search.error} />}
            <Radio.Group value={otherId} onChange={setOtherId} label="Record to merge in">
              <Stack gap={4} mt={4}>
                {candidates.map((c) => (
                  <Radio
                    key={c.id}
                    value={c.id}
                    label={`${c.displayName} · ${c.tier} · ${c.identities.map((i) => i.value).join(', ')}`}
                  />
                ))}
                {term.trim().length >= 2 && search.data && candidates.length === 0 && (
                  <Text size="sm" c="dimmed">
                    No other customer matches.
                  </Text>
                )}
              </Stack>
            </Radio.Group>
            {merge.error && <ProblemAlert error={merge.error} />}
            {other && (
              <Text size="sm">
                Cases, messages, purchases and identities of <b>{other.displayName}</b> move to{' '}
                <b>{survivorName}</b>.
              </Text>
            )}
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {merge.isSuccess ? 'Close' : 'Cancel'}
          </Button>
          {!merge.isSuccess && (
            <Button
              color="red"
              disabled={!otherId}
              loading={merge.isPending}
              onClick={() => otherId && merge.mutate(otherId)}
            >
              Merge
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
