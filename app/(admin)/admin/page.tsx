import Link from "next/link";
import type { Metadata } from "next";
import { BarChart } from "@/components/dashboard/bar-chart";
import { FirstStepsChecklist } from "@/components/dashboard/first-steps";
import { PostStatusBadge } from "@/components/posts/post-status-badge";
import { canManageLinks, canReviewPosts } from "@/lib/auth/permissions";
import { requireAdminPageUser } from "@/lib/auth/session";
import {
  CHART_WEEKS,
  TOP_SOURCES_DAYS,
  countDashboardPosts,
  countPostsPerWeek,
  getFirstSteps,
  listNextScheduled,
  listOwnDrafts,
  listTopSources,
} from "@/lib/dashboard/queries";
import { formatDateTime, formatDay } from "@/lib/format";
import { countDeadOrMovedLinks } from "@/lib/links/queries";
import { countPostsInReview } from "@/lib/posts/review";
import { getSiteTimeZone } from "@/lib/settings/queries";

export const metadata: Metadata = { title: "Dashboard" };

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

// GET /admin: the editors' desk: counts, this person's drafts, what is scheduled next, two charts; on a site with
// nothing published yet, the first steps instead of empty charts.
export default async function DashboardPage() {
  const user = await requireAdminPageUser("/admin");
  const now = new Date();
  const timeZone = await getSiteTimeZone();
  const [counts, drafts, scheduled, inReview, brokenLinks] = await Promise.all([
    countDashboardPosts(user, timeZone, now),
    listOwnDrafts(user),
    listNextScheduled(user, now),
    countPostsInReview(user),
    canManageLinks(user) ? countDeadOrMovedLinks(now) : 0,
  ]);
  const isNewSite = counts.published === 0;
  const [weeks, sources, firstSteps] = isNewSite
    ? [[], [], await getFirstSteps()]
    : await Promise.all([countPostsPerWeek(timeZone, now), listTopSources(now), null]);

  const stats: { label: string; value: number; href?: string }[] = [
    { label: "Published", value: counts.published, href: "/admin/posts?status=published" },
    { label: "Scheduled", value: counts.scheduled, href: "/admin/posts?status=scheduled" },
    { label: "Drafts waiting", value: counts.draftsWaiting, href: "/admin/posts?status=draft" },
    { label: "Published in the last 7 days", value: counts.lastSevenDays },
  ];
  const weekTotal = weeks.reduce((sum, week) => sum + week.count, 0);
  const busiest = weeks.reduce<(typeof weeks)[number] | null>((best, week) => (week.count > (best?.count ?? 0) ? week : best), null);

  return (
    <>
      <h1 className="page-heading">Dashboard</h1>
      <section aria-labelledby="counts-heading">
        <h2 id="counts-heading" className="visually-hidden">
          At a glance
        </h2>
        <dl className="stats">
          {stats.map((stat) => (
            <div key={stat.label} className="stats__item">
              <dt>{stat.label}</dt>
              {/* The link names its number ("3 drafts waiting"), not just "3". */}
              <dd>
                {stat.href ? (
                  <Link href={stat.href}>
                    {stat.value}
                    <span className="visually-hidden"> {stat.label.toLowerCase()}</span>
                  </Link>
                ) : (
                  stat.value
                )}
              </dd>
            </div>
          ))}
        </dl>
        {canReviewPosts(user) && (
          <p>
            <Link href="/admin/review">{inReview === 0 ? "Nothing waits for review" : `${plural(inReview, "post waits", "posts wait")} for review`}</Link>
          </p>
        )}
        {canManageLinks(user) && (
          <p>
            <Link href="/admin/links">
              {brokenLinks === 0 ? "No dead or moved links" : `${plural(brokenLinks, "dead or moved link", "dead or moved links")}`}
            </Link>
          </p>
        )}
      </section>

      {firstSteps && <FirstStepsChecklist actor={user} progress={firstSteps} />}

      <div className="dashboard-lists">
        {(!isNewSite || drafts.length > 0) && (
          <section aria-labelledby="drafts-heading">
            <h2 id="drafts-heading">Your drafts</h2>
            {drafts.length === 0 ? (
              <p className="empty">
                You have no drafts. <Link href="/admin/posts/new">Write a post</Link>
              </p>
            ) : (
              <ul className="dashboard-list">
                {drafts.map((post) => (
                  <li key={post.id}>
                    <Link href={`/admin/posts/${post.id}/edit`}>{post.title}</Link> <PostStatusBadge status={post.status} />{" "}
                    <small>
                      changed <time dateTime={post.updatedAt.toISOString()}>{formatDateTime(post.updatedAt, timeZone)}</time>
                    </small>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
        {(!isNewSite || scheduled.length > 0) && (
          <section aria-labelledby="scheduled-heading">
            <h2 id="scheduled-heading">Next scheduled</h2>
            {scheduled.length === 0 ? (
              <p className="empty">Nothing is scheduled.</p>
            ) : (
              <ul className="dashboard-list">
                {scheduled.map((post) => (
                  <li key={post.id}>
                    <Link href={`/admin/posts/${post.id}/edit`}>{post.title}</Link>{" "}
                    <small>
                      <time dateTime={post.publishedAt.toISOString()}>{formatDateTime(post.publishedAt, timeZone)}</time>
                      {post.author ? ` · ${post.author.name}` : ""}
                    </small>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
      </div>

      {!isNewSite && (
        <div className="dashboard-charts">
          <BarChart
            id="posts-per-week"
            layout="columns"
            title={`Posts per week, last ${CHART_WEEKS} weeks`}
            description={
              `${plural(weekTotal, "post", "posts")} published in the ${CHART_WEEKS} weeks from ${formatDay(weeks[0].start, timeZone)} to today` +
              (busiest ? `; the busiest week began ${formatDay(busiest.start, timeZone)}, with ${busiest.count}.` : ".")
            }
            headings={["Week beginning", "Posts"]}
            bars={weeks.map((week) => ({ label: formatDay(week.start, timeZone), value: week.count }))}
          />
          {sources.length === 0 ? (
            <p className="empty">No post with a source was published in the last {TOP_SOURCES_DAYS} days.</p>
          ) : (
            <BarChart
              id="top-sources"
              layout="rows"
              title={`Top sources, last ${TOP_SOURCES_DAYS} days`}
              description={`The ${plural(sources.length, "source", "sources")} with the most posts published in the last ${TOP_SOURCES_DAYS} days: ${sources
                .map((source) => `${source.name} (${source.count})`)
                .join(", ")}.`}
              headings={["Source", "Posts"]}
              bars={sources.map((source) => ({ label: source.name, value: source.count }))}
            />
          )}
        </div>
      )}
    </>
  );
}
