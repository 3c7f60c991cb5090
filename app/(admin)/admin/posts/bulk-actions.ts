"use server";

import { revalidatePath } from "next/cache";
import type { BulkActionState } from "@/components/posts/post-bulk-actions";
import { runBulkAction } from "@/lib/posts/bulk";
import { bulkSummary } from "@/lib/posts/bulk-report";
import { bulkPostsSchema, type BulkCommand } from "@/lib/posts/schema";
import { userAction } from "@/lib/server/action";

// The posts list's bulk action on the ticked rows; lib/posts/bulk.ts checks each post as a single save would.
export const bulkPostsAction = userAction<BulkCommand, Record<string, string>, BulkActionState>({
  schema: bulkPostsSchema,
  input: (formData) => ({
    action: formData.get("action"),
    posts: formData.getAll("post"),
    tag: String(formData.get("tag") ?? ""),
    source: String(formData.get("source") ?? ""),
  }),
  invalid: (error) => ({ status: "error", message: error.issues[0]?.message ?? "Choose an action and the posts." }),
  run: async (user, command) => {
    const report = await runBulkAction(user, command);
    const refused = report.refused.flatMap((group) => group.posts);
    return { status: refused.length ? "error" : "success", message: bulkSummary(report), refused };
  },
  revalidate: () => revalidatePath("/admin/posts"),
});
