import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not found" };

// A missing post, user, tag or import inside the admin: the admin layout draws the frame, so only the message goes here.
export default function AdminNotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p>It may have been deleted, or the address may be mistyped.</p>
      <p>
        <Link href="/admin/posts">Back to the posts</Link>
      </p>
    </>
  );
}
