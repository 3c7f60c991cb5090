import type { Metadata } from "next";
import { PostForm } from "@/components/posts/post-form";
import { requireAdminPageUser } from "@/lib/auth/session";
import { canPublish } from "@/lib/auth/permissions";
import { findStoredCapture } from "@/lib/capture/queries";
import { CAPTURE_FIELDS, captureFormValues, isEmptyCapture, readCapture, type Capture } from "@/lib/capture/schema";
import { NEW_POST_PATH } from "@/lib/http/paths";
import { EMPTY_POST_FORM } from "@/lib/posts/form-values";
import { getSiteTimeZone } from "@/lib/settings/queries";
import { listSourcesVisibleTo } from "@/lib/sources/queries";
import { listTagsVisibleTo } from "@/lib/tags/queries";
import { checkLinkAction, deletePostAction, prefillPostAction, previewMarkdownAction, savePostAction } from "../actions";

export const metadata: Metadata = { title: "New post" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** This address with the capture's own parameters only, so sign-in brings the person back to the same capture. */
function returnPath(params: Record<string, string | string[] | undefined>): string {
  const query = new URLSearchParams();
  for (const name of ["capture", ...CAPTURE_FIELDS]) {
    const value = first(params[name]);
    if (value) query.set(name, value);
  }
  return query.size ? `${NEW_POST_PATH}?${query}` : NEW_POST_PATH;
}

// GET /admin/posts/new: an empty post form, or one prefilled from a capture: ?url=&title=&selection=&via= (any tool
// may open it so), or ?capture=<token> for one the bookmarklet or a share target sent by POST (proxy.ts routes
// a plain-form POST to this address to the capture route, which keeps it and redirects here).
export default async function NewPostPage({ searchParams }: Props) {
  const params = await searchParams;
  const user = await requireAdminPageUser(returnPath(params));
  const timeZone = await getSiteTimeZone();
  const token = first(params.capture);
  const [tags, sources, stored] = await Promise.all([listTagsVisibleTo(user), listSourcesVisibleTo(user), token ? findStoredCapture(token) : null]);
  const capture: Capture | null = token ? stored : readCapture((name) => first(params[name]));
  const captured = capture && !isEmptyCapture(capture) ? capture : null;
  return (
    <>
      <h1 className="page-heading">New post</h1>
      {token && !stored && (
        <div className="notice notice--error" role="alert">
          <p>This capture has expired or was already cleared. Capture the page again, or fill the form by hand.</p>
        </div>
      )}
      <PostForm
        actions={{ save: savePostAction, remove: deletePostAction, preview: previewMarkdownAction, checkLink: checkLinkAction, prefill: prefillPostAction }}
        post={null}
        initialValues={{ ...EMPTY_POST_FORM, ...(captured ? captureFormValues(captured) : {}) }}
        capturedTitle={captured?.title}
        canPublish={canPublish(user)}
        canDelete={false}
        tagSuggestions={tags.map((tag) => tag.name)}
        sourceSuggestions={sources.map((source) => source.name)}
        drafts={{ userId: user.id }}
        timeZone={timeZone}
      />
    </>
  );
}
