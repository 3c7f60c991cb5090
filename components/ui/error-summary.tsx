import Link from "next/link";
import { fieldId } from "./field";

type Props = {
  message: string;
  /** The messages per field name, as a failed save returns them. */
  fieldErrors: Partial<Record<string, string[]>>;
  /** The fields in the order the form shows them, so the list reads top to bottom like the form. */
  order: readonly string[];
  /** The FieldIdPrefix the form's fields are under. */
  idPrefix: string;
  link?: { href: string; label: string };
};

/**
 * The problems of a failed save at the top of a form, announced once, each linking its field (a plain anchor, so the
 * links work before scripts load; with scripts the click also focuses the field, as browsers only scroll to it).
 */
export function ErrorSummary({ message, fieldErrors, order, idPrefix, link }: Props) {
  const fields = order.filter((name) => fieldErrors[name]?.length);
  // A refusal about one field (a duplicate URL) is both the message and that field's error: say it once, as the link.
  const intro = fields.some((name) => fieldErrors[name]!.join(" ") === message) ? null : message;
  return (
    <div className="notice notice--error error-summary" role="alert">
      {(intro || link) && (
        <p>
          {intro}
          {link && (
            <>
              {" "}
              <Link href={link.href}>{link.label}</Link>
            </>
          )}
        </p>
      )}
      {fields.length > 0 && (
        <ul>
          {fields.map((name) => {
            const id = fieldId(idPrefix, name);
            return (
              <li key={name}>
                <a href={`#${id}`} onClick={() => document.getElementById(id)?.focus()}>
                  {fieldErrors[name]!.join(" ")}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
