import { Skeleton, Stack } from '@mantine/core';

/** A placeholder the shape of what is coming, announced to screen readers. */
export function Loading({ label, rows = 4 }: { label: string; rows?: number }) {
  return (
    <Stack gap="xs" aria-busy="true" aria-label={label} role="status">
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <Skeleton key={i} height={28} radius="sm" />
      ))}
    </Stack>
  );
}
