import "server-only";
// The importer's writer: checked files are written in batches, new posts with multi-row INSERTs in raw SQL, each
// file all-or-nothing.
import { setImmediate as nextTick } from "node:timers/promises";
import { randomBytes } from "node:crypto";
import { Prisma, prisma, startingWith, type DbTransaction } from "@/lib/db";
import { databaseProvider } from "@/lib/database-url";
import { AppError, isAppError, uniqueViolationTarget } from "@/lib/errors";
import { canImport, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/mutations";
import { POST_FILE_COLUMNS, type PostFileColumns } from "@/lib/export/link-posts";
import { recordRevisions } from "@/lib/posts/revisions";
import { releaseSlug } from "@/lib/redirects/mutations";
import { firstFreeSlug } from "@/lib/slug";
import { postSlugBase } from "@/lib/posts/rules";
import { termLookup, type NamedTerm } from "@/lib/taxonomy/schema";
import { diffPost, newPostState, updateColumns, type ExistingPost, type ImportItem, type NamedSlug, type PlannedPost } from "./plan";
import type { ItemSource } from "./read";
import { emptyCounts, type ImportOptions, type ImportReport, type OutcomeCounts, type ReportRow } from "./schema";

/** Who imports: a signed-in editor or admin, or null for the command line on a database that has no accounts yet. */
export type ImportActor = (Actor & { name?: string; email?: string }) | null;

export type ImportProgress = { processed: number; total: number; counts: OutcomeCounts };

export type ImportHooks = {
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
  /** Files per transaction; each file stays all-or-nothing because it was fully checked before the batch began. */
  batchSize?: number;
  /** Shown in the audit log, e.g. the file or folder name. */
  label?: string;
  now?: () => Date;
};

const DEFAULT_BATCH_SIZE = 500;
// Parsing is CPU work: hand the event loop back this often so a server keeps answering during an import.
const PARSE_SLICE = 25;
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 180_000 };

const EXISTING_SELECT = {
  ...POST_FILE_COLUMNS,
  id: true,
  canonicalUrl: true,
  version: true,
  source: { select: { slug: true } },
  tags: { select: { tag: { select: { slug: true } } }, orderBy: { position: "asc" } },
} as const;

type Planned = Extract<ImportItem, { ok: true }>;
type Decision =
  { kind: "create"; item: Planned } | { kind: "update"; item: Planned; existing: ExistingPost; fields: string[] } | { kind: "row"; row: ReportRow };

/** Why a file was not applied although a post for its article exists. */
function duplicateReason(existing: ExistingPost, fields: string[]): string {
  return `a post for this article already exists (“${existing.title}”); it differs in ${fields.join(", ")}. Import with “update existing posts” to apply the file`;
}

function warningsOf(item: Planned): { warnings?: string[] } {
  return item.warnings.length ? { warnings: item.warnings } : {};
}

type PostRow = PostFileColumns & {
  id: string;
  slug: string;
  canonicalUrl: string;
  sourceId: string | null;
  authorId: string | null;
  updatedById: string | null;
  createdAt: Date;
  updatedAt: Date;
};
type PostTagRow = { postId: string; tagId: string; position: number };

// Rows per INSERT statement: SQLite takes at most 999 bound values (19 bound columns × 50 rows = 950; the version is a literal).
const ROWS_PER_INSERT = 50;
let idCounter = 0;

/** A collision-resistant id in the style of Prisma's cuid() (time, counter, randomness), made here for bulk inserts. */
function newId(): string {
  idCounter = (idCounter + 1) % 1_679_616;
  return `c${Date.now().toString(36)}${idCounter.toString(36).padStart(4, "0")}${randomBytes(5).toString("hex")}`;
}

function chunks<T>(rows: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
}

async function insertPostTags(tx: DbTransaction, rows: PostTagRow[]): Promise<void> {
  for (const chunk of chunks(rows, ROWS_PER_INSERT * 6)) {
    await tx.$executeRaw`INSERT INTO "PostTag" ("postId", "tagId", "position") VALUES ${Prisma.join(chunk.map((r) => Prisma.sql`(${r.postId}, ${r.tagId}, ${r.position})`))}`;
  }
}

/**
 * New posts and their tag links as multi-row INSERTs: Prisma's createMany costs about three times as much per row,
 * which decides whether 10,000 files take 5 or 15 seconds. Every value was checked when the file was planned.
 */
