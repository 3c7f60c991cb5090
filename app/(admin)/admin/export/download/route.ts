import { canExport } from "@/lib/auth/permissions";
import { requireRouteUser } from "@/lib/auth/session";
import { buildExportDownload } from "@/lib/export/build";
import { exportRequestSchema } from "@/lib/export/schema";

// GET /admin/export/download?format=markdown|json|bookmarks&status=…&tag=…&source=…: the export as a file download.
export async function GET(request: Request): Promise<Response> {
  const user = await requireRouteUser(request, { returnTo: "/admin/export" });
  if (user instanceof Response) return user;
  if (!canExport(user)) return new Response("Only editors and admins can export posts.", { status: 403 });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = exportRequestSchema.safeParse({ ...params, tag: params.tag || undefined, source: params.source || undefined });
  if (!parsed.success) return new Response(parsed.error.issues.map((issue) => issue.message).join(" "), { status: 400 });
  const { format, ...filter } = parsed.data;
  const file = await buildExportDownload(user, format, filter);
  return new Response(typeof file.body === "string" ? file.body : new Uint8Array(file.body), {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.fileName}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
