"use client";

import { isRedirectError } from "next/dist/client/components/redirect-error";
import { useCallback, useEffect, useState, useSyncExternalStore, type FormEvent, type RefObject } from "react";
import type { ActionState, FormAction } from "@/lib/action-state";
import { formDataValues } from "@/lib/posts/draft";
import type { PostSaveValues } from "@/lib/posts/schema";

type State = ActionState<PostSaveValues>;

/** The only save that is sent by itself when the connection is back: a draft changes nothing readers see. */
const DRAFT_INTENT = "draft";
/** While the server cannot be reached but the browser says it is online, the pending draft save is tried this often. */
const RETRY_MS = 15_000;

const subscribeNever = () => () => {};

function subscribeOnline(notify: () => void) {
  window.addEventListener("online", notify);
  window.addEventListener("offline", notify);
  return () => {
    window.removeEventListener("online", notify);
    window.removeEventListener("offline", notify);
  };
}

/**
 * The post form's saves without a connection: while offline (or after a save that never reached the server) nothing is
 * lost, the typed text stays in the form, and a pressed "Save draft" waits and is sent by itself when the connection is
 * back. Publish, Schedule and Unpublish change what readers see, so they are never sent by themselves: offline they
 * are disabled, and one that could not reach the server is pressed again by the person.
 */
export function useOfflineSave({ form, save, onSaved }: { form: RefObject<HTMLFormElement | null>; save: FormAction<State>; onSaved: () => void }) {
  const online = useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
  // The browser says online, yet a save never reached the server.
  const [unreachable, setUnreachable] = useState(false);
  const [draftWaiting, setDraftWaiting] = useState(false);
  const hydrated = useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
  useEffect(() => {
    // The browser's own "back online" ends a spell of an unreachable server too.
    const reachable = () => setUnreachable(false);
    window.addEventListener("online", reachable);
    return () => window.removeEventListener("online", reachable);
  }, []);

  useEffect(() => {
    if (!online || !draftWaiting) return;
    const sendAgain = () => {
      const button = form.current?.querySelector<HTMLButtonElement>(`button[name="intent"][value="${DRAFT_INTENT}"]`);
      if (button) form.current?.requestSubmit(button);
    };
    // Back online: the pressed draft save goes again; while only the server is out of reach, every little while.
    if (!unreachable) return sendAgain();
    const retry = setInterval(sendAgain, RETRY_MS);
    return () => clearInterval(retry);
  }, [online, unreachable, draftWaiting, form]);

  // Wraps the save once the page is interactive: before that the Server Action itself is the form's action, so the form
  // still posts without JavaScript. A request that never reached the server becomes a pending save, not an error page.
  const guardedSave = useCallback<FormAction<State>>(
    async (previous, formData) => {
      try {
        const state = await save(previous, formData);
        setDraftWaiting(false);
        return state;
      } catch (error) {
        if (isRedirectError(error)) {
          setDraftWaiting(false);
          onSaved();
          throw error;
        }
        if (!(error instanceof TypeError) && navigator.onLine) throw error;
        const isDraft = formData.get("intent") === DRAFT_INTENT;
        setUnreachable(navigator.onLine);
        setDraftWaiting(isDraft);
        const then = isDraft ? "It will be saved as a draft when the connection is back." : "Press the button again when the connection is back.";
        return {
          status: "error",
          message: `The server could not be reached, so nothing was saved yet. Your text is kept here. ${then}`,
          values: formDataValues(formData),
        };
      }
    },
    [save, onSaved],
  );

  /** The form's onSubmit: offline, a draft save waits instead of failing. */
  const holdWhileOffline = useCallback((event: FormEvent<HTMLFormElement>) => {
    if (navigator.onLine) return;
    event.preventDefault();
    if ((event.nativeEvent as SubmitEvent).submitter?.getAttribute("value") === DRAFT_INTENT) setDraftWaiting(true);
  }, []);

  return { saveAction: hydrated ? guardedSave : save, holdWhileOffline, online, offline: !online || unreachable, draftWaiting };
}
