"use client";

import { useState, useTransition } from "react";

/** The Server Action that renders Markdown for the preview, or says why it cannot. */
export type PreviewAction = (markdown: string) => Promise<{ html: string } | { error: string }>;

/** A button that renders the named textarea's Markdown exactly as readers will see it. */
export function MarkdownPreview({ textareaId, label, action }: { textareaId: string; label: string; action: PreviewAction }) {
  const [result, setResult] = useState<{ html: string } | { error: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function preview() {
    const textarea = document.getElementById(textareaId) as HTMLTextAreaElement | null;
    startTransition(async () => setResult(await action(textarea?.value ?? "")));
  }

  return (
    <div>
      <button type="button" className="button" onClick={preview} disabled={pending}>
        {pending ? "Rendering…" : `Preview ${label}`}
      </button>
      <div aria-live="polite">
        {result && "error" in result && <p className="field__error">{result.error}</p>}
        {result && "html" in result && (
          <section className="preview" aria-label={`${label} preview`}>
            {result.html ? <div className="prose" dangerouslySetInnerHTML={{ __html: result.html }} /> : <p>Nothing to preview yet.</p>}
          </section>
        )}
      </div>
    </div>
  );
}
