// Tags and sources are one feature in two kinds: these are the words and addresses that tell them apart, so every
// screen, message and redirect of either kind is written once and says the same thing everywhere.

export type TaxonomyKind = "tag" | "source";

type OtherTerm = { name: string; slug: string };

/** What the edit form sends and shows: a tag's name and slug, a source's also its homepage. */
export type TaxonomyFormValues = { name: string; slug: string; homepage?: string };

export type TaxonomyWords = {
  one: string;
  many: string;
  /** "Tags" heads the list; "Tag" starts the name of its page navigation. */
  heading: string;
  capital: string;
  /** The form field naming the record (tagId, sourceId). */
  idField: string;
  /** The edit form's fields: name, slug and the kind's own. */
  fields: readonly (keyof TaxonomyFormValues)[];
  adminBase: string;
  publicBase: string;
  /** The /admin/posts filter parameter. */
  postsParam: string;
  /** What changing name and slug is called: "rename" a tag, "edit" a source. */
  editVerb: string;
  list: { search: string; deleted: string; intro: string; postsOf: string };
  detail: {
    merged: string;
    noPublicPage: string;
    allPosts: string;
    editHeading: string;
    mergeWhen: string;
    /** What a merge does to this one's posts, after "Its 3 posts". */
    mergeMoves: (count: number) => string;
    /** Where the posts end up after a delete, and the closing advice. */
    deleteKeeps: string;
    deleteAdvice: string;
  };
  form: { label: string; nameHint: string; slugHint: string; submit: string };
  saved: { unchanged: string; sameSlug: (name: string) => string };
  nameTaken: (other: OtherTerm) => string;
};

export const TAXONOMY_WORDS = {
  tag: {
    one: "tag",
    many: "tags",
    heading: "Tags",
    capital: "Tag",
    idField: "tagId",
    fields: ["name", "slug"],
    adminBase: "/admin/tags",
    publicBase: "/tags",
    postsParam: "tag",
    editVerb: "rename",
    list: {
      search: "Name",
      deleted: "The tag was deleted. Its posts were kept, without it.",
      intro: "Tags are made by typing them on a post or by importing. Open one to rename it, merge it into another or delete it.",
      postsOf: "posts tagged",
    },
    detail: {
      merged: "The tags were merged: their posts now carry this one, and the other tag is deleted.",
      noPublicPage: "None yet: no published post has this tag.",
      allPosts: "with this tag",
      editHeading: "Rename",
      mergeWhen: "For two tags that mean the same thing, such as “k8s” and “Kubernetes”.",
      mergeMoves: (count) =>
        `${count === 1 ? "gets" : "get"} the tag you choose instead, in the place this one had; a post that already has both keeps it once.`,
      deleteKeeps: "without it",
      deleteAdvice: "To keep these posts together under another tag, merge instead.",
    },
    form: {
      label: "Name and slug",
      nameHint: "As readers see it, after the #. No commas: posts list their tags separated by commas.",
      slugHint: " A post that names the tag finds it by its name or by this slug.",
      submit: "Save name and slug",
    },
    saved: {
      unchanged: "Nothing changed: the tag already had this name and slug.",
      sameSlug: (name) => `Saved. Its posts show “${name}” from the next page view.`,
    },
    nameTaken: (other) => `Another tag is already named “${other.name}” (/tags/${other.slug}). To combine the two, merge this tag into it.`,
  },
  source: {
    one: "source",
    many: "sources",
    heading: "Sources",
    capital: "Source",
    idField: "sourceId",
    fields: ["name", "slug", "homepage"],
    adminBase: "/admin/sources",
    publicBase: "/sources",
    postsParam: "source",
    editVerb: "edit",
    list: {
      search: "Name or domain",
      deleted: "The source was deleted. Its posts were kept, with no source.",
      intro: "Sources are made by typing them on a post or by importing. Open one to edit it, merge it into another or delete it.",
      postsOf: "posts from",
    },
    detail: {
      merged: "The sources were merged: their posts are now under this one, and the other source is deleted.",
      noPublicPage: "None yet: no published post has this source.",
      allPosts: "from this source",
      editHeading: "Edit",
      mergeWhen: "For one publication known under two names, such as “CNCF” and “Cloud Native Computing Foundation”.",
      mergeMoves: (count) => `${count === 1 ? "moves" : "move"} to the source you choose, which also takes this homepage if it has none.`,
      deleteKeeps: "with no source",
      deleteAdvice: "To move these posts to another source, merge instead.",
    },
    form: {
      label: "Source details",
      nameHint: "The publication, as readers see it on posts.",
      slugHint: " A post that names the source finds it by its name or by this slug.",
      submit: "Save source",
    },
    saved: {
      unchanged: "Nothing changed: the source already looked like this.",
      sameSlug: () => "Saved. Readers see the change on their next page view.",
    },
    nameTaken: (other) => `Another source is already named “${other.name}”. To combine the two, merge this source into it.`,
  },
} as const satisfies Record<TaxonomyKind, TaxonomyWords>;

/** The form field naming a record of this kind: "tagId" or "sourceId". */
export type IdFieldOf<K extends TaxonomyKind> = (typeof TAXONOMY_WORDS)[K]["idField"];

/** The refusal for anyone below editor, from the Server Action and again from the mutation. */
export function taxonomyForbidden(kind: TaxonomyKind): string {
  const words = TAXONOMY_WORDS[kind];
  return `Only editors and admins can ${words.editVerb}, merge or delete ${words.many}.`;
}
