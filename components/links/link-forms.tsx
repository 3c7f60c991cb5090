"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormNotice } from "@/components/ui/form-notice";
import type { ActionState, FormAction } from "@/lib/action-state";
import type { ReplaceLinkValues } from "@/lib/links/schema";

const idle: ActionState = { status: "idle" };

/** "Replace URL": the new address of a post's article, saved through the ordinary post save. */
export function ReplaceUrlForm(props: { postId: string; version: number; title: string; action: FormAction<ActionState<ReplaceLinkValues>> }) {
  const [state, formAction, pending] = useActionState(props.action, idle as ActionState<ReplaceLinkValues>);
  return (
    <form action={formAction} noValidate aria-label={`Replace the URL of “${props.title}”`}>
      <FormNotice state={state} />
      <input type="hidden" name="postId" value={props.postId} />
      <input type="hidden" name="version" value={props.version} />
      <Field label="New URL" name="url" errors={state.fieldErrors?.url}>
        {(field) => (
          <input className="input" {...field} type="url" autoComplete="off" defaultValue={state.status === "error" ? state.values?.url : ""} required />
        )}
      </Field>
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Replacing…" : "Replace URL"}
      </button>
    </form>
  );
}

/** Whether newly published links are also sent to the archive to be saved (admins). */
export function ArchiveSettingForm({ archiveSave, action }: { archiveSave: boolean; action: FormAction<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, idle);
  return (
    <form action={formAction} aria-label="Archive setting">
      <FormNotice state={state} />
      <label>
        <input type="checkbox" name="archiveSave" defaultChecked={archiveSave} /> Ask the Internet Archive to save a copy of each newly published link
      </label>{" "}
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save archive setting"}
      </button>
    </form>
  );
}
