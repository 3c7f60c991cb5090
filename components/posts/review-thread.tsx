import { formatDateTime } from "@/lib/format";

export type ReviewNote = { id: string; kind: string; body: string; authorLabel: string; createdAt: Date };

const KIND_WORDS: Record<string, string> = { SUBMIT: "submitted it for review", RETURN: "returned it to the author" };

/** A post's review thread, oldest first: who submitted or returned it, when, and what they wrote. */
export function ReviewThread({ notes, timeZone, children }: { notes: ReviewNote[]; timeZone: string; children?: React.ReactNode }) {
  if (notes.length === 0 && !children) return null;
  return (
    <section className="review-thread" aria-labelledby="review-thread-heading">
      <h2 id="review-thread-heading">Review notes</h2>
      {notes.length > 0 && (
        <ol>
          {notes.map((note) => (
            <li key={note.id}>
              <p className="review-thread__meta">
                <strong>{note.authorLabel}</strong> {KIND_WORDS[note.kind] ?? "wrote"} ·{" "}
                <time dateTime={note.createdAt.toISOString()}>{formatDateTime(note.createdAt, timeZone)}</time>
              </p>
              {note.body ? <p className="review-thread__body">{note.body}</p> : <p className="field__hint">No note.</p>}
            </li>
          ))}
        </ol>
      )}
      {children}
    </section>
  );
}
