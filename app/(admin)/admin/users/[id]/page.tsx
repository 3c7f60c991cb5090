import Link from "next/link";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { AccessForms, DeleteUserForm, RoleForm } from "@/components/admin/user-actions";
import { ROLE_LABELS, STATUS_LABELS } from "@/components/admin/role-labels";
import { requireAdminPageUser } from "@/lib/auth/session";
import { getSiteTimeZone } from "@/lib/settings/queries";
import { formatDateTime } from "@/lib/format";
import { getUserForAdmin, listUserChoices } from "@/lib/users/queries";
import { TokenList } from "@/components/tokens/token-list";
import { listApiTokenRows } from "@/lib/tokens/queries";
import { revokeTokenAction } from "../../account/tokens/actions";
import { changeRoleAction, deleteUserAction, issueLinkAction, resetTwoFactorAction, setUserActiveAction, unlockUserAction } from "../actions";

export const metadata: Metadata = { title: "User" };

type Props = { params: Promise<{ id: string }> };

// GET /admin/users/<id>: one person's account and what an admin can do with it.
export default async function UserPage({ params }: Props) {
  const { id } = await params;
  const admin = await requireAdminPageUser(`/admin/users/${id}`, ["ADMIN"]);
  const timeZone = await getSiteTimeZone();
  const [user, choices, tokens] = await Promise.all([getUserForAdmin(id), listUserChoices(), listApiTokenRows(id)]);
  if (!user) notFound();
  const person = {
    id: user.id,
    name: user.name,
    role: user.role,
    status: user.status,
    twoFactor: user.twoFactor,
    isSelf: user.id === admin.id,
    postCount: user.postCount,
  };
  return (
    <>
      <p>
        <Link href="/admin/users">← All users</Link>
      </p>
      <h1 className="page-heading">
        {user.name}
        <small>
          {user.email} · {ROLE_LABELS[user.role as keyof typeof ROLE_LABELS] ?? user.role} ·{" "}
          <span className={`status status--${user.status}`}>{STATUS_LABELS[user.status]}</span>
        </small>
      </h1>
      <dl>
        <dt>Account created</dt>
        <dd>{formatDateTime(user.createdAt, timeZone)}</dd>
        <dt>Last sign-in</dt>
        <dd>{user.lastLoginAt ? formatDateTime(user.lastLoginAt, timeZone) : "Never"}</dd>
        {user.status === "locked" && user.lockedUntil && (
          <>
            <dt>Locked until</dt>
            <dd>{formatDateTime(user.lockedUntil, timeZone)}</dd>
          </>
        )}
        <dt>Two-factor authentication</dt>
        <dd>{user.twoFactor ? "On" : "Off"}</dd>
        <dt>Posts</dt>
        <dd>{user.postCount}</dd>
      </dl>
      <section aria-labelledby="role-heading">
        <h2 id="role-heading">Role</h2>
        <RoleForm person={person} action={changeRoleAction} />
      </section>
      <section aria-labelledby="access-heading">
        <h2 id="access-heading">Access</h2>
        <AccessForms
          person={person}
          actions={{ setActive: setUserActiveAction, unlock: unlockUserAction, issueLink: issueLinkAction, resetTwoFactor: resetTwoFactorAction }}
        />
        <DeleteUserForm person={person} owners={choices.filter((choice) => choice.id !== user.id)} action={deleteUserAction} />
      </section>
      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">API tokens</h2>
        <TokenList tokens={tokens} revoke={revokeTokenAction} caption={`API tokens of ${user.name}`} />
      </section>
    </>
  );
}
