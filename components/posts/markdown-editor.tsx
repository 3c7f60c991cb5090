"use client";

import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { writeFieldValue } from "@/components/capture/link-assist";
import { CharacterCount } from "@/components/ui/character-count";
import { useHydrated } from "@/components/ui/use-hydrated";
import { formatMarkdown, type Format } from "@/lib/markdown/format-text";
import { MarkdownPreview, type PreviewAction } from "./markdown-preview";

type FieldProps = { id: string; name: string; "aria-invalid"?: true; "aria-describedby"?: string };

const BUTTONS: { format: Format; label: string; key?: string }[] = [
  { format: "bold", label: "Bold", key: "B" },
  { format: "italic", label: "Italic", key: "I" },
  { format: "link", label: "Link", key: "K" },
  { format: "quote", label: "Quote" },
  { format: "list", label: "List" },
  { format: "code", label: "Code" },
];
const SHORTCUTS = new Map(BUTTONS.filter((button) => button.key).map((button) => [button.key!.toLowerCase(), button.format]));

/**
 * Makes a format's edit in the field as typing would: `insertText` puts it on the field's undo stack (Ctrl+Z undoes it)
 * and fires the input event the autosave, the unsaved-changes guard and the counter listen to. Where a browser will
 * not, the value is written with an input event all the same. The result is selected, with focus in the field.
 */
function applyFormat(field: HTMLTextAreaElement, format: Format) {
  const edit = formatMarkdown(format, { text: field.value, start: field.selectionStart, end: field.selectionEnd });
  field.focus();
  field.setSelectionRange(edit.from, edit.to);
  const typed = edit.insert ? document.execCommand("insertText", false, edit.insert) : document.execCommand("delete");
  if (!typed || field.value !== edit.text) writeFieldValue(field, edit.text);
  field.setSelectionRange(edit.start, edit.end);
}

/**
 * The formatting buttons above a Markdown field, one Tab stop (WAI-ARIA toolbar: the arrow keys, Home and End move
 * between the buttons). The buttons' names carry the field's ("Bold (Summary)"); the toolbar's own name does not, so
 * finding the field by its label never finds the toolbar too.
 */
function MarkdownToolbar({ fieldId, label }: { fieldId: string; label: string }) {
  const [current, setCurrent] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const field = () => document.getElementById(fieldId) as HTMLTextAreaElement | null;

  // Ctrl/Cmd+B, I and K in the field do what their buttons do.
  useEffect(() => {
    const element = document.getElementById(fieldId);
    if (!(element instanceof HTMLTextAreaElement)) return;
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      const format = SHORTCUTS.get(event.key.toLowerCase());
      if (!format || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      event.preventDefault();
      applyFormat(element, format);
    };
    element.addEventListener("keydown", onKeyDown);
    return () => element.removeEventListener("keydown", onKeyDown);
  }, [fieldId]);

  const moveTo = (index: number) => {
    const next = (index + BUTTONS.length) % BUTTONS.length;
    setCurrent(next);
    buttons.current[next]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: BUTTONS.length - 1 }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    moveTo(target);
  };

  return (
    <div className="markdown-toolbar" role="toolbar" aria-label="Formatting" aria-controls={fieldId} onKeyDown={onKeyDown}>
      {BUTTONS.map((button, index) => (
        <button
          key={button.format}
          ref={(element) => {
            buttons.current[index] = element;
          }}
          type="button"
          className="markdown-toolbar__button"
          tabIndex={index === current ? 0 : -1}
          aria-keyshortcuts={button.key && `Control+${button.key} Meta+${button.key}`}
          title={button.key ? `${button.label} (Ctrl+${button.key})` : undefined}
          onFocus={() => setCurrent(index)}
          onClick={() => {
            const element = field();
            if (element) applyFormat(element, button.format);
          }}
        >
          {button.label}
          <span className="visually-hidden"> ({label})</span>
        </button>
      ))}
    </div>
  );
}

type Props = {
  field: FieldProps;
  /** The field's label, named in its buttons and preview. */
  label: string;
  rows: number;
  defaultValue: string;
  limit: number;
  preview: PreviewAction;
};

/**
 * A Markdown text area with its formatting toolbar, character count and preview. Without scripts (and until they run)
 * it is the plain text area and its count's absence: the toolbar and the preview need them.
 */
export function MarkdownEditor({ field, label, rows, defaultValue, limit, preview }: Props) {
  const enhanced = useHydrated();
  return (
    <>
      {enhanced && <MarkdownToolbar fieldId={field.id} label={label} />}
      <textarea className="input" {...field} rows={rows} defaultValue={defaultValue} />
      <CharacterCount inputId={field.id} limit={limit} />
      {enhanced && <MarkdownPreview textareaId={field.id} label={label} action={preview} />}
    </>
  );
}
