import { useCallback, useEffect, useState } from 'react';

/**
 * Text that survives a reload of the case, a 409, or a page refresh: kept in state and mirrored to
 * sessionStorage (this tab only, gone when it closes) under a key per case and kind.
 */
export function useDraft(key: string): [string, (value: string) => void, () => void] {
  const storageKey = `casebook.draft.${key}`;
  const [value, setValue] = useState(() => {
    try {
      return sessionStorage.getItem(storageKey) ?? '';
    } catch {
      return '';
    }
  });
  useEffect(() => {
    try {
      if (value) sessionStorage.setItem(storageKey, value);
      else sessionStorage.removeItem(storageKey);
    } catch {
      // Storage disabled: the draft lives as long as the page.
    }
  }, [storageKey, value]);
  const clear = useCallback(() => setValue(''), []);
  return [value, setValue, clear];
}
