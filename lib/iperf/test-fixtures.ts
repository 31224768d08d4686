import { ownFixturesOf } from "@/lib/collect/common/test-fixtures";

// iperf3 outputs captured in the lab (lib/iperf/__fixtures__); public ones are read with readCapture.
export const readOwn = ownFixturesOf(import.meta.url);
