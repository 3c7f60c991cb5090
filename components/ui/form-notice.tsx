import Link from "next/link";
import type { ActionState } from "@/lib/action-state";

/** The outcome of a form submission, announced to screen readers as it appears. */
export function FormNotice({ state }: { state: Pick<ActionState, "status" | "message" | "link"> }) {
  if (state.status === "idle" || !state.message) return null;
  const isError = state.status === "error";
  return (
    <div className={`notice ${isError ? "notice--error" : "notice--success"}`} role={isError ? "alert" : "status"}>
      <p>
        {state.message}
        {state.link && (
          <>
            {" "}
            <Link href={state.link.href}>{state.link.label}</Link>
          </>
        )}
      </p>
    </div>
  );
}
