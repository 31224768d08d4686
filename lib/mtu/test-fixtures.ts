import { ownFixturesOf } from "@/lib/collect/common/test-fixtures";

// DF ping outputs captured in the lab (lib/mtu/__fixtures__); public ones are read with readCapture.
export const readOwn = ownFixturesOf(import.meta.url);
