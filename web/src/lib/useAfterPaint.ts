import { startTransition, useEffect, useState } from 'react';

/**
 * False until the browser has painted a render in which `ready` was true, then true for good: a
 * screen renders what the user came for first and mounts its secondary parts right after, as a
 * transition (interruptible, so keys pressed meanwhile are handled at once). The case screen uses it
 * so its composer, suggestions, action panel, checklist and SLA badges do not render, fetch and lay
 * out before the timeline and the customer are on screen.
 */
export function useAfterPaint(ready = true): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (painted || !ready) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A frame callback runs just before the paint; a task queued from it runs after the paint.
    const after = () => {
      timer = setTimeout(() => startTransition(() => setPainted(true)), 0);
    };
    const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(after) : undefined;
    if (frame === undefined) after();
    return () => {
      if (frame !== undefined) cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [painted, ready]);
  return painted;
}
