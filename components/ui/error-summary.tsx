import Link from "next/link";
import { fieldId } from "./field";

type Props = {
  message: string;
  /** The messages per field name, as a failed save returns them. */
  fieldErrors: Partial<Record<string, string[]>>;
  /** Each field's name and label, in the order the form shows them, so the list reads top to bottom like the form. */
  fields: readonly (readonly [name: string, label: string])[];
  /** The FieldIdPrefix the form's fields are under. */
  idPrefix: string;
  link?: { href: string; label: string };
};

/**
 * The outcome of a failed save at the top of a form, announced once, with a link to each field in error by its label
 * (the message itself stays beside the field). Plain anchors, so the links work before scripts load; with scripts the
 * click also focuses the field, where browsers may only scroll to it.
 */
export function ErrorSummary({ message, fieldErrors, fields, idPrefix, link }: Props) {
  const inError = fields.filter(([name]) => fieldErrors[name]?.length);
  return (
    <div className="notice notice--error error-summary" role="alert">
      <p>
        {message}
        {link && (
          <>
            {" "}
            <Link href={link.href}>{link.label}</Link>
          </>
        )}
      </p>
      <ul aria-label="Fields to fix">
        {inError.map(([name, label]) => {
          const id = fieldId(idPrefix, name);
          return (
            <li key={name}>
              <a href={`#${id}`} onClick={() => document.getElementById(id)?.focus()}>
                {label}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
