"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field } from "@/components/ui/field";
import { FormNotice } from "@/components/ui/form-notice";
import type { ActionState } from "@/lib/action-state";
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES } from "@/lib/import/schema";

type UploadState = ActionState<{ files: string; onDuplicate: string }>;

/**
 * Upload .md files, a .zip or a bookmark file for a dry run. It posts to a route handler (a Server Action's body is
 * limited to 1 MB); with JavaScript the answer comes back as JSON so errors show beside the field, without it the
 * browser follows the redirect.
 */
export function ImportUploadForm({ initialError }: { initialError?: string }) {
  const router = useRouter();
  const [state, setState] = useState<UploadState>(initialError ? { status: "error", message: initialError } : { status: "idle" });
  const [pending, setPending] = useState(false);
  const errors = state.fieldErrors ?? {};

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setPending(true);
    try {
      const response = await fetch(form.action, { method: "POST", body: new FormData(form), headers: { accept: "application/json" } });
      const result = (await response.json()) as { redirect?: string; error?: string; field?: "files" | "onDuplicate" };
      if (result.redirect) {
        router.push(result.redirect);
        return;
      }
      const message = result.error ?? "The upload failed. Try again.";
      setState({ status: "error", message, fieldErrors: result.field ? { [result.field]: [message] } : undefined });
    } catch {
      setState({ status: "error", message: "The upload did not reach the server. Check your connection and try again." });
    }
    setPending(false);
  }

  return (
    <form action="/admin/import/upload" method="post" encType="multipart/form-data" onSubmit={submit} noValidate>
      <FormNotice state={state} />
      <Field
        label="Files to import"
        name="files"
        errors={errors.files}
        hint={`Markdown link posts (.md, up to ${MAX_UPLOAD_FILES} at once), a .zip of them, or a browser bookmark file (.html). At most ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB.`}
      >
        {(props) => <input className="input" {...props} type="file" multiple accept=".md,.zip,.html,.htm,text/markdown,application/zip,text/html" required />}
      </Field>
      <fieldset className="field" aria-describedby={errors.onDuplicate ? "on-duplicate-error" : undefined}>
        <legend className="field__label">When a post for the same article already exists</legend>
        <label>
          <input type="radio" name="onDuplicate" value="skip" defaultChecked /> Leave the existing post as it is
        </label>
        <label>
          <input type="radio" name="onDuplicate" value="update" /> Update it where the file differs
        </label>
        {errors.onDuplicate && (
          <p className="field__error" id="on-duplicate-error">
            {errors.onDuplicate.join(" ")}
          </p>
        )}
      </fieldset>
      <div className="field">
        <label>
          <input type="checkbox" name="asDraft" /> Import new posts as drafts
        </label>
        <p className="field__hint">
          Otherwise a file with draft: false is published with its own date (a future date schedules it). Bookmarks always become drafts.
        </p>
      </div>
      <button className="button button--primary" type="submit" disabled={pending}>
        {pending ? "Uploading…" : "Upload and check"}
      </button>
    </form>
  );
}
