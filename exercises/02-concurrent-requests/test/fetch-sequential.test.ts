import { mockApi, points, reasonOf, useVirtualClock, valueOf } from "@course/testkit";
import { describe, expect, test } from "vitest";
import { fetchSequential, HttpError } from "../src/index.ts";

const clock = useVirtualClock();
const api = mockApi();

describe("fetchSequential", () => {
  test("fetchSequential starts each request only after the previous one finished", points(2), async () => {
    api.get("/a", { json: "A", after: 1000 });
    api.get("/b", { json: "B", after: 500 });
    api.get("/c", { json: "C", after: 200 });
    const outcome = await clock.settle(fetchSequential(["/a", "/b", "/c"].map(api.url)));
    expect(valueOf(outcome, "fetchSequential"), "the bodies, in the order of the URLs").toEqual(["A", "B", "C"]);
    expect(api).toHaveRunSequentially();
    expect(outcome, "one after another, 1000 + 500 + 200 ms: done at 1700ms").toResolveAt(1700);
  });

  test("fetchSequential stops at the first failure and requests nothing after it", async () => {
    api.get("/a", { json: "A", after: 100 });
    api.get("/gone", { status: 410, after: 100 });
    api.get("/c", { json: "C", after: 100 });
    const outcome = await clock.settle(fetchSequential(["/a", "/gone", "/c"].map(api.url)));
    expect(
      reasonOf(outcome, "fetchSequential, whose second URL answers 410,"),
      "/gone answers 410: fetchSequential should reject with the HttpError fetchJson rejects with",
    ).toBeInstanceOf(HttpError);
    expect(outcome, "/a takes 100ms, then /gone answers 410 after 100ms more: fetchSequential should reject then, at 200ms").toRejectAt(200);
    expect(api.requestsTo("/c"), "/c comes after the failure: it should never be requested").toEqual([]);
  });
});
