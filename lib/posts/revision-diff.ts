// A post's revisions compared field by field, word by word: pure, so the history page and its unit test share it.
import { diffWords } from "diff";
import { formatDateTime } from "@/lib/format";

/** What a revision keeps of a post: its editable fields and status, as that save left them. */
export type RevisionFields = {
  title: string;
  slug: string;
  externalUrl: string;
  viaUrl: string | null;
  sourceName: string | null;
  /** Tag names in the post's order, comma-separated as the form shows them. */
  tags: string;
  tldr: string;
  summary: string;
  commentary: string;
  status: string;
  publishedAt: Date | null;
};

/** The compared fields in the form's order, with the words the history shows for them. */
export const REVISION_FIELD_LABELS: Record<keyof RevisionFields, string> = {
  title: "Title",
  externalUrl: "External URL",
  viaUrl: "Via",
  sourceName: "Source",
  tags: "Tags",
  status: "Status",
  publishedAt: "Publish date",
  tldr: "TL;DR",
  summary: "Summary",
  commentary: "Commentary",
  slug: "Slug",
};

const REVISION_FIELDS = Object.keys(REVISION_FIELD_LABELS) as (keyof RevisionFields)[];

export type DiffSegment = { kind: "same" | "inserted" | "deleted"; text: string };
export type FieldComparison = { field: keyof RevisionFields; label: string; changed: boolean; segments: DiffSegment[] };

/** A field as text: an absent value is empty, a date is shown to the minute in the site's time zone. */
export function revisionFieldText(fields: RevisionFields, field: keyof RevisionFields, timeZone: string): string {
  const value = fields[field];
  if (value instanceof Date) return formatDateTime(value, timeZone);
  if (field === "status") return String(value).toLowerCase();
  return value ?? "";
}

/** Whether two revisions hold the same post: a save that changes none of these stores no revision. */
export function sameRevisionFields(a: RevisionFields, b: RevisionFields): boolean {
  return REVISION_FIELDS.every((field) => (field === "publishedAt" ? a.publishedAt?.getTime() === b.publishedAt?.getTime() : a[field] === b[field]));
}

/** Each field of `from` against `to`: unchanged fields as one "same" segment, changed ones as a word-level diff. */
export function compareRevisions(from: RevisionFields, to: RevisionFields, timeZone: string): FieldComparison[] {
  return REVISION_FIELDS.map((field) => {
    const [before, after] = [revisionFieldText(from, field, timeZone), revisionFieldText(to, field, timeZone)];
    const label = REVISION_FIELD_LABELS[field];
    const changed = field === "publishedAt" ? from.publishedAt?.getTime() !== to.publishedAt?.getTime() : before !== after;
    if (!changed) return { field, label, changed, segments: before ? [{ kind: "same", text: before }] : [] };
    const segments = diffWords(before, after).map((part): DiffSegment => ({
      kind: part.added ? "inserted" : part.removed ? "deleted" : "same",
      text: part.value,
    }));
    return { field, label, changed, segments };
  });
}
