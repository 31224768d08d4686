// Shared by the raw SQL of lib/queries (bulk inserts, housekeeping, chart buckets).

/** Prisma's text form of a DateTime on SQLite (ISO with "+00:00"), which sorts as time does. */
export const sqliteDate = (t: Date | number) => new Date(t).toISOString().replace(/Z$/, "+00:00");

/** Lets other requests and collections run between two statements of a long job. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
