import type { Role } from "@/lib/auth/permissions";

export const ROLE_LABELS: Record<Role, string> = { ADMIN: "Admin", EDITOR: "Editor", CONTRIBUTOR: "Contributor" };

export const STATUS_LABELS = { active: "Active", invited: "Invited", deactivated: "Deactivated", locked: "Locked" } as const;

/** The <option>s of a select, from value → label pairs, after an optional "any" choice with an empty value. */
export function LabelledOptions({ labels, any }: { labels: Record<string, string>; any?: string }) {
  return (
    <>
      {any && <option value="">{any}</option>}
      {Object.entries(labels).map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </>
  );
}
