import { mockApi, points, reasonOf, useVirtualClock, valueOf } from "@course/testkit";
import { describe, expect, test } from "vitest";
import { fetchJson, HttpError } from "../src/index.ts";

const clock = useVirtualClock();
const api = mockApi();

describe("fetchJson", () => {
  test("fetchJson resolves with the parsed JSON body", async () => {
    api.get("/users/1", { json: { id: 1, name: "Ada" }, after: 300 });
    const outcome = await clock.settle(fetchJson(api.url("/users/1")));
    expect(valueOf(outcome, "fetchJson(/users/1)")).toEqual({ id: 1, name: "Ada" });
    expect(outcome).toResolveAt(300);
  });

  test("fetchJson rejects with an HttpError carrying the status and URL on a non-2xx answer", points(2), async () => {
    api.get("/missing", { status: 404, json: { error: "not found" } });
    api.get("/broken", { status: 500, text: "oops" });
    // An answer with no body at all (a 304 has none, by the HTTP rules): response.body is null.
    api.get("/not-modified", { status: 304 });
    for (const [path, status] of [
      ["/missing", 404],
      ["/broken", 500],
      ["/not-modified", 304],
    ] as const) {
      const reason = reasonOf(await clock.settle(fetchJson(api.url(path))), `fetchJson(${path}), answered with a ${status},`);
      expect(reason, `fetchJson(${path}) should reject with an HttpError`).toBeInstanceOf(HttpError);
      expect(reason).toMatchObject({ status, url: api.url(path) });
    }
  });

  test("fetchJson passes init on to fetch (headers, signal)", async () => {
    api.get("/echo", (request) => ({ json: request.headers.get("x-course"), after: 1000 }));
    const echoed = await clock.settle(fetchJson(api.url("/echo"), { headers: { "x-course": "async" } }));
    expect(valueOf(echoed, "fetchJson(/echo)"), "the route answers with the x-course header it received: pass init on to fetch").toBe("async");

    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("stop")), 200);
    const aborted = await clock.settle(fetchJson(api.url("/echo"), { signal: controller.signal }));
    expect(reasonOf(aborted, "fetchJson(/echo), whose signal aborted at 200ms,"), "it should reject with the signal's reason").toEqual(
      new Error("stop"),
    );
    expect(api).toHaveAborted("/echo", 1200);
  });
});
