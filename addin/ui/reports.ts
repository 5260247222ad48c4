import type { Api } from "../api/client.ts";
import { downloadLink, pullReports, type ReportChoice } from "../reports/flows.ts";
import { REPORT_NAMES, REPORT_TABLES, type ReportTable } from "../../shared/reports.ts";
import { busy } from "./busy.ts";
import { byId, setStatus, show } from "./dom.ts";
import { openOutside } from "./open.ts";
import type { Me } from "../../shared/api.ts";
import type { Campaign } from "../../shared/schemas/campaign.ts";
import type { OrgUnit } from "../../shared/schemas/org-unit.ts";
import { orgUnitKindLabel } from "../../shared/vocabulary.ts";


/** Everyone's panel: the five tables for any scope in reach, into sheets or as files. */
export function setUpReports(api: Api, me: Me, campaign: () => Campaign | null, units: readonly OrgUnit[]): void {
  show("reports", true);
  const scope = byId<HTMLSelectElement>("report-scope");
  // Units that group others are the useful scopes; the officer's own comes first.
  const parents = new Set(units.map((u) => u.parentId));
  scope.replaceChildren(
    ...units
      .filter((u) => u.id === me.scope.id || parents.has(u.id))
      .map((u) => {
        const o = document.createElement("option");
        o.value = String(u.id);
        o.textContent = `${u.name} (${orgUnitKindLabel(u.kind)})`;
        return o;
      }),
  );
  byId("report-tables").replaceChildren(
    byId("report-tables").querySelector("legend")!,
    ...REPORT_TABLES.map((t) => {
      const label = document.createElement("label");
      label.className = "check";
      const box = document.createElement("input");
      box.type = "checkbox";
      box.value = t;
      box.checked = t === "units" || t === "matrix";
      label.append(box, ` ${REPORT_NAMES[t]}`);
      return label;
    }),
  );
  const choice = (): ReportChoice => {
    const c = campaign();
    if (!c) throw new Error("Chưa chọn kế hoạch.");
    return { campaignId: c.id, scope: Number(scope.value), depth: Number(byId<HTMLSelectElement>("report-depth").value) };
  };
  const button = byId<HTMLButtonElement>("reports-pull");
  button.onclick = busy([button], "Đang lấy báo cáo…", async () => {
    const tables = [...byId("report-tables").querySelectorAll<HTMLInputElement>("input:checked")].map((b) => b.value as ReportTable);
    if (!tables.length) throw new Error("Hãy chọn ít nhất một biểu.");
    const n = await pullReports(api, choice(), tables);
    setStatus(`Đã đưa ${n} biểu vào sổ tính, mỗi biểu một trang.`, "success");
  });
  byId("report-downloads").replaceChildren(
    ...REPORT_TABLES.map((table) => {
      const li = document.createElement("li");
      const name = document.createElement("span");
      name.textContent = REPORT_NAMES[table];
      li.append(name);
      for (const format of ["csv", "xlsx"] as const) {
        const b = document.createElement("button");
        b.type = "button";
        b.textContent = format.toUpperCase();
        b.dataset.table = table;
        b.dataset.format = format;
        b.onclick = busy([b], "Đang chuẩn bị tệp…", async () => {
          const url = await downloadLink(api, choice(), table, format);
          openOutside(url);
          setStatus(`Đã mở tệp ${format.toUpperCase()}; đường dẫn dùng được trong 10 phút.`, "success");
        });
        li.append(b);
      }
      return li;
    }),
  );
}
