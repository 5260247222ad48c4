import { describe, expect, inject, it } from "vitest";
import { click, connectAs, openOnNewComputer, suiteBrowser } from "./harness.ts";

const baseUrl = inject("baseUrl");
const admin = inject("officers").find((o) => o.roles.includes("admin"))!;


describe("an admin loads a commune, hands a clerk a token, then takes it back", () => {
  // Two computers, two contexts: the admin's and the clerk's (a pane's token lives in
  // its browser's storage, which each context keeps to itself).
  const browser = suiteBrowser();

  it("pastes a commune with three villages, sends, issues a token; the clerk sees exactly that subtree until revoked", async () => {
    const adminPane = await openOnNewComputer(browser(), baseUrl);
    await connectAs(adminPane, admin);
    await adminPane.pane.locator("#admin").waitFor({ state: "visible" });
    await click(adminPane, "units-pull", /Đã đưa \d+ đơn vị/);

    // Pasted from the official list: the commune last, after its villages.
    await adminPane.workbook((wb) => {
      const rows = wb.tableRows("DanhMucDonVi").length;
      wb.setValues("Danh mục đơn vị", `B${5 + rows}`, [
        ["E2E-XA-V1", "Thôn Bắc", "Thôn", "E2E-XA"],
        ["E2E-XA-V2", "Thôn Nam", "thon", "E2E-XA"],
        ["E2E-XA-V3", "Thôn Trung", "village", "E2E-XA"],
        ["E2E-XA", "Xã Thử Nghiệm", "Xã", "393"],
      ]);
      return rows;
    }, null);
    await click(adminPane, "units-send", /Đã gửi danh mục/);
    const statuses = await adminPane.workbook((wb) => wb.tableRows("DanhMucDonVi").slice(-4).map((r: unknown[]) => r[0]), null);
    expect(statuses).toEqual(["Đã tạo", "Đã tạo", "Đã tạo", "Đã tạo"]);

    // Issue a clerk token for the new commune.
    await adminPane.pane.locator("summary", { hasText: "Cán bộ" }).click();
    await adminPane.pane.locator("#officer-new-name").fill("Cán bộ Xã Thử Nghiệm");
    await adminPane.pane.locator("#officer-new-roles label", { hasText: "Nhập đăng ký" }).click();
    await adminPane.pane.locator("#officer-new-scope").selectOption({ label: "Xã Thử Nghiệm (Xã)" });
    await adminPane.pane.locator("#officer-new-unit").selectOption({ label: "Xã Thử Nghiệm (Xã)" });
    await adminPane.pane.locator("#officer-form button[type=submit]").click();
    await adminPane.status(/Đã cấp mã/);
    const token = await adminPane.pane.locator("#token-value").innerText();
    expect(token).toMatch(/^dvk_/);
    expect(await adminPane.workbook((wb) => JSON.stringify(wb.describe()), null)).not.toContain(token);

    // The clerk, on another computer, connects and sees exactly the new subtree.
    const clerkPane = await openOnNewComputer(browser(), baseUrl);
    await connectAs(clerkPane, { ...admin, token, name: "Cán bộ Xã Thử Nghiệm" });
    expect(await clerkPane.pane.locator("#officer-scope").innerText()).toMatch(/^Xã Thử Nghiệm/);
    await click(clerkPane, "layout-button", /Đã tạo hai bảng/);
    const units = await clerkPane.workbook((wb) => wb.rangeValues("DanhMuc", "A1:A10").flat().filter(Boolean), null);
    expect(units).toEqual(["Xã Thử Nghiệm", "Thôn Bắc", "Thôn Nam", "Thôn Trung"]);

    // The admin revokes; the clerk's next action is refused with a plain message.
    const officer = adminPane.pane.locator("#officer-list li", { hasText: "Cán bộ Xã Thử Nghiệm" });
    await officer.locator("button", { hasText: "Thu hồi mã" }).click();
    await adminPane.status(/Đã thu hồi mã/);
    await clerkPane.pane.locator("#sync-button").click();
    expect(await clerkPane.status(/thu hồi/)).toMatch(/Mã truy cập đã bị thu hồi, không còn hiệu lực/);
    await clerkPane.pane.locator("#connect").waitFor({ state: "visible" });
  });
});
