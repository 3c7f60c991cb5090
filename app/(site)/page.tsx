import { redirect } from "next/navigation";
import { connection } from "next/server";
import { PostListing } from "@/components/posts/post-listing";
import { listPublishedPosts } from "@/lib/posts/queries";
import { parsePageNumber } from "@/lib/page-number";
import { homePageHref } from "./page-href";

// GET /: the newest published posts. ?page=N is accepted and sent to its canonical /page/N address.
export default async function HomePage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  await connection();
  const { page } = await searchParams;
  if (page !== undefined) {
    const number = parsePageNumber(page);
    redirect(number && number > 1 ? homePageHref(number) : "/");
  }
  const result = await listPublishedPosts({ page: 1 });
  return <PostListing heading="Latest links" result={result} hrefFor={homePageHref} />;
}
