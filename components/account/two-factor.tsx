"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormNotice } from "@/components/ui/form-notice";
import type { FormAction } from "@/lib/action-state";
import type { RecoveryCodesState } from "@/lib/users/schema";

type TwoFactorAction = FormAction<RecoveryCodesState>;

const idle: RecoveryCodesState = { status: "idle" };

function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <section aria-labelledby="recovery-heading" className="notice notice--success">
      <h2 id="recovery-heading">Your recovery codes</h2>
      <p>Keep these somewhere safe, such as a password manager. Each works once if you lose your phone. They are not shown again.</p>
      <ul aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <Link href="/admin/posts">Continue to the admin area</Link>
      </p>
    </section>
  );
}

/** Step one: create the secret. */
export function StartTwoFactorForm({ action }: { action: TwoFactorAction }) {
  const [state, formAction, pending] = useActionState(action, idle);
  return (
    <form action={formAction} aria-label="Start two-factor set-up">
      <FormNotice state={state} />
      <button className="button button--primary" type="submit" disabled={pending}>
        Set up two-factor authentication
      </button>
    </form>
  );
}

/** Step two: scan the QR code (or type the key), then confirm with a code; the recovery codes follow. */
export function ConfirmTwoFactorForm({ qrCode, secret, action }: { qrCode: string; secret: string; action: TwoFactorAction }) {
  const [state, formAction, pending] = useActionState(action, idle);
  if (state.recoveryCodes) return <RecoveryCodes codes={state.recoveryCodes} />;
  return (
    <form action={formAction} noValidate aria-label="Confirm two-factor set-up">
      <FormNotice state={state} />
      <ol>
        <li>
          Scan this QR code with an authenticator app (such as 1Password, Google Authenticator or Aegis).
          <br />
          {/* A data URL made on the server: nothing is fetched from elsewhere. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={qrCode} width={240} height={240} alt="QR code for your authenticator app" />
        </li>
        <li>
          Or type this key into the app: <code aria-label="Set-up key">{secret.match(/.{1,4}/g)!.join(" ")}</code>
        </li>
        <li>Type the six-digit code the app shows.</li>
      </ol>
      <Field label="Code from the app" name="code" errors={state.fieldErrors?.code}>
        {(props) => (
          <input
            className="input"
            {...props}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            defaultValue={state.values?.code}
            required
          />
        )}
      </Field>
      <button className="button button--primary" type="submit" disabled={pending}>
        {pending ? "Checking…" : "Turn on two-factor authentication"}
      </button>
    </form>
  );
}

function PasswordConfirmedForm({ action, label, button, danger }: { action: TwoFactorAction; label: string; button: string; danger?: boolean }) {
  const [state, formAction, pending] = useActionState(action, idle);
  if (state.recoveryCodes) return <RecoveryCodes codes={state.recoveryCodes} />;
  return (
    <form action={formAction} noValidate aria-label={label}>
      <FormNotice state={state} />
      <Field label="Current password" name="currentPassword" errors={state.fieldErrors?.currentPassword}>
        {(props) => <input className="input" {...props} type="password" autoComplete="current-password" required />}
      </Field>
      <button className={`button${danger ? " button--danger" : ""}`} type="submit" disabled={pending}>
        {button}
      </button>
    </form>
  );
}

/** With two-factor on: new recovery codes, or turning it off; both ask for the current password. */
export function ManageTwoFactorForms({ actions }: { actions: { regenerateCodes: TwoFactorAction; disable: TwoFactorAction } }) {
  return (
    <>
      <h2>New recovery codes</h2>
      <PasswordConfirmedForm action={actions.regenerateCodes} label="New recovery codes" button="Create new recovery codes" />
      <h2>Turn off</h2>
      <PasswordConfirmedForm action={actions.disable} label="Turn off two-factor" button="Turn off two-factor authentication" danger />
    </>
  );
}
