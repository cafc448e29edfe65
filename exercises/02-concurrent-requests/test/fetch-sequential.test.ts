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
    expect(valueOf(outcome)).toEqual(["A", "B", "C"]);
    expect(api).toHaveRunSequentially();
    expect(outcome).toResolveAt(1700);
  });

  test("fetchSequential stops at the first failure and requests nothing after it", async () => {
    api.get("/a", { json: "A", after: 100 });
    api.get("/gone", { status: 410, after: 100 });
    api.get("/c", { json: "C", after: 100 });
    const outcome = await clock.settle(fetchSequential(["/a", "/gone", "/c"].map(api.url)));
    expect(reasonOf(outcome)).toBeInstanceOf(HttpError);
    expect(outcome).toRejectAt(200);
    expect(api.requestsTo("/c"), "/c comes after the failure: it should never be requested").toEqual([]);
  });
});
