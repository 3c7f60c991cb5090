"use client";

import { useEffect, useRef, useState } from "react";
import { useHydrated } from "./use-hydrated";

type Props = {
  /** The first button's words, such as "Delete tag…": it only opens the confirmation. */
  openLabel: string;
  /** Red first button, for steps that delete. */
  danger?: boolean;
  /** The confirmation (a form with its own submit and a Cancel button that calls `cancel`). */
  children: (cancel: () => void) => React.ReactNode;
};

/**
 * A step that asks before doing something that cannot be undone: the first button shows the confirmation, which takes
 * the keyboard focus; Cancel hides it again and gives the focus back to the first button.
 */
export function ConfirmStep({ openLabel, danger = false, children }: Props) {
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  const hydrated = useHydrated();
  useEffect(() => {
    if (open) panel.current?.focus();
    else if (wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
  if (!open)
    return (
      <button ref={opener} type="button" className={danger ? "button button--danger" : "button"} onClick={() => setOpen(true)} disabled={!hydrated}>
        {openLabel}
      </button>
    );
  return (
    <div ref={panel} tabIndex={-1}>
      {children(() => setOpen(false))}
    </div>
  );
}
