import { expect, test } from "vitest";
import { legacyAlgorithmHint, sshAlgorithms } from "./algorithms";

test("SHA-1 ssh-rsa host keys are refused unless the host allows legacy algorithms", () => {
  expect(sshAlgorithms(false).serverHostKey).toEqual({ remove: ["ssh-rsa", "ssh-dss"] });
  expect(sshAlgorithms(true).serverHostKey).toEqual({ append: ["ssh-rsa", "ssh-dss"] });
  expect(sshAlgorithms(true).kex).toMatchObject({ append: expect.arrayContaining(["diffie-hellman-group14-sha1"]) });
});

test("a handshake with nothing in common names the setting; other errors get no hint", () => {
  expect(legacyAlgorithmHint("Handshake failed: no matching host key format", false)).toMatch(/Allow legacy SSH algorithms/);
  expect(legacyAlgorithmHint("Handshake failed: no matching host key format", true)).toMatch(/even with legacy algorithms allowed/);
  expect(legacyAlgorithmHint("Connection reset by peer", false)).toBe("");
});
