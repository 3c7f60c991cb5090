import { redirect } from "next/navigation";
import { connection } from "next/server";
import type { Metadata } from "next";
import { PostListing } from "@/components/posts/post-listing";
import { readPostList, readSiteSettings } from "@/lib/cache/public-reads";
import DISCOVERY_LINKS from "@/lib/http/discovery-links.json";
import { parsePageNumber } from "@/lib/page-number";
import { pageMetadata } from "@/lib/seo/metadata";
import { homePageHref } from "./page-href";

export async function generateMetadata(): Promise<Metadata> {
  const settings = await readSiteSettings();
  return pageMetadata(settings, { title: settings.title, path: "/" });
}

// GET /: the newest published posts, and the links to the site's endpoints. ?page=N is accepted and sent to its
// canonical /page/N address.
export default async function HomePage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  await connection();
  const { page } = await searchParams;
  if (page !== undefined) {
    const number = parsePageNumber(page);
    redirect(number && number > 1 ? homePageHref(number) : "/");
  }
  const [result, settings] = await Promise.all([readPostList({}, 1), readSiteSettings()]);
  // The site's address is what people sign in to IndieAuth apps with, and post from Micropub apps with: these links
  // (lib/http/discovery-links.json, also sent as a Link header by next.config.js) tell an app where to go. React puts
  // them in <head>.
  return (
    <>
      {DISCOVERY_LINKS.map((link) => (
        <link key={link.rel} rel={link.rel} href={`${settings.url}${link.href}`} />
      ))}
      <PostListing heading="Latest links" result={result} hrefFor={homePageHref} />
    </>
  );
}
