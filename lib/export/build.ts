import "server-only";
import { recordAudit } from "@/lib/audit/mutations";
import { canExport, type Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { buildZip } from "@/lib/link-format/archive";
import { serializeBookmarksHtml } from "@/lib/link-format/bookmarks";
import { exportFileName, toBookmark, toContentJson, toLinkPostFile } from "./link-posts";
import { listPostsForExport, readAllContent } from "./queries";
import type { ExportFilter, ExportFormat } from "./schema";

/** Who exports: an editor or admin, or null for the command line on a database without accounts. */
export type ExportActor = (Actor & { name?: string; email?: string }) | null;

function checkExporter(actor: ExportActor): void {
  if (actor && !canExport(actor)) throw new AppError("FORBIDDEN", "Only editors and admins can export posts.");
}

// Exports carry every draft: who took one is worth knowing.
async function auditExport(actor: ExportActor, format: ExportFormat, details: Record<string, unknown>): Promise<void> {
  await recordAudit({
    actor: actor ? { id: actor.id, name: actor.name, email: actor.email } : null,
    action: "post.export",
    target: { type: "export", label: format },
    details,
  });
}

/** One link-post file per post (`<slug>.md`), in the import format. */
export async function exportLinkPostFiles(actor: ExportActor, filter: ExportFilter): Promise<{ name: string; data: string }[]> {
  checkExporter(actor);
  const posts = await listPostsForExport(filter);
  await auditExport(actor, "markdown", { ...filter, posts: posts.length });
  return posts.map(toLinkPostFile);
}

/** The posts as a Netscape bookmark file. */
export async function exportBookmarks(actor: ExportActor, filter: ExportFilter): Promise<{ html: string; count: number }> {
  checkExporter(actor);
  const posts = await listPostsForExport(filter);
  await auditExport(actor, "bookmarks", { ...filter, posts: posts.length });
  return { html: serializeBookmarksHtml(posts.map(toBookmark)), count: posts.length };
}

/** All content as JSON (posts, tags, sources, settings); never passwords, tokens or hashes. */
export async function exportContentJson(actor: ExportActor): Promise<string> {
  checkExporter(actor);
  const content = await readAllContent();
  await auditExport(actor, "json", { posts: content.posts.length });
  return toContentJson(content);
}

export type ExportDownload = { fileName: string; contentType: string; body: Uint8Array | string };

/** An export as one downloadable file: a zip of .md files, the JSON export or a bookmark file. */
export async function buildExportDownload(actor: ExportActor, format: ExportFormat, filter: ExportFilter): Promise<ExportDownload> {
  if (format === "json") {
    return { fileName: exportFileName("json"), contentType: "application/json; charset=utf-8", body: await exportContentJson(actor) };
  }
  if (format === "bookmarks") {
    return { fileName: exportFileName("html"), contentType: "text/html; charset=utf-8", body: (await exportBookmarks(actor, filter)).html };
  }
  return { fileName: exportFileName("zip"), contentType: "application/zip", body: buildZip(await exportLinkPostFiles(actor, filter)) };
}
