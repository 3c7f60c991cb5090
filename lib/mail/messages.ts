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
