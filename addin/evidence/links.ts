import { call, type Api } from "../api/client.ts";
import type { ReportSheet } from "../host/tables.ts";
import { formatDay } from "../../shared/parse.ts";
import { MAX_LINK_IDS, type AttachmentLink } from "../../shared/attachments.ts";
import { vietnamDateTime } from "../../shared/vietnam-time.ts";

/** Where a judge finds every model's files when a model has more than one. */
export const EVIDENCE_SHEET = "Minh chứng chấm điểm";

/**
 * Links to the evidence files of many models, a request per thousand models: each opens
 * the file without the officer's token until it expires (the server re-checks the officer
 * when it is used), so it can sit in a sheet.
 */
export async function evidenceLinks(api: Api, registrationIds: readonly string[]): Promise<Map<string, AttachmentLink[]>> {
  const byModel = new Map<string, AttachmentLink[]>();
  for (let i = 0; i < registrationIds.length; i += MAX_LINK_IDS) {
    const chunk = registrationIds.slice(i, i + MAX_LINK_IDS);
    const { links } = await call(api.api.v1.attachments.links.$post({ json: { registrationIds: chunk } }));
    for (const link of links) byModel.set(link.registrationId, [...(byModel.get(link.registrationId) ?? []), link]);
  }
  return byModel;
}

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** What the evidence cell of a model says, and where it leads (one file: the file; more: the list). */
export function evidenceCell(links: readonly AttachmentLink[], listRow: number | null): { text: string; link: Excel.RangeHyperlink | null } {
  if (links.length === 0) return { text: "", link: null };
  if (links.length === 1) return { text: links[0]!.name, link: { address: links[0]!.url, textToDisplay: links[0]!.name, screenTip: "Mở tệp minh chứng" } };
  const text = `${links.length} tệp – xem danh sách`;
  return { text, link: { documentReference: `'${EVIDENCE_SHEET}'!A${listRow ?? 1}`, textToDisplay: text, screenTip: "Xem các tệp minh chứng của mô hình" } };
}

/**
 * The list of every model's files, one line per file with its link: a sheet the add-in
 * replaces each time the judge's sheets are laid out. `firstRow` says on which sheet row
 * each model's files start, for the links from the judge's sheet.
 */
export function evidenceSheet(models: readonly { id: string; name: string }[], byModel: ReadonlyMap<string, AttachmentLink[]>): { sheet: ReportSheet & { hyperlinks: { row: number; column: number; link: Excel.RangeHyperlink }[] }; firstRow: Map<string, number> } {
  const rows: (string | number)[][] = [];
  const hyperlinks: { row: number; column: number; link: Excel.RangeHyperlink }[] = [];
  const firstRow = new Map<string, number>();
  const expires = [...byModel.values()].flat()[0]?.expiresAt;
  const title = ["MINH CHỨNG CỦA CÁC MÔ HÌNH ĐƯỢC CHẤM", expires ? `Đường dẫn mở được đến ${vietnamDateTime(expires)}; bấm “Tạo phiếu chấm điểm” để làm mới.` : "Chưa có mô hình nào có tệp minh chứng."];
  for (const model of models) {
    const files = byModel.get(model.id) ?? [];
    if (files.length === 0) continue;
    // Title lines, a blank row, the header: data starts on sheet row title + 3.
    firstRow.set(model.id, title.length + 3 + rows.length);
    for (const f of files) {
      hyperlinks.push({ row: rows.length, column: 1, link: { address: f.url, textToDisplay: f.name, screenTip: "Mở tệp minh chứng" } });
      rows.push([model.name, f.name, size(f.size), formatDay(f.expiresAt.slice(0, 10))]);
    }
  }
  return {
    sheet: {
      sheet: EVIDENCE_SHEET,
      table: "MinhChung_ChamDiem",
      label: "danh sách minh chứng",
      repair: "Tạo phiếu chấm điểm",
      title,
      columns: [
        { key: "model", header: "Mô hình", width: 260, format: "@" },
        { key: "file", header: "Tệp minh chứng", width: 260, format: "@" },
        { key: "size", header: "Dung lượng", width: 80, format: "@" },
        { key: "until", header: "Mở được đến ngày", width: 100, format: "@" },
      ],
      rows,
      hyperlinks,
    },
    firstRow,
  };
}
