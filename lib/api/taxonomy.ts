import "server-only";
// The REST API's tags and sources: the JSON one is shown as, the bodies a client sends mapped onto the admin forms'
// fields (so the tag and source schemas and lib/taxonomy's mutations decide everything, as for the forms), and the
// handlers of /api/v1/tags and /api/v1/sources, built once for both kinds.
import { z } from "zod";
import type { ApiActor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { createSource, deleteSource, mergeSource, updateSource } from "@/lib/sources/mutations";
import { getSourceForApi, listSourcesVisibleTo } from "@/lib/sources/queries";
import { sourceCreateSchema, sourceMergeSchema, sourceUpdateSchema } from "@/lib/sources/schema";
import { createTag, deleteTag, mergeTag, renameTag } from "@/lib/tags/mutations";
import { getTagForApi, listTagsVisibleTo } from "@/lib/tags/queries";
import { tagCreateSchema, tagMergeSchema, tagRenameSchema } from "@/lib/tags/schema";
import { TAXONOMY_WORDS, type TaxonomyFormValues, type TaxonomyKind } from "@/lib/taxonomy/kinds";
import type { TaxonomyApiRow } from "@/lib/taxonomy/queries";
import { parsedOrProblem } from "./problem";
import { apiRoute, json, jsonWithEtag } from "./route";

// Types only: each value is handed to the form's schema as the form would send it. A PATCH changes the fields given;
// an empty slug is made from the name, as in the form.
export const apiTagCreateSchema = z.strictObject({ name: z.string(), slug: z.string().optional() });
export const apiTagUpdateSchema = apiTagCreateSchema.partial();
export const apiSourceCreateSchema = apiTagCreateSchema.extend({ homepage: z.string().nullable().optional() });
export const apiSourceUpdateSchema = apiSourceCreateSchema.partial();
export const apiMergeSchema = z.strictObject({ into: z.string() });

type Body = Partial<Record<keyof TaxonomyFormValues, string | null>>;
type Row = TaxonomyApiRow & Body;

type Spec<CreateInput, EditInput, MergeInput> = {
  kind: TaxonomyKind;
  bodies: { create: z.ZodType<Body>; update: z.ZodType<Body> };
  schemas: { create: z.ZodType<CreateInput>; edit: z.ZodType<EditInput>; merge: z.ZodType<MergeInput> };
  list: (actor: ApiActor) => Promise<{ name: string; slug: string }[]>;
  find: (actor: ApiActor, idOrSlug: string) => Promise<Row | null>;
  mutations: {
    create: (actor: ApiActor, input: CreateInput) => Promise<{ id: string }>;
    edit: (actor: ApiActor, input: EditInput) => Promise<{ id: string }>;
    merge: (actor: ApiActor, input: MergeInput) => Promise<{ into: { id: string } }>;
    remove: (actor: ApiActor, id: string) => Promise<unknown>;
  };
};

type Params = { idOrSlug: string };

function taxonomyApi<CreateInput, EditInput, MergeInput>(spec: Spec<CreateInput, EditInput, MergeInput>) {
  const words = TAXONOMY_WORDS[spec.kind];
  const self = (id: string) => `/api/v1/${words.many}/${id}`;

  function shown({ hasPublicPosts, ...row }: Row) {
    const links = { self: self(row.id), posts: `/api/v1/posts?${words.postsParam}=${row.slug}` };
    return { ...row, links: hasPublicPosts ? { ...links, public: `${words.publicBase}/${row.slug}` } : links };
  }

  /** The term this person may know of; 404 when missing or hidden from them (as the list leaves it out). */
  async function current(actor: ApiActor, idOrSlug: string): Promise<Row> {
    const row = await spec.find(actor, idOrSlug);
    if (!row) throw new AppError("NOT_FOUND", `No ${words.one} with this id or slug.`);
    return row;
  }

  /** The form's fields: those given over the term's current ones (none when creating); null is an empty field. */
  function formValues(body: Body, row: Row | null): TaxonomyFormValues {
    return Object.fromEntries(words.fields.map((field) => [field, (body[field] === undefined ? row?.[field] : body[field]) ?? ""])) as TaxonomyFormValues;
  }

  const created = async (actor: ApiActor, id: string) => {
    const response = json(shown(await current(actor, id)), 201);
    response.headers.set("location", self(id));
    return response;
  };

  return {
    /** GET (the names and slugs the owner may know of) and POST (a new one, no posts yet) /api/v1/{tags|sources}. */
    collection: {
      GET: apiRoute({ scope: "posts:read", run: async ({ request, actor }) => jsonWithEtag(request, { data: await spec.list(actor) }) }),
      POST: apiRoute({
        scope: "taxonomy:write",
        run: async ({ actor, readJson }) => {
          const body = parsedOrProblem(spec.bodies.create, (await readJson()) ?? {});
          const input = parsedOrProblem(spec.schemas.create, formValues(body, null));
          return created(actor, (await spec.mutations.create(actor, input)).id);
        },
      }),
    },
    /** GET, PATCH (the fields given) and DELETE /api/v1/{tags|sources}/{id or slug}. */
    item: {
      GET: apiRoute<Params>({
        scope: "posts:read",
        run: async ({ request, actor, params }) => jsonWithEtag(request, shown(await current(actor, params.idOrSlug))),
      }),
      PATCH: apiRoute<Params>({
        scope: "taxonomy:write",
        run: async ({ actor, params, readJson }) => {
          const body = parsedOrProblem(spec.bodies.update, (await readJson()) ?? {});
          const row = await current(actor, params.idOrSlug);
          const input = parsedOrProblem(spec.schemas.edit, { [words.idField]: row.id, ...formValues(body, row) });
          const edited = await spec.mutations.edit(actor, input);
          return json(shown(await current(actor, edited.id)));
        },
      }),
      DELETE: apiRoute<Params>({
        scope: "taxonomy:write",
        run: async ({ actor, params }) => {
          await spec.mutations.remove(actor, (await current(actor, params.idOrSlug)).id);
          return new Response(null, { status: 204 });
        },
      }),
    },
    /** POST /api/v1/{tags|sources}/{id or slug}/merge: its posts move to `into` (a name or slug), then it is deleted. */
    merge: {
      POST: apiRoute<Params>({
        scope: "taxonomy:write",
        run: async ({ actor, params, readJson }) => {
          const { into } = parsedOrProblem(apiMergeSchema, (await readJson()) ?? {});
          const row = await current(actor, params.idOrSlug);
          const merged = await spec.mutations.merge(actor, parsedOrProblem(spec.schemas.merge, { [words.idField]: row.id, into }));
          return json(shown(await current(actor, merged.into.id)));
        },
      }),
    },
  };
}

export const tagRoutes = taxonomyApi({
  kind: "tag",
  bodies: { create: apiTagCreateSchema, update: apiTagUpdateSchema },
  schemas: { create: tagCreateSchema, edit: tagRenameSchema, merge: tagMergeSchema },
  list: listTagsVisibleTo,
  find: getTagForApi,
  mutations: { create: createTag, edit: renameTag, merge: mergeTag, remove: deleteTag },
});

export const sourceRoutes = taxonomyApi({
  kind: "source",
  bodies: { create: apiSourceCreateSchema, update: apiSourceUpdateSchema },
  schemas: { create: sourceCreateSchema, edit: sourceUpdateSchema, merge: sourceMergeSchema },
  list: listSourcesVisibleTo,
  find: getSourceForApi,
  mutations: { create: createSource, edit: updateSource, merge: mergeSource, remove: deleteSource },
});
