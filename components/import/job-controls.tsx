"use client";

import { useActionState } from "react";
import { FormNotice } from "@/components/ui/form-notice";
import type { ActionState, FormAction } from "@/lib/action-state";

type JobAction = FormAction<ActionState>;

function JobButton({
  action,
  jobId,
  label,
  pendingLabel,
  primary,
  extra,
}: {
  action: JobAction;
  jobId: string;
  label: string;
  pendingLabel: string;
  primary?: boolean;
  extra?: Record<string, string>;
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  return (
    <form action={formAction}>
      <FormNotice state={state} />
      <input type="hidden" name="jobId" value={jobId} />
      {Object.entries(extra ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button className={`button${primary ? " button--primary" : ""}`} type="submit" disabled={pending}>
        {pending ? pendingLabel : label}
      </button>
    </form>
  );
}

/** After the dry run: start the import, or drop it. */
export function ConfirmImportButtons({ jobId, count, actions }: { jobId: string; count: number; actions: { confirm: JobAction; cancel: JobAction } }) {
  return (
    <div className="admin-toolbar">
      {count > 0 && (
        <JobButton
          action={actions.confirm}
          jobId={jobId}
          primary
          label={`Import ${count.toLocaleString("en-US")} ${count === 1 ? "post" : "posts"}`}
          pendingLabel="Starting…"
        />
      )}
      <JobButton action={actions.cancel} jobId={jobId} label={count > 0 ? "Cancel import" : "Discard upload"} pendingLabel="Cancelling…" />
    </div>
  );
}

/** For a job whose server stopped mid-way. */
export function ResumeImportButton({ jobId, status, action }: { jobId: string; status: "CHECKING" | "RUNNING"; action: JobAction }) {
  return (
    <JobButton
      action={action}
      jobId={jobId}
      extra={{ status }}
      primary
      label={status === "CHECKING" ? "Check the files again" : "Resume the import"}
      pendingLabel="Starting…"
    />
  );
}
