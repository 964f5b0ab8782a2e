import { Alert, Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import {
  type OpeningInterval,
  useSaveSiteHours,
  useSiteHours,
  WEEKDAYS,
  type Weekday,
} from '../../api/standards.ts';
import type { Site } from '../../api/types.ts';
import { Loading } from '../../components/Loading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { HolidaysEditor } from './HolidaysEditor.tsx';
import { draftFrom, type HoursDraft, toInput, validateHours } from './hours.ts';
import { WeekdayHours } from './WeekdayHours.tsx';

/** A site's weekly hours (several intervals a day, closed days) and holidays, in the site's zone. */
export function HoursEditor({ site, canManage }: { site: Site; canManage: boolean }) {
  const hours = useSiteHours(site.id);
  if (hours.isPending) return <Loading label={`Loading the hours of ${site.name}`} rows={7} />;
  if (hours.error) return <ProblemAlert error={hours.error} onRetry={() => void hours.refetch()} />;
  return <HoursForm site={site} initial={draftFrom(hours.data)} hours={hours.data} canManage={canManage} />;
}

function HoursForm({
  site,
  initial,
  hours,
  canManage,
}: {
  site: Site;
  initial: HoursDraft;
  hours: { configured: boolean; version: number; timeZone: string };
  canManage: boolean;
}) {
  const save = useSaveSiteHours(site.id);
  const [draft, setDraft] = useState(initial);
  const [showErrors, setShowErrors] = useState(false);
  const [saved, setSaved] = useState(false);
  const errors = validateHours(draft);
  const visibleErrors = showErrors ? errors : {};
  const change = (next: HoursDraft) => {
    setDraft(next);
    setSaved(false);
  };
  const setDay = (day: Weekday, intervals: OpeningInterval[]) =>
    change({ ...draft, week: { ...draft.week, [day]: intervals } });
  const submit = () => {
    setShowErrors(true);
    if (Object.keys(errors).length > 0) return;
    save.mutate(toInput(draft), { onSuccess: () => setSaved(true) });
  };
  return (
    <Stack gap="md" mt="sm">
      <Text size="sm" c="dimmed">
        Times are local to {site.name} ({hours.timeZone}). A closing time before the opening time runs past
        midnight.{' '}
        {hours.configured ? `Version ${hours.version}.` : 'Not set yet: SLA clocks count every hour (24×7).'}
      </Text>
      <SegmentedControl
        aria-label="Opening mode"
        disabled={!canManage}
        value={draft.mode}
        onChange={(mode) => change({ ...draft, mode: mode as HoursDraft['mode'] })}
        data={[
          { value: 'business', label: 'Business hours' },
          { value: 'always_open', label: 'Open 24×7' },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      {draft.mode === 'business' && (
        <Stack gap={6} role="group" aria-label="Weekly hours">
          {WEEKDAYS.map((day) => (
            <WeekdayHours
              key={day}
              day={day}
              intervals={draft.week[day]}
              errors={visibleErrors}
              readOnly={!canManage}
              onChange={(intervals) => setDay(day, intervals)}
            />
          ))}
        </Stack>
      )}
      {visibleErrors.form && (
        <Alert color="red" variant="light" role="alert">
          {visibleErrors.form}
        </Alert>
      )}
      <HolidaysEditor
        holidays={draft.holidays}
        errors={visibleErrors}
        readOnly={!canManage}
        onChange={(holidays) => change({ ...draft, holidays })}
      />
      {Object.keys(draft.specialHours).length > 0 && (
        <Stack gap={2}>
          <Text fw={600} size="sm">
            Special days
          </Text>
          {Object.entries(draft.specialHours)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([date, intervals]) => (
              <Text key={date} size="sm">
                {date}: {intervals.length ? intervals.map((i) => `${i.start}–${i.end}`).join(', ') : 'closed'}
              </Text>
            ))}
          <Text size="xs" c="dimmed">
            Kept as they are when you save (set through the API).
          </Text>
        </Stack>
      )}
      {save.error && <ProblemAlert error={save.error} />}
      {showErrors && Object.keys(errors).length > 0 && (
        <Text size="sm" c="red" role="alert">
          Fix the highlighted fields to save.
        </Text>
      )}
      {canManage && (
        <Group gap="sm">
          <Button onClick={submit} loading={save.isPending}>
            Save hours
          </Button>
          <Button
            variant="default"
            disabled={save.isPending}
            onClick={() => {
              setDraft(initial);
              setShowErrors(false);
            }}
          >
            Discard changes
          </Button>
          {saved && (
            <Text size="sm" c="teal" role="status">
              Saved.
            </Text>
          )}
        </Group>
      )}
    </Stack>
  );
}
