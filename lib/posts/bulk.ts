import "server-only";
// The posts list's bulk actions. Each ticked post goes through the same door as a single save (savePost, deletePost)
// with the acting person, in its own transaction: the same permission checks and rules, the stale-version guard, a
// revision ("bulk"), the public cache refreshed and one audit entry per post. One post's refusal never stops the others.
import { canViewPost, type Actor } from "@/lib/auth/permissions";
import { AppError, isAppError } from "@/lib/errors";
import { postFormValues } from "./form-values";
import { deletePost, savePost } from "./mutations";
import { getPostForEditing, type PostForEditing } from "./queries";
import { reportOutcomes, type BulkOutcome, type BulkReport, type BulkResult } from "./bulk-report";
import { parseTagList, postFormSchema, type BulkAction, type BulkCommand, type PostFormValues, type PostIntent } from "./schema";
import { effectiveStatus } from "./visibility";

const STALE = "changed by someone else after the list was loaded; reload the list and try again";
const INVALID = "a field does not pass the post rules; open the post to fix it";
const MISSING = "This post no longer exists.";

// The edit a change makes to the post form's values, or why it changes nothing.
type Edit = { values: PostFormValues } | { unchanged: string };

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function editValues(values: PostFormValues, command: BulkCommand): Edit {
  const tags = parseTagList(values.tags);
  switch (command.action) {
    case "add_tag":
      if (tags.some((tag) => sameName(tag, command.tag))) return { unchanged: "it already has that tag" };
      return { values: { ...values, tags: [...tags, command.tag].join(", ") } };
    case "remove_tag": {
      const kept = tags.filter((tag) => !sameName(tag, command.tag));
      if (kept.length === tags.length) return { unchanged: "it does not have that tag" };
      return { values: { ...values, tags: kept.join(", ") } };
    }
    case "set_source":
      if (sameName(values.source, command.source)) return { unchanged: "it already has that source" };
      return { values: { ...values, source: command.source } };
    default:
      return { values };
  }
}

// The save's intent: publish and unpublish as named; an edit keeps the post where it is, as "Update" in the form does.
function intentFor(action: BulkAction, post: PostForEditing): PostIntent {
  if (action === "publish" || action === "unpublish") return action;
  if (post.status === "DRAFT") return "draft";
  if (post.status === "IN_REVIEW") return "review";
  return "publish";
}

// A publish or unpublish that would leave the post as it is, said as such rather than saved again.
function alreadyThere(action: BulkAction, post: PostForEditing, now: Date): string | null {
  const status = effectiveStatus(post, now);
  if (action === "publish" && status === "PUBLISHED") return "it is already published";
  if (action === "publish" && status === "SCHEDULED") return "it is already scheduled";
  if (action === "unpublish" && status === "DRAFT") return "it is already a draft";
  return null;
}

async function applyToPost(actor: Actor, command: BulkCommand, ref: { id: string; version: number }, now: Date): Promise<BulkOutcome> {
  const found = await getPostForEditing(ref.id);
  // A post this person may not know of is reported as missing, without its title.
  const post = found && canViewPost(actor, found, now) ? found : null;
  const title = post?.title ?? "A post";
  const outcome = (result: BulkResult): BulkOutcome => ({ postId: ref.id, title, ...result });
  try {
    if (!post) throw new AppError("NOT_FOUND", MISSING);
    if (command.action === "trash") {
      if (post.deletedAt) return outcome({ result: "unchanged", reason: "it is already in the trash" });
      await deletePost(actor, ref.id, now);
      return outcome({ result: "done" });
    }
    // The stored post as the form would show it (dates in UTC, read back in UTC), with the change applied.
    const edit = editValues(postFormValues(post, "UTC"), command);
    if ("unchanged" in edit) return outcome({ result: "unchanged", reason: edit.unchanged });
    const already = post.deletedAt ? null : alreadyThere(command.action, post, now);
    if (already) return outcome({ result: "unchanged", reason: already });
    const input = postFormSchema.safeParse(edit.values);
    if (!input.success) return outcome({ result: "refused", reason: INVALID, detail: input.error.issues[0]?.message });
    const audit =
      command.action === "publish" || command.action === "unpublish"
        ? { bulk: true }
        : { bulk: command.action, tag: command.tag || undefined, source: command.source || undefined };
    await savePost(actor, { postId: ref.id, version: ref.version, intent: intentFor(command.action, post), input: input.data, how: "bulk", audit }, now);
    return outcome({ result: "done" });
  } catch (error) {
    if (!isAppError(error)) throw error;
    // A stale refusal names who changed the post and when: the report counts them under one reason.
    const reason = error.details.currentVersion !== undefined ? STALE : error.userMessage;
    return outcome({ result: "refused", reason, detail: error.userMessage });
  }
}

/**
 * Applies one bulk action to each post, one after the other, each in its own transaction through the ordinary save
 * or move to the trash. A refusal (a rule, a role, a stale version) is reported per post; anything unexpected stops.
 */
export async function runBulkAction(actor: Actor, command: BulkCommand, now = new Date()): Promise<BulkReport> {
  const outcomes: BulkOutcome[] = [];
  for (const ref of command.posts) outcomes.push(await applyToPost(actor, command, ref, now));
  return reportOutcomes(command.action, outcomes);
}
