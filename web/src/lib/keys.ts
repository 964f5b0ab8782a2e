/** True when the key press belongs to a text field, so single-letter shortcuts stay out of the way. */
export function isTyping(event: KeyboardEvent | { target: EventTarget | null }): boolean {
  const target = event.target as HTMLElement | null;
  if (!target || !('tagName' in target)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable === true;
}
