import { useCallback, useEffect, useState } from 'react';

const CHANGED = 'casebook:draft';

/**
 * Text that survives a reload of the case, a 409, or a page refresh: kept in state and mirrored to
 * sessionStorage (this tab only, gone when it closes) under a key per case and kind. Every hook on
 * the same key shares the text, so a panel can fill the composer's draft ("Use this reply").
 */
export function useDraft(key: string): [string, (value: string) => void, () => void] {
  const storageKey = `casebook.draft.${key}`;
  const [value, setValue] = useState(() => read(storageKey));
  // The key changes when the composer switches between reply and note: load that draft.
  const [loadedKey, setLoadedKey] = useState(storageKey);
  if (loadedKey !== storageKey) {
    setLoadedKey(storageKey);
    setValue(read(storageKey));
  }
  useEffect(() => {
    const onChange = (event: Event) => {
      const detail = (event as CustomEvent<{ key: string; value: string }>).detail;
      if (detail.key === storageKey) setValue(detail.value);
    };
    window.addEventListener(CHANGED, onChange);
    return () => window.removeEventListener(CHANGED, onChange);
  }, [storageKey]);
  const update = useCallback(
    (next: string) => {
      setValue(next);
      try {
        if (next) sessionStorage.setItem(storageKey, next);
        else sessionStorage.removeItem(storageKey);
      } catch {
        // Storage disabled: the draft lives as long as the page.
      }
      window.dispatchEvent(new CustomEvent(CHANGED, { detail: { key: storageKey, value: next } }));
    },
    [storageKey],
  );
  const clear = useCallback(() => update(''), [update]);
  return [value, update, clear];
}

function read(storageKey: string): string {
  try {
    return sessionStorage.getItem(storageKey) ?? '';
  } catch {
    return '';
  }
}
