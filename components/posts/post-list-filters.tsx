"use client";

import Form from "next/form";
import Link from "next/link";
import { useRef } from "react";
import { POST_LIST_SIZES, type PostListQuery } from "@/lib/posts/schema";

type Option = { slug: string; name: string };
type Props = { query: PostListQuery; tags: Option[]; sources: Option[] };

// How long typing in the search box pauses before the list follows.
const TYPING_PAUSE_MS = 500;

/**
 * The posts list's filters: a GET form, so the view lives in the URL and a link reproduces it. With scripts, a
 * changed choice applies at once (and search after a pause in typing) through Next's client navigation; without
 * them, the Filter button does the same. The sort order is kept; the page goes back to the first.
 */
export function PostListFilters({ query, tags, sources }: Props) {
  const form = useRef<HTMLFormElement>(null);
  const typing = useRef<ReturnType<typeof setTimeout>>(undefined);
  const apply = () => form.current?.requestSubmit();
  return (
    <Form
      ref={form}
      action="/admin/posts"
      className="admin-toolbar"
      role="search"
      aria-label="Filter posts"
      onChange={(event) => {
        clearTimeout(typing.current);
        if ((event.target as HTMLElement).tagName === "SELECT") apply();
        else typing.current = setTimeout(apply, TYPING_PAUSE_MS);
      }}
    >
      <div className="field">
        <label htmlFor="filter-q">Search</label>
        <input className="input" id="filter-q" name="q" type="search" defaultValue={query.q} aria-describedby="filter-q-hint" />
        <span className="visually-hidden" id="filter-q-hint">
          Title, URL, TL;DR, summary, commentary and tags
        </span>
      </div>
      <div className="field">
        <label htmlFor="filter-status">Status</label>
        <select className="input" id="filter-status" name="status" defaultValue={query.status}>
          <option value="all">All</option>
          <option value="draft">Drafts</option>
          <option value="in_review">In review</option>
          <option value="scheduled">Scheduled</option>
          <option value="published">Published</option>
        </select>
      </div>
      <TaxonomyFilter name="tag" label="Tag" anyLabel="Any tag" options={tags} value={query.tag} />
      <TaxonomyFilter name="source" label="Source" anyLabel="Any source" options={sources} value={query.source} />
      <div className="field">
        <label htmlFor="filter-size">Per page</label>
        <select className="input" id="filter-size" name="size" defaultValue={String(query.size)}>
          {POST_LIST_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </div>
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      <button className="button" type="submit">
        Filter
      </button>
      <Link className="button button--primary" href="/admin/posts/new">
        New post
      </Link>
    </Form>
  );
}

type TaxonomyFilterProps = { name: "tag" | "source"; label: string; anyLabel: string; options: Option[]; value: string | undefined };

/** A choice of one tag or source by slug, or any. */
function TaxonomyFilter({ name, label, anyLabel, options, value }: TaxonomyFilterProps) {
  const id = `filter-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select className="input" id={id} name={name} defaultValue={value ?? ""}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.slug} value={option.slug}>
            {option.name}
          </option>
        ))}
      </select>
    </div>
  );
}
