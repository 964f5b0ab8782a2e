import { Button, Group, NativeSelect, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { type NewMessage, useAddMessage } from '../../api/cases.ts';
import type { CaseStatus } from '../../api/types.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useDraft } from '../../lib/useDraft.ts';

type Mode = 'reply' | 'note';

/**
 * Where the browser grows a textarea with its text by itself (CSS `field-sizing`), the composer lets
 * it: the JavaScript autosize measures the text in a layout effect, which forced a synchronous layout
 * of the whole case screen on every open. Elsewhere the autosize stays.
 */
const grows =
  typeof CSS !== 'undefined' && typeof CSS.supports === 'function' && CSS.supports('field-sizing', 'content');
const rows = (n: number) => `calc(${n}lh + 2 * var(--input-padding-y, 0rem) + 2px)`;
const grownInput = {
  fieldSizing: 'content',
  height: 'auto',
  minHeight: rows(3),
  maxHeight: rows(12),
} as const;
const noteInput = { background: 'var(--mantine-color-yellow-0)' } as const;

/** Reply to the customer or add an internal note. Ctrl/⌘+Enter sends; the draft survives reloads. */
export function Composer({ caseId, status }: { caseId: string; status: CaseStatus }) {
  const [mode, setMode] = useState<Mode>('reply');
  const [draft, setDraft, clearDraft] = useDraft(`${caseId}.${mode}`);
  const [nextStatus, setNextStatus] = useState<string | null>(null);
  const send = useAddMessage(caseId);

  const submit = () => {
    const body = draft.trim();
    if (!body || send.isPending) return;
    const input: NewMessage = { kind: mode, body };
    if (nextStatus) input.status = nextStatus as CaseStatus;
    send.mutate(input, {
      onSuccess: () => {
        clearDraft();
        setNextStatus(null);
      },
    });
  };

  const label = mode === 'reply' ? 'Reply to the customer' : 'Internal note (only agents see it)';
  return (
    <Stack
      gap="xs"
      component="form"
      aria-label="Composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Button.Group aria-label="Message kind">
        {(['reply', 'note'] as const).map((m) => (
          <Button
            key={m}
            size="compact-sm"
            variant={mode === m ? 'filled' : 'default'}
            color={m === 'note' ? 'yellow' : undefined}
            aria-pressed={mode === m}
            onClick={() => setMode(m)}
          >
            {m === 'reply' ? 'Reply' : 'Internal note'}
          </Button>
        ))}
      </Button.Group>
      {send.error && <ProblemAlert error={send.error} />}
      <Textarea
        label={label}
        placeholder={mode === 'reply' ? 'Write a reply…' : 'Write a note for your colleagues…'}
        autosize={!grows}
        minRows={3}
        maxRows={12}
        value={draft}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          }
        }}
        styles={
          grows || mode === 'note'
            ? { input: { ...(grows ? grownInput : {}), ...(mode === 'note' ? noteInput : {}) } }
            : undefined
        }
      />
      <Group justify="space-between">
        {mode === 'reply' ? (
          <NativeSelect
            aria-label="Then set status"
            data={[
              { value: '', label: `Keep status (${status})` },
              { value: 'pending', label: 'Then set pending' },
              { value: 'resolved', label: 'Then set resolved' },
            ]}
            value={nextStatus ?? ''}
            onChange={(e) => setNextStatus(e.currentTarget.value || null)}
            size="xs"
            w={190}
          />
        ) : (
          <span />
        )}
        <Button
          type="submit"
          loading={send.isPending}
          disabled={!draft.trim()}
          color={mode === 'note' ? 'yellow' : undefined}
        >
          {mode === 'reply' ? 'Send reply' : 'Add note'}
        </Button>
      </Group>
    </Stack>
  );
}
