import "server-only";
// "Replace URL" on /admin/links: the ordinary save with a new external URL (apart from ./mutations.ts, since the
// save's post events reach ./subscriber.ts, which must not import the save back).
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs/mutations";
import { postFormValues } from "@/lib/posts/form-values";
import { savePost } from "@/lib/posts/mutations";
import { getPostForEditing } from "@/lib/posts/queries";
import { postFormSchema } from "@/lib/posts/schema";
import { isPubliclyVisible } from "@/lib/posts/visibility";
import { linksArchiveKind } from "./archive";
import { ensureLinkRow, requireLinkEditor } from "./mutations";

/**
 * "Replace URL": the post saved with a new external URL through the ordinary save (the post rules, the duplicate
 * check and the stale-version guard, as the acting person), then its link checked afresh and archived again.
 */
export async function replaceLinkUrl(actor: Actor, command: { postId: string; version: number; url: string }, now = new Date()): Promise<{ url: string }> {
  requireLinkEditor(actor);
  const post = await getPostForEditing(command.postId);
  if (!post || !isPubliclyVisible(post, now)) throw new AppError("NOT_FOUND", "This post is no longer published: edit it from the posts list.");
  const parsed = postFormSchema.safeParse({ ...postFormValues(post, "UTC"), externalUrl: command.url });
  if (!parsed.success) {
    const issue = parsed.error.issues.find((item) => item.path[0] === "externalUrl") ?? parsed.error.issues[0];
    throw new AppError("INVALID_INPUT", issue?.message ?? "This address cannot be used.", { field: "url" });
  }
  try {
    await savePost(actor, { postId: post.id, version: command.version, intent: "publish", input: parsed.data, how: "form" }, now);
  } catch (error) {
    // The refusal belongs beside this form's field.
    if (error instanceof AppError && error.details.field === "externalUrl")
      throw new AppError(error.code, error.userMessage, { ...error.details, field: "url" });
    throw error;
  }
  await ensureLinkRow(post.id, parsed.data.externalUrl, now);
  await enqueueJob(linksArchiveKind, { postId: post.id }, { idempotencyKey: `${post.id}:${parsed.data.externalUrl}` });
  return { url: parsed.data.externalUrl };
}
