import type { PostFormValues } from "@/lib/posts/schema";

const FIELDS: [keyof PostFormValues, string][] = [
  ["title", "Title"],
  ["externalUrl", "External URL"],
  ["source", "Source"],
  ["tags", "Tags"],
  ["tldr", "TL;DR"],
  ["summary", "Summary"],
  ["commentary", "Commentary"],
  ["publishedAt", "Publish date (UTC)"],
  ["slug", "Slug"],
  ["via", "Via"],
];

/** A post its author may read but not change (it is in review): its fields as text, with why it is locked. */
export function LockedPost({ values, notice }: { values: PostFormValues; notice: string }) {
  return (
    <>
      <div className="notice" role="status">
        <p>{notice}</p>
      </div>
      <dl className="locked-post">
        {FIELDS.map(([name, label]) => (
          <div key={name}>
            <dt>{label}</dt>
            <dd>{values[name] || "—"}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
