// Process-wide state that must survive Next's module reloads in development (route handlers,
// instrumentation and hot-reloaded modules each get their own module instance, but share
// globalThis). One helper instead of a hand-rolled `globalThis as …` per module.
const store = globalThis as typeof globalThis & { __netdiag?: Map<string, unknown> };

export function singleton<T>(name: string, create: () => T): T {
  const map = (store.__netdiag ??= new Map<string, unknown>());
  if (!map.has(name)) map.set(name, create());
  return map.get(name) as T;
}
