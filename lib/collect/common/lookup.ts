/**
 * A word the host printed, looked up in a table of known words. Only the table's own keys count:
 * `table["constructor"]` is Object's constructor and `table["__proto__"]` Object.prototype, so a
 * state, flag or column title spelled so on a hostile host became a function or an object where
 * a NeighborState or a field name was expected.
 */
export function known<T>(table: Readonly<Record<string, T>>, word: string): T | undefined {
  return Object.hasOwn(table, word) ? table[word] : undefined;
}
