"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId } from "react";

/** A running job's progress; the page is re-read every second until the job moves on (the report then shows). */
export function JobProgress({ label, processed, total }: { label: string; processed: number; total: number }) {
  const router = useRouter();
  const id = useId();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), 1000);
    return () => clearInterval(timer);
  }, [router]);
  return (
    <div className="field">
      <span className="field__label" id={id}>
        {label}
      </span>
      <progress aria-labelledby={id} value={processed} max={Math.max(total, 1)} style={{ width: "100%", height: "1.25rem" }} />
      <p className="field__hint" role="status">
        {total > 0 ? `${processed.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} files` : "Reading the upload…"}
      </p>
      <noscript>
        <p className="field__hint">Reload the page to see how far it got.</p>
      </noscript>
    </div>
  );
}
