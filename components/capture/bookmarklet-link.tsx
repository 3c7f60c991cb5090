"use client";

import { useEffect, useRef } from "react";
import { bookmarkletHref } from "@/lib/capture/bookmarklet";

/**
 * The bookmarklet to drag to the bookmarks bar. React will not render a javascript: address, so the link gets it once
 * mounted, for the address this admin is open at; until then it points at these instructions.
 */
export function BookmarkletLink({ label }: { label: string }) {
  const link = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    link.current?.setAttribute("href", bookmarkletHref(window.location.origin));
  }, []);
  return (
    <a ref={link} href="#bookmarklet" className="button button--primary bookmarklet" onClick={(event) => event.preventDefault()}>
      {label}
    </a>
  );
}
