"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
import { CharacterCount } from "@/components/ui/character-count";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, FieldIdPrefix } from "@/components/ui/field";
import { FormNotice } from "@/components/ui/form-notice";
import type { ActionState, FormAction } from "@/lib/action-state";
import { withScheme } from "@/lib/posts/rules";
import { LIMITS, parseTagList, POST_FIELD_LABELS, type PostFormValues, type PostSaveValues } from "@/lib/posts/schema";
import { slugify } from "@/lib/slug";
import { LinkAssist, writeFieldValue, type LinkAssistActions } from "@/components/capture/link-assist";
import { DeletePostForm } from "./delete-post-form";
import { DraftRestoreOffer, whenTyped } from "./draft-restore-offer";
import { MarkdownEditor } from "./markdown-editor";
import type { PreviewAction } from "./markdown-preview";
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

/** The fields' ids are `post-<name>`, so the error summary links each one. */
const ID_PREFIX = "post";
/** The fields' names and labels in the order the form shows them: the error summary links them so. */
const FIELDS = [...POST_FIELD_LABELS, ["reviewNote", "Note for the editor"]] as const;

// An address typed without https:// gets it when the field is left, as the server would add it on saving.
const completeScheme = (event: React.FocusEvent<HTMLInputElement>) => {
  event.target.value = withScheme(event.target.value);
};

/**
 * The save button's words and intent for the post's state. A save never changes what is public: a draft stays a draft,
 * a published post is updated in place, a scheduled one keeps its schedule (with the date as typed).
 */
