import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import type { Metadata } from "next";
import { PostListing } from "@/components/posts/post-listing";
import { readPostList, readSiteSettings } from "@/lib/cache/public-reads";
import { parsePageNumber } from "@/lib/page-number";
import { pageMetadata } from "@/lib/seo/metadata";
import { homePageHref } from "../../page-href";

type Params = { params: Promise<{ page: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const page = parsePageNumber((await params).page) ?? 1;
  return pageMetadata(await readSiteSettings(), { title: `Latest links, page ${page}`, path: homePageHref(page) });
}

// GET /page/N: older pages of the home list.
export default async function HomePageN({ params }: Params) {
  await connection();
  const page = parsePageNumber((await params).page);
  if (!page) notFound();
  if (page === 1) redirect("/");
  const result = await readPostList({}, page);
  return (
    <PostListing
      heading={
        <>
          Latest links <small>Page {page}</small>
        </>
      }
      result={result}
      hrefFor={homePageHref}
    />
  );
}
