import { fixturesOf } from "@/lib/collect/common/test-fixtures";

export { sharedMissingReason } from "@/lib/collect/common/test-fixtures";
export const { readShared, readOwn } = fixturesOf(null, import.meta.url);
