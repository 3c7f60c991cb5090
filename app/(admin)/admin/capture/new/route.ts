import { CAPTURE_BODY_BYTES, NEW_POST_PATH } from "@/lib/http/paths";
import { storeCapture } from "@/lib/capture/mutations";
import { isEmptyCapture, readCapture } from "@/lib/capture/schema";
import { currentRequestMeta } from "@/lib/http/request-context";
import { isAppError } from "@/lib/errors";

const seeOther = (location: string) => new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });

// POST /admin/posts/new with a plain form (proxy.ts routes it here), or POST /admin/capture/new: the bookmarklet's and
// the share target's capture (url, title, selection, via). It may come from another site and before sign-in, so it
// only keeps the capture (no post is written) and sends the browser to the new-post form that opens it; sign-in, when
// needed, comes on the way and loses nothing.
export async function POST(request: Request): Promise<Response> {
  if (Number(request.headers.get("content-length") ?? 0) > CAPTURE_BODY_BYTES) return new Response("The capture is too large.", { status: 413 });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return new Response("Send the capture as a form (url, title, selection, via).", { status: 400 });
  }
  const capture = readCapture((name) => form.get(name));
  if (isEmptyCapture(capture)) return seeOther(NEW_POST_PATH);
  try {
    const token = await storeCapture(capture, (await currentRequestMeta()).ip);
    return seeOther(`${NEW_POST_PATH}?capture=${token}`);
  } catch (error) {
    if (isAppError(error) && error.code === "RATE_LIMITED") return new Response(error.userMessage, { status: 429, headers: { "retry-after": "3600" } });
    throw error;
  }
}

// GET with the same names: the form reads them from its own query.
export async function GET(request: Request): Promise<Response> {
  return seeOther(`${NEW_POST_PATH}${new URL(request.url).search}`);
}
