"use client";

import { useEffect, useState, type RefObject } from "react";
import type { UnsavedPreview } from "@/lib/previews/unsaved";
import { useHydrated } from "@/components/ui/use-hydrated";
import { PostArticle } from "./post-article";

// The post form hands its unsaved values to the preview tab through the browser's storage (same site only), under a
// one-time key named in the tab's address; the tab asks the server to check and render them, so nothing is saved.
const STORAGE_PREFIX = "linkpress:unsaved-preview:";

/** "Preview": opens the form's current, unsaved state in a new tab, rendered as the post's page will be. */
export function UnsavedPreviewButton({ form, disabled }: { form: RefObject<HTMLFormElement | null>; disabled?: boolean }) {
  const hydrated = useHydrated();
  const open = () => {
    if (!form.current) return;
    // Only the typed fields: the form's hidden fields (ids, version, the framework's) play no part in a preview.
    const values = Object.fromEntries([...new FormData(form.current)].filter(([name, value]) => typeof value === "string" && !name.startsWith("$")));
    // Values a tab never picked up (a blocked pop-up) are not left behind.
    for (const stale of Object.keys(localStorage).filter((name) => name.startsWith(STORAGE_PREFIX))) localStorage.removeItem(stale);
    const key = `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
    localStorage.setItem(STORAGE_PREFIX + key, JSON.stringify(values));
    window.open(`/admin/posts/preview#${key}`, "_blank");
  };
  return (
    <button className="button" type="button" onClick={open} disabled={disabled || !hydrated}>
      Preview
    </button>
  );
}

export type UnsavedPreviewResult = UnsavedPreview | { error: string };
type PreviewAction = (values: Record<string, string>) => Promise<UnsavedPreviewResult>;

type View = { kind: "loading" } | { kind: "missing" } | { kind: "done"; result: UnsavedPreviewResult };

const FIELD_LABELS: Record<string, string> = {
  title: "Title",
  externalUrl: "External URL",
  via: "Via",
  source: "Source",
  tags: "Tags",
  publishedAt: "Publish date",
  tldr: "TL;DR",
  summary: "Summary",
  commentary: "Commentary",
  slug: "Slug",
};

/** The preview tab: reads the values the form left (kept in this tab, so a reload shows them again) and renders them. */
export function UnsavedPreview({ action }: { action: PreviewAction }) {
  const [view, setView] = useState<View>({ kind: "loading" });
  useEffect(() => {
    const key = STORAGE_PREFIX + window.location.hash.slice(1);
    const handed = localStorage.getItem(key);
    if (handed !== null) {
      sessionStorage.setItem(key, handed);
      localStorage.removeItem(key);
    }
    const stored = sessionStorage.getItem(key);
    let cancelled = false;
    const next: Promise<View> =
      stored === null
        ? Promise.resolve({ kind: "missing" })
        : action(JSON.parse(stored) as Record<string, string>).then((result) => ({ kind: "done", result }));
    void next.then((loaded) => {
      if (!cancelled) setView(loaded);
    });
    return () => {
      cancelled = true;
    };
  }, [action]);

  if (view.kind === "done" && "post" in view.result)
    return (
      <>
        <div className="notice" role="note">
          <p>Preview of unsaved changes: nothing is saved until you save the form.</p>
        </div>
        <PostArticle post={view.result.post} timeZone={view.result.timeZone} />
      </>
    );
  // Until the post's own title is there to head the page, the page's name does.
  return (
    <>
      <h1 className="page-heading">Preview of unsaved changes</h1>
      <PreviewProblem view={view} />
    </>
  );
}

/** Why the preview shows no post: still rendering, nothing handed over, or what the form must correct first. */
function PreviewProblem({ view }: { view: View }) {
  if (view.kind === "loading") return <p role="status">Rendering the preview…</p>;
  if (view.kind === "missing")
    return (
      <div className="notice notice--error" role="alert">
        <p>There is nothing to preview here. Press “Preview” on the post form to see your unsaved changes.</p>
      </div>
    );
  const { result } = view;
  if ("error" in result)
    return (
      <div className="notice notice--error" role="alert">
        <p>{result.error}</p>
      </div>
    );
  if ("problems" in result)
    return (
      <div className="notice notice--error" role="alert">
        <p>The preview cannot show yet: some fields need attention. Correct them in the form and press “Preview” again.</p>
        <ul>
          {result.problems.map((problem, index) => (
            <li key={index}>
              {FIELD_LABELS[problem.field] ?? problem.field}: {problem.message}
            </li>
          ))}
        </ul>
      </div>
    );
  return null;
}
