// Unsaved post form state (the browser's copy and the server's autosave): pure, so the form's hook and unit tests share it.
import { z } from "zod";
import { EMPTY_POST_FORM } from "./form-values";
import { postDraftSchema, type PostFormValues } from "./schema";

const FORM_FIELDS = Object.keys(EMPTY_POST_FORM) as (keyof PostFormValues)[];

/** A copy of the form's values that were never saved: when it was made, and the post's version the editing began from. */
export type DraftCopy = {
  values: PostFormValues;
  /** ISO time the copy was made. */
  savedAt: string;
  /** The post's version the form was loaded from; null for a new post. A save of the copy is checked against it. */
  baseVersion: number | null;
  where: "browser" | "server";
};

/**
 * The browser's key for one person's copy of one post (or of their new post): per user, so someone else signing in on
 * the same browser is never offered another person's text.
 */
export function draftStorageKey(userId: string, postId: string | null): string {
  return `linkpress:draft:${userId}:${postId ?? "new"}`;
}

/** The post form's fields read from its form data; a field that is absent is empty. */
export function formDataValues(data: FormData): PostFormValues {
  return Object.fromEntries(FORM_FIELDS.map((field) => [field, String(data.get(field) ?? "")])) as PostFormValues;
}

/** Whether two states of the form hold different text: any field, exactly as typed. */
export function formValuesDiffer(a: PostFormValues, b: PostFormValues): boolean {
  return FORM_FIELDS.some((field) => a[field] !== b[field]);
}

const storedDraftSchema = z.object({
  values: postDraftSchema,
  savedAt: z.iso.datetime(),
  baseVersion: z.number().int().positive().nullable(),
  where: z.enum(["browser", "server"]).default("browser"),
});

/** A copy as the browser stores it (JSON), for `readStoredDraft`. */
export function storedDraftText(copy: DraftCopy): string {
  return JSON.stringify({ values: copy.values, savedAt: copy.savedAt, baseVersion: copy.baseVersion, where: copy.where });
}

/** A browser copy read back; anything else found under the key (an old shape, a hand-edited value) is no copy. */
export function readStoredDraft(text: string | null): DraftCopy | null {
  if (!text) return null;
  try {
    const parsed = storedDraftSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The copy to offer when the form opens: the newest of the browser's and the server's, and only if its text differs
 * from what the form shows (an identical copy is nothing to restore).
 */
export function draftToOffer(copies: (DraftCopy | null)[], shown: PostFormValues): DraftCopy | null {
  const newest = copies.filter((copy): copy is DraftCopy => copy !== null).sort((a, b) => Date.parse(b.savedAt) - Date.parse(a.savedAt))[0];
  return newest && formValuesDiffer(newest.values, shown) ? newest : null;
}
