import { site } from "@/lib/settings/defaults";

/** The invitation email: who invited whom, the link and when it expires. */
export function invitationMail(to: string, name: string, invitedBy: string, link: string, expiresAt: Date) {
  return {
    to,
    subject: `You are invited to ${site.title}`,
    text: [
      `Hello ${name},`,
      "",
      `${invitedBy} invited you to publish on ${site.title}. Choose your password here:`,
      "",
      link,
      "",
      `The link works once and expires on ${expiresAt.toISOString().replace("T", " ").slice(0, 16)} UTC.`,
      "If you did not expect this invitation, ignore this email.",
    ].join("\n"),
  };
}

/** The password-reset email. */
export function passwordResetMail(to: string, name: string, link: string) {
  return {
    to,
    subject: `Reset your ${site.title} password`,
    text: [
      `Hello ${name},`,
      "",
      `Someone asked to reset the password of your ${site.title} account. If it was you, choose a new password here:`,
      "",
      link,
      "",
      "The link works once and expires in one hour. If you did not ask for it, ignore this email: your password stays as it is.",
    ].join("\n"),
  };
}

/** The email to a post's author when an editor publishes, schedules or returns it (the note is on the post's page). */
export function reviewMail(to: string, name: string, step: { kind: "PUBLISHED" | "SCHEDULED" | "RETURNED"; by: string; title: string; link: string }) {
  const what = { PUBLISHED: "published", SCHEDULED: "scheduled", RETURNED: "returned to you with a note" }[step.kind];
  return {
    to,
    subject: `${step.by} ${step.kind === "RETURNED" ? "returned" : what} your post on ${site.title}`,
    text: [
      `Hello ${name},`,
      "",
      `${step.by} ${what} your post “${step.title}”.`,
      step.kind === "RETURNED" ? "Read the note, change the post and submit it again here:" : "See it here:",
      "",
      step.link,
    ].join("\n"),
  };
}

/** The email to each admin when a webhook is disabled after its deliveries failed for 3 days. */
export function webhookDisabledMail(to: string, name: string, webhook: { url: string; reason: string; link: string }) {
  return {
    to,
    subject: `A webhook of ${site.title} was disabled`,
    text: [
      `Hello ${name},`,
      "",
      `The webhook to ${webhook.url} was disabled: ${webhook.reason}`,
      "Check the receiver, then enable the webhook again and resend what it missed here:",
      "",
      webhook.link,
    ].join("\n"),
  };
}
