"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormNotice } from "@/components/ui/form-notice";
import type { ActionState, FormAction } from "@/lib/action-state";
import { SETTINGS_LIMITS, type SiteSettingsFormValues } from "@/lib/settings/schema";

type SettingsFormState = ActionState<SiteSettingsFormValues>;

const initialState: SettingsFormState = { status: "idle" };

/** The site settings form. A failed save keeps every typed value and puts each error beside its field. */
export function SettingsForm({
  initialValues,
  timeZones,
  action,
}: {
  initialValues: SiteSettingsFormValues;
  /** The zones to choose from (the server's list, so the page and the check agree). */
  timeZones: string[];
  action: FormAction<SettingsFormState>;
}) {
  const [state, formAction, pending] = useActionState(action, initialState);
  // React resets the form to its default values after the action, so those must be what was submitted.
  const values = { ...initialValues, ...state.values };
  const errors = state.fieldErrors ?? {};
  return (
    <>
      <FormNotice state={state} />
      <form action={formAction} className="settings-form" noValidate>
        <Field label="Site title" name="title" errors={errors.title} hint="Shown in the header, in browser tabs, feeds and share cards.">
          {(props) => <input className="input" {...props} defaultValue={values.title} maxLength={SETTINGS_LIMITS.title} required />}
        </Field>
        <Field label="Description" name="description" errors={errors.description} hint="One sentence under the title, in search results and in feeds.">
          {(props) => <textarea className="input" {...props} rows={2} defaultValue={values.description} maxLength={SETTINGS_LIMITS.description} />}
        </Field>
        <Field
          label="Public address"
          name="url"
          errors={errors.url}
          hint="The address readers use, such as https://links.example.com. Links in feeds, the sitemap and share cards start with it."
        >
          {(props) => <input className="input" {...props} type="url" inputMode="url" defaultValue={values.url} required />}
        </Field>
        <Field label="Language" name="language" errors={errors.language} hint="A language tag such as en, de or pt-BR, for browsers, screen readers and feeds.">
          {(props) => <input className="input" {...props} defaultValue={values.language} autoComplete="off" required />}
        </Field>
        <Field
          label="Time zone"
          name="timeZone"
          errors={errors.timeZone}
          hint="Publish dates are typed in this zone, and the admin, the posts and the archive show dates in it. Feeds keep exact times with their offset."
        >
          {(props) => (
            <select className="input" {...props} defaultValue={values.timeZone}>
              {timeZones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll("_", " ")}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Posts per page"
          name="postsPerPage"
          errors={errors.postsPerPage}
          hint={`On the home page, tag, source, archive and search pages (${SETTINGS_LIMITS.minPerPage} to ${SETTINGS_LIMITS.maxPerPage}).`}
        >
          {(props) => (
            <input
              className="input"
              {...props}
              type="number"
              inputMode="numeric"
              min={SETTINGS_LIMITS.minPerPage}
              max={SETTINGS_LIMITS.maxPerPage}
              defaultValue={values.postsPerPage}
              required
            />
          )}
        </Field>
        <Field
          label="Revisions kept per post"
          name="revisionsPerPost"
          errors={errors.revisionsPerPost}
          hint="Each post's history keeps this many saves; older ones are removed, never the last published one. Leave it blank to keep them all."
        >
          {(props) => (
            <input
              className="input"
              {...props}
              type="number"
              inputMode="numeric"
              min={SETTINGS_LIMITS.minRevisions}
              max={SETTINGS_LIMITS.maxRevisions}
              defaultValue={values.revisionsPerPost}
            />
          )}
        </Field>
        <fieldset className="field">
          <legend>Telling other sites</legend>
          <Field
            label="WebSub hub URL"
            name="websubHubUrl"
            errors={errors.websubHubUrl}
            hint="A WebSub hub (such as https://pubsubhubbub.appspot.com) that feed readers subscribe to: every feed names it, and it is told when a feed changes. Leave it blank for none."
          >
            {(props) => <input className="input" {...props} type="url" inputMode="url" defaultValue={values.websubHubUrl} maxLength={SETTINGS_LIMITS.url} />}
          </Field>
          <div className="field">
            <label>
              <input
                type="checkbox"
                name="sendWebmentions"
                value="on"
                defaultChecked={values.sendWebmentions === "on"}
                aria-describedby="send-webmentions-hint"
              />{" "}
              Send Webmentions to linked articles
            </label>
            <p className="field__hint" id="send-webmentions-hint">
              When a post is published, the article it links to is told through its Webmention endpoint, if it has one, so its author sees the link.
            </p>
          </div>
        </fieldset>
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? "Saving…" : "Save settings"}
        </button>
      </form>
    </>
  );
}
