// Micropub requests (W3C Micropub) as Linkpress reads them: a form (urlencoded or multipart) or a JSON body, both read
// into one shape; an h-entry's properties mapped onto a link post's fields; an update's replace, add and delete applied
// to a post's properties. Pure: the handler (handler.ts) reads the request, micropub.ts acts on it.
import { z } from "zod";

/** The h-entry properties that name the article a post links to, read in this order. */
export const LINK_PROPERTIES = ["bookmark-of", "like-of", "repost-of"] as const;
export type LinkProperty = (typeof LINK_PROPERTIES)[number];

/** What `GET /micropub?q=` answers. */
export const MICROPUB_QUERIES = ["config", "source", "syndicate-to", "category"] as const;

/** Microformats 2 properties: each a list of values (text, or an object such as {"html": …} or an h-cite). */
export type Mf2Properties = Record<string, unknown[]>;

export type MicropubUpdate = { replace: Mf2Properties; add: Mf2Properties; remove: string[] | Mf2Properties };

export type MicropubRequest =
  { action: "create"; properties: Mf2Properties } | ({ action: "update"; url: string } & MicropubUpdate) | { action: "delete" | "undelete"; url: string };

/** A post's fields as an h-entry gives them, in the REST API's names; a property given with no value empties its field. */
export type MicropubPostFields = {
  title?: string;
  url?: string;
  tags?: string[];
  tldr?: string;
  /** Text is Markdown as it is; HTML is converted by the server. */
  content?: string | { html: string };
  publishedAt?: string;
  slug?: string;
};

export type MicropubEntry = { fields: MicropubPostFields; status?: "published" | "draft"; linkProperty?: LinkProperty };

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

/** A zod refusal as one sentence per issue, each after the property it is about ("name: Enter a title."). */
function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.filter((part): part is string => typeof part === "string");
      const where = (path[0] === "properties" ? path.slice(1) : path).join(".");
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join(" ");
}

function parsed<T extends z.ZodType>(schema: T, input: unknown): Parsed<z.output<T>> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : fail(describe(result.error));
}

const values = z.array(z.unknown(), { message: "Give the values as an array, even a single one." });
const propertyMap = (name: string) => z.record(z.string(), values, { message: `Give ${name} as an object of properties, each with an array of values.` });
const postUrl = z.string({ message: "Give the URL of the post." }).trim().min(1, "Give the URL of the post.");

const createSchema = z.object({
  type: z
    .array(z.string(), { message: 'Give the type as an array, such as ["h-entry"].' })
    .optional()
    .refine((type) => type === undefined || (type.length === 1 && type[0] === "h-entry"), "Linkpress creates h-entry posts only."),
  properties: propertyMap("properties"),
});

const updateSchema = z
  .object({
    action: z.literal("update"),
    url: postUrl,
    replace: propertyMap("replace").optional(),
    add: propertyMap("add").optional(),
    delete: z
      .union([z.array(z.string()), propertyMap("delete")], { message: "Give delete as an array of property names, or an object of values to remove." })
      .optional(),
  })
  .refine((update) => update.replace || update.add || update.delete, "An update needs replace, add or delete.");

const deleteSchema = z.object({ action: z.enum(["delete", "undelete"]), url: postUrl });

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A JSON body: an h-entry to create (`type`, `properties`), or an `action` on the post at `url`. */
export function parseMicropubJson(body: unknown): Parsed<MicropubRequest> {
  if (!isObject(body)) return fail("Send a JSON object: an h-entry to create, or an action with the URL of a post.");
  const { action } = body;
  if (action === undefined) {
    const create = parsed(createSchema, body);
    return create.ok ? { ok: true, value: { action: "create", properties: create.value.properties } } : create;
  }
  if (action === "update") {
    const update = parsed(updateSchema, body);
    if (!update.ok) return update;
    const { url, replace = {}, add = {}, delete: remove = [] } = update.value;
    return { ok: true, value: { action: "update", url, replace, add, remove } };
  }
  if (action === "delete" || action === "undelete") return parsed(deleteSchema, body);
  return fail("action: Use update, delete or undelete (or no action, to create a post).");
}

/**
 * A form body (x-www-form-urlencoded or multipart), as name and value pairs: `h` the type, `action` and `url` an action
 * on a post, every other name a property, `name[]` (or a repeated name) a property with several values. The token
 * field (access_token) is the handler's and never a property.
 */
