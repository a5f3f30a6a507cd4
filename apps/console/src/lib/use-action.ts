import { useMutation, useQueryClient } from '@tanstack/react-query';

/** A write that refreshes what the page shows once it succeeds; its error is shown by the caller (ErrorNotice). */
export function useAction<T>(run: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => queryClient.invalidateQueries() });
}
