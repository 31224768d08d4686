import { fixturesOf } from "@/lib/collect/common/test-fixtures";

export { sharedMissingReason } from "@/lib/collect/common/test-fixtures";
export const { readShared, readOwn } = fixturesOf("iperf3", import.meta.url);
