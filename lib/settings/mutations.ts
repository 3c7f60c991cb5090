import "server-only";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { canManageSettings, type Actor } from "@/lib/auth/permissions";
import { recordAudit, type AuditActor } from "@/lib/audit/mutations";
import { getSiteSettings } from "./queries";
import { SITE_SETTING_KEYS, type SiteSettings } from "./schema";

/** Saves the site settings (admins only) and records which ones changed in the audit log, in one transaction. */
export async function updateSiteSettings(actor: Actor & NonNullable<AuditActor>, input: SiteSettings): Promise<{ changed: (keyof SiteSettings)[] }> {
  if (!canManageSettings(actor)) throw new AppError("FORBIDDEN", "Only admins can change the site settings.");
  const before = await getSiteSettings();
  const changed = (Object.keys(SITE_SETTING_KEYS) as (keyof SiteSettings)[]).filter((field) => before[field] !== input[field]);
  await prisma.$transaction(async (tx) => {
    for (const field of Object.keys(SITE_SETTING_KEYS) as (keyof SiteSettings)[]) {
      const key = SITE_SETTING_KEYS[field];
      const value = String(input[field] ?? "");
      await tx.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
    }
    await recordAudit(
      {
        actor,
        action: "settings.update",
        target: { type: "settings", label: "Site settings" },
        details: { changed: Object.fromEntries(changed.map((field) => [field, { from: before[field], to: input[field] }])) },
      },
      tx,
    );
  });
  return { changed };
}
