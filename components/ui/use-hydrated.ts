"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False during server render and hydration, true once React owns the DOM. Action buttons stay
 * disabled until then, so an early click (a fast user, or a test) is not silently lost and a
 * form is never submitted natively with its secrets.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
