import { call, type Api } from "../api/client.ts";
import { selectedRowId } from "../host/table-rows.ts";
import { buildReviewSheet, sendReview } from "../review/flows.ts";
import { REVIEW_SHEET } from "../review/sheet.ts";
import { busy } from "./busy.ts";
import { byId, setStatus, show } from "./dom.ts";
import type { Me } from "../../shared/api.ts";
import type { Campaign } from "../../shared/schemas/campaign.ts";
import { REVIEW_STATE_LABELS, type ReviewState } from "../../shared/vocabulary.ts";

const ACTION_LABELS: Record<string, string> = {
  "registration:create": "Nhập đăng ký",
  "registration:update": "Sửa đăng ký",
  "registration:delete": "Xóa đăng ký",
  "registration:restore": "Khôi phục đăng ký",
  "score:create": "Chấm điểm",
  "score:update": "Sửa điểm",
  "score:delete": "Rút phiếu chấm",
  "score:restore": "Chấm lại",
  "review:review": "Chuyển trạng thái",
  "review:undo": "Hoàn tác",
};

const stateLabel = (v: unknown) => REVIEW_STATE_LABELS[v as ReviewState] ?? String(v ?? "");

/** The approver's panel: the review table, sending its changes, and one model's history. */
export function setUpReview(api: Api, me: Me, campaign: () => Campaign | null): void {
  show("review", true);
  const buttons = ["review-build", "review-send", "review-history"].map((id) => byId<HTMLButtonElement>(id));
  const current = () => {
    const c = campaign();
    if (!c) throw new Error("Chưa chọn kế hoạch.");
    return c;
  };
  byId("review-build").onclick = busy(buttons, "Đang lấy bảng xét duyệt…", async () => {
    const n = await buildReviewSheet(api, me, current());
    setStatus(`Đã đưa ${n} mô hình vào trang “Xét duyệt”.`, "success");
  });
  byId("review-send").onclick = busy(buttons, "Đang gửi xét duyệt…", async () => {
    const r = await sendReview(api, me, current());
    byId("review-summary").textContent = `${r.changed} mô hình đã chuyển trạng thái, ${r.refused} bị từ chối (xem cột Kết quả).`;
    setStatus(r.refused ? "Có dòng bị từ chối, xem cột Kết quả." : "Đã gửi xét duyệt.", r.refused ? "error" : "success");
  });
  byId("review-history").onclick = busy(buttons, "Đang lấy lịch sử…", async () => {
    const id = await selectedRowId(REVIEW_SHEET, "id");
    if (!id) throw new Error("Hãy chọn một ô trên dòng của mô hình trong bảng “Xét duyệt”.");
    const entries = await call(api.api.v1.registrations[":id"].history.$get({ param: { id } }));
    const list = byId("history-list");
    list.replaceChildren(
      ...entries.map((e) => {
        const li = document.createElement("li");
        const when = document.createElement("span");
        when.className = "when";
        // A judge's name and points are shown only to those who may see them; others read the summary.
        when.textContent = `${new Date(e.at).toLocaleString("vi-VN")} · ${e.officer?.name ?? "Thành viên hội đồng"}: `;
        const what = e.summary ?? ACTION_LABELS[`${e.entity}:${e.action}`] ?? "Thay đổi";
        const detail =
          e.entity === "review"
            ? ` ${stateLabel(e.before?.reviewState)} → ${stateLabel(e.after?.reviewState)}`
            : e.entity === "score" && e.after
              ? ` (tổng ${String(e.after.total ?? "")})`
              : "";
        li.append(when, `${what}${detail}${e.note ? ` — “${e.note}”` : ""}`);
        return li;
      }),
    );
    show("history-list", entries.length > 0);
    setStatus(`Lịch sử: ${entries.length} thay đổi.`, "success");
  });
}
