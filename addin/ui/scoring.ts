import type { Api } from "../api/client.ts";
import { buildScoringSheets, syncScores } from "../scoring/flows.ts";
import { busy } from "./busy.ts";
import { byId, setStatus, show } from "./dom.ts";
import type { Campaign } from "../../shared/schemas/campaign.ts";

/** The judge's panel: build the scoring sheet from the rubric, send the points. */
export function setUpScoring(api: Api, campaign: () => Campaign | null): void {
  show("scoring", true);
  const buttons = ["scoring-build", "scoring-sync"].map((id) => byId<HTMLButtonElement>(id));
  const current = () => {
    const c = campaign();
    if (!c) throw new Error("Chưa chọn kế hoạch.");
    return c;
  };
  byId("scoring-build").onclick = busy(buttons, "Đang tạo phiếu chấm…", async () => {
    const { models } = await buildScoringSheets(api, current());
    setStatus(models ? `Đã tạo phiếu chấm: ${models} mô hình.` : "Chưa có mô hình nào để chấm trong phạm vi của bạn.", "success");
  });
  byId("scoring-sync").onclick = busy(buttons, "Đang gửi điểm…", async () => {
    const progress = byId<HTMLProgressElement>("scoring-progress");
    show("scoring-progress", true);
    try {
      const r = await syncScores(api, current(), (done, total) => {
        progress.max = Math.max(1, total);
        progress.value = done;
      });
      byId("scoring-summary").textContent = `Gửi ${r.sent} phiếu: ${r.accepted} được nhận, ${r.refused} bị từ chối, ${r.conflicts} xung đột.`;
      if (r.offline) setStatus(`${r.offline.message} ${r.waiting} phiếu chờ gửi lần sau.`, "error");
      else setStatus(r.refused || r.conflicts ? "Đồng bộ xong, còn phiếu cần xem lại (cột Trạng thái)." : "Đồng bộ điểm xong.", r.refused || r.conflicts ? "error" : "success");
    } finally {
      show("scoring-progress", false);
    }
  });
}
