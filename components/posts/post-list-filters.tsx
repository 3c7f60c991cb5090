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
      <div className="field">
        <label htmlFor="filter-tag">Tag</label>
        <select className="input" id="filter-tag" name="tag" defaultValue={query.tag ?? ""}>
          <option value="">Any tag</option>
          {tags.map((tag) => (
            <option key={tag.slug} value={tag.slug}>
              {tag.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-source">Source</label>
        <select className="input" id="filter-source" name="source" defaultValue={query.source ?? ""}>
          <option value="">Any source</option>
          {sources.map((source) => (
            <option key={source.slug} value={source.slug}>
              {source.name}
            </option>
          ))}
        </select>
      </div>
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
