/** A Server Action as a form calls it: the previous state and the form's fields. */
export type FormAction = (state: { status: "idle" }, data: FormData) => Promise<unknown>;

/** Calls `action` with `fields` as a form would; gives its state, or the address Next's redirect signal carries. */
export async function submitFormAction(action: FormAction, fields: Record<string, string>): Promise<unknown> {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  try {
    return await action({ status: "idle" }, data);
  } catch (error) {
    const digest = String((error as { digest?: string }).digest ?? "");
    if (digest.startsWith("NEXT_REDIRECT")) return { redirect: digest.split(";")[2] };
    throw error;
  }
}
