import { fixturesOf } from "@/lib/collect/common/test-fixtures";

export const { readCapture, readOwn } = fixturesOf("linux", import.meta.url);
