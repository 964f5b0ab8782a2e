import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import {
  type ActionInput,
  type ActionType,
  type Decision,
  type Held,
  type LimitState,
  type ParamSpec,
  useCatalogue,
  useEvaluate,
  useExecute,
  useFlagRule,
  useMyAuthority,
  useOverrideAction,
  useRequestApproval,
} from '../../api/authority.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useDraft } from '../../lib/useDraft.ts';
import { useCan } from '../../session/SessionContext.tsx';
import { OverrideDone, OverrideForm } from './OverrideForm.tsx';

const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'DKK', 'NOK', 'PLN'];
const label = (name: string) => name.charAt(0).toUpperCase() + name.slice(1).replace(/_/g, ' ');

/**
 * Act for the customer within one's authority: what is left ("You can credit up to 50.00 EUR more
 * today"), a form that is evaluated first, and then — by the decision — do it, request approval,
 * or see which rule says no and flag it; a lead or manager may override a rule that allows it.
 */
export function ActionPanel({ caseId }: { caseId: string }) {
  const catalogue = useCatalogue();
  const held = useMyAuthority(caseId);
  // Shared with the suggestions panel, which can start a suggested action here (see useDraft).
  const [typeId, setTypeId] = useDraft(`${caseId}.action`);
  const types = catalogue.data ?? [];
  const type = types.find((t) => t.id === typeId) ?? types[0];

  return (
    <Paper
      withBorder
      p="sm"
      component="section"
      aria-label="Actions for the customer"
      id={`actions-${caseId}`}
    >
      <Title order={2} size="h5" mb="xs">
        Act for the customer
      </Title>
      {catalogue.isPending ? (
        <Loading label="Loading actions" rows={2} />
      ) : catalogue.error ? (
        <ProblemAlert error={catalogue.error} onRetry={() => void catalogue.refetch()} />
      ) : types.length === 0 || !type ? (
        <EmptyState title="No actions">The action catalogue is empty.</EmptyState>
      ) : (
        <Stack gap="xs">
          {held.error ? (
            <ProblemAlert error={held.error} />
          ) : (
            held.data && <HeldList held={held.data} types={types} />
          )}
          <NativeSelect
            label="Action"
            data={types.map((t) => ({ value: t.id, label: t.label }))}
            value={type.id}
            onChange={(e) => setTypeId(e.currentTarget.value)}
          />
          <ActionForm
            key={type.id}
            caseId={caseId}
            type={type}
            currency={held.data?.find((h) => h.actionType === type.id)?.remaining.amount?.currency}
          />
        </Stack>
      )}
    </Paper>
  );
}

/** What the agent may still do per action type; types without any authority fold away. */
function HeldList({ held, types }: { held: Held[]; types: ActionType[] }) {
  const name = (id: string) => types.find((t) => t.id === id)?.label ?? id;
  const granted = held.filter((h) => h.rule !== null);
  const none = held.filter((h) => h.rule === null);
  const line = (h: Held) => (
    <li key={h.actionType}>
      <Text size="sm" span>
        <b>{name(h.actionType)}:</b> {h.remaining.sentence}
      </Text>
    </li>
  );
  return (
    <section aria-label="Your remaining authority">
      {granted.length > 0 ? (
        <ul style={{ margin: 0, paddingLeft: 18 }}>{granted.map(line)}</ul>
      ) : (
        <Text size="sm">You hold no authority for actions on this case yet.</Text>
      )}
      {none.length > 0 && (
        <details>
          <summary>
            <Text span size="xs" c="dimmed">
              No authority for {none.length} other {none.length === 1 ? 'action' : 'actions'}
            </Text>
          </summary>
          <ul style={{ margin: 0, paddingLeft: 18 }}>{none.map(line)}</ul>
        </details>
      )}
    </section>
  );
}

