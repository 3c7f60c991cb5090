import type { Metadata } from "next";
import { UnsavedPreview } from "@/components/posts/unsaved-preview";
import { requireAdminPageUser } from "@/lib/auth/session";
import { previewUnsavedPostAction } from "../preview-actions";

export const metadata: Metadata = { title: "Preview of unsaved changes" };

// GET /admin/posts/preview#<key>: the tab the post form's "Preview" opens, showing the form's unsaved state as the
// post's page will look. The values never pass through the address: the form leaves them in the browser's storage.
export default async function UnsavedPreviewPage() {
  await requireAdminPageUser("/admin/posts");
  return <UnsavedPreview action={previewUnsavedPostAction} />;
}
