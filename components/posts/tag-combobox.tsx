"use client";

import { useEffect, useRef, useState } from "react";
import { Combobox, type ComboboxChoice } from "@/components/ui/combobox";
import { useHydrated } from "@/components/ui/use-hydrated";
import { parseTagList } from "@/lib/posts/schema";
import { findExact } from "@/lib/taxonomy/suggest";

type Props = {
  field: { id: string; name: string; "aria-invalid"?: true; "aria-describedby"?: string };
  defaultValue: string;
  names: readonly string[];
  /** The chosen tags, each time they change. */
  onChange: (tags: string[]) => void;
};

/**
 * The Tags field: a combobox over the existing tags and the chosen tags as removable chips. The form still sends one
 * comma-separated `tags` field (a hidden input once scripts run; the plain text field before and without them), which
 * the autosave reads and the restore and the link assist write: a write there (an input event) becomes the chips.
 */
export function TagCombobox({ field, defaultValue, names, onChange }: Props) {
  const { name, ...inputField } = field;
  const input = useRef<HTMLInputElement>(null);
  const hidden = useRef<HTMLInputElement>(null);
  const enhanced = useHydrated();
  const [tags, setTags] = useState(() => parseTagList(defaultValue));
  const [announcement, setAnnouncement] = useState("");

  // Once interactive, what the text field holds (typed before the scripts loaded, too) becomes the chips. This runs
  // after hydration and before the first render as a combobox (React flushes effects before the next render).
  useEffect(() => {
    // Nothing to take, or taken already (development runs effects twice).
    if (!input.current?.value) return;
    setTags(parseTagList(input.current.value));
    input.current.value = "";
  }, []);

  useEffect(() => {
    const element = hidden.current;
    if (!element) return;
    const take = () => setTags(parseTagList(element.value));
    element.addEventListener("input", take);
    return () => element.removeEventListener("input", take);
  }, [enhanced]);

  // Chips change by key presses the form does not hear as input: tell its listeners (the autosave) with a change event.
  const reported = useRef<string | null>(null);
  useEffect(() => {
    const value = tags.join(", ");
    if (reported.current !== null && reported.current !== value) hidden.current?.dispatchEvent(new Event("change", { bubbles: true }));
    reported.current = value;
    onChange(tags);
  }, [tags, onChange]);

  const isNew = (tag: string) => !findExact(tag, names);

  function add(tag: string) {
    const has = (list: string[]) => list.some((chosen) => chosen.toLowerCase() === tag.toLowerCase());
    if (has(tags)) return;
    setTags((current) => (has(current) ? current : [...current, tag]));
    setAnnouncement(`Added ${isNew(tag) ? "new " : ""}tag ${tag}`);
  }

  function remove(tag: string) {
    setTags((current) => current.filter((chosen) => chosen !== tag));
    setAnnouncement(`Removed tag ${tag}`);
  }

  function choose({ name: tag }: ComboboxChoice) {
    add(tag);
    return "";
  }

  // A pasted list ("a, b, c"): every complete name becomes a chip (an existing one under its own spelling; a new one
  // is marked new on its chip), and the text after the last comma stays to be completed.
  function takeList(text: string) {
    if (!text.includes(",")) return;
    const parts = text.split(",");
    for (const part of parseTagList(parts.slice(0, -1).join(","))) add(findExact(part, names) ?? part);
    return parts[parts.length - 1].trimStart();
  }

  return (
    <>
      {enhanced && tags.length > 0 && (
        <ul className="chip-row chip-list" aria-label="Tag list">
          {tags.map((tag) => (
            <li key={tag} className="chip">
              {tag}
              {isNew(tag) && <span className="chip__new"> (new)</span>}
              <button
                type="button"
                className="chip__remove"
                aria-label={`Remove tag ${tag}`}
                onClick={() => {
                  remove(tag);
                  input.current?.focus();
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <Combobox
        field={enhanced ? inputField : field}
        inputRef={input}
        defaultValue={enhanced ? "" : defaultValue}
        noun="tag"
        names={names}
        exclude={tags}
        enhanced={enhanced}
        onChoose={choose}
        onText={takeList}
        onKey={(event, list) => {
          if (event.key === "," || event.key === "Enter") {
            // Neither ever submits the form. A name that is no existing tag is added only through "Create new tag".
            event.preventDefault();
            const typed = list.query.trim();
            if (list.choose() || !typed) return;
            const chosen = findExact(typed, tags);
            setAnnouncement(chosen ? `Tag ${chosen} is already added.` : `No existing tag “${typed}”: choose “Create new tag” to add it.`);
          } else if (event.key === "Backspace" && list.query === "" && tags.length > 0) {
            event.preventDefault();
            remove(tags[tags.length - 1]);
          }
        }}
      />
      {enhanced && <input type="hidden" ref={hidden} name={name} value={tags.join(", ")} />}
      <span className="visually-hidden" aria-live="polite">
        {announcement}
      </span>
    </>
  );
}
