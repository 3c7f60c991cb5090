import "server-only";
import { containsIgnoringCase, prisma, type DbTransaction } from "@/lib/db";
import { AppError, uniqueViolationTarget } from "@/lib/errors";
import { canManageTaxonomy, type Actor } from "@/lib/auth/permissions";
import { recordAudit, type AuditActor, type AuditEntry } from "@/lib/audit/mutations";
import { revalidatePublicContent } from "@/lib/cache/public-content";
import { recordSlugChange, redirectMergedTerm, releaseSlug } from "@/lib/redirects/mutations";
import { slugify } from "@/lib/slug";
import { taxonomyForbidden, TAXONOMY_WORDS, type IdFieldOf, type TaxonomyKind, type TaxonomyWords } from "./kinds";

// Create, rename, merge and delete for tags and sources, with their conflicts; lib/tags and lib/sources bind them to
// their table and say what truly differs: what a create or an edit writes and how posts move or leave.

type TaxonomyActor = Actor & NonNullable<AuditActor>;
type TermRef = { id: string; name: string; slug: string };
type TermFields = { name: string; slug: string };

/** The Prisma calls these steps make, on the kind's own table (typed apart by Prisma, alike in these columns). */
type TermTable<Ref extends TermRef> = {
  findUnique(args: { where: { id: string } | { slug: string }; select: Record<keyof Ref, true> }): Promise<Ref | null>;
  findMany(args: { where: object; select: Record<keyof Ref, true>; take?: number }): Promise<Ref[]>;
  create(args: { data: TermFields; select: { id: true } }): Promise<{ id: string }>;
  update(args: { where: { id: string }; data: object }): Promise<unknown>;
  delete(args: { where: { id: string } }): Promise<unknown>;
};

type Ids<K extends TaxonomyKind> = Record<IdFieldOf<K>, string>;

type TaxonomyStore<K extends TaxonomyKind, Ref extends TermRef, Fields extends TermFields, Data extends TermFields, Moved> = {
  kind: K;
  table: (tx: DbTransaction) => TermTable<NoInfer<Ref>>;
  /** The columns every step reads: those of Ref, which the kind names in its `data` or `edited.details`. */
  select: Record<keyof Ref, true>;
  /** The columns a create or an edit writes, from what was typed and the row as it is (null when creating). */
  data: (input: Fields, current: Ref | null) => Data;
  /** The audit entry of an edit: its action and details. */
  edited: { action: AuditEntry["action"]; details: (current: Ref, data: Data, changed: (keyof Data & string)[]) => Record<string, unknown> };
  /** Moves the posts of `from` to `into` before `from` is deleted; the counts join the audit entry and the result. */
  movePosts: (tx: DbTransaction, from: Ref, into: Ref) => Promise<Moved>;
  /** Takes the term off its posts before it is deleted (rather than by cascade, so every database's search triggers
   * see each post lose it); how many posts had it. */
  unlinkPosts: (tx: DbTransaction, id: string) => Promise<number>;
};

