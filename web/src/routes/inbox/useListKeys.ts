import { useEffect, useRef } from 'react';
import { isTyping } from '../../lib/keys.ts';

/**
 * j/k (and the arrow keys) move through a list, Enter opens the selected item. Keys typed into
 * a field are left alone. Handlers are read through a ref so the listener is attached once.
 */
export function useListKeys(options: {
  count: number;
  selected: number;
  onSelect: (index: number) => void;
  onOpen: (index: number) => void;
}) {
  const latest = useRef(options);
  latest.current = options;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event) || event.metaKey || event.ctrlKey || event.altKey) return;
      const { count, selected, onSelect, onOpen } = latest.current;
      if (count === 0) return;
      if (event.key === 'j' || event.key === 'ArrowDown') {
        event.preventDefault();
        onSelect(Math.min(count - 1, selected + 1));
      } else if (event.key === 'k' || event.key === 'ArrowUp') {
        event.preventDefault();
        onSelect(Math.max(0, selected - 1));
      } else if (event.key === 'Enter' && selected >= 0 && selected < count) {
        const target = event.target as HTMLElement | null;
        if (target && (target.tagName === 'BUTTON' || target.tagName === 'A')) return;
        event.preventDefault();
        onOpen(selected);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
