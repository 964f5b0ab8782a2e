import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type ReactNode, useMemo, useState } from 'react';
import {
  type Rule,
  type RuleChange,
  type StaffRole,
  useCatalogue,
  useCreateRule,
  useEditRule,
} from '../../api/authority.ts';
import { useAgents } from '../../api/directory.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useSession } from '../../session/SessionContext.tsx';
import { CURRENCIES } from './money.ts';
import { useDirectory } from './RuleCard.tsx';
import {
  emptyState,
  type FormErrors,
  type RuleFormState,
  stateFromRule,
  toRuleInput,
} from './rule-form-state.ts';

const ROLES: StaffRole[] = ['agent', 'lead', 'manager', 'admin'];
const ANY_YES_NO = [
  { value: '', label: 'Either' },
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={6} component="section" aria-label={title}>
      <Text fw={600} size="sm">
        {title}
      </Text>
      {children}
    </Stack>
  );
}

/**
 * Create a rule, or save a new version of one (`rule` given): scope, limits in decimal amounts
 * (sent in minor units), customer conditions, owner, rationale, approval and override, dates and,
 * for a new version, the reason. Server problems (422 with fields) show under the form.
 */
export function RuleForm({
  rule,
  onSaved,
  onCancel,
}: {
  rule?: Rule;
  onSaved: (rule: Rule) => void;
  onCancel: () => void;
}) {
  const session = useSession();
  const catalogue = useCatalogue();
  const agents = useAgents();
  const dir = useDirectory();
  const create = useCreateRule();
  const edit = useEditRule();
  const mutation = rule ? edit : create;
  const [state, setState] = useState<RuleFormState>(() =>
    rule ? stateFromRule(rule) : emptyState({ ownerId: session.agent.id }),
  );
  const [errors, setErrors] = useState<FormErrors>({});
  // The version this edit starts from goes in If-Match, even if a live update brings a newer one:
  // the server then refuses (409) instead of silently overwriting someone else's change.
  const [baseVersion] = useState(rule?.version);
  const overtaken = rule !== undefined && baseVersion !== undefined && rule.version !== baseVersion;
  const set = <K extends keyof RuleFormState>(key: K, value: RuleFormState[K]) => {
    setState((s) => ({ ...s, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };
  const text = (key: keyof RuleFormState) => ({
    value: String(state[key]),
    error: errors[key],
    onChange: (e: { currentTarget: { value: string } }) => set(key, e.currentTarget.value as never),
  });

  const types = catalogue.data ?? [];
  const type = types.find((t) => t.id === state.actionType);
  const money = type ? type.measure === 'money' : true;
  const people = useMemo(
    () => (agents.data ?? []).filter((a) => a.kind === 'person' && a.active),
    [agents.data],
  );
  const personOptions = (blank: string) => [
    { value: '', label: blank },
    ...people.map((p) => ({ value: p.id, label: `${p.name} (${p.role})` })),
  ];
  const amountField = (key: keyof RuleFormState, label: string, description?: string) => (
    <TextInput
      label={`${label} (${state.currency})`}
      inputMode="decimal"
      placeholder="no limit"
      {...(description ? { description } : {})}
      {...text(key)}
    />
  );
  const countField = (key: keyof RuleFormState, label: string, description?: string) => (
    <TextInput
      label={label}
      inputMode="numeric"
      placeholder="no limit"
      {...(description ? { description } : {})}
      {...text(key)}
    />
  );

  const submit = () => {
    const { input, errors: found } = toRuleInput(state, rule !== undefined, money ? 'money' : 'count');
    const problems = Object.fromEntries(Object.entries(found).filter(([, v]) => v));
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    if (rule) {
      const { actionType: _fixed, ...change } = input;
      edit.mutate(
        { id: rule.id, version: baseVersion ?? rule.version, change: change as RuleChange },
        { onSuccess: onSaved },
      );
    } else {
      create.mutate(input, { onSuccess: onSaved });
    }
  };

  return (
    <Stack
      component="form"
      gap="md"
      aria-label={rule ? `Edit rule ${rule.name}` : 'New rule'}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label="Name" withAsterisk {...text('name')} />
        <NativeSelect
          label="Action type"
          withAsterisk
          disabled={rule !== undefined}
          description={rule ? 'A rule keeps its action type; create a new rule for another.' : undefined}
          data={[
            { value: '', label: catalogue.isPending ? 'Loading…' : 'Choose…' },
            ...types.map((t) => ({ value: t.id, label: t.label })),
          ]}
          {...text('actionType')}
        />
      </SimpleGrid>

      <Section title="Who it applies to">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <NativeSelect
            label="Role"
            data={[{ value: '', label: 'Any role' }, ...ROLES.map((r) => ({ value: r, label: r }))]}
            {...text('role')}
          />
          <NativeSelect
            label="Site"
            data={[
              { value: '', label: 'Any site' },
              ...[...dir.sites.values()].map((s) => ({ value: s.id, label: s.name })),
            ]}
            {...text('siteId')}
          />
          <NativeSelect
            label="Team"
            data={[
              { value: '', label: 'Any team' },
              ...[...dir.teams.entries()].map(([id, name]) => ({ value: id, label: name })),
            ]}
            {...text('teamId')}
          />
          <NativeSelect label="Named agent" data={personOptions('Anyone')} {...text('agentId')} />
        </SimpleGrid>
      </Section>

      <Section title="Limits">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <NativeSelect
            label="Currency"
            description={money ? undefined : 'for the lifetime value condition'}
            data={CURRENCIES.includes(state.currency) ? CURRENCIES : [state.currency, ...CURRENCIES]}
            {...text('currency')}
          />
          {money && amountField('perAction', 'Per action')}
          {countField('perCustomerDays', 'Per customer: period (days)')}
          {money && amountField('perCustomerAmount', 'Per customer: amount')}
          {countField('perCustomerActions', 'Per customer: actions')}
          {money && amountField('perDayAmount', 'Per agent per day: amount')}
          {countField('perDayActions', 'Per agent per day: actions')}
        </SimpleGrid>
      </Section>

      <Section title="Only for customers who…">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          <TextInput label="Tiers (comma-separated)" placeholder="any tier" {...text('tiers')} />
          {amountField('minLifetimeValue', 'Lifetime value at least')}
          {countField('minTenureDays', 'Customer for at least (days)')}
          {countField('maxOpenProblems', 'Open problems at most')}
          <NativeSelect label="Receipt on file" data={ANY_YES_NO} {...text('receiptOnFile')} />
          <NativeSelect label="Under warranty" data={ANY_YES_NO} {...text('underWarranty')} />
        </SimpleGrid>
      </Section>

      <Section title="Ownership and decisions">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect label="Owner" withAsterisk data={personOptions('Choose…')} {...text('ownerId')} />
          <Group gap="xs" align="flex-start" grow>
            <NativeSelect
              label="Over the limit, approved by"
              data={[
                { value: 'owner', label: 'The owner' },
                { value: 'role', label: 'Any holder of a role' },
                { value: 'person', label: 'A named person' },
                { value: 'none', label: 'Nobody (denied)' },
              ]}
              {...text('approvalBy')}
            />
            {state.approvalBy === 'role' && (
              <NativeSelect
                label="Approver role"
                data={['lead', 'manager', 'admin']}
                {...text('approvalRole')}
              />
            )}
            {state.approvalBy === 'person' && (
              <NativeSelect label="Approver" data={personOptions('Choose…')} {...text('approvalPersonId')} />
            )}
          </Group>
        </SimpleGrid>
        <Textarea
          label="Rationale, in plain words"
          withAsterisk
          autosize
          minRows={2}
          description="Agents see this when the rule stops them."
          {...text('rationale')}
        />
        <Checkbox
          label="A lead may override this rule with a written justification"
          checked={state.overrideAllowed}
          onChange={(e) => set('overrideAllowed', e.currentTarget.checked)}
        />
        {state.overrideAllowed && (
          <Checkbox.Group
            label="Who may override"
            value={state.overrideRoles}
            onChange={(v) => set('overrideRoles', v as StaffRole[])}
            error={errors.overrideRoles}
          >
            <Group gap="md" mt={4}>
              {ROLES.map((r) => (
                <Checkbox key={r} value={r} label={r} />
              ))}
            </Group>
          </Checkbox.Group>
        )}
      </Section>

      <Section title="When">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            type="datetime-local"
            label="Effective from"
            description="Leave empty to apply as soon as it is saved."
            {...text('effectiveFrom')}
          />
          <TextInput
            type="datetime-local"
            label="Effective until"
            description="Leave empty for no end."
            {...text('effectiveTo')}
          />
        </SimpleGrid>
      </Section>

      <Textarea
        label={rule ? 'Why this change' : 'Note for the history (optional)'}
        withAsterisk={rule !== undefined}
        autosize
        minRows={2}
        {...text('reason')}
      />
      {overtaken && (
        <Alert color="orange" title="Changed by someone else" role="alert">
          {rule.editedBy.name} saved v{rule.version} while you were editing v{baseVersion}. Cancel and edit
          again to start from it.
        </Alert>
      )}
      {mutation.error && <ProblemAlert error={mutation.error} />}
      <Group gap="xs">
        <Button type="submit" loading={mutation.isPending}>
          {rule ? 'Save new version' : 'Create rule'}
        </Button>
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}