async function insertPostsWithTags(tx: DbTransaction, posts: PostRow[], postTags: PostTagRow[]): Promise<void> {
  if (posts.length === 0) return;
  const insertPosts = async (withText: boolean) => {
    for (const chunk of chunks(posts, ROWS_PER_INSERT)) {
      const values = chunk.map((p) => {
        const [title, tldr, summary, commentary] = withText ? [p.title, p.tldr, p.summary, p.commentary] : ["", "", "", ""];
        return Prisma.sql`(${p.id}, ${title}, ${p.slug}, ${p.externalUrl}, ${p.viaUrl}, ${p.canonicalUrl}, ${p.sourceId}, ${tldr}, ${summary}, ${commentary}, ${p.kind}, ${p.status}, ${p.publishedAt}, ${p.dateText}, ${p.extraFields}, ${p.authorId}, ${p.updatedById}, ${p.createdAt}, ${p.updatedAt}, 1)`;
      });
      await tx.$executeRaw`INSERT INTO "Post" ("id", "title", "slug", "externalUrl", "viaUrl", "canonicalUrl", "sourceId", "tldr", "summary", "commentary", "kind", "status", "publishedAt", "dateText", "extraFields", "authorId", "updatedById", "createdAt", "updatedAt", "version") VALUES ${Prisma.join(values)}`;
    }
  };
  if (databaseProvider() === "sqlite") {
    // Links first, posts second (foreign keys checked at commit): the search index triggers then index each post
    // once, with its tags, instead of once more for every tag.
    await tx.$executeRawUnsafe("PRAGMA defer_foreign_keys = ON");
    await insertPostTags(tx, postTags);
    await insertPosts(true);
    return;
  }
  // PostgreSQL checks the links' foreign keys at once, so posts come first. Their text follows the links: the search
  // index triggers re-index a post for every link, which is cheap while its text is still empty.
  await insertPosts(false);
  await insertPostTags(tx, postTags);
  for (const chunk of chunks(posts, ROWS_PER_INSERT)) {
    const values = chunk.map((p) => Prisma.sql`(${p.id}, ${p.title}, ${p.tldr}, ${p.summary}, ${p.commentary})`);
    await tx.$executeRaw`UPDATE "Post" AS p SET "title" = v.title, "tldr" = v.tldr, "summary" = v.summary, "commentary" = v.commentary FROM (VALUES ${Prisma.join(values)}) AS v(id, title, tldr, summary, commentary) WHERE p."id" = v.id`;
  }
}

/** Tags or sources found or created so far in a run, looked up as matchTerm finds them: by slug, else by exact name. */
class KnownTerms {
  private ids = new Map<string, string>();

  remember(rows: ReadonlyArray<NamedTerm & { id: string }>): void {
    for (const row of rows) {
      this.ids.set(`slug:${row.slug}`, row.id);
      if (!this.ids.has(`name:${row.name}`)) this.ids.set(`name:${row.name}`, row.id);
    }
  }

  id(term: NamedTerm): string | null {
    return this.ids.get(`slug:${term.slug}`) ?? this.ids.get(`name:${term.name}`) ?? null;
  }

  clear(): void {
    this.ids.clear();
  }
}

/**
 * One import run: ids of tags, sources and taken slugs are remembered across batches, so 10,000 files cost a few
 * queries per batch instead of several per file.
 */
class ImportRun {
  private tags = new KnownTerms();
  private sources = new KnownTerms();
  private takenSlugs = new Set<string>();
  private checkedSlugs = new Set<string>();
  private loadedSlugPrefixes = new Set<string>();

  constructor(
    private actor: ImportActor,
    private options: ImportOptions,
  ) {}

  /** After a rolled-back transaction nothing remembered inside it can be trusted. */
  private forget(): void {
    this.tags.clear();
    this.sources.clear();
    this.takenSlugs.clear();
    this.checkedSlugs.clear();
    this.loadedSlugPrefixes.clear();
  }

  /** One batch: report rows in the files' order. `seen` holds the articles met earlier in this import. */
  async process(batch: ImportItem[], seen: Map<string, string>, now: () => Date): Promise<ReportRow[]> {
    const rows: ReportRow[] = new Array(batch.length);
    const planned: Planned[] = [];
    const slots: number[] = [];
    batch.forEach((item, index) => {
      if (!item.ok) {
        rows[index] = { file: item.file, outcome: "failed", reason: item.reason, ...(item.line ? { line: item.line } : {}) };
        return;
      }
      const first = seen.get(item.post.canonicalUrl);
      if (first !== undefined) {
        rows[index] = { file: item.file, outcome: "skipped", title: item.post.title, reason: `the same article as ${first}, earlier in this import` };
        return;
      }
      seen.set(item.post.canonicalUrl, item.file);
      planned.push(item);
      slots.push(index);
    });
    const results = planned.length ? await this.apply(planned, now) : [];
    results.forEach((row, i) => (rows[slots[i]] = row));
    return rows;
  }

