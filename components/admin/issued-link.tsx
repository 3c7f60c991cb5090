import { CopyField } from "@/components/ui/copy-field";

/** A freshly issued one-time link to copy, with when it expires and whether it was emailed. */
export function IssuedLink({ issued, label }: { issued: { link: string; expiresAt: string; emailed: boolean }; label: string }) {
  const expires = issued.expiresAt.replace("T", " ").slice(0, 16);
  return (
    <CopyField
      label={label}
      value={issued.link}
      hint={
        <>
          Works once, until {expires} UTC. {issued.emailed ? "It was also emailed to them." : "Copy it and send it to them yourself; it is not shown again."}
        </>
      }
    />
  );
}