/** The create, edit, merge and delete of one kind, each for editors and admins only and recorded in the audit log. */
export function taxonomyMutations<K extends TaxonomyKind, Ref extends TermRef, Fields extends TermFields, Data extends TermFields, Moved extends object>(
  store: TaxonomyStore<K, Ref, Fields, Data, Moved>,
) {
  const { kind, table, select } = store;
  const words: TaxonomyWords = TAXONOMY_WORDS[kind];
  const idField: IdFieldOf<K> = TAXONOMY_WORDS[kind].idField;

  function authorize(actor: Actor) {
    if (!canManageTaxonomy(actor)) throw new AppError("FORBIDDEN", taxonomyForbidden(kind));
  }

  async function find(tx: DbTransaction, id: string): Promise<Ref> {
    const term = await table(tx).findUnique({ where: { id }, select });
    if (!term)
      throw new AppError("NOT_FOUND", `This ${words.one} no longer exists: someone may have merged or deleted it. Go back to the list of ${words.many}.`);
    return term;
  }

  // `self` is the term being edited, null when creating one (which has nothing to merge yet).
  function slugTaken(slug: string, owner: TermRef | null, self: string | null) {
    const merge = self && owner ? `, or merge this ${words.one} into “${owner.name}”` : "";
    return new AppError(
      "CONFLICT",
      `The slug “${slug}” is already used by ${owner ? `the ${words.one} “${owner.name}”` : `another ${words.one}`}. Choose another slug${merge}.`,
      { field: "slug" },
    );
  }

  function nameTaken(other: TermRef, self: string | null) {
    const message = self
      ? words.nameTaken(other)
      : `There is already a ${words.one} named “${other.name}” (slug “${other.slug}”). Use it, or choose another name.`;
    return new AppError("CONFLICT", message, { field: "name" });
  }

  // Two names that differ only in case cannot be told apart by readers, so they count as taken too.
  async function findNamesake(tx: DbTransaction, name: string, self: string | null): Promise<Ref | undefined> {
    const similar = await table(tx).findMany({ where: { name: containsIgnoringCase(name), ...(self ? { id: { not: self } } : {}) }, select, take: 50 });
    return similar.find((other) => other.name.toLowerCase() === name.toLowerCase());
  }

  /** Refuses a slug or a name (any case) that another term has. */
  async function refuseTaken(tx: DbTransaction, fields: TermFields, self: string | null) {
    const owner = await table(tx).findUnique({ where: { slug: fields.slug }, select });
    if (owner && owner.id !== self) throw slugTaken(fields.slug, owner, self);
    // The slug check above misses a name taken under another slug when a slug was typed.
    const namesake = await findNamesake(tx, fields.name, self);
    if (namesake) throw nameTaken(namesake, self);
  }

  /** The refusal for a write that failed because another edit or a new post took the slug (or, for sources, the name)
   * between our check and our write; any other error as it is. */
  async function takenMeanwhile(error: unknown, fields: TermFields, self: string | null): Promise<unknown> {
    const target = uniqueViolationTarget(error);
    if (target?.some((field) => field.includes("slug")))
      return slugTaken(fields.slug, await table(prisma).findUnique({ where: { slug: fields.slug }, select }), self);
    const namesake = target?.some((field) => field.includes("name")) && (await findNamesake(prisma, fields.name, self));
    return namesake ? nameTaken(namesake, self) : error;
  }

  /** The term named or slugged as typed (“Kubernetes”, “kubernetes”, “k8s”), or null. */
  async function resolve(tx: DbTransaction, typed: string): Promise<Ref | null> {
    const lower = typed.toLowerCase();
    const derived = slugify(typed);
    const candidates = await table(tx).findMany({ where: { OR: [{ slug: { in: [lower, derived] } }, { name: typed }] }, select });
    return candidates.find((term) => term.slug === lower) ?? candidates.find((term) => term.slug === derived) ?? candidates[0] ?? null;
  }

  /**
   * Creates a term with no posts yet; a post that names it later finds it by its slug. Readers see nothing of it until
   * a published post carries it, so the public cache stays.
   */
  async function create(actor: TaxonomyActor, input: Fields): Promise<Data & { id: string }> {
    authorize(actor);
    try {
      return await prisma.$transaction(async (tx) => {
        await refuseTaken(tx, input, null);
        const data = store.data(input, null);
        const { id } = await table(tx).create({ data, select: { id: true } });
        await releaseSlug(tx, kind, data.slug);
        await recordAudit({ actor, action: `${kind}.create`, target: { type: kind, id, label: data.name }, details: { ...data } }, tx);
        return { ...data, id };
      });
    } catch (error) {
      throw await takenMeanwhile(error, input, null);
    }
  }

  async function editInTransaction(tx: DbTransaction, actor: TaxonomyActor, input: Fields & Ids<K>) {
    const current = await find(tx, input[idField]);
    await refuseTaken(tx, input, current.id);
    const data = store.data(input, current);
    const changed = (Object.keys(data) as (keyof Data & string)[]).filter((field) => data[field] !== (current as Record<string, unknown>)[field]);
    if (changed.length > 0) {
      await table(tx).update({ where: { id: current.id }, data });
      await recordSlugChange(tx, kind, current.id, current.slug, data.slug);
      await recordAudit(
        {
          actor,
          action: store.edited.action,
          target: { type: kind, id: current.id, label: input.name },
          details: store.edited.details(current, data, changed),
        },
        tx,
      );
    }
    return { current, data, changed: changed.length > 0 };
  }

  /**
   * Edits the name and slug (and the kind's own fields). Posts keep the term; search finds them under the new name
   * (the search tables follow by trigger). After a slug change, the old public address answers 301 to the new one.
   */
  async function edit(actor: TaxonomyActor, input: Fields & Ids<K>): Promise<Data & { id: string; previousSlug: string; changed: boolean }> {
    authorize(actor);
    let result: Awaited<ReturnType<typeof editInTransaction>>;
    try {
      result = await prisma.$transaction((tx) => editInTransaction(tx, actor, input));
    } catch (error) {
      throw await takenMeanwhile(error, input, input[idField]);
    }
    if (result.changed) revalidatePublicContent();
    return { ...result.data, id: result.current.id, previousSlug: result.current.slug, changed: result.changed };
  }

  /** Merges one term into another (typed by name or slug): its posts move there, then it is deleted. */
  async function merge(actor: TaxonomyActor, input: Ids<K> & { into: string }): Promise<{ from: Ref; into: Ref } & Moved> {
    authorize(actor);
    const result = await prisma.$transaction(async (tx) => {
      const from = await find(tx, input[idField]);
      const into = await resolve(tx, input.into);
      if (!into)
        throw new AppError(
          "INVALID_INPUT",
          `No ${words.one} is named “${input.into}”. Type the name of an existing ${words.one}; to give this ${words.one} a new name, ${words.editVerb} it instead.`,
          { field: "into" },
        );
      if (into.id === from.id)
        throw new AppError("INVALID_INPUT", `A ${words.one} cannot be merged into itself. Type the name of another ${words.one}.`, { field: "into" });
      const moved = await store.movePosts(tx, from, into);
      await table(tx).delete({ where: { id: from.id } });
      await redirectMergedTerm(tx, kind, from, into.id);
      await recordAudit(
        {
          actor,
          action: `${kind}.merge`,
          target: { type: kind, id: from.id, label: from.name },
          details: { slug: from.slug, into: { id: into.id, name: into.name, slug: into.slug }, ...moved },
        },
        tx,
      );
      return { from, into, ...moved };
    });
    revalidatePublicContent();
    return result;
  }

  /** Deletes a term: its posts stay, without it. */
  async function remove(actor: TaxonomyActor, id: string): Promise<{ name: string; slug: string; posts: number }> {
    authorize(actor);
    const result = await prisma.$transaction(async (tx) => {
      const term = await find(tx, id);
      const posts = await store.unlinkPosts(tx, term.id);
      await table(tx).delete({ where: { id: term.id } });
      await recordAudit({ actor, action: `${kind}.delete`, target: { type: kind, id: term.id, label: term.name }, details: { slug: term.slug, posts } }, tx);
      return { name: term.name, slug: term.slug, posts };
    });
    revalidatePublicContent();
    return result;
  }

  return { create, edit, merge, remove };
}
