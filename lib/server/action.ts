import "server-only";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { errorState, invalidInputState, type ActionState, type FormAction } from "@/lib/action-state";
import { requireUser, type CurrentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";

/** What a successful run may end with instead of a state: a page to open next. */
export type ActionRedirect = { readonly redirectTo: string };

/** Ends a run by opening `path` (after revalidation), the way Post/Redirect/Get forms do. */
export function redirectTo(path: string): ActionRedirect {
  return { redirectTo: path };
}

type ActionSpec<Input, V extends Record<string, unknown>, S extends ActionState<V>, Runner> = {
  /** The values sent back into the form on any failure, so nothing typed is lost. Never a password. */
  values?: (formData: FormData) => V;
  /** The input's schema, or a function giving it when it depends on stored settings (the site's time zone). */
  schema: z.ZodType<Input> | (() => Promise<z.ZodType<Input>>);
  /** What the schema parses; by default the echoed values. */
  input?: (formData: FormData, values: V) => unknown;
  /** The state for input the schema refuses; by default each field's message beside its field. */
  invalid?: (error: z.ZodError, values: V) => NoInfer<S>;
  run: Runner;
  /** Called after a successful run, before its state is returned or its redirect followed. */
  revalidate?: (input: Input) => void;
};

type UserActionSpec<Input, V extends Record<string, unknown>, S extends ActionState<V>> = ActionSpec<
  Input,
  V,
  S,
  (user: CurrentUser, input: Input, values: V) => Promise<NoInfer<S> | ActionRedirect>
> & {
  /** Who may act, checked before the input is read (the mutation checks again, per record). */
  allowed?: (user: CurrentUser) => boolean;
  /** The refusal shown when `allowed` says no. */
  forbidden?: string;
  /** Lets someone who must still set up two-factor use this action (their own account only). */
  allowPendingTwoFactor?: boolean;
};

type PublicActionSpec<Input, V extends Record<string, unknown>, S extends ActionState<V>> = ActionSpec<
  Input,
  V,
  S,
  (input: Input, values: V) => Promise<NoInfer<S> | ActionRedirect>
>;

function isRedirect<S>(outcome: S | ActionRedirect): outcome is ActionRedirect {
  return typeof outcome === "object" && outcome !== null && "redirectTo" in outcome;
}

/**
 * The shape every form's Server Action shares: read the echoed values, admit the caller, parse, run, revalidate, then
 * return or redirect. A thrown AppError (or an unexpected failure) becomes an error state that keeps the values.
 * `redirect()` is called outside the try, so Next's redirect signal is never caught as an error.
 */
function formAction<Input, V extends Record<string, unknown>, S extends ActionState<V>, Caller>(
  spec: ActionSpec<Input, V, S, unknown>,
  admit: () => Promise<Caller>,
  run: (caller: Caller, input: Input, values: V) => Promise<S | ActionRedirect>,
): FormAction<S> {
  return async (_previous, formData) => {
    const values = spec.values ? spec.values(formData) : ({} as V);
    let outcome: S | ActionRedirect;
    try {
      const caller = await admit();
      const schema = typeof spec.schema === "function" ? await spec.schema() : spec.schema;
      const parsed = schema.safeParse(spec.input ? spec.input(formData, values) : values);
      if (!parsed.success) return spec.invalid ? spec.invalid(parsed.error, values) : (invalidInputState(parsed.error, values) as S);
      outcome = await run(caller, parsed.data, values);
      spec.revalidate?.(parsed.data);
    } catch (error) {
      return errorState(error, values) as S;
    }
    if (!isRedirect(outcome)) return outcome;
    redirect(outcome.redirectTo);
  };
}

/**
 * A Server Action for signed-in people: the session is checked against the database first (an action without it
 * cannot be written by accident), then the role, then the input; `run` gets the acting user.
 */
export function userAction<Input, V extends Record<string, unknown> = Record<string, string>, S extends ActionState<V> = ActionState<V>>(
  spec: UserActionSpec<Input, V, S>,
): FormAction<S> {
  const admitUser = async () => {
    const user = await requireUser({ allowPendingTwoFactor: spec.allowPendingTwoFactor });
    if (spec.allowed && !spec.allowed(user)) throw new AppError("FORBIDDEN", spec.forbidden ?? "Your role does not allow this.");
    return user;
  };
  return formAction<Input, V, S, CurrentUser>(spec, admitUser, spec.run);
}

/** A Server Action anyone may call (sign-in pages: set-up, forgotten password, invitations). Named so on purpose. */
export function publicAction<Input, V extends Record<string, unknown> = Record<string, string>, S extends ActionState<V> = ActionState<V>>(
  spec: PublicActionSpec<Input, V, S>,
): FormAction<S> {
  return formAction<Input, V, S, null>(
    spec,
    async () => null,
    (_anyone, input, values) => spec.run(input, values),
  );
}

/** Reads the named fields of a form as strings ("" when absent): the usual echoed values. */
export function formValues<K extends string>(formData: FormData, fields: readonly K[]): Record<K, string> {
  return Object.fromEntries(fields.map((field) => [field, String(formData.get(field) ?? "")])) as Record<K, string>;
}

/**
 * A Server Action that code calls with plain arguments rather than a form (the Markdown preview): the session is
 * checked first, as in userAction, and a refusal comes back as `{ error }` for the caller to show.
 */
export function userCall<Args extends unknown[], R>(run: (user: CurrentUser, ...args: Args) => Promise<R>): (...args: Args) => Promise<R | { error: string }> {
  return async (...args) => {
    let user: CurrentUser;
    try {
      user = await requireUser();
    } catch (error) {
      return { error: errorState(error, {}).message };
    }
    return run(user, ...args);
  };
}
