import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { invalidInputState, type ActionState } from "@/lib/action-state";
import { canManageTaxonomy } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { formValues, redirectTo, userAction } from "@/lib/server/action";
import { taxonomyForbidden, TAXONOMY_WORDS, type IdFieldOf, type TaxonomyFormValues, type TaxonomyKind, type TaxonomyWords } from "./kinds";
import type { MergeValues } from "./schema";

type Edited = { name: string; slug: string; previousSlug: string; changed: boolean; homepage?: string | null };

type Spec<K extends TaxonomyKind, EditInput, MergeInput> = {
  kind: K;
  schemas: { edit: z.ZodType<EditInput>; merge: z.ZodType<MergeInput>; remove: z.ZodType<Record<IdFieldOf<K>, string>> };
  mutations: {
    edit: (user: CurrentUser, input: EditInput) => Promise<Edited>;
    merge: (user: CurrentUser, input: MergeInput) => Promise<{ into: { id: string } }>;
    remove: (user: CurrentUser, id: string) => Promise<unknown>;
  };
};

/**
 * The Server Actions of a tag's or source's admin page: save the edit form, merge into another (then open the one
 * kept), delete (then the list). Editors and admins only; the mutations check again.
 */
export function taxonomyActions<K extends TaxonomyKind, EditInput, MergeInput>(spec: Spec<K, EditInput, MergeInput>) {
  const { kind, schemas, mutations } = spec;
  const words: TaxonomyWords = TAXONOMY_WORDS[kind];
  const idField: IdFieldOf<K> = TAXONOMY_WORDS[kind].idField;
  const shared = {
    allowed: canManageTaxonomy,
    forbidden: taxonomyForbidden(kind),
    input: (formData: FormData, values: object) => ({ [idField]: formData.get(idField), ...values }),
    // A missing or odd id is the page's fault, not the user's: nothing beside a field would help.
    invalid: <V extends Record<string, unknown>>(error: z.ZodError, values: V): ActionState<V> =>
      error.issues.some((issue) => issue.path[0] === idField)
        ? { status: "error", message: `This ${words.one} could not be found in the form. Reload the page and try again.`, values }
        : invalidInputState<V>(error, values),
    revalidate: () => revalidatePath(words.adminBase, "layout"),
  };

  const edit = userAction<EditInput, TaxonomyFormValues>({
    ...shared,
    values: (formData) => formValues(formData, words.fields) as TaxonomyFormValues,
    schema: schemas.edit,
    run: async (user, input) => {
      const edited = await mutations.edit(user, input);
      const values = Object.fromEntries(words.fields.map((field) => [field, edited[field] ?? ""])) as TaxonomyFormValues;
      if (!edited.changed) return { status: "success", message: words.saved.unchanged, values };
      return {
        status: "success",
        message:
          edited.slug === edited.previousSlug
            ? words.saved.sameSlug(edited.name)
            : `Saved. The ${words.one}'s page is now ${words.publicBase}/${edited.slug}; the old address ${words.publicBase}/${edited.previousSlug} now leads there.`,
        values,
      };
    },
  });

  const merge = userAction<MergeInput, MergeValues>({
    ...shared,
    values: (formData) => formValues(formData, ["into"]),
    schema: schemas.merge,
    run: async (user, input) => redirectTo(`${words.adminBase}/${encodeURIComponent((await mutations.merge(user, input)).into.id)}?merged=1`),
  });

  const remove = userAction<Record<IdFieldOf<K>, string>>({
    ...shared,
    schema: schemas.remove,
    run: async (user, input) => {
      await mutations.remove(user, input[idField]);
      return redirectTo(`${words.adminBase}?deleted=1`);
    },
  });

  return { edit, merge, remove };
}
