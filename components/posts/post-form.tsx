"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
import { Field } from "@/components/ui/field";
import { FormNotice } from "@/components/ui/form-notice";
import type { ActionState, FormAction } from "@/lib/action-state";
import { LIMITS, parseTagList, type PostFormValues } from "@/lib/posts/schema";
import { slugify } from "@/lib/slug";
import { LinkAssist, type LinkAssistActions } from "@/components/capture/link-assist";
import { DeletePostForm } from "./delete-post-form";
import { MarkdownPreview, type PreviewAction } from "./markdown-preview";
import { PublishDateChoice } from "./publish-date-choice";

export type EditablePost = { id: string; version: number; status: string; title: string; publicHref: string | null };

type PostFormState = ActionState<PostFormValues>;

/** The post actions, passed in by the page: save (every intent), delete, the Markdown preview, the link check and prefill. */
type PostFormActions = { save: FormAction<PostFormState>; remove: FormAction<ActionState>; preview: PreviewAction } & LinkAssistActions;

type Props = {
  actions: PostFormActions;
  post: EditablePost | null;
  initialValues: PostFormValues;
  /** The page title a capture brought, which the article's own title may replace while nobody has changed it. */
  capturedTitle?: string;
  canPublish: boolean;
  canDelete: boolean;
  savedNotice?: string;
  /** The revision "Restore this version" loaded into the form, so its save is recorded as a restore. */
  restoredFrom?: string;
  tagSuggestions: string[];
  sourceSuggestions: string[];
  /** The site's time zone: the publish date is typed and shown in it. */
  timeZone: string;
};

const initialState: PostFormState = { status: "idle" };

