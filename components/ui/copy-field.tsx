"use client";

import { useId, useState, useSyncExternalStore } from "react";

const subscribeNever = () => () => {};

/**
 * A one-time link shown once: a read-only field (selected on focus, so it can be copied by hand) and a Copy button.
 * The button appears only where a script can copy; without scripts the field alone is the plain, selectable copy.
 */
export function CopyField({ label, value, hint }: { label: string; value: string; hint: React.ReactNode }) {
  const id = useId();
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  // False on the server and without a clipboard (an http address other than localhost), so no button that cannot work.
  const canCopy = useSyncExternalStore(
    subscribeNever,
    () => typeof navigator !== "undefined" && Boolean(navigator.clipboard),
    () => false,
  );
  const copy = () =>
    navigator.clipboard.writeText(value).then(
      () => setCopied("copied"),
      () => setCopied("failed"),
    );
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input className="input" id={id} readOnly value={value} onFocus={(event) => event.currentTarget.select()} aria-describedby={`${id}-hint`} />
      <p className="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
      {canCopy && (
        <>
          <button className="button" type="button" onClick={copy}>
            Copy {label.toLowerCase()}
          </button>{" "}
          {/* A live region, not role=status: the form around it keeps its own status for what the action did. */}
          <span aria-live="polite">{copied === "copied" ? "Copied." : copied === "failed" ? "Could not copy: select the link and copy it yourself." : ""}</span>
        </>
      )}
    </div>
  );
}
