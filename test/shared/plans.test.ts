import { describe, expect, it } from "vitest";
import { deadlineFor } from "../../shared/plans.ts";

// The tree: 1 province › 2 district › 3 commune › 4 village; 5 another commune of 2.
describe("deadlineFor", () => {
  const plans = [
    { orgUnitId: 2, deadline: "2023-03-28" },
    { orgUnitId: 3, deadline: "2023-03-31" },
  ];

  it("takes the nearest plan at or above the unit, else the campaign's deadline", () => {
    expect(deadlineFor("2023-03-25", plans, "/1/2/3/4/")).toBe("2023-03-31");
    expect(deadlineFor("2023-03-25", plans, "/1/2/3/")).toBe("2023-03-31");
    expect(deadlineFor("2023-03-25", plans, "/1/2/5/")).toBe("2023-03-28");
    expect(deadlineFor("2023-03-25", plans, "/1/")).toBe("2023-03-25");
    expect(deadlineFor("2023-03-25", [], "/1/2/3/4/")).toBe("2023-03-25");
  });

  it("lets the nearest plan win even when it is earlier than one above it", () => {
    expect(deadlineFor("2023-03-25", [...plans, { orgUnitId: 4, deadline: "2023-03-20" }], "/1/2/3/4/")).toBe("2023-03-20");
  });

  it("reads a chain of ids as well, one that starts below the root included", () => {
    expect(deadlineFor("2023-03-25", plans, [1, 2, 3, 4])).toBe("2023-03-31");
    // The add-in's chain: the plan above its scope first, then from its scope (commune 5) down.
    expect(deadlineFor("2023-03-25", plans, [2, 5])).toBe("2023-03-28");
    expect(deadlineFor("2023-03-25", plans, [5])).toBe("2023-03-25");
  });

  it("never mistakes one id for another that shares its digits", () => {
    expect(deadlineFor("2023-03-25", [{ orgUnitId: 1, deadline: "2023-04-01" }], "/11/21/")).toBe("2023-03-25");
  });
});
