"use client";

import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type RefObject } from "react";
import { draftStorageKey, draftToOffer, formDataValues, formValuesDiffer, readStoredDraft, storedDraftText, type DraftCopy } from "@/lib/posts/draft";
import type { PostFormValues } from "@/lib/posts/schema";

/** The server side of the keeper, passed in by the edit page: the autosave and its "Discard". */
export type AutosaveActions = {
  autosave: (postId: string, baseVersion: number, values: PostFormValues) => Promise<{ savedAt: string | null } | { error: string }>;
  discard: (postId: string) => Promise<unknown>;
};

/** What the post form needs to keep its unsaved text: who types, their server copy, and the autosave (existing posts). */
export type DraftKeeping = { userId: string; serverCopy?: DraftCopy | null; actions?: AutosaveActions };

type Options = DraftKeeping & {
  form: RefObject<HTMLFormElement | null>;
  post: { id: string; version: number } | null;
  initialValues: PostFormValues;
};

/** How long typing must pause before the form state goes to the server. */
const AUTOSAVE_IDLE_MS = 3000;

// The browser's copies as an external store: React reads them with useSyncExternalStore and hears about every write
// (here, or from another tab through the storage event).
const listeners = new Set<() => void>();
function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}
function load(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
// Storage can be full or switched off (private windows, policies): the copy is a safety net, never a reason to fail.
function store(key: string, text: string | null) {
  try {
    if (text === null) localStorage.removeItem(key);
    else localStorage.setItem(key, text);
  } catch {}
  listeners.forEach((listener) => listener());
}

function valuesIn(form: RefObject<HTMLFormElement | null>, fallback: PostFormValues): PostFormValues {
  return form.current ? formDataValues(new FormData(form.current)) : fallback;
}

/** Puts values in the form's fields so that React's onChange sees them too (the title and tags state follow them). */
function fillForm(form: RefObject<HTMLFormElement | null>, values: PostFormValues) {
  for (const [name, value] of Object.entries(values)) {
    const field = form.current?.elements.namedItem(name);
    if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) continue;
    const prototype = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(prototype, "value")?.set?.call(field, value);
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }
}

/**
 * Keeps the post form's unsaved text: a browser copy on every change (per person and post), an autosave on the server
 * after a pause in typing (existing posts), the offer to restore either when the form opens, and a question before the
 * page is left with unsaved changes.
 */
export function useDraftKeeper({ form, post, initialValues, userId, serverCopy = null, actions }: Options) {
  const key = draftStorageKey(userId, post?.id ?? null);
  // The copy offered when the form opened waits under its own key until Restore or Discard, so neither typing meanwhile
  // nor the autosave can overwrite it.
  const offeredKey = `${key}:offered`;
  const offeredText = useSyncExternalStore(
    subscribe,
    () => load(offeredKey),
    () => null,
  );
  const offer = useMemo(() => readStoredDraft(offeredText), [offeredText]);
  const [dirty, setDirty] = useState(false);
  const [autosavedAt, setAutosavedAt] = useState<string | null>(null);
  // The version a save is checked against: the loaded one, or the one a restored copy was typed on.
  const [baseVersion, setBaseVersion] = useState(post?.version ?? null);
  const baseVersionNow = useRef(baseVersion);
  const lastAutosaved = useRef(initialValues);
  const idle = useRef<ReturnType<typeof setTimeout>>(undefined);

  const readForm = useCallback(() => valuesIn(form, initialValues), [form, initialValues]);

  const autosaveNow = useCallback(async () => {
    clearTimeout(idle.current);
    // Never while an offer waits (it would replace the server copy on offer), nor offline (the browser keeps the text).
    if (!post || !actions || load(offeredKey) || baseVersionNow.current === null || !navigator.onLine) return;
    const values = readForm();
    if (!formValuesDiffer(values, lastAutosaved.current)) return;
    const result = await actions.autosave(post.id, baseVersionNow.current, values).catch(() => null);
    if (result && "savedAt" in result && result.savedAt) {
      lastAutosaved.current = values;
      setAutosavedAt(result.savedAt);
    }
  }, [post, actions, offeredKey, readForm]);

  // When the form opens: the newest unsaved copy whose text differs from what the form shows is put on offer.
  useEffect(() => {
    const found = draftToOffer([readStoredDraft(load(offeredKey)), readStoredDraft(load(key)), serverCopy], readForm());
    store(offeredKey, found && storedDraftText(found));
  }, [key, offeredKey, serverCopy, readForm]);

  // Every change: the browser copy at once, the server copy after a pause.
  useEffect(() => {
    const element = form.current;
    if (!element) return;
    const keep = () => {
      const values = readForm();
      const changed = formValuesDiffer(values, initialValues);
      setDirty(changed);
      const copy = { values, savedAt: new Date().toISOString(), baseVersion: baseVersionNow.current, where: "browser" as const };
      store(key, changed ? storedDraftText(copy) : null);
      clearTimeout(idle.current);
      idle.current = setTimeout(autosaveNow, AUTOSAVE_IDLE_MS);
    };
    // A tag chip sets its field without an input event: read the form once the click has done its work.
    const afterClick = () => setTimeout(keep, 0);
    element.addEventListener("input", keep);
    element.addEventListener("change", keep);
    element.addEventListener("click", afterClick);
    window.addEventListener("online", autosaveNow);
    return () => {
      element.removeEventListener("input", keep);
      element.removeEventListener("change", keep);
      element.removeEventListener("click", afterClick);
      window.removeEventListener("online", autosaveNow);
      clearTimeout(idle.current);
    };
  }, [form, key, initialValues, readForm, autosaveNow]);

  // Leaving with unsaved changes asks first. An in-app link then loads its page in full, so the browser asks the same
  // question (Next's client-side navigation would leave without a beforeunload).
  useEffect(() => {
    if (!dirty) return;
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    const leaveInFull = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(link instanceof HTMLAnchorElement) || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      if (link.target && link.target !== "_self") return;
      const to = new URL(link.href);
      if (to.origin !== location.origin || (to.pathname === location.pathname && to.search === location.search)) return;
      event.preventDefault();
      event.stopPropagation();
      location.assign(to.href);
    };
    window.addEventListener("beforeunload", ask);
    document.addEventListener("click", leaveInFull, true);
    return () => {
      window.removeEventListener("beforeunload", ask);
      document.removeEventListener("click", leaveInFull, true);
    };
  }, [dirty]);

  const restore = useCallback(() => {
    if (!offer) return;
    store(offeredKey, null);
    // The save is checked against the version the copy was typed on: if the post moved on since, it is refused as stale.
    baseVersionNow.current = offer.baseVersion ?? baseVersionNow.current;
    setBaseVersion(baseVersionNow.current);
    fillForm(form, offer.values);
  }, [form, offer, offeredKey]);

  const discard = useCallback(() => {
    store(offeredKey, null);
    if (!dirty) store(key, null);
    // The server's copy goes too, offered or not (an older one would be offered next time).
    if (serverCopy && post && actions) void actions.discard(post.id);
  }, [offeredKey, key, dirty, serverCopy, post, actions]);

  /** After a successful save: the copies are settled (the server's went with the save). */
  const forget = useCallback(() => {
    clearTimeout(idle.current);
    store(key, null);
    store(offeredKey, null);
    setDirty(false);
  }, [key, offeredKey]);

  /** Before a save is sent: a pending autosave would only race it. */
  const holdAutosave = useCallback(() => clearTimeout(idle.current), []);

  return { offer, restore, discard, forget, holdAutosave, dirty, baseVersion, autosavedAt };
}
