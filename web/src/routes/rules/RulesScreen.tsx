import { Stack, Tabs, Title } from '@mantine/core';
import { navigate, paths, useRoute } from '../../lib/router.ts';
import { useCan } from '../../session/SessionContext.tsx';
import { FrictionTab } from './FrictionTab.tsx';
import { OverridesTab } from './OverridesTab.tsx';
import { ReportsTab } from './ReportsTab.tsx';
import { RulesTab } from './RulesTab.tsx';

const TABS = ['rules', 'friction', 'overrides', 'reports'] as const;
type Tab = (typeof TABS)[number];

/**
 * Authority rules with their owners and history, the friction reports agents raise against them,
 * the overrides leads made, and what the rules did (reports). The tab lives in `?tab=`, the open
 * rule in `&rule=`, so a link or a reload shows the same thing.
 */
export function RulesScreen({ tab }: { tab?: string | undefined }) {
  const canReport = useCan('authority.report');
  const route = useRoute();
  const params = route.name === 'rules' ? route.params : null;
  const ruleId = params?.get('rule') ?? null;
  const wanted = params?.get('tab') ?? tab;
  const tabs = TABS.filter((t) => t !== 'reports' || canReport);
  const active: Tab = tabs.includes(wanted as Tab) ? (wanted as Tab) : 'rules';
  return (
    <Stack gap="md" maw={1200}>
      <Title order={1} size="h3">
        Rules
      </Title>
      <Tabs
        value={active}
        onChange={(value) => value && navigate(paths.rules(value === 'rules' ? undefined : value))}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="rules">Rules</Tabs.Tab>
          <Tabs.Tab value="friction">Friction reports</Tabs.Tab>
          <Tabs.Tab value="overrides">Overrides</Tabs.Tab>
          {canReport && <Tabs.Tab value="reports">Reports</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="rules" pt="md">
          <RulesTab ruleId={ruleId} />
        </Tabs.Panel>
        <Tabs.Panel value="friction" pt="md">
          <FrictionTab />
        </Tabs.Panel>
        <Tabs.Panel value="overrides" pt="md">
          <OverridesTab />
        </Tabs.Panel>
        {canReport && (
          <Tabs.Panel value="reports" pt="md">
            <ReportsTab />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
