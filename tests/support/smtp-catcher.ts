import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type CaughtMail = { to: string; raw: string };

export type SmtpCatcher = {
  /** Every message received, in order, with quoted-printable undone so links can be read whole. */
  inbox: CaughtMail[];
  /** Runs `work` with SMTP_URL pointing at the catcher, and unset again afterwards. */
  withMail<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

/** A local SMTP server on 127.0.0.1: mail really goes through nodemailer to it, and the tests read what arrived. */
export async function startSmtpCatcher(): Promise<SmtpCatcher> {
  const inbox: CaughtMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        // Long lines arrive quoted-printable; undo the soft line breaks and escapes.
        const raw = Buffer.concat(chunks)
          .toString("utf8")
          .replace(/=\r?\n/g, "")
          .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
        inbox.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address).join(","), raw });
        callback();
      });
    },
  });
  smtp.listen(0, "127.0.0.1");
  await once(smtp.server, "listening");
  const url = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  return {
    inbox,
    withMail(work) {
      process.env.SMTP_URL = url;
      return work().finally(() => delete process.env.SMTP_URL);
    },
    async close() {
      delete process.env.SMTP_URL;
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}
