import { z } from "zod";

/** A link's health: not checked yet, answering, failing (not yet dead), dead, or answering from another site. */
export const LINK_STATES = ["UNCHECKED", "OK", "FAILING", "DEAD", "MOVED"] as const;
export type LinkState = (typeof LINK_STATES)[number];

/** The words /admin/links uses for each state. */
export const LINK_STATE_LABELS: Record<LinkState, string> = {
  UNCHECKED: "Not checked yet",
  OK: "OK",
  FAILING: "Failing",
  DEAD: "Dead",
  MOVED: "Moved",
};

/** /admin/links' filter: every link needing attention, or one state of them. */
export const LINK_FILTERS = ["problems", "dead", "moved", "failing"] as const;
export type LinkFilter = (typeof LINK_FILTERS)[number];
export const LINK_FILTER_LABELS: Record<LinkFilter, string> = {
  problems: "Dead, moved and failing",
  dead: "Dead",
  moved: "Moved",
  failing: "Failing",
};
export const linkFilterSchema = z.enum(LINK_FILTERS).catch("problems");

/** "Check now": the post whose link to check. */
export const linkPostSchema = z.object({ postId: z.string().trim().min(1).max(100) });

/** "Replace URL": the post, the version the page showed (the stale guard), and the new URL (the post rules check it). */
export const replaceLinkSchema = z.object({
  postId: z.string().trim().min(1).max(100),
  version: z.coerce.number().int().min(1),
  url: z.string().trim().min(1, "Enter the new address of the article."),
});
export type ReplaceLinkValues = { postId: string; version: string; url: string };

/** The archive setting's form: a ticked box asks the archive to save a copy of each newly published link. */
export const archiveSettingSchema = z.object({ archiveSave: z.boolean() });
