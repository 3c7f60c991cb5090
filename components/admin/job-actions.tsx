"use client";

import { useActionState } from "react";
import { FormNotice } from "@/components/ui/form-notice";
import type { ActionState, FormAction } from "@/lib/action-state";

const idle: ActionState = { status: "idle" };

export type JobActions = { retry: FormAction<ActionState>; discard: FormAction<ActionState> };

/**
 * A job's buttons on /admin/jobs: "Retry now" (failed and dead jobs) and "Discard", grouped under the job's name. A
 * success opens the page again with its notice; a refusal is shown here.
 */
export function JobButtons({ jobId, label, canRetry, actions }: { jobId: string; label: string; canRetry: boolean; actions: JobActions }) {
  const [retryState, retryAction, retryPending] = useActionState(actions.retry, idle);
  const [discardState, discardAction, discardPending] = useActionState(actions.discard, idle);
  return (
    <div role="group" aria-label={`Actions for ${label}`}>
      <FormNotice state={retryState} />
      <FormNotice state={discardState} />
      {canRetry && (
        <form action={retryAction}>
          <input type="hidden" name="jobId" value={jobId} />
          <button className="button" type="submit" disabled={retryPending}>
            Retry now
          </button>
        </form>
      )}
      <form action={discardAction}>
        <input type="hidden" name="jobId" value={jobId} />
        <button className="button button--danger" type="submit" disabled={discardPending}>
          Discard
        </button>
      </form>
    </div>
  );
}
