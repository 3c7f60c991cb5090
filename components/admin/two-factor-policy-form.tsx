"use client";

import { useActionState } from "react";
import { FormNotice } from "@/components/ui/form-notice";
import type { ActionState, FormAction } from "@/lib/action-state";

const idle: ActionState = { status: "idle" };

/** The site-wide switch: admins and editors must use two-factor sign-in. */
export function TwoFactorPolicyForm({ required, action }: { required: boolean; action: FormAction<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, idle);
  return (
    <form action={formAction} aria-label="Two-factor requirement">
      <FormNotice state={state} />
      <div className="field">
        <label>
          <input type="checkbox" name="required" value="on" defaultChecked={required} /> Require two-factor authentication for admins and editors
        </label>
        <p className="field__hint">Those without it are asked to set it up before they can do anything else. Turn it on for your own account first.</p>
      </div>
      <button className="button" type="submit" disabled={pending}>
        Save requirement
      </button>
    </form>
  );
}
