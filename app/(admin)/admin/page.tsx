import { redirect } from "next/navigation";
import { requireAdminPageUser } from "@/lib/auth/session";

// GET /admin: the posts list is the editors' home.
export default async function AdminHome() {
  await requireAdminPageUser("/admin");
  redirect("/admin/posts");
}
