"use client";

import Link from "next/link";
import { useEffect, useEffectEvent, useRef, useState, type RefObject } from "react";
import { PREFILL_FIELDS, type Prefill, type PrefillField } from "@/lib/capture/schema";
import type { ExistingPostNotice } from "@/lib/posts/existing";
import { formatDay } from "@/lib/format";
import { DEFAULT_TIME_ZONE } from "@/lib/time-zone";
import { useHydrated } from "@/components/ui/use-hydrated";

type Failure = { error: string };
export type LinkAssistActions = {
  checkLink: (url: string, exceptPostId?: string) => Promise<{ existing: ExistingPostNotice[] } | Failure>;
  prefill: (url: string, exceptPostId?: string) => Promise<Prefill | Failure>;
};

type Props = {
  form: RefObject<HTMLFormElement | null>;
  actions: LinkAssistActions;
  postId?: string;
  /** A title the form opened with from a capture (the page's own title): the article's title may still replace it. */
  capturedTitle?: string;
  chosenTags: Set<string>;
  onAddTag: (tag: string) => void;
};

const FIELD_LABELS: Record<PrefillField, string> = { title: "Title", source: "Source", tldr: "TL;DR", summary: "Summary" };
const TYPING_PAUSE_MS = 600;

type Filled = Partial<Record<PrefillField, { previous: string; value: string }>>;
type Status = { kind: "idle" } | { kind: "busy"; host: string } | { kind: "done"; filled: PrefillField[] } | { kind: "failed"; message: string };

function field(form: HTMLFormElement | null, name: string): HTMLInputElement | HTMLTextAreaElement | null {
  const element = form?.elements.namedItem(name);
  return element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement ? element : null;
}

/** Sets a field's value the way typing does, so React's onChange (the slug hint) and the tags field follow it. */
export function writeFieldValue(element: HTMLInputElement | HTMLTextAreaElement, value: string) {
  const prototype = element instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
  Object.getOwnPropertyDescriptor(prototype, "value")?.set?.call(element, value);
  element.dispatchEvent(new Event("input", { bubbles: true }));
}

function hostOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.host : null;
  } catch {
    return null;
  }
}

/**
 * Beside the External URL field: "already posted?" as soon as a URL is there, and the prefill (on paste, on leaving
 * the field after typing, on "Fetch details", and at once when the form opens with a URL). It fills only the fields
 * that are still empty, marks what it filled, and "Undo prefill" puts them back.
 */
