import type { Api } from "../api/client.ts";
import { selectedSyncedModel } from "../registrations/selected.ts";
import { documentLink, type PrintedDocumentRequest } from "../reports/flows.ts";
import { busy } from "./busy.ts";
import { byId, setStatus } from "./dom.ts";
import { openOutside } from "./open.ts";
import type { Campaign } from "../../shared/schemas/campaign.ts";

// Paper the unit signs: the registration form of the selected model, or every form of
// the officer's area (one a page), and a judge's own scoring sheet; each an XLSX ready
// to print (A4, Times New Roman, the national header) through a ten-minute link.

const READY = "Đã mở tệp Excel để in; đường dẫn dùng được trong 10 phút.";

async function open(api: Api, request: PrintedDocumentRequest): Promise<void> {
  openOutside(await documentLink(api, request));
  setStatus(READY, "success");
}

function current(campaign: () => Campaign | null): Campaign {
  const c = campaign();
  if (!c) throw new Error("Chưa chọn kế hoạch.");
  return c;
}

/** The registrations panel's print buttons: the selected row's form, every form of the area. */
export function setUpFormPrinting(api: Api, campaign: () => Campaign | null): void {
  const one = byId<HTMLButtonElement>("print-form");
  const all = byId<HTMLButtonElement>("print-forms");
  one.onclick = busy([one, all], "Đang chuẩn bị đơn đăng ký…", async () => {
    const { id } = await selectedSyncedModel("in đơn");
    await open(api, { document: "form", registrationId: id });
  });
  all.onclick = busy([one, all], "Đang chuẩn bị các đơn đăng ký…", async () => {
    await open(api, { document: "forms", campaignId: current(campaign).id });
  });
}

/** The judge's print button: the judge's own scoring sheet, to sign. */
export function setUpScoringPrinting(api: Api, campaign: () => Campaign | null): void {
  const button = byId<HTMLButtonElement>("scoring-print");
  button.onclick = busy([button], "Đang chuẩn bị phiếu chấm để in…", async () => {
    await open(api, { document: "scoring", campaignId: current(campaign).id });
  });
}