export function parseMicropubForm(entries: Iterable<[string, string]>): Parsed<MicropubRequest> {
  const fields = new Map<string, string[]>();
  for (const [name, value] of entries) {
    const key = name.endsWith("[]") ? name.slice(0, -2) : name;
    if (key !== "access_token") fields.set(key, [...(fields.get(key) ?? []), value]);
  }
  for (const key of ["h", "action", "url"]) if ((fields.get(key)?.length ?? 0) > 1) return fail(`${key}: Send one value.`);
  const action = fields.get("action")?.[0];
  if (action === "update") return fail("action: Send updates as JSON (Content-Type: application/json), as Micropub asks.");
  if (action !== undefined) return parseMicropubJson({ action, url: fields.get("url")?.[0] });
  const h = fields.get("h")?.[0];
  fields.delete("h");
  return parseMicropubJson({ type: h === undefined ? undefined : [`h-${h}`], properties: Object.fromEntries(fields) });
}

/** A property that takes one value; none empties the field. */
const one = <T extends z.ZodType>(value: T) =>
  z
    .array(value)
    .max(1, "Send one value.")
    .transform((list) => list[0]);

const text = z.string({ message: "Send text." });
// Text, {"html": …} (or a parsed e-content with html and value), or {"value": …} alone, which is text.
const contentValue = z.union([text, z.object({ html: z.string() }), z.object({ value: z.string() }).transform((content) => content.value)], {
  message: 'Send the content as text or as {"html": "…"}.',
});
// The article's URL, as text or an h-cite with a url.
const linkValue = z.union([text, z.object({ properties: z.object({ url: z.array(z.string()).min(1) }) }).transform((cite) => cite.properties.url[0])], {
  message: "Send the article's URL as text (or an h-cite with a url).",
});

// Properties Linkpress does not recognise (photo, syndication, location…) are left out, as Micropub asks.
const entrySchema = z.object({
  name: one(text).optional(),
  content: one(contentValue).optional(),
  summary: one(text).optional(),
  category: z.array(z.string({ message: "Send each category as text." })).optional(),
  published: one(text).optional(),
  "bookmark-of": one(linkValue).optional(),
  "like-of": one(linkValue).optional(),
  "repost-of": one(linkValue).optional(),
  "post-status": one(z.enum(["published", "draft"], { message: "Send published or draft." })).optional(),
  "mp-slug": one(text).optional(),
});

/**
 * An h-entry's properties as a link post's fields: name the title, bookmark-of (or like-of, repost-of) the article's
 * URL, category the tags, summary the TL;DR, content the commentary, published the date, mp-slug the slug, and
 * post-status whether to publish. Only the properties given are set; the post rules are checked later, by the same
 * schema as the form's.
 */
export function parseEntry(properties: Mf2Properties): Parsed<MicropubEntry> {
  const result = parsed(entrySchema, properties);
  if (!result.ok) return result;
  const entry = result.value;
  const given = (name: string) => Object.hasOwn(properties, name);
  // An emptied link property beside one with a value is no conflict (an update switching bookmark-of to like-of).
  const links = [...LINK_PROPERTIES.filter((name) => entry[name]), ...LINK_PROPERTIES.filter((name) => given(name) && !entry[name])];
  const urls = new Set(links.flatMap((name) => entry[name] || []));
  if (urls.size > 1) return fail(`${links.filter((name) => entry[name]).join(", ")}: Send the article's URL in one of them.`);
  const fields: MicropubPostFields = {};
  if (given("name")) fields.title = entry.name ?? "";
  if (links.length) fields.url = entry[links[0]] ?? "";
  if (given("category")) fields.tags = entry.category ?? [];
  if (given("summary")) fields.tldr = entry.summary ?? "";
  if (given("content")) fields.content = entry.content ?? "";
  if (given("published")) fields.publishedAt = entry.published ?? "";
  if (given("mp-slug")) fields.slug = entry["mp-slug"] ?? "";
  return { ok: true, value: { fields, status: entry["post-status"], linkProperty: links[0] } };
}

const sameValues = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The properties an update changes, with their new values: `replace` sets a property's values, `add` appends to them,
 * `remove` (the request's `delete`) empties the properties named or takes the values given out of them. A property
 * left as it was is not among them, so an editor sending every property back changes only what differs.
 */
export function applyUpdate(current: Mf2Properties, update: MicropubUpdate): Mf2Properties {
  const next = new Map(Object.entries(current));
  const touched = new Set<string>();
  for (const [name, list] of Object.entries(update.replace)) {
    next.set(name, list);
    touched.add(name);
  }
  for (const [name, list] of Object.entries(update.add)) {
    next.set(name, [...(next.get(name) ?? []), ...list]);
    touched.add(name);
  }
  const removals: [string, unknown[] | null][] = Array.isArray(update.remove) ? update.remove.map((name) => [name, null]) : Object.entries(update.remove);
  for (const [name, list] of removals) {
    next.set(name, list === null ? [] : (next.get(name) ?? []).filter((value) => !list.some((removed) => sameValues(removed, value))));
    touched.add(name);
  }
  const before = (name: string) => (Object.hasOwn(current, name) ? current[name] : []);
  return Object.fromEntries([...touched].filter((name) => !sameValues(next.get(name), before(name))).map((name) => [name, next.get(name) ?? []]));
}
