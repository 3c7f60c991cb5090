"use client";

import { useActionState } from "react";
import { CopyField } from "@/components/ui/copy-field";
import { DataTable } from "@/components/ui/data-table";
import { Field } from "@/components/ui/field";
import { FormNotice } from "@/components/ui/form-notice";
import type { ActionState, FormAction } from "@/lib/action-state";
import { DEFAULT_PREVIEW_DAYS, PREVIEW_DURATION_CHOICES, type PreviewLinkRow, type PreviewLinkState } from "@/lib/previews/schema";

const idle = { status: "idle" } as const;
const when = (iso: string) => `${iso.replace("T", " ").slice(0, 16)} UTC`;
const dayLabel = (days: string) => (days === "1" ? "1 day" : `${days} days`);

/** The link just made, to copy: only its hash is kept, so it is never shown again. */
function IssuedLink({ issued }: { issued: NonNullable<PreviewLinkState["issued"]> }) {
  const hint = `Anyone with this link sees the post until ${when(issued.expiresAt)}, without signing in. Copy it now: it is not shown again.`;
  return <CopyField label="Preview link" value={issued.href} hint={hint} />;
}

type Props = {
  postId: string;
  /** False once readers can see the post: its own address is the one to share then. */
  canCreate: boolean;
  links: PreviewLinkRow[];
  actions: { create: FormAction<PreviewLinkState>; revoke: FormAction<ActionState> };
};

/** "Share preview" on the edit page: make a secret link to the post as it will look, and list and revoke the live ones. */
export function PreviewLinks({ postId, canCreate, links, actions }: Props) {
  const [created, create, creating] = useActionState(actions.create, idle);
  // One state for all rows: a revoked row disappears, its notice must not.
  const [revoked, revoke, revoking] = useActionState(actions.revoke, idle);
  return (
    <section className="preview-links" aria-labelledby="preview-links-heading">
      <h2 id="preview-links-heading">Share preview</h2>
      {canCreate ? (
        <form action={create} noValidate aria-label="Share a preview">
          <p>A secret link shows this post as it will look on the site to anyone who has it, without signing in. Search engines are asked not to index it.</p>
          <FormNotice state={created} />
          {created.issued && <IssuedLink issued={created.issued} />}
          <input type="hidden" name="postId" value={postId} />
          <Field label="Link works for" name="days" errors={created.fieldErrors?.days}>
            {(props) => (
              // The key makes the select take the echoed choice after a refusal (defaultValue is read once).
              <select className="input" {...props} key={created.values?.days} defaultValue={created.values?.days || DEFAULT_PREVIEW_DAYS}>
                {PREVIEW_DURATION_CHOICES.map((days) => (
                  <option key={days} value={days}>
                    {dayLabel(days)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button className="button" type="submit" disabled={creating}>
            {creating ? "Making the link…" : "Share preview"}
          </button>
        </form>
      ) : (
        <p>Readers can see this post now: share its own address. Links made before it was public lead to it until they expire or are revoked.</p>
      )}
      <FormNotice state={revoked} />
      {links.length > 0 && (
        <DataTable
          caption="Live preview links"
          columns={[
            "Made",
            "By",
            "Expires",
            <span key="action" className="visually-hidden">
              Action
            </span>,
          ]}
        >
          {links.map((link) => (
            <tr key={link.id}>
              <td>{when(link.createdAt)}</td>
              <td>{link.createdBy ?? "A former account"}</td>
              <td>{when(link.expiresAt)}</td>
              <td>
                <form action={revoke}>
                  <input type="hidden" name="linkId" value={link.id} />
                  <button className="button button--danger" type="submit" disabled={revoking} aria-label={`Revoke the link made ${when(link.createdAt)}`}>
                    Revoke
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