  /** Classifies (dry run) or writes the planned files: the whole batch in one transaction, else file by file. */
  private async apply(planned: Planned[], now: () => Date): Promise<ReportRow[]> {
    if (this.options.dryRun) {
      return (await this.classify(prisma, planned)).map((decision) => (decision.kind === "row" ? decision.row : dryRunRow(decision)));
    }
    const writeInTransaction = (items: Planned[]) =>
      prisma.$transaction(async (tx) => this.write(tx, await this.classify(tx, items), now()), TRANSACTION_OPTIONS);
    try {
      return await writeInTransaction(planned);
    } catch {
      // Something in the batch failed (a concurrent edit, a database error): redo it file by file.
      this.forget();
      const rows: ReportRow[] = [];
      for (const item of planned) {
        try {
          rows.push(...(await writeInTransaction([item])));
        } catch (error) {
          this.forget();
          rows.push({ file: item.file, outcome: "failed", title: item.post.title, reason: writeFailure(error) });
        }
      }
      return rows;
    }
  }

  private async classify(db: DbTransaction, items: Planned[]): Promise<Decision[]> {
    const rows = await db.post.findMany({
      where: { canonicalUrl: { in: items.map((item) => item.post.canonicalUrl) } },
      select: EXISTING_SELECT,
    });
    const byUrl = new Map(rows.map((row) => [row.canonicalUrl, row]));
    return items.map((item): Decision => {
      const existing = byUrl.get(item.post.canonicalUrl);
      if (!existing) return { kind: "create", item };
      const fields = diffPost(existing, item.post, this.options);
      const base = { file: item.file, title: item.post.title, postId: existing.id, ...warningsOf(item) };
      if (fields.length === 0) return { kind: "row", row: { ...base, outcome: "unchanged" } };
      if (this.options.onDuplicate === "skip") {
        return { kind: "row", row: { ...base, outcome: "skipped", fields, reason: duplicateReason(existing, fields) } };
      }
      return { kind: "update", item, existing, fields };
    });
  }

  /** Applies the decisions of one batch in the caller's transaction; returns a report row per decision. */
  private async write(tx: DbTransaction, decisions: Decision[], now: Date): Promise<ReportRow[]> {
    const creates = decisions.filter((d): d is Extract<Decision, { kind: "create" }> => d.kind === "create");
    const updates = decisions.filter((d): d is Extract<Decision, { kind: "update" }> => d.kind === "update");
    const touched = [...creates.map((d) => d.item.post), ...updates.map((d) => d.item.post)];
    await this.resolveSources(tx, touched);
    await this.resolveTags(tx, touched);
    const slugs = await this.assignSlugs(
      tx,
      creates.map((d) => d.item.post),
    );

    const authorId = this.actor?.id ?? null;
    const rows = new Map<Decision, ReportRow>();
    const newTags: PostTagRow[] = [];
    const newPosts = creates.map(({ item }, i): PostRow => {
      const { post } = item;
      const id = newId();
      this.tagIdsOf(post).forEach((tagId, position) => newTags.push({ postId: id, tagId, position }));
      return {
        id,
        ...newPostState(post, this.options, now),
        title: post.title,
        slug: slugs[i],
        externalUrl: post.externalUrl,
        viaUrl: post.viaUrl ?? null,
        canonicalUrl: post.canonicalUrl,
        sourceId: this.sourceId(post.source),
        tldr: post.tldr ?? "",
        summary: post.summary,
        commentary: post.commentary ?? "",
        kind: post.kind ?? "link",
        dateText: post.dateText,
        extraFields: post.extraFields ?? null,
        authorId,
        updatedById: authorId,
        createdAt: now,
        updatedAt: now,
      };
    });
    creates.forEach((decision, i) => {
      const { item } = decision;
      rows.set(decision, { file: item.file, outcome: "created", title: item.post.title, postId: newPosts[i].id, ...warningsOf(item) });
    });
    await insertPostsWithTags(tx, newPosts, newTags);
    await releaseSlug(tx, "post", slugs);

    const replacedTags: PostTagRow[] = [];
    for (const decision of updates) {
      const { item, existing, fields } = decision;
      const data = updateColumns(existing, item.post, fields, this.options, now);
      if (fields.includes("source")) data.sourceId = this.sourceId(item.post.source);
      // The version in the WHERE clause refuses to overwrite an edit saved since the batch read the post.
      const { count } = await tx.post.updateMany({
        where: { id: existing.id, version: existing.version },
        data: { ...data, updatedById: authorId, version: { increment: 1 } },
      });
      if (count === 0) throw new AppError("CONFLICT", "the post was changed by someone else during the import; import the file again");
      if (fields.includes("tags")) {
        await tx.postTag.deleteMany({ where: { postId: existing.id } });
        this.tagIdsOf(item.post).forEach((tagId, position) => replacedTags.push({ postId: existing.id, tagId, position }));
      }
      rows.set(decision, {
        file: item.file,
        outcome: "updated",
        title: item.post.title,
        postId: existing.id,
        fields,
        reason: `changed: ${fields.join(", ")}`,
        ...warningsOf(item),
      });
    }
    await insertPostTags(tx, replacedTags);
    await recordRevisions(tx, [...newPosts.map((post) => post.id), ...updates.map((decision) => decision.existing.id)], this.actor, "import");
    return decisions.map((decision) => (decision.kind === "row" ? decision.row : rows.get(decision)!));
  }

