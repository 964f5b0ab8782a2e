import { useState } from 'react';

/**
 * The submit of a standards form: errors stay hidden until the first attempt (so an empty new form is not
 * red all over), then show and block the save until the draft is valid.
 * `errors` holds a message for each invalid field; no key means valid.
 */
export function useValidatedSubmit<Errors extends object>(
  errors: Errors,
  onValid: () => void,
): { shown: Partial<Errors>; submit: (e: React.FormEvent) => void } {
  const [showErrors, setShowErrors] = useState(false);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setShowErrors(true);
    if (Object.keys(errors).length > 0) return;
    onValid();
  };
  return { shown: showErrors ? errors : {}, submit };
}