/** Create and edit a link post. A failed save keeps every typed value and puts each error beside its field. */
export function PostForm({
  actions,
  post,
  initialValues,
  capturedTitle,
  canPublish,
  canDelete,
  savedNotice,
  restoredFrom,
  tagSuggestions,
  sourceSuggestions,
  timeZone,
}: Props) {
  const [state, formAction, pending] = useActionState(actions.save, initialState);
  // After a failed save React resets the form to its default values, so those are the values the user submitted.
  const values = { ...initialValues, ...state.values };
  const errors = state.fieldErrors ?? {};
  // Title and tags are uncontrolled, so text typed before the scripts have loaded is never reset by React; the state
  // only follows them (slug hint, tag chips) and takes in what the fields hold once the form is interactive.
  const formElement = useRef<HTMLFormElement>(null);
  const titleInput = useRef<HTMLInputElement>(null);
  const tagsInput = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState(values.title);
  const [tags, setTags] = useState(values.tags);
  useEffect(() => {
    setTitle(titleInput.current?.value ?? "");
    setTags(tagsInput.current?.value ?? "");
  }, []);
  const addTag = (tag: string) => {
    const next = [...parseTagList(tagsInput.current?.value ?? tags), tag].join(", ");
    if (tagsInput.current) tagsInput.current.value = next;
    setTags(next);
  };
  const chosenTags = new Set(parseTagList(tags).map((tag) => tag.toLowerCase()));
  const isDraft = !post || post.status === "DRAFT";

  return (
    <>
      {state.status === "idle" && savedNotice ? (
        <div className="notice notice--success" role="status">
          <p>
            {savedNotice}
            {post?.publicHref && (
              <>
                {" "}
                <Link href={post.publicHref}>View the post</Link>
              </>
            )}
          </p>
        </div>
      ) : (
        <FormNotice state={state} />
      )}
      <form ref={formElement} action={formAction} className="post-form" noValidate>
        <div>
          {post && (
            <>
              <input type="hidden" name="postId" value={post.id} />
              <input type="hidden" name="version" value={post.version} />
              {restoredFrom && <input type="hidden" name="restoredFrom" value={restoredFrom} />}
            </>
          )}
          <Field label="Title" name="title" errors={errors.title}>
            {(props) => (
              <input
                className="input"
                {...props}
                ref={titleInput}
                defaultValue={values.title}
                onChange={(event) => setTitle(event.target.value)}
                maxLength={LIMITS.title}
                required
              />
            )}
          </Field>
          <Field label="External URL" name="externalUrl" errors={errors.externalUrl} hint="The article this post points to.">
            {(props) => <input className="input" {...props} type="url" inputMode="url" defaultValue={values.externalUrl} required />}
          </Field>
          <LinkAssist form={formElement} actions={actions} postId={post?.id} capturedTitle={capturedTitle} chosenTags={chosenTags} onAddTag={addTag} />
          <Field label="Source" name="source" errors={errors.source} hint="The publication. Pick one or type a new name.">
            {(props) => (
              <>
                <input className="input" {...props} list="source-suggestions" defaultValue={values.source} autoComplete="off" />
                <datalist id="source-suggestions">
                  {sourceSuggestions.map((name) => (
                    <option key={name} value={name} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <Field
            label="Tags"
            name="tags"
            errors={errors.tags}
            hint={
              <>
                Separate tags with commas. New names become new tags.
                {tagSuggestions.length > 0 && (
                  <span className="chip-row" role="group" aria-label="Add an existing tag">
                    {tagSuggestions
                      .filter((tag) => !chosenTags.has(tag.toLowerCase()))
                      .slice(0, 30)
                      .map((tag) => (
                        <button key={tag} type="button" className="chip" onClick={() => addTag(tag)}>
                          + {tag}
                        </button>
                      ))}
                  </span>
                )}
              </>
            }
          >
            {(props) => (
              <input
                className="input"
                {...props}
                ref={tagsInput}
                defaultValue={values.tags}
                onChange={(event) => setTags(event.target.value)}
                autoComplete="off"
              />
            )}
          </Field>
          <Field label="TL;DR" name="tldr" errors={errors.tldr} hint="One or two sentences shown in lists and feeds.">
            {(props) => <textarea className="input" {...props} rows={3} defaultValue={values.tldr} />}
          </Field>
          <Field label="Summary" name="summary" errors={errors.summary} hint="Markdown.">
            {(props) => (
              <>
                <textarea className="input" {...props} rows={10} defaultValue={values.summary} />
                <MarkdownPreview textareaId={props.id} label="summary" action={actions.preview} />
              </>
            )}
          </Field>
          <Field label="Commentary" name="commentary" errors={errors.commentary} hint="Optional. Your own take, in Markdown.">
            {(props) => <textarea className="input" {...props} rows={6} defaultValue={values.commentary} />}
          </Field>
        </div>
        <aside className="post-form__side" aria-label="Publishing">
          <Field
            label="Publish date"
            name="publishedAt"
            errors={errors.publishedAt}
            hint={`In ${timeZone}, the site's time zone. Empty means now when you publish.`}
          >
            {(props) => <input className="input" {...props} type="datetime-local" defaultValue={values.publishedAt} />}
          </Field>
          <PublishDateChoice value={values.publishedAt} timeZone={timeZone} />
          <Field
            label="Slug"
            name="slug"
            errors={errors.slug}
            hint={`The post's address: /posts/${values.slug || slugify(title) || "…"}. Leave empty to derive it from the title.`}
          >
            {(props) => <input className="input" {...props} defaultValue={values.slug} placeholder={slugify(title)} autoComplete="off" />}
          </Field>
          <Field label="Via" name="via" errors={errors.via} hint="Optional. The page where you found the link.">
            {(props) => <input className="input" {...props} type="url" inputMode="url" defaultValue={values.via} />}
          </Field>
          <div className="post-form__actions">
            {isDraft && (
              <button className="button" type="submit" name="intent" value="draft" disabled={pending}>
                Save draft
              </button>
            )}
            {canPublish && (
              <>
                <button className="button button--primary" type="submit" name="intent" value="publish" disabled={pending}>
                  Publish
                </button>
                <button className="button" type="submit" name="intent" value="schedule" disabled={pending}>
                  Schedule
                </button>
                {!isDraft && (
                  <button className="button" type="submit" name="intent" value="unpublish" disabled={pending}>
                    Unpublish
                  </button>
                )}
              </>
            )}
            {!canPublish && <p className="field__hint">An editor publishes your draft when it is ready.</p>}
          </div>
        </aside>
      </form>
      {post && canDelete && (
        <div style={{ marginTop: "1.5rem" }}>
          <DeletePostForm postId={post.id} title={post.title} action={actions.remove} />
        </div>
      )}
    </>
  );
}
