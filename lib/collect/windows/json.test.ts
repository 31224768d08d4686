import { expect, test } from "vitest";
import * as adapters from "./get-netadapter";
import * as statistics from "./get-netadapterstatistics";
import * as addresses from "./get-netipaddress";
import * as ipInterfaces from "./get-netipinterface";
import * as neighbors from "./get-netneighbor";
import * as ver from "./ver";

// No real ConvertTo-Json capture of these cmdlets is in tests/fixtures. What can be shown
// without one: the command asks for exactly the fields the parser reads, and output that is not
// that JSON (PowerShell's own errors, a cut-off stream) is skipped, never thrown, so the
// collector falls back to the text commands that do have real captures.
test.each([
  [neighbors.GET_NETNEIGHBOR_COMMAND, ["ifIndex", "InterfaceAlias", "IPAddress", "LinkLayerAddress", "State"]],
  [adapters.GET_NETADAPTER_COMMAND, ["Name", "ifIndex", "Status", "MacAddress", "ReceiveLinkSpeed", "MtuSize", "FullDuplex"]],
  [ipInterfaces.GET_NETIPINTERFACE_COMMAND, ["ifIndex", "InterfaceAlias", "AddressFamily", "NlMtu"]],
  [addresses.GET_NETIPADDRESS_COMMAND, ["InterfaceAlias", "IPAddress", "PrefixLength"]],
  [statistics.GET_NETADAPTERSTATISTICS_COMMAND, ["Name", "ReceivedBytes", "SentBytes"]],
])("%s selects what its parser reads, in a form cmd.exe passes through", (command, fields) => {
  // no " % or $ inside: both cmd.exe and an outer PowerShell pass it through untouched
  expect(command).toMatch(/^powershell -NoProfile -NonInteractive -Command "[^"%$]*\| ConvertTo-Json"$/);
  for (const field of fields) expect(command).toContain(field);
});

test.each([neighbors.parse, adapters.parse, ipInterfaces.parse, addresses.parse, statistics.parse])("non-JSON output is one skipped entry (%#)", (parse) => {
  const error = "Get-NetNeighbor : The term 'Get-NetNeighbor' is not recognized as the name of a cmdlet, function, script file, or operable program.\r\n";
  const { value, skipped } = parse(error);
  expect(value).toEqual([]);
  expect(skipped).toHaveLength(1);
  expect(skipped[0]?.reason).toMatch(/^not valid JSON/);
});

test("empty output (an empty pipeline prints nothing) is no rows, not an error", () => {
  expect(neighbors.parse("")).toEqual({ value: [], skipped: [] });
});

test("cmd /c ver: anything but the version line is reported as not understood (the real capture is in captures.test.ts)", () => {
  expect(ver.parse("'ver' is not recognized\r\n")).toEqual({ value: null, skipped: [{ line: "'ver' is not recognized", reason: expect.any(String) }] });
});