function saveButtonFor(status: string, canPublish: boolean): { label: string; intent: string } | null {
  if (status === "DRAFT") return { label: "Save draft", intent: "draft" };
  if (!canPublish) return null;
  if (status === "IN_REVIEW") return { label: "Save, keep in review", intent: "review" };
  if (status === "SCHEDULED") return { label: "Update schedule", intent: "schedule" };
  return { label: "Update", intent: "publish" };
}

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
  const hasFieldErrors = FIELDS.some(([name]) => errors[name]?.length);
  // After a failed save, focus goes to the first field in error, where the editor has to act.
  useEffect(() => {
    if (state.status === "error") formElement.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);
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
  const status = post?.status ?? "DRAFT";
  const isDraft = status === "DRAFT";
  const inReview = status === "IN_REVIEW";
  const save = saveButtonFor(status, canPublish);
  const saveButton = useRef<HTMLButtonElement>(null);
  const publishChoice = useRef<HTMLDivElement>(null);
  // Ctrl/Cmd+S saves as the save button does (never publishes); Ctrl/Cmd+Enter moves to the publish buttons, where
  // the editor chooses, instead of submitting whatever button comes first.
  const onKeyDown = (event: React.KeyboardEvent<HTMLFormElement>) => {
    // Chromium submits a date or datalist field's Enter with the first button that is enabled, past a disabled
    // default: outside a draft, Enter in a field is stopped here (a field that uses Enter itself stops it first).
    if (event.key === "Enter" && !isDraft && !event.ctrlKey && !event.metaKey && event.target instanceof HTMLInputElement) {
      event.preventDefault();
      return;
    }
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    if (event.key.toLowerCase() === "s") {
      event.preventDefault();
      if (saveButton.current && !saveButton.current.disabled) formElement.current?.requestSubmit(saveButton.current);
    } else if (event.key === "Enter") {
      event.preventDefault();
      publishChoice.current?.querySelector<HTMLButtonElement>("button:not(:disabled)")?.focus();
    }
  };

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
      ) : hasFieldErrors ? (
        <ErrorSummary message={state.message ?? ""} fieldErrors={errors} fields={FIELDS} idPrefix={ID_PREFIX} link={state.link} />
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
      <FieldIdPrefix value={ID_PREFIX}>
        <form
          ref={formElement}
          action={formAction}
          onKeyDown={onKeyDown}
          onSubmit={(event) => {
            keeper.holdAutosave();
            connection.holdWhileOffline(event);
          }}
          className="post-form"
          noValidate
        >
          {/* Enter in a field submits the form's first submit button: this one. It saves a draft; in every other state
            scripts stop the Enter (onKeyDown), and without them its intent is none the server takes, which refuses
            with "Choose one of the buttons", so Enter never publishes, schedules or unpublishes. */}
          <button type="submit" name="intent" value={isDraft ? "draft" : "none"} hidden disabled={pending} tabIndex={-1} aria-hidden="true">
            Save draft
          </button>
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
                <>
                  <input
                    className="input"
                    {...props}
                    ref={titleInput}
                    defaultValue={values.title}
                    onChange={(event) => setTitle(event.target.value)}
                    required
                  />
                  <CharacterCount inputId={props.id} limit={LIMITS.title} />
                </>
              )}
            </Field>
            <Field label="External URL" name="externalUrl" errors={errors.externalUrl} hint="The article this post points to.">
              {(props) => <input className="input" {...props} type="url" inputMode="url" defaultValue={values.externalUrl} onBlur={completeScheme} required />}
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
            <Field label="TL;DR" name="tldr" errors={errors.tldr} hint="One or two sentences shown in lists and feeds. Markdown.">
              {(props) => <MarkdownEditor field={props} label="TL;DR" rows={3} defaultValue={values.tldr} limit={LIMITS.tldr} preview={actions.preview} />}
            </Field>
            <Field label="Summary" name="summary" errors={errors.summary} hint="Markdown.">
              {(props) => (
                <MarkdownEditor field={props} label="Summary" rows={10} defaultValue={values.summary} limit={LIMITS.summary} preview={actions.preview} />
              )}
            </Field>
            <Field label="Commentary" name="commentary" errors={errors.commentary} hint="Optional. Your own take, in Markdown.">
              {(props) => (
                <MarkdownEditor
                  field={props}
                  label="Commentary"
                  rows={6}
                  defaultValue={values.commentary}
                  limit={LIMITS.commentary}
                  preview={actions.preview}
                />
              )}
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
              {(props) => (
                <>
                  <input className="input" {...props} defaultValue={values.slug} placeholder={slugify(title)} autoComplete="off" />
                  <CharacterCount inputId={props.id} limit={LIMITS.slug} />
                </>
              )}
            </Field>
            <Field label="Via" name="via" errors={errors.via} hint="Optional. The page where you found the link.">
              {(props) => <input className="input" {...props} type="url" inputMode="url" defaultValue={values.via} onBlur={completeScheme} />}
            </Field>
            {!canPublish && isDraft && (
              <Field
                label="Note for the editor"
                name="reviewNote"
                errors={errors.reviewNote}
                hint="Optional, sent with “Submit for review”: what to look at, or what you changed since it came back."
              >
                {(props) => (
                  <>
                    <textarea className="input" {...props} rows={3} defaultValue={values.reviewNote} />
                    <CharacterCount inputId={props.id} limit={LIMITS.reviewNote} />
                  </>
                )}
              </Field>
            )}
            <div className="post-form__actions">
              {save && (
                <button
                  ref={saveButton}
                  className={`button${status === "PUBLISHED" || status === "SCHEDULED" ? " button--primary" : ""}`}
                  type="submit"
                  name="intent"
                  value={save.intent}
                  disabled={pending || (!isDraft && !connection.online)}
                  aria-keyshortcuts="Control+S Meta+S"
                >
                  {isDraft && connection.offline ? "Offline — will save when back" : save.label}
                </button>
              )}
              {!canPublish && isDraft && (
                <button className="button button--primary" type="submit" name="intent" value="review" disabled={pending || !connection.online}>
                  Submit for review
                </button>
              )}
              {canPublish && (
                <div
                  ref={publishChoice}
                  className="post-form__publish"
                  role="group"
                  aria-label="Publishing choices"
                  aria-keyshortcuts="Control+Enter Meta+Enter"
                >
                  {status !== "PUBLISHED" && (
                    <button
                      className={`button${isDraft || inReview ? " button--primary" : ""}`}
                      type="submit"
                      name="intent"
                      value="publish"
                      disabled={pending || !connection.online}
                    >
                      Publish
                    </button>
                  )}
                  {(isDraft || inReview) && (
                    <button className="button" type="submit" name="intent" value="schedule" disabled={pending || !connection.online}>
                      Schedule
                    </button>
                  )}
                  {!isDraft && !inReview && (
                    <button className="button" type="submit" name="intent" value="unpublish" disabled={pending || !connection.online}>
                      Unpublish
                    </button>
                  )}
                </div>
              )}
              <UnsavedPreviewButton form={formElement} disabled={pending} />
              {!canPublish && <p className="field__hint">Submit your draft for review when it is ready: an editor publishes it.</p>}
              <p className="field__hint">
                Keys: <kbd>Ctrl</kbd>+<kbd>S</kbd> (<kbd>⌘</kbd>+<kbd>S</kbd>) {save ? `does “${save.label}”` : "saves"}
                {canPublish && (
                  <>
                    ; <kbd>Ctrl</kbd>+<kbd>Enter</kbd> (<kbd>⌘</kbd>+<kbd>Enter</kbd>) goes to the publishing buttons
                  </>
                )}
                . Enter alone never publishes.
              </p>
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
      </FieldIdPrefix>
      {post && canDelete && (
        <div style={{ marginTop: "1.5rem" }}>
          <DeletePostForm postId={post.id} title={post.title} action={actions.remove} />
        </div>
      )}
    </>
  );
}
