import type { FieldComparison } from "@/lib/posts/revision-diff";

/**
 * Two revisions field by field. Insertions and deletions are <ins>/<del> with a spoken "inserted:"/"deleted:" (screen
 * readers do not announce the elements themselves), coloured and struck through for sighted readers.
 */
export function RevisionComparison({ fields }: { fields: FieldComparison[] }) {
  const changed = fields.filter((field) => field.changed);
  const unchanged = fields.filter((field) => !field.changed);
  return (
    <>
      {changed.length === 0 ? (
        <p>These two versions hold the same text.</p>
      ) : (
        <dl className="revision-diff">
          {changed.map((field) => (
            <div key={field.field}>
              <dt>{field.label}</dt>
              <dd>
                {field.segments.map((segment, index) =>
                  segment.kind === "inserted" ? (
                    <ins key={index}>
                      <span className="visually-hidden">inserted: </span>
                      {segment.text}
                    </ins>
                  ) : segment.kind === "deleted" ? (
                    <del key={index}>
                      <span className="visually-hidden">deleted: </span>
                      {segment.text}
                    </del>
                  ) : (
                    <span key={index}>{segment.text}</span>
                  ),
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {unchanged.length > 0 && <p className="muted">Unchanged: {unchanged.map((field) => field.label).join(", ")}.</p>}
    </>
  );
}