function ActionForm({
  caseId,
  type,
  currency,
}: {
  caseId: string;
  type: ActionType;
  currency: string | undefined;
}) {
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [cur, setCur] = useState(currency ?? 'EUR');
  const evaluate = useEvaluate(caseId);
  const set = (name: string, value: string | boolean) => {
    setValues((v) => ({ ...v, [name]: value }));
    evaluate.reset();
  };
  const input = (): ActionInput => {
    const params: Record<string, unknown> = {};
    for (const p of type.params) {
      const v = values[p.name];
      if (v === undefined || v === '') continue;
      params[p.name] = p.kind === 'money' ? `${String(v).trim().replace(',', '.')} ${cur}` : v;
    }
    return { actionType: type.id, params };
  };
  const decision = evaluate.data?.decision;

  return (
    <Stack
      gap="xs"
      component="form"
      aria-label="Action form"
      onSubmit={(e) => {
        e.preventDefault();
        evaluate.mutate(input());
      }}
    >
      {type.params.map((p) => (
        <ParamField
          key={p.name}
          spec={p}
          value={values[p.name]}
          onChange={(v) => set(p.name, v)}
          currency={cur}
          onCurrency={(c) => {
            setCur(c);
            evaluate.reset();
          }}
        />
      ))}
      <Group>
        <Button type="submit" variant="light" loading={evaluate.isPending}>
          Check
        </Button>
      </Group>
      {evaluate.error && <ProblemAlert error={evaluate.error} />}
      {decision && (
        <DecisionView caseId={caseId} decision={decision} input={input()} onDone={() => setValues({})} />
      )}
    </Stack>
  );
}

