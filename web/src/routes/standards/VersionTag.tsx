import { Badge, Text } from '@mantine/core';

/** A versioned standard's version, and a grey badge when it no longer applies (`inactiveLabel`). */
export function VersionTag({
  version,
  active,
  inactiveLabel,
}: {
  version: number;
  active: boolean;
  inactiveLabel: string;
}) {
  return (
    <>
      <Text size="xs" c="dimmed">
        v{version}
      </Text>
      {!active && (
        <Badge size="xs" color="gray">
          {inactiveLabel}
        </Badge>
      )}
    </>
  );
}
