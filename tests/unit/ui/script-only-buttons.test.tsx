import { createRef } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DeleteUserForm } from "@/components/admin/user-actions";
import { LinkAssist } from "@/components/capture/link-assist";
import { DeletePostForm } from "@/components/posts/delete-post-form";
import { UnsavedPreviewButton } from "@/components/posts/unsaved-preview";
import { ConfirmStep } from "@/components/ui/confirm-step";

// The page as sent, before its script runs: a button that works only through script is offered disabled, so a click
// before hydration (a slow phone, a busy machine) is not silently lost. Once hydrated, the same buttons are enabled
// (the end-to-end tests click every one of them).
const idle = async () => ({ status: "idle" as const });
const noForm = createRef<HTMLFormElement>();

function button(html: string, name: string): string {
  const found = html.match(new RegExp(`<button[^>]*>${name}</button>`));
  expect(found, `a "${name}" button`).not.toBeNull();
  return found![0];
}

describe("buttons that need the page's script, before it runs", () => {
  it.each([
    [
      "a confirmation step's opener",
      <ConfirmStep key="step" openLabel="Delete tag…">
        {() => null}
      </ConfirmStep>,
      "Delete tag…",
    ],
    ["Move to trash", <DeletePostForm key="trash" postId="p1" title="A post" action={idle} />, "Move to trash"],
    [
      "Delete account…",
      <DeleteUserForm
        key="user"
        person={{ id: "u1", name: "Ada", role: "EDITOR", status: "active", twoFactor: false, isSelf: false, postCount: 0 }}
        owners={[]}
        action={idle}
      />,
      "Delete account…",
    ],
    ["the post form's Preview", <UnsavedPreviewButton key="preview" form={noForm} />, "Preview"],
    [
      "Fetch details",
      <LinkAssist
        key="assist"
        form={noForm}
        actions={{ checkLink: async () => ({ existing: [] }), prefill: async () => ({ error: "not in this test" }) }}
        chosenTags={new Set()}
        onAddTag={() => {}}
      />,
      "Fetch details",
    ],
  ])("%s is disabled", (_, element, name) => {
    expect(button(renderToStaticMarkup(element), name)).toMatch(/\bdisabled=""/);
  });
});