export function LinkAssist({ form, actions, postId, capturedTitle, chosenTags, onAddTag }: Props) {
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const hydrated = useHydrated();
  const [existing, setExisting] = useState<ExistingPostNotice[]>([]);
  const [suggested, setSuggested] = useState<string[]>([]);
  const [article, setArticle] = useState<Prefill["article"]>(null);
  const filled = useRef<Filled>({});
  const latestCheck = useRef(0);
  const latestPrefill = useRef(0);
  const fetchedUrl = useRef<string | null>(null);

  const urlValue = () => field(form.current, "externalUrl")?.value.trim() ?? "";

  // The check on the typed address answers only for that address; a fetch of the same address has looked further
  // (redirects, canonical), so a check answering after it must not replace what it found.
  async function check(url: string) {
    const request = ++latestCheck.current;
    const answer = hostOf(url) ? await actions.checkLink(url, postId) : { existing: [] };
    if (request === latestCheck.current && url !== fetchedUrl.current && "existing" in answer) setExisting(answer.existing);
  }

  function applyPrefill(prefill: Prefill): PrefillField[] {
    const done: Filled = {};
    for (const name of PREFILL_FIELDS) {
      const value = prefill.values[name];
      const element = field(form.current, name);
      if (!value || !element) continue;
      // Never over what the editor typed: only an empty field, or the title a capture brought and nobody changed.
      const untouched = element.value.trim() === "" || (name === "title" && capturedTitle !== undefined && element.value === capturedTitle);
      if (!untouched || element.value === value) continue;
      done[name] = { previous: element.value, value };
      writeFieldValue(element, value);
      element.dataset.prefilled = "true";
    }
    filled.current = done;
    return Object.keys(done) as PrefillField[];
  }

  async function prefill(url: string) {
    const host = hostOf(url);
    if (!host) {
      setStatus({ kind: "failed", message: "Enter a full web address (https://…) to fetch the article's details." });
      return;
    }
    fetchedUrl.current = url;
    const request = ++latestPrefill.current;
    setStatus({ kind: "busy", host });
    let answer: Prefill | Failure;
    try {
      answer = await actions.prefill(url, postId);
    } catch {
      answer = { error: "The server could not be reached." };
    }
    if (request !== latestPrefill.current) return;
    if ("error" in answer) {
      setStatus({ kind: "failed", message: `${answer.error} Fill in the form by hand.` });
      return;
    }
    setExisting(answer.existing);
    setSuggested(answer.suggestedTags);
    setArticle(answer.article);
    if (answer.fetchError) setStatus({ kind: "failed", message: `Could not fetch the article: ${answer.fetchError} Fill in the form by hand.` });
    else setStatus({ kind: "done", filled: applyPrefill(answer) });
  }

  // The URL field's events, read from the DOM so that the field itself stays a plain uncontrolled input.
  const onUrlPasted = useEffectEvent(() => setTimeout(() => void prefill(urlValue()), 0));
  const onUrlTyped = useEffectEvent(() => void check(urlValue()));
  // Leaving the field after typing a new address fetches it (a paste has already done so).
  const onUrlChanged = useEffectEvent(() => {
    const url = urlValue();
    if (url && url !== fetchedUrl.current) void prefill(url);
  });
  // A form opened with an address (a capture, a tool's link) fetches at once.
  const onOpened = useEffectEvent(() => {
    if (!postId && urlValue()) void prefill(urlValue());
  });

  const undo = () => {
    for (const [name, change] of Object.entries(filled.current)) {
      const element = field(form.current, name);
      // A field the editor has changed since keeps their text.
      if (element && change && element.value === change.value) {
        writeFieldValue(element, change.previous);
        delete element.dataset.prefilled;
      }
    }
    filled.current = {};
    setStatus({ kind: "idle" });
  };

  useEffect(() => {
    const formElement = form.current;
    const input = field(formElement, "externalUrl");
    if (!formElement || !input) return;
    let typingTimer: ReturnType<typeof setTimeout> | undefined;
    const onInput = (event: Event) => {
      if (!event.isTrusted) return;
      clearTimeout(typingTimer);
      typingTimer = setTimeout(onUrlTyped, TYPING_PAUSE_MS);
    };
    // Typing into a filled field makes it the editor's own: no longer marked, and Undo leaves it alone.
    const onFormInput = (event: Event) => {
      if (event.isTrusted && event.target instanceof HTMLElement) delete event.target.dataset.prefilled;
    };
    // A paste or leaving the field fetches, which answers the check too.
    const onPaste = () => {
      clearTimeout(typingTimer);
      onUrlPasted();
    };
    const onChange = () => {
      clearTimeout(typingTimer);
      onUrlChanged();
    };
    input.addEventListener("paste", onPaste);
    input.addEventListener("input", onInput);
    input.addEventListener("change", onChange);
    formElement.addEventListener("input", onFormInput);
    const opening = setTimeout(onOpened, 0);
    return () => {
      clearTimeout(typingTimer);
      clearTimeout(opening);
      input.removeEventListener("paste", onPaste);
      input.removeEventListener("input", onInput);
      input.removeEventListener("change", onChange);
      formElement.removeEventListener("input", onFormInput);
    };
  }, [form]);

  const offered = suggested.filter((tag) => !chosenTags.has(tag.toLowerCase()));
  const published = article?.publishedAt ? new Date(article.publishedAt) : null;

  return (
    <div className="link-assist">
      <button type="button" className="button button--small" onClick={() => void prefill(urlValue())} disabled={status.kind === "busy" || !hydrated}>
        Fetch details
      </button>
      <div role="status" aria-live="polite" className="link-assist__status">
        {status.kind === "busy" && (
          <p aria-busy="true">
            <span className="spinner" aria-hidden="true" /> Fetching details from {status.host}…
          </p>
        )}
        {status.kind === "done" && (
          <p>
            {status.filled.length
              ? `Filled from the article: ${status.filled.map((name) => FIELD_LABELS[name]).join(", ")}.`
              : "Fetched the article: every field it could fill already has your text."}{" "}
            {status.filled.length > 0 && (
              <button type="button" className="link-button" onClick={undo}>
                Undo prefill
              </button>
            )}
          </p>
        )}
        {status.kind === "failed" && <p className="link-assist__error">{status.message}</p>}
        {existing.map((notice) => (
          <p key={notice.message + notice.href} className="link-assist__existing">
            {notice.message}{" "}
            {notice.href && (
              <Link href={notice.href} target="_blank">
                {notice.hrefLabel}
              </Link>
            )}
          </p>
        ))}
      </div>
      {article && (published || article.author || article.finalUrl !== urlValue()) && (
        <p className="field__hint">
          The article
          {published && !Number.isNaN(published.getTime())
            ? `: published ${formatDay(published, DEFAULT_TIME_ZONE /* the article's own day, on another site */)}`
            : ""}
          {article.author ? ` by ${article.author}` : ""}
          {article.finalUrl !== urlValue() ? `. Its address after redirects: ${article.finalUrl}` : ""}.
        </p>
      )}
      {offered.length > 0 && (
        <p className="chip-row" role="group" aria-label="Tags the article suggests">
          <span className="field__hint">Suggested tags:</span>
          {offered.map((tag) => (
            <button key={tag} type="button" className="chip" onClick={() => onAddTag(tag)}>
              + {tag}
            </button>
          ))}
        </p>
      )}
    </div>
  );
}
