import { useEffect } from 'react';
import { DefaultValues, FieldValues, useForm } from 'react-hook-form';

/**
 * A react-hook-form form whose half-filled values survive an expired session: they are kept in sessionStorage
 * under `id` until `discard()` (after the action succeeded or the user cancelled).
 */
export function useDraftForm<T extends FieldValues>(id: string, defaults: T) {
  const key = `console.draft.${id}`;
  const saved = (() => {
    try {
      return JSON.parse(sessionStorage.getItem(key) ?? 'null') as Partial<T> | null;
    } catch {
      return null;
    }
  })();
  const form = useForm<T>({ defaultValues: { ...defaults, ...(saved ?? {}) } as DefaultValues<T>, mode: 'onSubmit' });
  useEffect(() => {
    const subscription = form.watch((values) => sessionStorage.setItem(key, JSON.stringify(values)));
    return () => subscription.unsubscribe();
  }, [form, key]);
  const discard = () => {
    sessionStorage.removeItem(key);
    form.reset(defaults);
  };
  /** Forgets the draft but keeps what the form shows (a form that shows saved values, e.g. an assessment). */
  const forget = () => sessionStorage.removeItem(key);
  return { form, discard, forget, restored: saved !== null };
}
