import { notFound } from "next/navigation";
import type { Page, PublicPostCard } from "@/lib/posts/queries";
import { Pagination } from "@/components/ui/pagination";
import { readSiteSettings } from "@/lib/cache/public-reads";
import { PostCardList } from "./post-card-list";

type Props = {
  heading: React.ReactNode;
  result: Page<PublicPostCard>;
  hrefFor: (page: number) => string;
  /** Shown between the heading and the list, such as a tag's feed links. */
  intro?: React.ReactNode;
};

/** A page of a public post list (home, tag, source, month) with its pagination; a page past the end is a 404. */
export async function PostListing({ heading, result, hrefFor, intro }: Props) {
  if (result.page > result.pageCount) notFound();
  const { timeZone } = await readSiteSettings();
  return (
    <>
      <h1 className="page-heading">{heading}</h1>
      {intro}
      <PostCardList posts={result.items} timeZone={timeZone} />
      <Pagination page={result.page} pageCount={result.pageCount} hrefFor={hrefFor} />
    </>
  );
}
