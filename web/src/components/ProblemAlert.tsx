import { Alert, Button, Text } from '@mantine/core';
import { ApiError } from '../api/client.ts';

/** An error as the server explained it: the problem+json title, its detail, and the failing fields. */
export function ProblemAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const problem =
    error instanceof ApiError
      ? error
      : { title: 'Something went wrong', detail: (error as Error)?.message, errors: [], code: undefined };
  return (
    <Alert color="red" title={problem.title} role="alert" variant="light">
      {problem.detail && <Text size="sm">{problem.detail}</Text>}
      {problem.errors.length > 0 && (
        <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
          {problem.errors.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              <Text size="sm" span>
                {e.path}: {e.message}
              </Text>
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <Button size="xs" variant="white" color="red" mt="xs" onClick={onRetry}>
          Try again
        </Button>
      )}
    </Alert>
  );
}
