import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { site } from "@/lib/settings/defaults";

// SMTP_URL (smtp://user:pass@host:587, smtps://… for TLS from the start) or the separate SMTP_HOST/SMTP_PORT/
// SMTP_USER/SMTP_PASSWORD/SMTP_SECURE variables. MAIL_FROM is the sender.
function smtpOptions(): string | { host: string; port: number; secure: boolean; auth?: { user: string; pass: string } } | null {
  const url = process.env.SMTP_URL?.trim();
  if (url) return url;
  const host = process.env.SMTP_HOST?.trim();
  if (!host) return null;
  const port = Number(process.env.SMTP_PORT || 587);
  const user = process.env.SMTP_USER?.trim();
  return {
    host,
    port,
    secure: process.env.SMTP_SECURE ? process.env.SMTP_SECURE === "true" : port === 465,
    auth: user ? { user, pass: process.env.SMTP_PASSWORD ?? "" } : undefined,
  };
}

/** Whether email can be sent; without it invitations and resets are links the admin passes on by hand. */
export function isMailConfigured(): boolean {
  return smtpOptions() !== null;
}

let transporter: { key: string; transport: Transporter } | undefined;

function transport(): Transporter {
  const options = smtpOptions();
  if (!options) throw new Error("SMTP is not configured.");
  const key = JSON.stringify(options);
  // Rebuilt when the configuration changes (tests start their own SMTP catcher).
  if (transporter?.key !== key) transporter = { key, transport: nodemailer.createTransport(options) };
  return transporter.transport;
}

export type Mail = { to: string; subject: string; text: string };

/** Sends a plain-text message. Errors reach the caller, which logs them without the message body (it holds a link). */
export async function sendMail(mail: Mail): Promise<void> {
  const from = process.env.MAIL_FROM?.trim() || `${site.title} <no-reply@${new URL(site.url).hostname}>`;
  await transport().sendMail({ from, ...mail });
}

/**
 * Sends `mail` when SMTP is configured: whether it went out. Called after the transaction, it never fails the action
 * that caused it; the error is logged without the message (which may hold a link).
 */
export function deliverMail(mail: Mail, what: string): Promise<boolean> {
  if (!isMailConfigured()) return Promise.resolve(false);
  return sendMail(mail).then(
    () => true,
    (error: unknown) => {
      console.error(`[mail] sending the ${what} failed:`, error instanceof Error ? error.message : "unknown error");
      return false;
    },
  );
}