  private sourceId(source: NamedSlug | null | undefined): string | null {
    return source ? this.sources.id(source) : null;
  }

  /** The post's tags' ids in its order, each once ("Kubernetes" and "k8s" may both mean the tag named Kubernetes). */
  private tagIdsOf(post: PlannedPost): string[] {
    return [...new Set(post.tags.map((tag) => this.tags.id(tag)!))];
  }

  /** Sources are found as every door finds them (termLookup, matchTerm) and created when new. */
  private async resolveSources(tx: DbTransaction, posts: PlannedPost[]): Promise<void> {
    const wanted = new Map<string, { source: NamedSlug; url: string }>();
    for (const post of posts) {
      if (post.source && this.sourceId(post.source) === null) wanted.set(post.source.slug, { source: post.source, url: post.externalUrl });
    }
    if (wanted.size === 0) return;
    const list = [...wanted.values()];
    this.sources.remember(await tx.source.findMany({ ...termLookup(list.map((w) => w.source)), select: { id: true, slug: true, name: true } }));
    const missing = list.filter((w) => this.sourceId(w.source) === null);
    if (missing.length === 0) return;
    const created = await tx.source.createManyAndReturn({
      // A new source is named after the publication; its first article tells where it lives.
      data: missing.map(({ source, url }) => ({ name: source.name, slug: source.slug, domain: new URL(url).hostname, homepage: new URL(url).origin })),
      select: { id: true, slug: true, name: true },
    });
    this.sources.remember(created);
    // Their slugs are live again: the redirects of sources that left them go.
    await releaseSlug(
      tx,
      "source",
      missing.map((w) => w.source.slug),
    );
  }

  /** Tags are found as every door finds them (termLookup, matchTerm) and created with the name the file gives. */
  private async resolveTags(tx: DbTransaction, posts: PlannedPost[]): Promise<void> {
    const wanted = new Map<string, NamedSlug>();
    for (const post of posts) for (const tag of post.tags) if (this.tags.id(tag) === null && !wanted.has(tag.slug)) wanted.set(tag.slug, tag);
    if (wanted.size === 0) return;
    const list = [...wanted.values()];
    this.tags.remember(await tx.tag.findMany({ ...termLookup(list), select: { id: true, slug: true, name: true } }));
    const missing = list.filter((tag) => this.tags.id(tag) === null);
    if (missing.length === 0) return;
    this.tags.remember(
      await tx.tag.createManyAndReturn({ data: missing.map(({ slug, name }) => ({ slug, name })), select: { id: true, slug: true, name: true } }),
    );
    await releaseSlug(
      tx,
      "tag",
      missing.map((tag) => tag.slug),
    );
  }

