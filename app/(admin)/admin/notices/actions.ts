"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { markNoticesRead } from "@/lib/notices/notices";
import { userAction } from "@/lib/server/action";

const noticeSchema = z.object({ noticeId: z.string().min(1).max(64).optional() });

// "Mark as read" on one notice, or every notice when the form names none.
export const markNoticesReadAction = userAction({
  schema: noticeSchema,
  input: (formData) => ({ noticeId: formData.get("noticeId") || undefined }),
  invalid: () => ({ status: "error", message: "Which notice? Reload the page and try again." }),
  run: async (user, { noticeId }) => {
    const count = await markNoticesRead(user, noticeId);
    return { status: "success", message: count === 1 ? "Marked as read." : `${count} notices marked as read.` };
  },
  revalidate: () => revalidatePath("/admin", "layout"),
});
