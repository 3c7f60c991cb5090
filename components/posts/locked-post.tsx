import { POST_FIELD_LABELS, type PostFormValues } from "@/lib/posts/schema";

/**
 * A post its author may read but not change (it is in review): its fields as text, with why it is locked. The publish
 * date is a wall time in the site's time zone, named beside it.
 */
export function LockedPost({ values, notice, timeZone }: { values: PostFormValues; notice: string; timeZone: string }) {
  return (
    <>
      <div className="notice" role="status">
        <p>{notice}</p>
      </div>
      <dl className="locked-post">
        {POST_FIELD_LABELS.map(([name, label]) => (
          <div key={name}>
            <dt>{name === "publishedAt" ? `${label} (${timeZone})` : label}</dt>
            <dd>{values[name] || "—"}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
