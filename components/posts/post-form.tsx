"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
import { Field } from "@/components/ui/field";
import { FormNotice } from "@/components/ui/form-notice";
import type { ActionState, FormAction } from "@/lib/action-state";
import { LIMITS, parseTagList, type PostFormValues, type PostSaveValues } from "@/lib/posts/schema";
import { slugify } from "@/lib/slug";
import { LinkAssist, writeFieldValue, type LinkAssistActions } from "@/components/capture/link-assist";
import { DeletePostForm } from "./delete-post-form";
import { DraftRestoreOffer, whenTyped } from "./draft-restore-offer";
import { MarkdownPreview, type PreviewAction } from "./markdown-preview";
import { useDraftKeeper, type DraftKeeping } from "./use-draft-keeper";
import { useOfflineSave } from "./use-offline-save";
import { UnsavedPreviewButton } from "./unsaved-preview";
import { PublishDateChoice } from "./publish-date-choice";
import { SourceCombobox } from "./source-combobox";
import { TagCombobox } from "./tag-combobox";

export type EditablePost = { id: string; version: number; status: string; title: string; publicHref: string | null };

type PostFormState = ActionState<PostSaveValues>;

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
  /** Who is typing, and the server's side of keeping unsaved text (existing posts). */
  drafts: DraftKeeping;
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
  drafts,
  timeZone,
}: Props) {
  const formElement = useRef<HTMLFormElement>(null);
  // Unsaved text survives a closed tab (browser copy, server autosave, restore offer) and a lost connection.
  const keeper = useDraftKeeper({ form: formElement, post, initialValues, ...drafts });
  const connection = useOfflineSave({ form: formElement, save: actions.save, onSaved: keeper.forget });
  const [state, formAction, pending] = useActionState(connection.saveAction, initialState);
  // After a failed save React resets the form to its default values, so those are the values the user submitted.
  const values: PostSaveValues = { ...initialValues, ...state.values };
  const errors = state.fieldErrors ?? {};
  // The title is uncontrolled, so text typed before the scripts have loaded is never reset by React; the state only
  // follows it (slug hint) and takes in what the field holds once the form is interactive. The tags field does the same.
  const titleInput = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState(values.title);
  useEffect(() => setTitle(titleInput.current?.value ?? ""), []);
  const [tags, setTags] = useState<string[]>([]);
  // The link assist's suggested tags go through the form's tags field, as any other writer's do.
  const addTag = (tag: string) => {
    const field = formElement.current?.elements.namedItem("tags");
    if (field instanceof HTMLInputElement) writeFieldValue(field, [...parseTagList(field.value), tag].join(", "));
  };
  const chosenTags = new Set(tags.map((tag) => tag.toLowerCase()));
  const isDraft = !post || post.status === "DRAFT";
  const inReview = post?.status === "IN_REVIEW";

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
      {keeper.offer && (
        <DraftRestoreOffer
          offer={keeper.offer}
          shown={initialValues}
          status={post?.status ?? "DRAFT"}
          version={post?.version ?? null}
          timeZone={timeZone}
          onRestore={keeper.restore}
          onDiscard={keeper.discard}
        />
      )}
      <form
        ref={formElement}
        action={formAction}
        onSubmit={(event) => {
          keeper.holdAutosave();
          connection.holdWhileOffline(event);
        }}
        className="post-form"
        noValidate
      >
        <div>
          {post && (
            <>
              <input type="hidden" name="postId" value={post.id} />
              <input type="hidden" name="version" value={keeper.baseVersion ?? post.version} />
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
          <Field label="Source" name="source" errors={errors.source} hint="The publication. Pick an existing one as you type, or choose “Create new source”.">
            {(props) => <SourceCombobox field={props} defaultValue={values.source} names={sourceSuggestions} />}
          </Field>
          <Field
            label="Tags"
            name="tags"
            errors={errors.tags}
            hint="Type to find existing tags; Enter or a comma adds the highlighted one, Backspace removes the last. A new tag is added only by choosing “Create new tag”."
          >
            {(props) => <TagCombobox field={props} defaultValue={values.tags} names={tagSuggestions} onChange={setTags} />}
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
          {!canPublish && isDraft && (
            <Field
              label="Note for the editor"
              name="reviewNote"
              errors={errors.reviewNote}
              hint="Optional, sent with “Submit for review”: what to look at, or what you changed since it came back."
            >
              {(props) => <textarea className="input" {...props} rows={3} maxLength={LIMITS.reviewNote} defaultValue={values.reviewNote} />}
            </Field>
          )}
          <div className="post-form__actions">
            {isDraft && (
              <button className="button" type="submit" name="intent" value="draft" disabled={pending}>
                {connection.offline ? "Offline — will save when back" : "Save draft"}
              </button>
            )}
            {!canPublish && isDraft && (
              <button className="button button--primary" type="submit" name="intent" value="review" disabled={pending || !connection.online}>
                Submit for review
              </button>
            )}
            {canPublish && inReview && (
              <button className="button" type="submit" name="intent" value="review" disabled={pending || !connection.online}>
                Save, keep in review
              </button>
            )}
            {canPublish && (
              <>
                <button className="button button--primary" type="submit" name="intent" value="publish" disabled={pending || !connection.online}>
                  Publish
                </button>
                <button className="button" type="submit" name="intent" value="schedule" disabled={pending || !connection.online}>
                  Schedule
                </button>
                {!isDraft && !inReview && (
                  <button className="button" type="submit" name="intent" value="unpublish" disabled={pending || !connection.online}>
                    Unpublish
                  </button>
                )}
              </>
            )}
            <UnsavedPreviewButton form={formElement} disabled={pending} />
            {!canPublish && <p className="field__hint">Submit your draft for review when it is ready: an editor publishes it.</p>}
            {connection.offline ? (
              <p className="field__hint" role="status">
                {connection.draftWaiting
                  ? "Offline: the draft will be saved when the connection is back."
                  : "Offline: what you type is kept in this browser until you can save."}
              </p>
            ) : (
              keeper.autosavedAt && <p className="field__hint">Autosaved at {whenTyped(keeper.autosavedAt)}.</p>
            )}
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
