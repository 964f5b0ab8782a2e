import { Button, Group } from '@mantine/core';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';

/** The end of every standards form: the save's problem, if any, then Cancel and the submit button. */
export function FormFooter({
  save,
  onCancel,
  submitLabel,
}: {
  save: { error: unknown; isPending: boolean };
  onCancel: () => void;
  submitLabel: string;
}) {
  return (
    <>
      {save.error ? <ProblemAlert error={save.error} /> : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel} disabled={save.isPending}>
          Cancel
        </Button>
        <Button type="submit" loading={save.isPending}>
          {submitLabel}
        </Button>
      </Group>
    </>
  );
}
