import { expect, test } from "vitest";
import { readJson } from "./respond";

// A chunked body declares no length: proxy.ts cannot refuse it up front, so readJson must
// stop reading at the cap instead of buffering whatever the client keeps sending.
function chunked(chunks: number, chunkBytes: number): { req: Request; pulled: () => number } {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(chunkBytes).fill(0x20));
    },
  });
  const req = new Request("http://127.0.0.1/api/hosts", { method: "POST", body, duplex: "half" } as RequestInit);
  return { req, pulled: () => pulled };
}

test("a chunked body over 1 MB is refused with 413 after reading just past the cap, not all of it", async () => {
  const { req, pulled } = chunked(10_000, 64 * 1024); // 640 MB if read to the end
  await expect(readJson(req)).rejects.toMatchObject({ status: 413, code: "too_large" });
  expect(pulled()).toBeLessThanOrEqual(18); // 1 MB is 16 chunks of 64 KB, plus what the stream pulled ahead
});

test("a chunked body under the cap is read whole", async () => {
  const text = JSON.stringify({ name: "nas", note: "x".repeat(500_000) });
  const enc = new TextEncoder().encode(text);
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (let i = 0; i < enc.length; i += 65_536) c.enqueue(enc.slice(i, i + 65_536));
      c.close();
    },
  });
  const req = new Request("http://127.0.0.1/api/hosts", { method: "POST", body, duplex: "half" } as RequestInit);
  expect(await readJson(req)).toEqual({ name: "nas", note: "x".repeat(500_000) });
});

test("bad bytes and bad JSON are the client's error", async () => {
  const post = (body: BodyInit) => new Request("http://127.0.0.1/api/hosts", { method: "POST", body });
  await expect(readJson(post(new Uint8Array([0xff, 0xfe])))).rejects.toMatchObject({ status: 400, code: "bad_encoding" });
  await expect(readJson(post("{"))).rejects.toMatchObject({ status: 400, code: "bad_json" });
  expect(await readJson(post(""))).toEqual({});
});
