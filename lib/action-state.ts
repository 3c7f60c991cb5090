import { z } from "zod";
import { isAppError } from "./errors";

/** What every form's Server Action returns: the outcome, messages per field, and the values the user submitted. */
export type ActionState<V extends Record<string, unknown> = Record<string, string>> = {
  status: "idle" | "success" | "error";
  message?: string;
  /** A link that helps resolve the error, such as the existing post for a duplicate URL. */
  link?: { href: string; label: string };
  fieldErrors?: Partial<Record<keyof V & string, string[]>>;
  values?: Partial<V>;
};

export const idleState = { status: "idle" } as const;

/** A form's Server Action as `useActionState` calls it; pages pass these to form components as props. */
export type FormAction<S> = (previous: S, formData: FormData) => Promise<S>;

/** The state for input that failed validation: one message per field, and everything the user typed. */
export function invalidInputState<V extends Record<string, unknown>>(error: z.ZodError, values: Partial<V>): ActionState<V> {
  return {
    status: "error",
    message: "Some fields need attention: see the messages beside them.",
    fieldErrors: z.flattenError(error).fieldErrors as ActionState<V>["fieldErrors"],
    values,
  };
}

const GENERIC_FAILURE = "Something went wrong on our side. Your input is kept; please try again.";

/** Maps a thrown error to an error state; unexpected errors are logged here and never shown to the user. */
export function errorState<V extends Record<string, unknown>>(error: unknown, values: Partial<V>): ActionState<V> & { message: string } {
  if (isAppError(error)) {
    const { field, href, hrefLabel } = error.details;
    return {
      status: "error",
      message: error.userMessage,
      fieldErrors: field ? ({ [field]: [error.userMessage] } as ActionState<V>["fieldErrors"]) : undefined,
      link: href ? { href, label: hrefLabel ?? href } : undefined,
      values,
    };
  }
  console.error("[action] unexpected failure:", error instanceof Error ? error.message : error);
  return { status: "error", message: GENERIC_FAILURE, values };
}
