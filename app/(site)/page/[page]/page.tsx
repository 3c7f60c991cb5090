import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import type { Metadata } from "next";
import { PostListing } from "@/components/posts/post-listing";
import { listPublishedPosts } from "@/lib/posts/queries";
import { parsePageNumber } from "@/lib/page-number";
import { homePageHref } from "../../page-href";

type Params = { params: Promise<{ page: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `Latest links, page ${(await params).page}` };
}

// GET /page/N: older pages of the home list.
export default async function HomePageN({ params }: Params) {
  await connection();
  const page = parsePageNumber((await params).page);
  if (!page) notFound();
  if (page === 1) redirect("/");
  const result = await listPublishedPosts({ page });
  return <PostListing heading={<>Latest links <small>Page {page}</small></>} result={result} hrefFor={homePageHref} />;
}
