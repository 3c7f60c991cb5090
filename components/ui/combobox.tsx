"use client";

import { useEffect, useState, type ChangeEvent, type KeyboardEvent, type RefObject } from "react";
import { findExact, suggestNames } from "@/lib/taxonomy/suggest";

/** What a combobox offers: an existing name, or creating the typed one (never the default choice). */
export type ComboboxChoice = { name: string; isNew: boolean };

type FieldProps = { id: string; name?: string; "aria-invalid"?: true; "aria-describedby"?: string };

type Props = {
  field: FieldProps;
  inputRef: RefObject<HTMLInputElement | null>;
  defaultValue: string;
  /** "tag" or "source": the option to create one reads "Create new tag “…”". */
  noun: string;
  names: readonly string[];
  /** Names already chosen, left out of the suggestions. */
  exclude?: readonly string[];
  /** Before hydration, and without scripts, the plain text field is the control. */
  enhanced: boolean;
  /** A choice was made; returns the text the input shows next. */
  onChoose: (choice: ComboboxChoice) => string;
  /** Typed text that is not a choice yet; may return other text to show (a pasted list of tags leaves its last name). */
  onText?: (text: string) => string | void;
  /** Keys the field handles itself before the list does (comma, Backspace); `choose` picks the highlighted option. */
  onKey?: (event: KeyboardEvent<HTMLInputElement>, list: { query: string; choose: () => boolean }) => void;
  list?: string;
  /** Shown below the field for what is typed now (a "new source" mark). */
  children?: (query: string) => React.ReactNode;
};

/**
 * A text field with a list of existing names (WAI-ARIA combobox with a listbox popup, focus stays in the input). The
 * closest existing name is highlighted first, so Enter on a typo picks it; creating a new name is the last option and
 * is highlighted only by moving to it.
 */
export function Combobox({ field, inputRef, defaultValue, noun, names, exclude = [], enhanced, onChoose, onText, onKey, list, children }: Props) {
  const [query, setQuery] = useState(defaultValue);
  const [open, setOpen] = useState(false);
  // null: the default highlight (the best existing name, or none).
  const [moved, setMoved] = useState<number | null>(null);

  const text = query.trim();
  const suggestions = enhanced ? suggestNames(text, names, exclude) : [];
  const options: ComboboxChoice[] = suggestions.map((name) => ({ name, isNew: false }));
  if (text && !findExact(text, names)) options.push({ name: text, isNew: true });
  const preferred = moved ?? (suggestions.length > 0 ? 0 : -1);
  const active = open ? preferred : -1;
  const listboxId = `${field.id}-listbox`;
  const optionId = (index: number) => `${field.id}-option-${index}`;

  function show(next: string) {
    setQuery(next);
    setMoved(null);
  }

  function choose(index: number): boolean {
    const option = options[index];
    if (!option) return false;
    showInInput(onChoose(option));
    close();
    return true;
  }

  function showInInput(next: string) {
    // Set through the element itself, so React's change tracking does not take it for typing.
    if (inputRef.current && inputRef.current.value !== next) inputRef.current.value = next;
    show(next);
  }

  function handleKey(event: KeyboardEvent<HTMLInputElement>) {
    // Closed, the list still answers for typed text (after Escape), never for an empty field.
    onKey?.(event, { query, choose: () => choose(open ? active : text ? preferred : -1) });
    if (event.defaultPrevented) return;
    const count = options.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        setMoved(event.key === "ArrowUp" ? count - 1 : null);
      } else if (count > 0) {
        setMoved(((active < 0 && event.key === "ArrowUp" ? count : active) + (event.key === "ArrowDown" ? 1 : -1) + count) % count);
      }
    } else if (event.key === "Enter" && open) {
      // With the list open, Enter chooses in it and never submits the form (with nothing highlighted, it does nothing).
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    }
  }

  function close() {
    setOpen(false);
    setMoved(null);
  }

  // Once interactive, the list works from what the field holds, typed before the scripts loaded too.
  useEffect(() => {
    if (enhanced && inputRef.current) setQuery(inputRef.current.value);
  }, [enhanced, inputRef]);

  const expanded = open && options.length > 0;
  // One element before and after hydration (only its attributes change), so text typed before the scripts ran stays.
  const popup = enhanced && {
    role: "combobox",
    "aria-autocomplete": "list" as const,
    "aria-expanded": expanded,
    "aria-controls": listboxId,
    "aria-activedescendant": expanded && active >= 0 ? optionId(active) : undefined,
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      showInInput(onText?.(event.target.value) ?? event.target.value);
      // A value written by the page (a prefill, a restore) does not open the list; typing does.
      setOpen(document.activeElement === event.target);
    },
    onKeyDown: handleKey,
    onBlur: close,
  };
  return (
    <div className="combobox">
      <input className="input" {...field} ref={inputRef} defaultValue={defaultValue} autoComplete="off" list={enhanced ? undefined : list} {...popup} />
      {enhanced && (
        <ul className="combobox__list" role="listbox" id={listboxId} aria-label="Suggestions" hidden={!expanded}>
          {options.map((option, index) => (
            <li
              key={option.isNew ? "\0new" : option.name}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={option.isNew ? "combobox__option combobox__option--new" : "combobox__option"}
              // Keep focus in the input: the click chooses.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(index)}
            >
              {option.isNew ? `Create new ${noun} “${option.name}”` : option.name}
            </li>
          ))}
        </ul>
      )}
      {enhanced && children?.(text)}
    </div>
  );
}
