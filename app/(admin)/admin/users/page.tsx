import Link from "next/link";
import type { Metadata } from "next";
import { InviteForm } from "@/components/admin/invite-form";
import { LabelledOptions, ROLE_LABELS, STATUS_LABELS } from "@/components/admin/role-labels";
import { TwoFactorPolicyForm } from "@/components/admin/two-factor-policy-form";
import { twoFactorRequiredRoles } from "@/lib/auth/two-factor";
import { requireAdminPageUser } from "@/lib/auth/session";
import { getSiteTimeZone } from "@/lib/settings/queries";
import { formatDateTime } from "@/lib/format";
import { listUsers } from "@/lib/users/queries";
import { userListQuerySchema } from "@/lib/users/schema";
import { DataTable } from "@/components/ui/data-table";
import { inviteUserAction, setTwoFactorPolicyAction } from "./actions";

export const metadata: Metadata = { title: "Users" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// GET /admin/users: everyone with an account, filtered by role and status; invitations; the two-factor requirement.
export default async function UsersPage({ searchParams }: Props) {
  await requireAdminPageUser("/admin/users", ["ADMIN"]);
  const timeZone = await getSiteTimeZone();
  const raw = await searchParams;
  const query = userListQuerySchema.parse({ role: raw.role, status: raw.status });
  const [users, requiredRoles] = await Promise.all([listUsers(query), twoFactorRequiredRoles()]);
  return (
    <>
      <h1 className="page-heading">Users</h1>
      {raw.deleted && (
        <div className="notice notice--success" role="status">
          <p>The account was deleted; its posts were kept.</p>
        </div>
      )}
      <form className="admin-toolbar" role="search" aria-label="Filter users">
        <div className="field">
          <label htmlFor="filter-role">Role</label>
          <select className="input" id="filter-role" name="role" defaultValue={query.role ?? ""}>
            <LabelledOptions labels={ROLE_LABELS} any="Any role" />
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-status">Status</label>
          <select className="input" id="filter-status" name="status" defaultValue={query.status ?? ""}>
            <LabelledOptions labels={STATUS_LABELS} any="Any status" />
          </select>
        </div>
        <button className="button" type="submit">
          Filter
        </button>
      </form>
      {users.length === 0 ? (
        <p className="empty">Nobody matches these filters.</p>
      ) : (
        <DataTable caption="People with an account" columns={["Name", "Email", "Role", "Status", "Two-factor", "Last sign-in"]}>
          {users.map((user) => (
            <tr key={user.id}>
              <td>
                <Link href={`/admin/users/${user.id}`}>{user.name}</Link>
              </td>
              <td>{user.email}</td>
              <td>{ROLE_LABELS[user.role as keyof typeof ROLE_LABELS] ?? user.role}</td>
              <td>
                <span className={`status status--${user.status}`}>{STATUS_LABELS[user.status]}</span>
              </td>
              <td>{user.twoFactor ? "On" : "Off"}</td>
              <td>{user.lastLoginAt ? <time dateTime={user.lastLoginAt.toISOString()}>{formatDateTime(user.lastLoginAt, timeZone)}</time> : "Never"}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <section aria-labelledby="invite-heading">
        <h2 id="invite-heading">Invite someone</h2>
        <InviteForm action={inviteUserAction} />
      </section>
      <section aria-labelledby="policy-heading">
        <h2 id="policy-heading">Sign-in policy</h2>
        <TwoFactorPolicyForm required={requiredRoles.length > 0} action={setTwoFactorPolicyAction} />
      </section>
    </>
  );
}
