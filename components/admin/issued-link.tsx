"use client";

import { useId } from "react";

/** A freshly issued one-time link, in a read-only field to copy, with when it expires and whether it was emailed. */
export function IssuedLink({ issued, label }: { issued: { link: string; expiresAt: string; emailed: boolean }; label: string }) {
  const id = useId();
  const expires = issued.expiresAt.replace("T", " ").slice(0, 16);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input className="input" id={id} readOnly value={issued.link} onFocus={(event) => event.currentTarget.select()} aria-describedby={`${id}-hint`} />
      <p className="field__hint" id={`${id}-hint`}>
        Works once, until {expires} UTC. {issued.emailed ? "It was also emailed to them." : "Copy it and send it to them yourself; it is not shown again."}
      </p>
    </div>
  );
}
