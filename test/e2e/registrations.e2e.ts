import type { BrowserContext } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { click, connectAs, openHarness, serverRegistrations, standInContext, suiteBrowser, useDemoCampaign } from "./harness.ts";

const baseUrl = inject("baseUrl");
const officers = inject("officers");
const clerk = officers.find((o) => o.roles.includes("clerk") && o.scopeName === "Xã Hà Giang")!;
const judge = officers.find((o) => o.roles.includes("judge") && o.scopeName === "Xã Hà Giang")!;



describe("a clerk's registrations, from the sheet to D1 and into another workbook", () => {
  const browser = suiteBrowser();
  let context: BrowserContext;
  beforeAll(async () => {
    context = await standInContext(browser(), baseUrl);
  });

  it("creates the tables, checks three typed rows (one bad), syncs two, and a second workbook pulls them", async () => {
    const first = await openHarness(context, baseUrl);
    await connectAs(first, clerk);
    await useDemoCampaign(first);
    await click(first, "layout-button", /Đã tạo hai bảng/);
    expect(await first.workbook((wb) => wb.tableHeaders("DangKy_TapThe").slice(0, 3), null)).toEqual(["Trạng thái", "Thuộc đơn vị", "Đơn vị"]);

    // The clerk types three rows under the header, as in the sample forms, in the form's
    // column order (…, 5. Cấp, Số người tham gia, Thuyết minh, Đại diện, Ngày nộp); the
    // third has a field that does not exist.
    await first.workbook(
      (wb, rows) => wb.setValues("Tập thể", "B5", rows),
      [
        ["Thôn Trung Chính", "Chi bộ thôn Trung Chính", "Thôn Trung Chính", "Dân vận khéo trong vận động nhân dân hiến đất mở rộng đường giao thông (thử)", "Kinh tế", "1,2 tỷ đồng", "Tháng 3/2023 - tháng 11/2023", "Cấp cơ sở", "", "", "", "20/03/2023"],
        ["Hội Nông dân xã", "Hội Nông dân xã", "UBND xã Hà Giang", "Tổ hợp tác sản xuất lúa chất lượng cao (thử)", "Kinh te", "850.000.000", "Năm 2023", "Cấp huyện", "", "", "", "24/3/2023"],
        ["Thôn Yên Bái", "Chi hội Nông dân thôn Yên Bái", "Thôn Yên Bái", "Liên kết tiêu thụ rau an toàn (thử)", "Nông nghiệp", "80 triệu", "tháng 6/2023", "Cấp cơ sở", "", "", "", "24/3/2023"],
      ],
    );
    expect(await click(first, "check-button", /dòng cần sửa/)).toMatch(/Có 1 dòng/);
    const checked = await first.workbook((wb) => wb.tableRows("DangKy_TapThe").map((r: unknown[]) => r[0]), null);
    expect(checked[0]).toMatch(/^Chưa gửi/);
    expect(checked[2]).toMatch(/^Lỗi – 2\. Lĩnh vực: Không hiểu lĩnh vực “Nông nghiệp”/);
    expect(await first.workbook((wb) => wb.conditionalFormatAt("Tập thể", "F7")?.fillColor, null)).toBe("#FDE7E9");

    await click(first, "sync-button", /Đồng bộ xong/);
    // The three typed rows stay first; registrations others made in the commune are pulled in below them.
    const synced = await first.workbook((wb) => wb.tableRows("DangKy_TapThe").slice(0, 3).map((r: unknown[]) => String(r[0]).split(" –")[0]), null);
    expect(synced).toEqual(["Đã đồng bộ", "Đã đồng bộ", "Lỗi"]);
    expect(await first.pane.locator("#registrations-summary").innerText()).toMatch(/Gửi 2: 2 được nhận, 0 bị từ chối, 0 xung đột/);

    const records = await serverRegistrations(baseUrl, judge.token);
    // Each typed value reached its own item: the date the form was handed in, no account.
    const trial = records.find((r) => r.modelName === "Dân vận khéo trong vận động nhân dân hiến đất mở rộng đường giao thông (thử)")!;
    expect([trial.submittedAt, trial.description, trial.participants]).toEqual(["2023-03-20", null, null]);
    const stored = records.map((r) => r.modelName);
    expect(stored).toEqual(expect.arrayContaining([
      "Dân vận khéo trong vận động nhân dân hiến đất mở rộng đường giao thông (thử)",
      "Tổ hợp tác sản xuất lúa chất lượng cao (thử)",
    ]));
    expect(stored).not.toContain("Liên kết tiêu thụ rau an toàn (thử)");

    // A second workbook of the same clerk (same computer: the pane reconnects by itself).
    const second = await openHarness(context, baseUrl);
    await second.pane.locator("#officer").waitFor({ state: "visible" });
    await click(second, "layout-button", /Đã tạo hai bảng/);
    await click(second, "sync-button", /Đồng bộ xong/);
    // Other tests share this server: look at the three models typed here.
    const typedNames = ["Dân vận khéo trong vận động nhân dân hiến đất mở rộng đường giao thông (thử)", "Tổ hợp tác sản xuất lúa chất lượng cao (thử)", "Liên kết tiêu thụ rau an toàn (thử)"];
    const pulled = await second.workbook(
      (wb, names: string[]) => wb.tableRows("DangKy_TapThe").filter((r: unknown[]) => names.includes(r[4] as string)).map((r: unknown[]) => [r[0], r[1], r[4], r[5], r[6], r[7]]),
      typedNames,
    );
    expect(pulled).toEqual(
      expect.arrayContaining([
        ["Đã đồng bộ", "Thôn Trung Chính", "Dân vận khéo trong vận động nhân dân hiến đất mở rộng đường giao thông (thử)", "Kinh tế", 1_200_000_000, "Tháng 3/2023 - tháng 11/2023"],
        ["Đã đồng bộ", "Hội Nông dân xã", "Tổ hợp tác sản xuất lúa chất lượng cao (thử)", "Kinh tế", 850_000_000, "Năm 2023"],
      ]),
    );
    expect(pulled).toHaveLength(2);
    await second.page.screenshot({ path: "test-results/harness-registrations.png" }).catch(() => {});
  });
});
