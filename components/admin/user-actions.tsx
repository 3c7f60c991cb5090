"use client";

import { useActionState, useState } from "react";
import { Field } from "@/components/ui/field";
import { FormNotice } from "@/components/ui/form-notice";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { ActionState, FormAction } from "@/lib/action-state";
import type { IssuedLinkState, UserStatus } from "@/lib/users/schema";
import { IssuedLink } from "./issued-link";
import { LabelledOptions, ROLE_LABELS } from "./role-labels";

type Person = { id: string; name: string; role: string; status: UserStatus; twoFactor: boolean; isSelf: boolean; postCount: number };

const idle: ActionState = { status: "idle" };
const idleLink: IssuedLinkState = { status: "idle" };

/** Change the role. */
export function RoleForm({ person, action }: { person: Person; action: FormAction<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, idle);
  return (
    <form action={formAction} aria-label="Role">
      <FormNotice state={state} />
      <input type="hidden" name="userId" value={person.id} />
      <Field label="Role" name="role">
        {(props) => (
          <select className="input" {...props} defaultValue={person.role}>
            <LabelledOptions labels={ROLE_LABELS} />
          </select>
        )}
      </Field>
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Saving…" : "Change role"}
      </button>
    </form>
  );
}

type AccessActions = {
  setActive: FormAction<ActionState>;
  unlock: FormAction<ActionState>;
  issueLink: FormAction<IssuedLinkState>;
  resetTwoFactor: FormAction<ActionState>;
};

/** Deactivate or reactivate, unlock, and the one-time links, as fits the person's status. */
export function AccessForms({ person, actions }: { person: Person; actions: AccessActions }) {
  const [activeState, activeAction, activePending] = useActionState(actions.setActive, idle);
  const [unlockState, unlockAction, unlockPending] = useActionState(actions.unlock, idle);
  const [linkState, linkAction, linkPending] = useActionState(actions.issueLink, idleLink);
  const [twoFactorState, twoFactorAction, twoFactorPending] = useActionState(actions.resetTwoFactor, idle);
  // The notices sit outside the forms: a form that no longer fits the new status disappears with its success.
  return (
    <div role="group" aria-label="Access">
      {[unlockState, linkState, twoFactorState, activeState].map((state, index) => (
        <FormNotice key={index} state={state} />
      ))}
      {linkState.issued && <IssuedLink issued={linkState.issued} label={person.status === "invited" ? "Invitation link" : "Password-reset link"} />}
      {person.status === "locked" && (
        <form action={unlockAction} aria-label="Unlock">
          <input type="hidden" name="userId" value={person.id} />
          <button className="button" type="submit" disabled={unlockPending}>
            Unlock account
          </button>
        </form>
      )}
      {person.status !== "deactivated" && (
        <form action={linkAction} aria-label="One-time link">
          <input type="hidden" name="userId" value={person.id} />
          <input type="hidden" name="kind" value={person.status === "invited" ? "invite" : "reset"} />
          <button className="button" type="submit" disabled={linkPending}>
            {person.status === "invited" ? "Create a new invitation link" : "Create a password-reset link"}
          </button>
        </form>
      )}
      {person.twoFactor && (
        <form action={twoFactorAction} aria-label="Two-factor authentication">
          <input type="hidden" name="userId" value={person.id} />
          <button className="button" type="submit" disabled={twoFactorPending}>
            Turn off their two-factor authentication
          </button>
        </form>
      )}
      {!person.isSelf && (
        <form action={activeAction} aria-label="Deactivate or reactivate">
          <input type="hidden" name="userId" value={person.id} />
          {person.status === "deactivated" ? (
            <button className="button" type="submit" name="intent" value="reactivate" disabled={activePending}>
              Reactivate account
            </button>
          ) : (
            <button className="button button--danger" type="submit" name="intent" value="deactivate" disabled={activePending}>
              Deactivate account
            </button>
          )}
        </form>
      )}
    </div>
  );
}

/** Delete, with a confirmation step that asks who keeps the posts. */
export function DeleteUserForm({
  person,
  owners,
  action,
}: {
  person: Person;
  owners: { id: string; name: string; email: string }[];
  action: FormAction<ActionState<{ newOwnerId: string }>>;
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as ActionState<{ newOwnerId: string }>);
  const [confirming, setConfirming] = useState(false);
  const hydrated = useHydrated();
  if (person.isSelf) return null;
  if (!confirming)
    return (
      <button type="button" className="button button--danger" onClick={() => setConfirming(true)} disabled={!hydrated}>
        Delete account…
      </button>
    );
  return (
    <form action={formAction} className="confirm" aria-label="Confirm deletion" noValidate>
      <FormNotice state={state} />
      <p>
        Delete {person.name}&apos;s account for good? Their {person.postCount} {person.postCount === 1 ? "post stays" : "posts stay"} on the site under the
        person you choose.
      </p>
      <input type="hidden" name="userId" value={person.id} />
      <Field label="Keep the posts under" name="newOwnerId" errors={state.fieldErrors?.newOwnerId}>
        {(props) => (
          <select className="input" {...props} defaultValue={state.values?.newOwnerId ?? ""} required>
            <option value="">Choose a person…</option>
            {owners.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.name} ({owner.email})
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className="button button--danger-solid" disabled={pending}>
        {pending ? "Deleting…" : "Yes, delete this account"}
      </button>
      <button type="button" className="button" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </form>
  );
}
