import { Alert, List, Text } from '@mantine/core';
import { humanize } from '../../lib/format.ts';

/** Special needs and preferences come first and stand out: they change how to talk to this person. */
export function NeedsAndPreferences({
  specialNeeds,
  preferences,
}: {
  specialNeeds: string[];
  preferences: Record<string, unknown>;
}) {
  const prefs = Object.entries(preferences).filter(([, v]) => v !== null && v !== '' && v !== undefined);
  if (specialNeeds.length === 0 && prefs.length === 0) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      title="Special needs and preferences"
      p="sm"
      aria-label="Special needs and preferences"
    >
      {specialNeeds.length > 0 && (
        <List size="sm" spacing={2} data-testid="special-needs">
          {specialNeeds.map((need) => (
            <List.Item key={need}>
              <Text size="sm" fw={700} span>
                {need}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      {prefs.length > 0 && (
        <Text size="sm" mt={specialNeeds.length ? 6 : 0}>
          {prefs
            .map(([k, v]) => `${humanize(k)}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
            .join(' · ')}
        </Text>
      )}
    </Alert>
  );
}
