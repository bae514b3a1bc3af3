"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/http/workspace-action";

export type ActionError = { message: string; field?: string };

/**
 * Runs one of the Policies pages' server actions: a refusal becomes a toast plus an error the
 * editor shows next to its field; success runs `onSuccess` and refreshes the server components.
 */
export function usePolicyAction<I, O>(action: (input: I) => Promise<ActionResult<O>>, onSuccess: (data: O) => void, options: { refresh?: boolean } = {}) {
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
