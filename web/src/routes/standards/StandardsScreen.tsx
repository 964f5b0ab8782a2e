import { Stack, Tabs, Text, Title } from '@mantine/core';
import { EmptyState } from '../../components/EmptyState.tsx';
import { navigate, paths } from '../../lib/router.ts';
import { useCan } from '../../session/SessionContext.tsx';
import { AttainmentTab } from './AttainmentTab.tsx';
import { ChecklistsTab } from './ChecklistsTab.tsx';
import { EscalationTab } from './EscalationTab.tsx';
import { RoutingTab } from './RoutingTab.tsx';
import { SitesTab } from './SitesTab.tsx';
import { SlaPoliciesTab } from './SlaPoliciesTab.tsx';

const TABS = [
  { value: 'sites', label: 'Sites & hours' },
  { value: 'sla', label: 'SLA policies' },
  { value: 'routing', label: 'Routing' },
  { value: 'escalation', label: 'Escalation' },
  { value: 'checklists', label: 'Checklists' },
  { value: 'attainment', label: 'Attainment' },
] as const;

/**
 * Service standards: sites and hours, SLA policies, routing, escalation, checklists and the SLA
 * attainment report, one tab each, the tab kept in the address (`?tab=`). Managers and admins
 * (`standards.manage`) edit; leads (`standards.report`) see everything read-only.
 */
export function StandardsScreen({ tab }: { tab?: string | undefined }) {
  const canManage = useCan('standards.manage');
  const canReport = useCan('standards.report');
  const visible = TABS.filter((t) => t.value !== 'attainment' || canReport);
  const current = visible.find((t) => t.value === tab)?.value ?? 'sites';
  if (!canManage && !canReport) {
    return (
      <Stack>
        <Title order={1} size="h3">
          Service standards
        </Title>
        <EmptyState title="Not available to your role">
          Service standards are kept by managers; leads can read them and the attainment report.
        </EmptyState>
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h3">
          Service standards
        </Title>
        {!canManage && (
          <Text size="sm" c="dimmed">
            Read only: managers and admins change these settings.
          </Text>
        )}
      </div>
      <Tabs
        value={current}
        onChange={(value) => value && navigate(paths.standards(value))}
        keepMounted={false}
      >
        <Tabs.List style={{ flexWrap: 'wrap' }}>
          {visible.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="sites" pt="md">
          <SitesTab canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="sla" pt="md">
          <SlaPoliciesTab canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="routing" pt="md">
          <RoutingTab canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="escalation" pt="md">
          <EscalationTab canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="checklists" pt="md">
          <ChecklistsTab canManage={canManage} />
        </Tabs.Panel>
        {canReport && (
          <Tabs.Panel value="attainment" pt="md">
            <AttainmentTab />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
