import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkTarget, sendWebhook } from "./send";

describe("sendWebhook guards the address it connects to", () => {
  let server: http.Server;
  let port = 0;
  let hits = 0;
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      hits++;
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("refuses a name that resolves to loopback at send time, and a literal loopback address, without connecting", async () => {
    delete process.env.PLUMBLINE_WEBHOOK_ALLOW_PRIVATE;
    const byName = await sendWebhook(`http://localhost:${port}/hook`, "{}", {});
    expect(byName).toMatchObject({ ok: false, statusCode: null });
    expect(byName.error).toMatch(/^refused: localhost resolves to a private or loopback address/);
    const literal = await sendWebhook(`http://127.0.0.1:${port}/hook`, "{}", {});
    expect(literal.error).toMatch(/^refused: 127\.0\.0\.1/);
    expect(hits).toBe(0);
    expect(await checkTarget(new URL(`http://localhost:${port}`))).toMatch(/private or loopback/);
    expect(await checkTarget(new URL("http://[::1]:80"))).toMatch(/private or loopback/);
  });

  it("sends when private targets are allowed, and reports the status and duration", async () => {
    process.env.PLUMBLINE_WEBHOOK_ALLOW_PRIVATE = "1";
    try {
      const result = await sendWebhook(`http://localhost:${port}/hook`, "{}", { "X-Test": "1" });
      expect(result).toMatchObject({ ok: true, statusCode: 204, error: null });
      expect(hits).toBe(1);
    } finally {
      delete process.env.PLUMBLINE_WEBHOOK_ALLOW_PRIVATE;
    }
  });
});
