import type { Api } from "../api/client.ts";
import { cleanDetails, defaultDetails, DETAIL_KEYS, detailsToRows, remember, type DetailKey, type DetailsMemory } from "../reports/details.ts";
import { downloadLink, keepDetails, pullReports, rememberedDetails, type ReportChoice } from "../reports/flows.ts";
import { REPORT_NAMES, REPORT_TABLES, type ReportTable } from "../../shared/reports.ts";
import { busy } from "./busy.ts";
import { byId, setStatus, show } from "./dom.ts";
import { reportError } from "./errors.ts";
import { openOutside } from "./open.ts";
import type { Me } from "../../shared/api.ts";
import type { DocumentDetails } from "../../shared/schemas/report.ts";
import type { Campaign } from "../../shared/schemas/campaign.ts";
import type { OrgUnit } from "../../shared/schemas/org-unit.ts";
import { orgUnitKindLabel } from "../../shared/vocabulary.ts";

/** The inputs of the document details, by detail. */
const DETAIL_INPUTS: Record<DetailKey, string> = {
  bodyAbove: "report-body-above",
  issuer: "report-issuer",
  place: "report-place",
  preparer: "report-preparer",
  head: "report-head",
};

const PRINT_READY = "Trang in đã đặt sẵn: khổ A4 ngang, vừa một trang chiều ngang, dòng tiêu đề cột lặp lại ở mỗi trang.";
const PRINT_BY_HAND =
  "Excel này chưa cho phần bổ trợ đặt trang in: khi in, chọn Khổ ngang và Vừa một trang chiều ngang; hoặc tải tệp Excel ở mục Tải về, đã đặt sẵn trang in.";

const FORMAT_NAMES = { xlsx: "Excel", csv: "CSV" } as const;

/** Everyone's panel: the tables for any scope in reach, as documents in sheets or as files. */
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

  // "Số liệu tính đến": today, the half year or the whole year of the campaign, or a day.
  const asOf = byId<HTMLSelectElement>("report-asof");
  const day = byId<HTMLInputElement>("report-asof-day");
  const labelAsOf = () => {
    const year = campaign()?.year;
    const at = (d: string) => (year ? ` (${d}/${year})` : "");
    asOf.querySelector('option[value="half"]')!.textContent = `6 tháng đầu năm${at("30/6")}`;
    asOf.querySelector('option[value="year"]')!.textContent = `Cả năm${at("31/12")}`;
  };
  labelAsOf();
  asOf.onfocus = labelAsOf;
  asOf.onchange = () => (day.hidden = asOf.value !== "day");
  day.hidden = asOf.value !== "day";
  const asOfDay = (): string | undefined => {
    const year = campaign()?.year;
    if (asOf.value === "half" && year) return `${year}-06-30`;
    if (asOf.value === "year" && year) return `${year}-12-31`;
    if (asOf.value === "day") {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day.value)) throw new Error("Hãy chọn ngày tính số liệu.");
      return day.value;
    }
    return undefined;
  };

  // Who issues the document and who signs it: the workbook remembers the officer's choices per scope.
  let memory: DetailsMemory = new Map();
  const unitOf = (id: number) => units.find((u) => u.id === id);
  const defaults = (id: number) => {
    const unit = unitOf(id);
    const parent = unit?.parentId ? unitOf(unit.parentId) : undefined;
    return defaultDetails({ name: unit?.name ?? "", parentName: parent?.name ?? null }, me.officer.name);
  };
  const fillDetails = () => {
    const id = Number(scope.value);
    const fallback = defaults(id);
    const chosen = memory.get(id) ?? {};
    for (const key of DETAIL_KEYS) byId<HTMLInputElement>(DETAIL_INPUTS[key]).value = chosen[key] ?? fallback[key];
    byId<HTMLInputElement>(DETAIL_INPUTS.bodyAbove).placeholder = fallback.bodyAbove ? "" : "Để trống: đơn vị cấp trên của phạm vi";
  };
  fillDetails();
  scope.onchange = fillDetails;
  rememberedDetails()
    .then((found) => {
      memory = found;
      fillDetails();
    })
    .catch(reportError);
  /** The details as entered now, remembered in the workbook when they changed. */
  const details = async (): Promise<DocumentDetails> => {
    const id = Number(scope.value);
    const entered = cleanDetails(Object.fromEntries(DETAIL_KEYS.map((key) => [key, byId<HTMLInputElement>(DETAIL_INPUTS[key]).value])));
    const next = remember(memory, id, entered, defaults(id));
    if (JSON.stringify(detailsToRows(next)) !== JSON.stringify(detailsToRows(memory))) {
      await keepDetails(next);
      memory = next;
    }
    return entered;
  };

  const choice = (): ReportChoice => {
    const c = campaign();
    if (!c) throw new Error("Chưa chọn kế hoạch.");
    const at = asOfDay();
    return { campaignId: c.id, scope: Number(scope.value), depth: Number(byId<HTMLSelectElement>("report-depth").value), ...(at ? { asOf: at } : {}) };
  };
  const button = byId<HTMLButtonElement>("reports-pull");
  button.onclick = busy([button], "Đang lấy báo cáo…", async () => {
    const tables = [...byId("report-tables").querySelectorAll<HTMLInputElement>("input:checked")].map((b) => b.value as ReportTable);
    if (!tables.length) throw new Error("Hãy chọn ít nhất một biểu.");
    const picked = choice();
    const pulled = await pullReports(api, picked, tables, await details(), me.officer.name);
    setStatus(`Đã đưa ${pulled.tables} biểu vào sổ tính, mỗi biểu một trang. ${pulled.printSetup ? PRINT_READY : PRINT_BY_HAND}`, "success");
  });
  // The document ready to print first; CSV for other programs (the hint under the list says why).
  byId("report-downloads").replaceChildren(
    ...REPORT_TABLES.map((table) => {
      const li = document.createElement("li");
      const name = document.createElement("span");
      name.textContent = REPORT_NAMES[table];
      li.append(name);
      for (const format of ["xlsx", "csv"] as const) {
        const b = document.createElement("button");
        b.type = "button";
        b.textContent = FORMAT_NAMES[format];
        b.title = format === "xlsx" ? "Biểu hoàn chỉnh, đã đặt sẵn trang in" : "Bảng số liệu cho chương trình khác";
        b.dataset.table = table;
        b.dataset.format = format;
        b.onclick = busy([b], "Đang chuẩn bị tệp…", async () => {
          const picked = choice();
          const url = await downloadLink(api, picked, table, format, await details());
          openOutside(url);
          setStatus(`Đã mở tệp ${FORMAT_NAMES[format]}; đường dẫn dùng được trong 10 phút.`, "success");
        });
        li.append(b);
      }
      return li;
    }),
  );
}
