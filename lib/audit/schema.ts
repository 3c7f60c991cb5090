import { z } from "zod";

/** Every action the app writes to the audit log, with the words the log page shows for it. */
export const AUDIT_ACTIONS = {
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.lockout": "Account locked after failed sign-ins",
  "auth.address_throttled": "Address paused after failed sign-ins",
  "auth.sign_out": "Signed out",
  "session.revoke": "Signed out other sessions",
  "user.setup_owner": "Owner account created",
  "user.invite": "Invited",
  "user.invite_accept": "Accepted invitation",
  "user.role_change": "Role changed",
  "user.deactivate": "Deactivated",
  "user.reactivate": "Reactivated",
  "user.unlock": "Unlocked",
  "user.delete": "Deleted account",
  "user.profile_change": "Changed name or email",
  "user.password_change": "Changed password",
  "user.password_reset_link": "Password-reset link issued",
  "user.password_reset_requested": "Password reset requested by email",
  "user.password_reset": "Password reset",
  "two_factor.enable": "Two-factor turned on",
  "two_factor.disable": "Two-factor turned off",
  "two_factor.recovery_codes": "New recovery codes",
  "token.create": "Created API token",
  "token.revoke": "Revoked API token",
  "settings.two_factor_policy": "Two-factor requirement changed",
  "settings.update": "Changed site settings",
  "post.submit": "Submitted post for review",
  "post.return": "Returned post to its author",
  "post.publish": "Published post",
  "post.schedule": "Scheduled post",
  "post.unpublish": "Unpublished post",
  "post.edit": "Edited post (bulk action)",
  "post.delete": "Moved post to the trash",
  "post.restore": "Restored post from the trash",
  "post.purge": "Deleted post for good",
  "post.publish_on_schedule": "Published on schedule",
  "post.preview_link_create": "Created preview link",
  "post.preview_link_revoke": "Revoked preview link",
  "post.import": "Imported posts",
  "post.export": "Exported posts",
  "tag.create": "Created tag",
  "tag.rename": "Renamed tag",
  "tag.merge": "Merged tag into another",
  "tag.delete": "Deleted tag",
  "source.create": "Created source",
  "source.update": "Edited source",
  "source.merge": "Merged source into another",
  "source.delete": "Deleted source",
  "job.retry": "Retried background job",
  "job.discard": "Discarded background job",
  "webhook.create": "Added webhook",
  "webhook.update": "Changed webhook URL or events",
  "webhook.disable": "Disabled webhook",
  "webhook.enable": "Enabled webhook",
  "webhook.rotate_secret": "Rotated webhook secret",
  "webhook.delete": "Deleted webhook",
  "webhook.test": "Sent webhook test event",
  "webhook.resend": "Resent webhook delivery",
} as const;

/** An action the audit log knows; recordAudit takes only these, so nothing is written without its label. */
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const AUDIT_PAGE_SIZE = 50;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
  .optional()
  .catch(undefined);

// Filters come from the URL, so anything odd is dropped rather than refused.
export const auditQuerySchema = z.object({
  actor: z.string().trim().min(1).max(64).optional().catch(undefined),
  action: z.string().trim().min(1).max(64).optional().catch(undefined),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
