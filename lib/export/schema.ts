import { z } from "zod";
import { LIMITS, POST_LIST_FILTERS } from "@/lib/posts/schema";

export const EXPORT_FORMATS = ["markdown", "json", "bookmarks"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Which posts an export holds (the posts list's status filter); tag and source are slugs. The JSON export always holds everything. */
export const exportFilterSchema = z.object({
  status: z.enum(POST_LIST_FILTERS, { message: "Choose all, draft, in review, scheduled or published." }).default("all"),
  tag: z
    .string()
    .trim()
    .max(LIMITS.tagName * 2)
    .optional(),
  source: z
    .string()
    .trim()
    .max(LIMITS.sourceName * 2)
    .optional(),
});
export type ExportFilter = z.infer<typeof exportFilterSchema>;

/** The download form's query string. */
export const exportRequestSchema = exportFilterSchema.extend({
  format: z.enum(EXPORT_FORMATS, { message: "Choose Markdown, JSON or bookmarks." }).default("markdown"),
});
