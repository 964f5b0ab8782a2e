import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import type { HoursErrors } from './hours.ts';

/** Closed dates (local to the site): a date per row, added and removed. */
export function HolidaysEditor({
  holidays,
  errors,
  readOnly,
  onChange,
}: {
  holidays: string[];
  errors: HoursErrors;
  readOnly: boolean;
  onChange: (holidays: string[]) => void;
}) {
  return (
    <Stack gap={6} role="group" aria-label="Holidays">
      <Text fw={600} size="sm">
        Holidays (closed all day)
      </Text>
      {holidays.length === 0 && (
        <Text size="sm" c="dimmed">
          No holidays.
        </Text>
      )}
      <Group gap="xs" wrap="wrap" align="flex-start">
        {holidays.map((date, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a row being typed into has no other identity
          <Group key={i} gap={4} wrap="nowrap" align="flex-start">
            <TextInput
              type="date"
              size="xs"
              w={150}
              aria-label={`Holiday ${i + 1}`}
              value={date}
              readOnly={readOnly}
              error={errors[`holidays.${i}`]}
              onChange={(e) => onChange(holidays.map((d, j) => (j === i ? e.currentTarget.value : d)))}
            />
            {!readOnly && (
              <ActionIcon
                variant="subtle"
                color="gray"
                mt={2}
                aria-label={`Remove holiday ${date || i + 1}`}
                onClick={() => onChange(holidays.filter((_, j) => j !== i))}
              >
                ×
              </ActionIcon>
            )}
          </Group>
        ))}
      </Group>
      {!readOnly && (
        <Button
          size="compact-sm"
          variant="light"
          style={{ alignSelf: 'flex-start' }}
          onClick={() => onChange([...holidays, ''])}
        >
          Add holiday
        </Button>
      )}
    </Stack>
  );
}
