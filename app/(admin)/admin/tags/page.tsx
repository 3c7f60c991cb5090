import type { Metadata } from "next";
import { listTagsForAdmin } from "@/lib/tags/queries";
import { taxonomyListPage } from "../taxonomy-pages";

export const metadata: Metadata = { title: "Tags" };

// GET /admin/tags: every tag with its published and total posts, searched by name, 50 a page (editors and admins).
export default taxonomyListPage({ kind: "tag", list: listTagsForAdmin });