function ParamField({
  spec,
  value,
  onChange,
  currency,
  onCurrency,
}: {
  spec: ParamSpec;
  value: string | boolean | undefined;
  onChange: (v: string | boolean) => void;
  currency: string;
  onCurrency: (c: string) => void;
}) {
  const text = typeof value === 'string' ? value : '';
  switch (spec.kind) {
    case 'money':
      return (
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            label={label(spec.name)}
            inputMode="decimal"
            placeholder="0.00"
            required={spec.required}
            value={text}
            onChange={(e) => onChange(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <NativeSelect
            label="Currency"
            data={CURRENCIES.includes(currency) ? CURRENCIES : [currency, ...CURRENCIES]}
            value={currency}
            onChange={(e) => onCurrency(e.currentTarget.value)}
            w={96}
          />
        </Group>
      );
    case 'choice':
      return (
        <NativeSelect
          label={label(spec.name)}
          required={spec.required}
          data={[{ value: '', label: 'Choose…' }, ...spec.options.map((o) => ({ value: o, label: o }))]}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'boolean':
      return (
        <Checkbox
          label={label(spec.name)}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
      );
    case 'product':
      return (
        <TextInput
          label={label(spec.name)}
          description="Product name, SKU, serial number or purchase id"
          required={spec.required}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    default:
      return (
        <TextInput
          label={label(spec.name)}
          required={spec.required}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
  }
}

function limitText(l: LimitState | null): string | null {
  if (!l) return null;
  const show = (x: LimitState['limit']) =>
    x === null ? '—' : typeof x === 'number' ? String(x) : x.formatted;
  const scope =
    l.kind === 'per_action'
      ? 'per action'
      : l.kind === 'per_agent_day'
        ? 'per day for you'
        : `per customer over ${l.periodDays ?? '?'} days`;
  // A per-action limit has no running total: used and left say nothing there.
  if (l.kind === 'per_action') return `Limit ${show(l.limit)} ${scope}; asked ${show(l.requested)}.`;
  return `Limit ${show(l.limit)} ${scope}; used ${show(l.used)}, left ${show(l.remaining)}.`;
}

function DecisionView({
  caseId,
  decision,
  input,
  onDone,
}: {
  caseId: string;
  decision: Decision;
  input: ActionInput;
  onDone: () => void;
}) {
  const canFlag = useCan('authority.flag');
  const execute = useExecute(caseId);
  const approval = useRequestApproval(caseId);
  const flag = useFlagRule();
  const override = useOverrideAction(caseId);
  const [justification, setJustification] = useState('');
  const [flagReason, setFlagReason] = useState('');

  if (execute.isSuccess)
    return (
      <Alert color="teal" title="Done" role="status">
        {execute.data.decision.outcome === 'allowed' ? execute.data.decision.remaining.sentence : null}
      </Alert>
    );
  if (override.isSuccess) return <OverrideDone result={override.data} />;
  if (approval.isSuccess)
    return (
      <Alert color="blue" title="Approval requested" role="status">
        {`${approval.data.approver ? `${approval.data.approver.name} will decide` : 'An approver will decide'}; the action runs for you as soon as it is approved.`}
      </Alert>
    );

  switch (decision.outcome) {
    case 'allowed':
      return (
        <Alert color="teal" title="Allowed" role="status">
          <Text size="sm">{decision.reason}</Text>
          <Text size="sm" c="dimmed">
            After this: {decision.remaining.sentence}
          </Text>
          {execute.error && <ProblemAlert error={execute.error} />}
          <Button
            mt="xs"
            color="teal"
            loading={execute.isPending}
            onClick={() => execute.mutate(input, { onSuccess: onDone })}
          >
            Do it
          </Button>
        </Alert>
      );
    case 'needs_approval': {
      const limit = limitText(decision.limit);
      return (
        <Alert color="yellow" title="Needs approval" role="status">
          <Text size="sm">{decision.reason}</Text>
          <Text size="sm">
            <b>Approver:</b> {decision.approver?.name ?? 'unknown'}
          </Text>
          {limit && <Text size="sm">{limit}</Text>}
          <Textarea
            mt="xs"
            label="Justification (at least 15 characters)"
            autosize
            minRows={2}
            value={justification}
            onChange={(e) => setJustification(e.currentTarget.value)}
          />
          {approval.error && <ProblemAlert error={approval.error} />}
          <Button
            mt="xs"
            color="yellow"
            disabled={justification.trim().length < 15}
            loading={approval.isPending}
            onClick={() =>
              approval.mutate({ ...input, justification: justification.trim() }, { onSuccess: onDone })
            }
          >
            Request approval
          </Button>
          <OverrideForm decision={decision} input={input} mutation={override} onDone={onDone} />
        </Alert>
      );
    }
    case 'denied': {
      const rule = decision.rule;
      return (
        <Alert color="red" title="Not allowed" role="status">
          <Text size="sm">{decision.reason}</Text>
          {rule && (
            <Text size="sm">
              <b>Rule:</b> {rule.name} (v{rule.version})
            </Text>
          )}
          {decision.owner && (
            <Text size="sm">
              <b>Owner:</b> {decision.owner.name}
            </Text>
          )}
          {decision.rationale && (
            <Text size="sm">
              <b>Why the rule exists:</b> {decision.rationale}
            </Text>
          )}
          {rule &&
            canFlag &&
            (flag.isSuccess ? (
              <Text size="sm" c="teal.8" mt="xs">
                Flagged — {flag.data.owner.name} will answer.
              </Text>
            ) : (
              <>
                <Textarea
                  mt="xs"
                  label="This rule hurts customers because… (at least 20 characters)"
                  autosize
                  minRows={2}
                  value={flagReason}
                  onChange={(e) => setFlagReason(e.currentTarget.value)}
                />
                {flag.error && <ProblemAlert error={flag.error} />}
                <Button
                  mt="xs"
                  variant="light"
                  color="red"
                  disabled={flagReason.trim().length < 20}
                  loading={flag.isPending}
                  onClick={() => flag.mutate({ ruleId: rule.id, reason: flagReason.trim(), caseId })}
                >
                  Flag this rule
                </Button>
              </>
            ))}
          <OverrideForm decision={decision} input={input} mutation={override} onDone={onDone} />
        </Alert>
      );
    }
  }
}
