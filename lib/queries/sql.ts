// Shared by the raw SQL of lib/queries (bulk inserts, housekeeping, chart buckets), which is
// written once with `?` placeholders and adapted here to the engine in use.
import { dialect } from "@/lib/db";

/**
 * The statement for the engine in use: PostgreSQL numbers its placeholders ($1, $2, ...).
 * `?` inside a quoted literal or identifier is left alone.
 */
export function sql(text: string): string {
  if (dialect() === "sqlite") return text;
  return numberPlaceholders(text);
}

/** `?` to `$1`, `$2`, ... outside '...' and "..." (exported for its unit test). */
export function numberPlaceholders(text: string): string {
  let out = "";
  let n = 0;
  let quote: string | null = null;
  for (const ch of text) {
    if (quote !== null) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === "?") {
      out += `$${++n}`;
    } else {
      out += ch;
    }
  }
  return out;
}

/**
 * A DateTime parameter as each engine compares it: on SQLite Prisma stores ISO text with
 * "+00:00" (which sorts as time does); PostgreSQL's timestamp(3) columns hold UTC and ignore
 * the zone of a literal compared with them.
 */
export const dbDate = (t: Date | number): string => {
  const iso = new Date(t).toISOString();
  return dialect() === "sqlite" ? iso.replace(/Z$/, "+00:00") : iso;
};

/**
 * A DateTime placeholder where nothing around it says its type (a SELECT list feeding an
 * INSERT): PostgreSQL would take it as text.
 */
export const datePlaceholder = (): string => (dialect() === "sqlite" ? "?" : "CAST(? AS TIMESTAMP(3))");

/** Milliseconds since the epoch of a DateTime column. */
export const epochMs = (column: string): string =>
  dialect() === "sqlite" ? `(CAST(strftime('%s', ${column}) AS INTEGER) * 1000)` : `(EXTRACT(EPOCH FROM ${column}) * 1000)`;

/** Lets other requests and collections run between two statements of a long job. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

type RawDb = {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
};

/** $queryRawUnsafe with the statement adapted to the engine (sql()). */
export const queryRaw = <T>(db: RawDb, text: string, ...values: unknown[]): Promise<T> => Promise.resolve(db.$queryRawUnsafe<T>(sql(text), ...values));

/** $executeRawUnsafe with the statement adapted to the engine (sql()). */
export const executeRaw = (db: RawDb, text: string, ...values: unknown[]): Promise<number> => Promise.resolve(db.$executeRawUnsafe(sql(text), ...values));
