import { Alert, Button, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useId, useRef, useState } from 'react';
import {
  type ActionInput,
  type Decision,
  type ExecutedAction,
  MIN_OVERRIDE_JUSTIFICATION,
  type Override,
  type useOverrideAction,
} from '../../api/authority.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useCan, useSession } from '../../session/SessionContext.tsx';

type Refused = Extract<Decision, { outcome: 'needs_approval' | 'denied' }>;

/**
 * Whether this person may override this decision: the rule allows overrides, the person holds
 * `authority.override`, and (when the server names them) their role is among the rule's override
 * roles — the server refuses the others with 422 authority.override_not_allowed.
 */
export function mayOverride(decision: Decision, role: string, canOverride: boolean): decision is Refused {
  if (!canOverride || decision.outcome === 'allowed') return false;
  if (!decision.overridable || decision.rule === null) return false;
  return decision.overrideRoles === undefined || decision.overrideRoles.includes(role);
}

/**
 * "Override this rule" under a decision that says no or not yet: what happens (executed now,
 * recorded, reported to the rule's owner), a written justification of at least the server's
 * minimum, then the override. Renders nothing for people or decisions that cannot override.
 * It is not a <form>: it sits inside the action form, and forms do not nest.
 */
export function OverrideForm({
  decision,
  input,
  mutation,
  onDone,
}: {
  decision: Decision;
  input: ActionInput;
  mutation: ReturnType<typeof useOverrideAction>;
  onDone: () => void;
}) {
  const session = useSession();
  const canOverride = useCan('authority.override');
  const [justification, setJustification] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const headingId = useId();
  const field = useRef<HTMLTextAreaElement>(null);

  if (!mayOverride(decision, session.agent.role, canOverride) || !decision.rule) return null;
  const rule = decision.rule;
  const owner = rule.owner.name;
  const length = justification.trim().length;

  const submit = () => {
    if (length < MIN_OVERRIDE_JUSTIFICATION) {
      setTooShort(true);
      field.current?.focus();
      return;
    }
    mutation.mutate(
      // The decision on screen is this person's own, so the override is made for them.
      { ...input, justification: justification.trim(), forAgentId: session.agent.id },
      { onSuccess: onDone },
    );
  };

  return (
    <Stack
      component="section"
      aria-labelledby={headingId}
      gap={6}
      mt="sm"
      pt="xs"
      style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
    >
      <Title order={3} size="h6" id={headingId}>
        Override this rule
      </Title>
      <Text size="sm">
        {`As ${session.agent.role}, you may override rule “${rule.name}” (v${rule.version}), owned by ${owner}. `}
        {`The action${decision.amount ? ` (${decision.amount.formatted})` : ''} is executed now, recorded, and reported to ${owner} with your justification.`}
      </Text>
      <Textarea
        ref={field}
        label={`Why you override this rule (at least ${MIN_OVERRIDE_JUSTIFICATION} characters)`}
        description={`${length} of ${MIN_OVERRIDE_JUSTIFICATION} characters · Ctrl+Enter overrides`}
        required
        autosize
        minRows={2}
        value={justification}
        error={
          tooShort && length < MIN_OVERRIDE_JUSTIFICATION
            ? `Write at least ${MIN_OVERRIDE_JUSTIFICATION} characters: ${owner} reads why.`
            : undefined
        }
        onChange={(e) => setJustification(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          }
        }}
      />
      {mutation.error && <ProblemAlert error={mutation.error} />}
      <div>
        <Button color="orange" loading={mutation.isPending} onClick={submit}>
          Override and execute now
        </Button>
      </div>
    </Stack>
  );
}

/** The override went through: the action is executed and the owner has it in their queue. */
export function OverrideDone({ result }: { result: { override: Override; action: ExecutedAction } }) {
  const ref = useRef<HTMLDivElement>(null);
  // The button that was pressed is gone: keep keyboard focus on the outcome.
  useEffect(() => ref.current?.focus(), []);
  const { override, action } = result;
  return (
    <Alert ref={ref} tabIndex={-1} color="teal" title="Done — overridden" role="status">
      <Text size="sm">
        {`Executed${action.amount ? ` ${action.amount.formatted}` : ''} on this case, recorded, and reported to ${override.reportTo.name}.`}
      </Text>
    </Alert>
  );
}
