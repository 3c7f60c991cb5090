"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { errorState, invalidInputState, type ActionState } from "@/lib/action-state";
import { canManageTaxonomy } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { deleteTag, mergeTag, renameTag } from "@/lib/tags/mutations";
import { tagDeleteSchema, tagMergeSchema, tagRenameSchema, type TagFormValues } from "@/lib/tags/schema";
import type { MergeValues } from "@/lib/taxonomy/schema";

export type TagFormState = ActionState<TagFormValues>;
export type TagMergeState = ActionState<MergeValues>;

const RELOAD = "This tag could not be found in the form. Reload the page and try again.";

// Every tag action is for editors and admins (the mutation checks again).
function authorize(user: Awaited<ReturnType<typeof requireUser>>) {
  if (!canManageTaxonomy(user)) throw new AppError("FORBIDDEN", "Only editors and admins can rename, merge or delete tags.");
}

// Rename from /admin/tags/<id>: the name and the slug (empty: made from the name).
export async function renameTagAction(_previous: TagFormState, formData: FormData): Promise<TagFormState> {
  const values: TagFormValues = { name: String(formData.get("name") ?? ""), slug: String(formData.get("slug") ?? "") };
  try {
    const user = await requireUser();
    const parsed = tagRenameSchema.safeParse({ tagId: formData.get("tagId"), ...values });
    if (!parsed.success) {
      if (parsed.error.issues.some((issue) => issue.path[0] === "tagId")) return { status: "error", message: RELOAD, values };
      return invalidInputState(parsed.error, values);
    }
    authorize(user);
    const renamed = await renameTag(user, parsed.data);
    revalidatePath("/admin/tags", "layout");
    const saved = { name: renamed.name, slug: renamed.slug };
    if (!renamed.changed) return { status: "success", message: "Nothing changed: the tag already had this name and slug.", values: saved };
    return {
      status: "success",
      message:
        renamed.slug === renamed.previousSlug
          ? `Saved. Its posts show “${renamed.name}” from the next page view.`
          : `Saved. The tag's page is now /tags/${renamed.slug}; the old address /tags/${renamed.previousSlug} now shows “not found”.`,
      values: saved,
    };
  } catch (error) {
    return errorState(error, values);
  }
}

// Merge into another tag (after the form's confirmation step), then open the tag that was kept.
export async function mergeTagAction(_previous: TagMergeState, formData: FormData): Promise<TagMergeState> {
  const values: MergeValues = { into: String(formData.get("into") ?? "") };
  let keptId: string;
  try {
    const user = await requireUser();
    const parsed = tagMergeSchema.safeParse({ tagId: formData.get("tagId"), ...values });
    if (!parsed.success) {
      if (parsed.error.issues.some((issue) => issue.path[0] === "tagId")) return { status: "error", message: RELOAD, values };
      return invalidInputState(parsed.error, values);
    }
    authorize(user);
    keptId = (await mergeTag(user, parsed.data)).into.id;
    revalidatePath("/admin/tags", "layout");
  } catch (error) {
    return errorState(error, values);
  }
  redirect(`/admin/tags/${encodeURIComponent(keptId)}?merged=1`);
}

// Delete (after the form's confirmation step); the posts stay, without the tag.
export async function deleteTagAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const user = await requireUser();
    const parsed = tagDeleteSchema.safeParse({ tagId: formData.get("tagId") });
    if (!parsed.success) return { status: "error", message: RELOAD };
    authorize(user);
    await deleteTag(user, parsed.data.tagId);
    revalidatePath("/admin/tags", "layout");
  } catch (error) {
    return errorState(error, {});
  }
  redirect("/admin/tags?deleted=1");
}
