// Every model's table in the order a restore inserts them: each after the tables its foreign keys point at, so the
// rows go in with foreign keys enforced. tests/integration/backup.test.ts fails when a model is missing here or
// comes before a table it references; the search index tables are not listed because triggers rebuild them.

export type BackupTable = {
  /** The Prisma model (and table) name. */
  model: string;
  /** The primary key's fields, in order: the backup reads each table in pages along it. */
  key: string[];
  /** Columns the app's client leaves out by default that a backup must keep. */
  reveal?: Record<string, false>;
  /** Rows that mean nothing outside the running instances (they are pruned within the hour): listed, never copied. */
  transient?: true;
};

export const BACKUP_TABLES: readonly BackupTable[] = [
  { model: "User", key: ["id"], reveal: { passwordHash: false, totpSecret: false } },
  { model: "Source", key: ["id"] },
  { model: "Tag", key: ["id"] },
  { model: "Setting", key: ["key"] },
  // Cross-instance cache invalidations: a restored site starts with empty caches, and copied rows would hold
  // PostgreSQL's sequence behind their numbers.
  { model: "CacheInvalidation", key: ["seq"], transient: true },
  { model: "RateLimiterFlexible", key: ["key"] },
  { model: "Capture", key: ["id"] },
  { model: "UserToken", key: ["id"] },
  { model: "ApiToken", key: ["id"] },
  { model: "IndieAuthCode", key: ["id"] },
  { model: "RecoveryCode", key: ["id"] },
  { model: "AuditLog", key: ["id"] },
  { model: "ImportJob", key: ["id"] },
  { model: "Session", key: ["id"] },
  { model: "Post", key: ["id"] },
  { model: "PostRevision", key: ["id"] },
  { model: "PostTag", key: ["postId", "tagId"] },
  { model: "PostNote", key: ["id"] },
  { model: "Notice", key: ["id"] },
  { model: "PreviewLink", key: ["id"] },
  { model: "SlugRedirect", key: ["id"] },
  // Queued work travels too: a restored site still fires its scheduled posts' events and finishes its imports.
  { model: "Job", key: ["id"] },
  { model: "Webhook", key: ["id"], reveal: { secret: false, previousSecret: false } },
  { model: "WebhookDelivery", key: ["id"] },
  { model: "Webmention", key: ["id"] },
  { model: "LinkCheck", key: ["id"] },
];
