import { createContext, useContext, useId } from "react";

/**
 * A prefix that gives every Field inside it a stable id, `<prefix>-<name>`, so an error summary can link each field
 * (the links work before scripts load, since the ids are known on the server). Without it ids are generated.
 */
export const FieldIdPrefix = createContext<string | null>(null);

/** The id a Field named `name` takes under the prefix. */
export const fieldId = (prefix: string, name: string) => `${prefix}-${name}`;

type FieldProps = {
  label: string;
  name: string;
  errors?: string[];
  hint?: React.ReactNode;
  children: (props: { id: string; name: string; "aria-invalid"?: true; "aria-describedby"?: string }) => React.ReactNode;
};

/** A labelled form control with its hint and errors tied to it for screen readers. */
export function Field({ label, name, errors, hint, children }: FieldProps) {
  const prefix = useContext(FieldIdPrefix);
  const generated = useId();
  const id = prefix ? fieldId(prefix, name) : generated;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, name, "aria-invalid": errorId ? true : undefined, "aria-describedby": describedBy })}
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {errorId && (
        <p className="field__error" id={errorId}>
          {errors!.join(" ")}
        </p>
      )}
    </div>
  );
}
