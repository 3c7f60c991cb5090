"use client";

import { useId } from "react";
import { formRevisionFields } from "@/lib/posts/form-values";
import type { DraftCopy } from "@/lib/posts/draft";
import { compareRevisions } from "@/lib/posts/revision-diff";
import type { PostFormValues } from "@/lib/posts/schema";
import { RevisionComparison } from "./revision-comparison";

/** "10:42" today, "2 Dec, 10:42" on another day: in the editor's own clock, which is how they remember typing it. */
export function whenTyped(iso: string): string {
  const date = new Date(iso);
  const time = date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  return date.toDateString() === new Date().toDateString() ? time : `${date.toLocaleDateString(undefined, { day: "numeric", month: "short" })}, ${time}`;
}

type Props = {
  offer: DraftCopy;
  /** What the form showed when it opened, the other side of the comparison. */
  shown: PostFormValues;
  status: string;
  /** The post's version now; a copy typed on an older one will be refused as stale when saved. */
  version: number | null;
  /** The site's time zone, in which the form's publish date is typed. */
  timeZone: string;
  onRestore: () => void;
  onDiscard: () => void;
};

/** The offer to bring back text that was typed but never saved, with what it would change, field by field. */
export function DraftRestoreOffer({ offer, shown, status, version, timeZone, onRestore, onDiscard }: Props) {
  const headingId = useId();
  const movedOn = offer.baseVersion !== null && version !== null && offer.baseVersion < version;
  return (
    <section className="notice notice--success draft-offer" aria-labelledby={headingId}>
      <h2 id={headingId}>Restore unsaved changes from {whenTyped(offer.savedAt)}?</h2>
      <p>
        {offer.where === "browser" ? "This browser kept text you typed but did not save." : "The server kept an autosave of text you typed but did not save."}{" "}
        Restore puts it in the form as unsaved changes; nothing is saved until you save.
        {movedOn && ` The post has been saved since (version ${version}), so saving this text will be refused: copy what you need into the current version.`}
      </p>
      <RevisionComparison
        fields={compareRevisions(formRevisionFields(shown, status, timeZone), formRevisionFields(offer.values, status, timeZone), timeZone)}
      />
      <div className="button-row">
        <button type="button" className="button button--primary" onClick={onRestore}>
          Restore
        </button>
        <button type="button" className="button" onClick={onDiscard}>
          Discard
        </button>
      </div>
    </section>
  );
}
