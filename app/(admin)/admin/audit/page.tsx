import Link from "next/link";
import type { Metadata } from "next";
import { LabelledOptions } from "@/components/admin/role-labels";
import { requireAdminPageUser } from "@/lib/auth/session";
import { listAuditEntries } from "@/lib/audit/queries";
import { AUDIT_ACTIONS, auditQuerySchema, type AuditQuery } from "@/lib/audit/schema";
import { listUserChoices } from "@/lib/users/queries";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Audit log" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function pageHref(query: AuditQuery, page: number): string {
  const params = new URLSearchParams();
  for (const key of ["actor", "action", "from", "to"] as const) if (query[key]) params.set(key, query[key]);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `/admin/audit?${search}` : "/admin/audit";
}

function describeDetails(details: string | null): string {
  if (!details) return "";
  try {
    return Object.entries(JSON.parse(details) as Record<string, unknown>)
      .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
      .join(", ");
  } catch {
    return details;
  }
}

const utc = (date: Date) => `${date.toISOString().replace("T", " ").slice(0, 19)} UTC`;

// GET /admin/audit: who did what, when and from where; filtered by person, action and day; newest first.
export default async function AuditPage({ searchParams }: Props) {
  await requireAdminPageUser("/admin/audit", ["ADMIN"]);
  const raw = await searchParams;
  const query = auditQuerySchema.parse({
    actor: raw.actor || undefined,
    action: raw.action || undefined,
    from: raw.from || undefined,
    to: raw.to || undefined,
    page: raw.page,
  });
  const [result, people] = await Promise.all([listAuditEntries(query), listUserChoices()]);
  return (
    <>
      <h1 className="page-heading">Audit log</h1>
      <form className="admin-toolbar" role="search" aria-label="Filter the audit log">
        <div className="field">
          <label htmlFor="audit-actor">Person</label>
          <select className="input" id="audit-actor" name="actor" defaultValue={query.actor ?? ""}>
            <option value="">Anyone</option>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name} ({person.email})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-action">Action</label>
          <select className="input" id="audit-action" name="action" defaultValue={query.action ?? ""}>
            <LabelledOptions labels={AUDIT_ACTIONS} any="Any action" />
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">From (UTC day)</label>
          <input className="input" id="audit-from" name="from" type="date" defaultValue={query.from} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">To (UTC day)</label>
          <input className="input" id="audit-to" name="to" type="date" defaultValue={query.to} />
        </div>
        <button className="button" type="submit">
          Filter
        </button>
      </form>
      <p className="field__hint">
        {result.total} {result.total === 1 ? "entry" : "entries"}
      </p>
      {result.items.length === 0 ? (
        <p className="empty">No entries match these filters.</p>
      ) : (
        <DataTable caption="Audit log entries" columns={["When", "Who", "What", "Target", "Address", "Details"]}>
          {result.items.map((entry) => (
            <tr key={entry.id}>
              <td>
                <time dateTime={entry.createdAt.toISOString()}>{utc(entry.createdAt)}</time>
              </td>
              <td>{entry.actor?.name ?? entry.actorLabel ?? "Anonymous"}</td>
              <td>{AUDIT_ACTIONS[entry.action as keyof typeof AUDIT_ACTIONS] ?? entry.action}</td>
              <td>{entry.targetLabel ?? "—"}</td>
              <td>{entry.ip ?? "—"}</td>
              <td>{describeDetails(entry.details)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {result.pageCount > 1 && (
        <nav className="pagination" aria-label="Audit log pages">
          {result.page > 1 ? (
            <Link className="button" rel="prev" href={pageHref(query, result.page - 1)}>
              ← Newer entries
            </Link>
          ) : (
            <span />
          )}
          <span className="pagination__status">
            Page {result.page} of {result.pageCount}
          </span>
          {result.page < result.pageCount ? (
            <Link className="button" rel="next" href={pageHref(query, result.page + 1)}>
              Older entries →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </>
  );
}
