"use client";

import { useEffect, useState } from "react";
import { characterCount } from "@/lib/posts/rules";

// Screen readers hear the count only near or over the limit, and only when that changes, not at every keystroke.
const NEAR = 0.9;

function spoken(count: number, limit: number): string {
  if (count > limit) return `${count - limit} characters over the limit of ${limit}.`;
  if (count >= limit * NEAR) return `${limit - count} characters left.`;
  return "";
}

/**
 * A live count under a field with a limit ("12 / 300"), counted as the server counts. A text over the limit is kept
 * as typed and shown over: the save refuses it with its count, nothing is cut. Follows the field's own input events,
 * so it works for uncontrolled fields and text put in by the form's scripts (restore, prefill) once typed on.
 */
export function CharacterCount({ inputId, limit }: { inputId: string; limit: number }) {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    const input = document.getElementById(inputId) as HTMLInputElement | HTMLTextAreaElement | null;
    if (!input) return;
    const update = () => setCount(characterCount(input.value));
    update();
    input.addEventListener("input", update);
    return () => input.removeEventListener("input", update);
  }, [inputId]);
  if (count === null) return null;
  const over = count > limit;
  const message = spoken(count, limit);
  return (
    <p className={`character-count${over ? " character-count--over" : ""}`}>
      <span aria-hidden="true">
        {count} / {limit}
        {over && " — over the limit"}
      </span>
      <span className="visually-hidden" aria-live="polite">
        {message}
      </span>
    </p>
  );
}
