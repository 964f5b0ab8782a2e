import { Alert, Button, Group, Text } from '@mantine/core';

/**
 * Shown when a change was refused with 409: someone changed the case after it was loaded.
 * Reloading fetches the case again; the composer's draft is untouched.
 */
export function ConflictBanner({
  detail,
  onReload,
  reloading,
}: {
  detail?: string | undefined;
  onReload: () => void;
  reloading?: boolean;
}) {
  return (
    <Alert color="orange" variant="light" title="Changed by someone else — reload" role="alert">
      <Group justify="space-between" align="center" gap="sm">
        <Text size="sm">
          {detail ?? 'This case changed since you loaded it.'} Your change was not saved; your draft reply is
          kept.
        </Text>
        <Button size="xs" color="orange" onClick={onReload} loading={reloading}>
          Reload case
        </Button>
      </Group>
    </Alert>
  );
}
