import type { Role } from "@/lib/auth/permissions";

export const ROLE_LABELS: Record<Role, string> = { ADMIN: "Admin", EDITOR: "Editor", CONTRIBUTOR: "Contributor" };

export const STATUS_LABELS = { active: "Active", invited: "Invited", deactivated: "Deactivated", locked: "Locked" } as const;
