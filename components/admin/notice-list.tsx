"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormNotice } from "@/components/ui/form-notice";
import { idleState, type ActionState, type FormAction } from "@/lib/action-state";

/** A notice as the list shows it, its words and date already written. */
export type NoticeRow = { id: string; text: string; href: string | null; when: string; whenText: string; unread: boolean };

/** The signed-in person's notices, each with "Mark as read", and one button for all of them. */
export function NoticeList({ rows, action }: { rows: NoticeRow[]; action: FormAction<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, idleState as ActionState);
  const unread = rows.filter((row) => row.unread).length;
  return (
    <>
      <FormNotice state={state} />
      {unread > 1 && (
        <form action={formAction}>
          <button className="button" type="submit" disabled={pending}>
            Mark all as read
          </button>
        </form>
      )}
      <ul className="notice-list">
        {rows.map((row) => (
          <li key={row.id}>
            <p className="review-thread__meta">
              {row.unread && <strong>New: </strong>}
              {row.text} <time dateTime={row.when}>{row.whenText}</time>
            </p>
            {row.href && <Link href={row.href}>Open the post</Link>}
            {row.unread && (
              <form action={formAction}>
                <input type="hidden" name="noticeId" value={row.id} />
                <button className="button" type="submit" disabled={pending}>
                  Mark as read<span className="visually-hidden">: {row.text}</span>
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