  /** Free slugs for new posts: the preferred one (an export's file name), else the title's, else title-2, title-3… */
  private async assignSlugs(tx: DbTransaction, posts: PlannedPost[]): Promise<string[]> {
    const bases = posts.map((post) => postSlugBase(post.title, post.externalUrl, post.publishedAt));
    const unchecked = new Set<string>();
    posts.forEach((post, i) => {
      for (const slug of [post.preferredSlug, bases[i]]) if (slug && !this.checkedSlugs.has(slug)) unchecked.add(slug);
    });
    if (unchecked.size) {
      const taken = await tx.post.findMany({ where: { slug: { in: [...unchecked] } }, select: { slug: true } });
      for (const row of taken) this.takenSlugs.add(row.slug);
      for (const slug of unchecked) this.checkedSlugs.add(slug);
    }
    const slugs: string[] = [];
    for (const [i, post] of posts.entries()) {
      const base = bases[i];
      let slug: string;
      if (post.preferredSlug && !this.takenSlugs.has(post.preferredSlug)) slug = post.preferredSlug;
      else if (!this.takenSlugs.has(base)) slug = base;
      else {
        if (!this.loadedSlugPrefixes.has(base)) {
          const rows = await tx.post.findMany({ where: { slug: startingWith(base) }, select: { slug: true } });
          for (const row of rows) this.takenSlugs.add(row.slug);
          this.loadedSlugPrefixes.add(base);
        }
        slug = firstFreeSlug(base, this.takenSlugs);
      }
      this.takenSlugs.add(slug);
      slugs.push(slug);
    }
    return slugs;
  }
}

/** Plain words for a file that could not be written even on its own. */
function writeFailure(error: unknown): string {
  if (isAppError(error)) return error.userMessage;
  if (uniqueViolationTarget(error)) return "another post for this article or with this slug was saved at the same time; import the file again";
  console.error("[import] unexpected failure:", error instanceof Error ? error.message : error);
  return "could not be saved because of a database error; the file was left out";
}

async function takeBatch(iterator: Iterator<ImportItem>, size: number): Promise<ImportItem[]> {
  const batch: ImportItem[] = [];
  while (batch.length < size) {
    const next = iterator.next();
    if (next.done) break;
    batch.push(next.value);
    if (batch.length % PARSE_SLICE === 0) await nextTick();
  }
  return batch;
}

/**
 * Imports link posts: every file is checked in memory, then each batch of files is written in one transaction. A
 * file is all-or-nothing: if a batch fails, its files are retried one per transaction and only the failing one is
 * reported. With `dryRun` it only classifies (new, update, unchanged, duplicate, error) and writes nothing.
 */
export async function importItems(actor: ImportActor, source: ItemSource, options: ImportOptions, hooks: ImportHooks = {}): Promise<ImportReport> {
  if (actor && !canImport(actor)) throw new AppError("FORBIDDEN", "Only editors and admins can import posts.");
  const started = Date.now();
  const now = hooks.now ?? (() => new Date());
  const run = new ImportRun(actor, options);
  const counts = emptyCounts();
  const rows: ReportRow[] = [];
  const seen = new Map<string, string>();
  const iterator = source.items[Symbol.iterator]();
  const batchSize = hooks.batchSize ?? DEFAULT_BATCH_SIZE;
  let processed = 0;
  let upcoming = takeBatch(iterator, batchSize);

  for (let batch = await upcoming; batch.length; batch = await upcoming) {
    // The next files are parsed while this batch waits on the database (PostgreSQL works in its own process).
    upcoming = takeBatch(iterator, batchSize);
    // Surfaces when awaited; without this a failure here while the batch is written would go unhandled.
    upcoming.catch(() => undefined);
    const batchRows = await run.process(batch, seen, now);
    for (const row of batchRows) counts[row.outcome] += 1;
    rows.push(...batchRows);
    processed += batch.length;
    await hooks.onProgress?.({ processed, total: Math.max(source.total, processed), counts: { ...counts } });
  }

  const report: ImportReport = { dryRun: options.dryRun, counts, rows, total: processed, durationMs: Date.now() - started };
  if (!options.dryRun) {
    await recordAudit({
      actor: actor ? { id: actor.id, name: actor.name, email: actor.email } : null,
      action: "post.import",
      target: { type: "import", label: hooks.label ?? null },
      details: { ...counts, onDuplicate: options.onDuplicate, asDraft: options.asDraft },
    });
  }
  return report;
}

function dryRunRow(decision: Exclude<Decision, { kind: "row" }>): ReportRow {
  const { item } = decision;
  if (decision.kind === "create") return { file: item.file, outcome: "created", title: item.post.title, ...warningsOf(item) };
  return {
    file: item.file,
    outcome: "updated",
    title: item.post.title,
    postId: decision.existing.id,
    fields: decision.fields,
    reason: `would change: ${decision.fields.join(", ")}`,
    ...warningsOf(item),
  };
}
