import { canImport } from "@/lib/auth/permissions";
import { requireRouteUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { queueImportRun, startImportUpload, type UploadedFile } from "@/lib/import/jobs";
import { MAX_UPLOAD_REQUEST_BYTES, UPLOAD_ERRORS, uploadOptionsSchema, type UploadErrorCode } from "@/lib/import/schema";

type Failure = { status: number; code: UploadErrorCode; message: string; field?: "files" | "onDuplicate" };

function answer(request: Request, result: { redirect: string } | Failure): Response {
  if (request.headers.get("accept")?.includes("application/json")) {
    return "redirect" in result
      ? Response.json({ redirect: result.redirect })
      : Response.json({ error: result.message, field: result.field }, { status: result.status });
  }
  const location = "redirect" in result ? result.redirect : `/admin/import?error=${result.code}`;
  return new Response(null, { status: 303, headers: { location } });
}

/** A form post from another site is refused even if the browser sent the session cookie. */
function isCrossSite(request: Request): boolean {
  if (request.headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** The request body, or null once it passes the limit (whatever Content-Length claimed). */
async function readBounded(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (Number(request.headers.get("content-length") ?? 0) > limit) return null;
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    size += next.value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(next.value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

// POST /admin/import/upload: keeps the uploaded files and starts their dry run, then sends the browser to the job.
export async function POST(request: Request): Promise<Response> {
  if (isCrossSite(request)) return answer(request, { status: 403, code: "cross-site", message: UPLOAD_ERRORS["cross-site"] });
  const user = await requireRouteUser(request, { returnTo: "/admin/import" });
  if (user instanceof Response) return user;
  if (!canImport(user)) return answer(request, { status: 403, code: "forbidden", message: UPLOAD_ERRORS.forbidden });

  const body = await readBounded(request, MAX_UPLOAD_REQUEST_BYTES);
  if (!body) return answer(request, { status: 413, code: "too-large", field: "files", message: UPLOAD_ERRORS["too-large"] });
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    return answer(request, { status: 400, code: "invalid", field: "files", message: "The upload could not be read. Choose the files again." });
  }
  const options = uploadOptionsSchema.safeParse({ onDuplicate: form.get("onDuplicate") ?? undefined, asDraft: form.get("asDraft") ?? undefined });
  if (!options.success) return answer(request, { status: 400, code: "invalid", field: "onDuplicate", message: options.error.issues[0].message });
  const files: UploadedFile[] = [];
  for (const value of form.getAll("files")) {
    // A form sent with no file chosen carries one empty, nameless part.
    if (typeof value === "string" || (value.size === 0 && value.name === "")) continue;
    files.push({ name: value.name.split(/[\\/]/).pop() || "upload", data: new Uint8Array(await value.arrayBuffer()) });
  }

  let jobId: string;
  try {
    jobId = (await startImportUpload(user, files, options.data)).id;
  } catch (error) {
    if (isAppError(error)) {
      const status = error.code === "FORBIDDEN" ? 403 : 400;
      return answer(request, { status, code: status === 403 ? "forbidden" : "invalid", field: "files", message: error.userMessage });
    }
    console.error("[import] upload failed:", error instanceof Error ? error.message : error);
    return answer(request, { status: 500, code: "failed", message: UPLOAD_ERRORS.failed });
  }
  await queueImportRun(jobId);
  return answer(request, { redirect: `/admin/import/${jobId}` });
}
