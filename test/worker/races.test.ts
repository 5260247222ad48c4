import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { officer } from "./helpers.ts";
import { collective, sync, unitId } from "./registrations.ts";

describe("two clients editing the same 500 rows from the same base version at once", () => {
  it("leaves every row whole in one of the two versions, tells the loser with the server copy, audits each change once", async () => {
    const clerk = await officer("clerk", "Xã Hà Giang");
    const village = await unitId("Thôn Trung Chính");
    const other = await unitId("Thôn Đông Môn");
    const rows = Array.from({ length: 500 }, () => collective(village));
    await sync(clerk, { registrations: rows, pull: false });
    // Each client changes several items at once, so a mix of both would show.
    const versionA = (r: (typeof rows)[number]) => ({ ...r, baseVersion: 1, modelName: `A ${r.id}`, field: "economy", expectedBenefit: 1, orgUnitId: village, level: "district" });
    const versionB = (r: (typeof rows)[number]) => ({ ...r, baseVersion: 1, modelName: `B ${r.id}`, field: "political_system", expectedBenefit: 2, orgUnitId: other, level: "province" });
    const [a, b] = await Promise.all([
      sync(clerk, { registrations: rows.map(versionA), pull: false }),
      sync(clerk, { registrations: rows.map(versionB), pull: false }),
    ]);
    const { results } = await env.DB.prepare(
      "SELECT id, model_name, field, expected_benefit, org_unit_id, level, version FROM registrations WHERE id IN (SELECT value FROM json_each(?1))",
    )
      .bind(JSON.stringify(rows.map((r) => r.id)))
      .all<{ id: string; model_name: string; field: string; expected_benefit: number; org_unit_id: number; level: string; version: number }>();
    expect(results).toHaveLength(500);
    const stored = new Map(results.map((r) => [r.id, r]));
    rows.forEach((r, k) => {
      const row = stored.get(r.id)!;
      const whole =
        (row.model_name === `A ${r.id}` && row.field === "economy" && row.expected_benefit === 1 && row.org_unit_id === village && row.level === "district") ||
        (row.model_name === `B ${r.id}` && row.field === "political_system" && row.expected_benefit === 2 && row.org_unit_id === other && row.level === "province");
      expect(whole).toBe(true);
      expect(row.version).toBe(2);
      const winner = row.model_name.startsWith("A") ? a : b;
      const loser = row.model_name.startsWith("A") ? b : a;
      expect(winner.body.results[k].outcome).toBe("updated");
      expect(loser.body.results[k]).toMatchObject({ outcome: "conflict", version: 2, current: { modelName: row.model_name, field: row.field, level: row.level } });
    });
    const audit = await env.DB.prepare(
      "SELECT entity_id, count(*) AS n FROM audit_log WHERE entity = 'registration' AND action = 'update' AND entity_id IN (SELECT value FROM json_each(?1)) GROUP BY entity_id",
    )
      .bind(JSON.stringify(rows.map((r) => r.id)))
      .all<{ n: number }>();
    expect(audit.results).toHaveLength(500);
    expect(audit.results.every((r) => r.n === 1)).toBe(true);
  });
});
