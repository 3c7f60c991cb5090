import Link from "next/link";
import { canImport, canManageSettings, canManageUsers, type Actor } from "@/lib/auth/permissions";
import type { FirstSteps as Progress } from "@/lib/dashboard/queries";

type Step = { label: string; href: string; done: boolean };

/** The first steps this person may take on a new site, each with whether someone has taken it. */
export function firstStepsFor(actor: Actor, progress: Progress): Step[] {
  return [
    { label: "Write your first post", href: "/admin/posts/new", done: progress.hasPost },
    ...(canImport(actor) ? [{ label: "Import posts from files or bookmarks", href: "/admin/import", done: progress.hasImported }] : []),
    ...(canManageUsers(actor) ? [{ label: "Invite the people who write with you", href: "/admin/users", done: progress.hasOtherUser }] : []),
    ...(canManageSettings(actor) ? [{ label: "Name the site and choose its time zone", href: "/admin/settings", done: progress.hasSavedSettings }] : []),
  ];
}

/** A new site's checklist, shown on the dashboard until the first post is published. */
export function FirstStepsChecklist({ actor, progress }: { actor: Actor; progress: Progress }) {
  return (
    <section className="first-steps" aria-labelledby="first-steps-heading">
      <h2 id="first-steps-heading">First steps</h2>
      <p>Nothing is published yet. These get a new site going:</p>
      <ol>
        {firstStepsFor(actor, progress).map((step) => (
          <li key={step.href} className={step.done ? "first-steps__done" : undefined}>
            <span aria-hidden="true">{step.done ? "✓" : "○"}</span> <Link href={step.href}>{step.label}</Link>{" "}
            <span className="first-steps__state">{step.done ? "(done)" : "(to do)"}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
