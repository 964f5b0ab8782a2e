import { ActionIcon, Badge, Button, Group, Text, TextInput } from '@mantine/core';
import type { OpeningInterval, Weekday } from '../../api/standards.ts';
import { type HoursErrors, overnight, WEEKDAY_LABELS } from './hours.ts';

/** One weekday: its opening intervals (start–end), or closed; add and remove intervals. */
export function WeekdayHours({
  day,
  intervals,
  errors,
  readOnly,
  onChange,
}: {
  day: Weekday;
  intervals: OpeningInterval[];
  errors: HoursErrors;
  readOnly: boolean;
  onChange: (intervals: OpeningInterval[]) => void;
}) {
  const label = WEEKDAY_LABELS[day];
  const set = (i: number, patch: Partial<OpeningInterval>) =>
    onChange(intervals.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const last = intervals[intervals.length - 1];
  return (
    <Group gap="sm" align="flex-start" wrap="wrap" data-testid={`hours-${day}`}>
      <Text fw={600} size="sm" w={96} pt={6}>
        {label}
      </Text>
      {intervals.length === 0 && (
        <Badge variant="light" color="gray" mt={6}>
          Closed
        </Badge>
      )}
      {intervals.map((interval, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: intervals have no identity but their place in the day
        <Group key={i} gap={4} align="flex-start" wrap="nowrap">
          <TextInput
            type="time"
            size="xs"
            w={110}
            aria-label={`${label} opens (${i + 1})`}
            value={interval.start}
            readOnly={readOnly}
            error={errors[`${day}.${i}.start`]}
            onChange={(e) => set(i, { start: e.currentTarget.value })}
          />
          <Text pt={4}>–</Text>
          <TextInput
            type="time"
            size="xs"
            w={110}
            aria-label={`${label} closes (${i + 1})`}
            value={interval.end}
            readOnly={readOnly}
            error={errors[`${day}.${i}.end`]}
            onChange={(e) => set(i, { end: e.currentTarget.value })}
          />
          {overnight(interval) && (
            <Badge variant="light" color="grape" mt={4} title="Runs past midnight into the next day">
              +1 day
            </Badge>
          )}
          {!readOnly && (
            <ActionIcon
              variant="subtle"
              color="gray"
              mt={2}
              aria-label={`Remove ${label} interval ${i + 1}`}
              onClick={() => onChange(intervals.filter((_, j) => j !== i))}
            >
              ×
            </ActionIcon>
          )}
        </Group>
      ))}
      {!readOnly && (
        <Group gap={4}>
          <Button
            size="compact-xs"
            variant="subtle"
            mt={4}
            aria-label={`Add hours on ${label}`}
            onClick={() =>
              onChange([
                ...intervals,
                last
                  ? { start: last.end, end: last.end < '23:00' ? '23:00' : '24:00' }
                  : { start: '09:00', end: '17:00' },
              ])
            }
          >
            + Hours
          </Button>
          {intervals.length > 0 && (
            <Button
              size="compact-xs"
              variant="subtle"
              color="gray"
              mt={4}
              aria-label={`Mark closed on ${label}`}
              onClick={() => onChange([])}
            >
              Mark closed
            </Button>
          )}
        </Group>
      )}
    </Group>
  );
}
