"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { errorState, invalidInputState, type ActionState } from "@/lib/action-state";
import { canManageTaxonomy } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { deleteSource, mergeSource, updateSource } from "@/lib/sources/mutations";
import { sourceDeleteSchema, sourceMergeSchema, sourceUpdateSchema, type SourceFormValues } from "@/lib/sources/schema";
import type { MergeValues } from "@/lib/taxonomy/schema";

export type SourceFormState = ActionState<SourceFormValues>;
export type SourceMergeState = ActionState<MergeValues>;

const RELOAD = "This source could not be found in the form. Reload the page and try again.";

// Every source action is for editors and admins (the mutation checks again).
function authorize(user: Awaited<ReturnType<typeof requireUser>>) {
  if (!canManageTaxonomy(user)) throw new AppError("FORBIDDEN", "Only editors and admins can edit, merge or delete sources.");
}

// Save from /admin/sources/<id>: name, slug (empty: made from the name) and homepage (empty: none).
export async function updateSourceAction(_previous: SourceFormState, formData: FormData): Promise<SourceFormState> {
  const values: SourceFormValues = {
    name: String(formData.get("name") ?? ""),
    slug: String(formData.get("slug") ?? ""),
    homepage: String(formData.get("homepage") ?? ""),
  };
  try {
    const user = await requireUser();
    const parsed = sourceUpdateSchema.safeParse({ sourceId: formData.get("sourceId"), ...values });
    if (!parsed.success) {
      if (parsed.error.issues.some((issue) => issue.path[0] === "sourceId")) return { status: "error", message: RELOAD, values };
      return invalidInputState(parsed.error, values);
    }
    authorize(user);
    const updated = await updateSource(user, parsed.data);
    revalidatePath("/admin/sources", "layout");
    const saved = { name: updated.name, slug: updated.slug, homepage: updated.homepage ?? "" };
    if (updated.changed.length === 0) return { status: "success", message: "Nothing changed: the source already looked like this.", values: saved };
    return {
      status: "success",
      message:
        updated.slug === updated.previousSlug
          ? "Saved. Readers see the change on their next page view."
          : `Saved. The source's page is now /sources/${updated.slug}; the old address /sources/${updated.previousSlug} now shows “not found”.`,
      values: saved,
    };
  } catch (error) {
    return errorState(error, values);
  }
}

// Merge into another source (after the form's confirmation step), then open the source that was kept.
export async function mergeSourceAction(_previous: SourceMergeState, formData: FormData): Promise<SourceMergeState> {
  const values: MergeValues = { into: String(formData.get("into") ?? "") };
  let keptId: string;
  try {
    const user = await requireUser();
    const parsed = sourceMergeSchema.safeParse({ sourceId: formData.get("sourceId"), ...values });
    if (!parsed.success) {
      if (parsed.error.issues.some((issue) => issue.path[0] === "sourceId")) return { status: "error", message: RELOAD, values };
      return invalidInputState(parsed.error, values);
    }
    authorize(user);
    keptId = (await mergeSource(user, parsed.data)).into.id;
    revalidatePath("/admin/sources", "layout");
  } catch (error) {
    return errorState(error, values);
  }
  redirect(`/admin/sources/${encodeURIComponent(keptId)}?merged=1`);
}

// Delete (after the form's confirmation step); the posts stay, with no source.
export async function deleteSourceAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const user = await requireUser();
    const parsed = sourceDeleteSchema.safeParse({ sourceId: formData.get("sourceId") });
    if (!parsed.success) return { status: "error", message: RELOAD };
    authorize(user);
    await deleteSource(user, parsed.data.sourceId);
    revalidatePath("/admin/sources", "layout");
  } catch (error) {
    return errorState(error, {});
  }
  redirect("/admin/sources?deleted=1");
}
