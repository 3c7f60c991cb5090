"use client";

import { useSyncExternalStore } from "react";

const noChange = () => () => {};

/**
 * False on the server and while hydrating, then true: the page's scripts run. A control that works only through
 * script is hidden or disabled until then, so a click before hydration is never silently lost.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noChange,
    () => true,
    () => false,
  );
}
