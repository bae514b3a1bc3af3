"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/http/workspace-action";

export type ActionError = { message: string; field?: string };

/**
 * Runs a page's server action: a refusal or invalid input becomes a toast plus an error the form
 * shows next to its field; success runs `onSuccess` and (unless refresh is false) refreshes the
 * server components so the page shows the change.
 */
export function useServerAction<I, O>(action: (input: I) => Promise<ActionResult<O>>, onSuccess: (data: O) => void, options: { refresh?: boolean } = {}) {
  const router = useRouter();
  const [error, setError] = useState<ActionError | null>(null);
  const fail = (next: ActionError) => {
    setError(next);
    toast.error(next.message);
  };
  const mutation = useMutation({
    mutationFn: action,
    onSuccess: (result) => {
      if (!result.ok) return fail({ message: result.error, ...(result.field ? { field: result.field } : {}) });
      setError(null);
      onSuccess(result.data);
      if (options.refresh !== false) router.refresh();
    },
    onError: () => fail({ message: "Could not reach the server; please try again" }),
  });
  return { run: mutation.mutate, isPending: mutation.isPending, error, setError, fail };
}

/** The message for one input, or for none of them (`field` undefined) when no input matches. */
export function errorFor(error: ActionError | null, field: string | undefined, fields: readonly string[]): string | null {
  if (!error) return null;
  if (field === undefined) return error.field && fields.includes(error.field) ? null : error.message;
  return error.field === field ? error.message : null;
}
