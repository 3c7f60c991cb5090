"use client";

import { useRef, useState } from "react";
import { Combobox } from "@/components/ui/combobox";
import { useHydrated } from "@/components/ui/use-hydrated";
import { findExact } from "@/lib/taxonomy/suggest";

type Props = {
  field: { id: string; name: string; "aria-invalid"?: true; "aria-describedby"?: string };
  defaultValue: string;
  names: readonly string[];
};

/**
 * The Source field: one name, typed or picked from the existing sources (the closest first, so Enter on a typo picks
 * the existing one). A name that is not an existing source is marked new below the field. The field itself is sent,
 * and is a plain text field with the suggestions as a datalist before and without scripts.
 */
export function SourceCombobox({ field, defaultValue, names }: Props) {
  const enhanced = useHydrated();
  const input = useRef<HTMLInputElement>(null);
  const [announcement, setAnnouncement] = useState("");
  const listId = `${field.id}-datalist`;
  const noteId = `${field.id}-new`;

  return (
    <>
      <Combobox
        field={{ ...field, "aria-describedby": [field["aria-describedby"], enhanced && noteId].filter(Boolean).join(" ") || undefined }}
        inputRef={input}
        defaultValue={defaultValue}
        noun="source"
        names={names}
        enhanced={enhanced}
        list={listId}
        onChoose={({ name, isNew }) => {
          setAnnouncement(isNew ? `New source ${name}: saving creates it` : `Source ${name}`);
          return name;
        }}
      >
        {(text) => (
          <p className="field__hint" id={noteId}>
            {text && !findExact(text, names) ? `New source: “${text}” is not one of the existing sources; saving creates it.` : null}
          </p>
        )}
      </Combobox>
      {!enhanced && (
        <datalist id={listId}>
          {names.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      )}
      <span className="visually-hidden" aria-live="polite">
        {announcement}
      </span>
    </>
  );
}
