/**
 * The client's address: the first hop of X-Forwarded-For when a proxy sets it, else X-Real-IP. Only trustworthy behind
 * a proxy that overwrites these headers, which is how Linkpress is meant to be deployed.
 */
export function clientIp(header: (name: string) => string | null | undefined): string | null {
  const forwarded = header("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || header("x-real-ip")?.trim() || null;
}
