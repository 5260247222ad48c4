import { ApiError, type Api } from "../api/client.ts";
import {
  checkRegistrations,
  keepServerCopy,
  layoutTables,
  loadContext,
  resendMine,
  syncRegistrations,
  type RegistrationContext,
  type SyncReport,
} from "../registrations/flows.ts";
import type { Conflict } from "../registrations/sync-plan.ts";
import { byId, setStatus, show } from "./dom.ts";
import { busy as runBusy } from "./busy.ts";
import type { Campaign } from "../../shared/schemas/campaign.ts";

/** The clerk's panel: lay out the two forms, check them, sync them, settle conflicts. */
export function setUpRegistrations(api: Api, campaign: () => Campaign | null): void {
  show("registrations", true);
  const buttons = ["layout-button", "check-button", "sync-button"].map((id) => byId<HTMLButtonElement>(id));
  let context: Promise<RegistrationContext> | null = null;
  let contextFor: number | null = null;

  const ctx = () => {
    const c = campaign();
    if (!c) throw new ApiError("no_campaign", "Chưa có kế hoạch nào để nhập đăng ký.", 0);
    if (!context || contextFor !== c.id) {
      context = loadContext(api, c);
      contextFor = c.id;
    }
    return context;
  };

  // A failure may come from stale units or levels: the next action loads them afresh.
  const busy = (label: string, work: () => Promise<void>) =>
    runBusy(buttons, label, async () => {
      try {
        await work();
      } catch (err) {
        context = null;
        throw err;
      } finally {
        show("sync-progress", false);
      }
    })();

  byId("layout-button").onclick = () =>
    busy("Đang tạo bảng…", async () => {
      const outcome = await layoutTables(await ctx());
      const kept = Object.values(outcome).filter((o) => o === "kept").length;
      setStatus(kept ? "Đã cập nhật bảng đăng ký; các dòng đã có được giữ nguyên." : "Đã tạo hai bảng Tập thể và Cá nhân.", "success");
    });

  byId("check-button").onclick = () =>
    busy("Đang kiểm tra…", async () => {
      const s = await checkRegistrations(await ctx());
      const rows = s.collective.rows + s.individual.rows;
      const invalid = s.collective.invalid + s.individual.invalid;
      byId("registrations-summary").textContent = `${rows} dòng: ${rows - invalid} hợp lệ, ${invalid} có lỗi (ô lỗi tô đỏ, lý do ở cột Trạng thái).`;
      setStatus(invalid ? `Có ${invalid} dòng cần sửa.` : "Mọi dòng đều hợp lệ.", invalid ? "error" : "success");
    });

  const runSync = (work: (c: RegistrationContext) => Promise<SyncReport>) =>
    busy("Đang đồng bộ…", async () => {
      const progress = byId<HTMLProgressElement>("sync-progress");
      show("sync-progress", true);
      const report = await work(await ctx());
      showReport(report);
      progress.value = progress.max;
    });

  const onProgress = (done: number, total: number) => {
    const progress = byId<HTMLProgressElement>("sync-progress");
    progress.max = Math.max(1, total);
    progress.value = done;
    setStatus(total ? `Đang gửi ${done}/${total} dòng…` : "Đang nhận thay đổi…");
  };

  // Assigned, not added: a reconnect sets the panel up again without doubling handlers.
  byId("sync-button").onclick = () => runSync((c) => syncRegistrations(api, c, onProgress));

  function showReport(report: SyncReport): void {
    const { counts, conflicts, offline } = report;
    byId("registrations-summary").textContent =
      `Gửi ${counts.sent}: ${counts.accepted} được nhận, ${counts.refused} bị từ chối, ${counts.conflicts} xung đột; nhận ${counts.pulled} thay đổi từ nơi khác.`;
    if (offline) setStatus(`${offline.message} Các dòng chưa gửi ghi “Chưa gửi”.`, "error");
    else if (counts.refused || counts.conflicts) setStatus("Đồng bộ xong, còn dòng cần xem lại (cột Trạng thái).", "error");
    else setStatus("Đồng bộ xong.", "success");
    showConflicts(conflicts);
  }

  function showConflicts(conflicts: readonly Conflict[]): void {
    const list = byId("conflict-list");
    list.replaceChildren(
      ...conflicts.map((conflict) => {
        const li = document.createElement("li");
        const title = document.createElement("div");
        title.className = "title";
        title.textContent = conflict.server.modelName;
        const note = document.createElement("div");
        note.className = "hint";
        note.textContent = conflict.local ? conflict.message : "Dòng này đã xóa ở máy bạn nhưng được sửa ở nơi khác.";
        const choices = document.createElement("div");
        choices.className = "choices";
        const keep = document.createElement("button");
        keep.type = "button";
        keep.textContent = "Giữ bản trên máy chủ";
        keep.onclick = () =>
          busy("Đang lấy bản trên máy chủ…", async () => {
            await keepServerCopy(conflict, await ctx());
            li.remove();
            if (!list.children.length) show("conflicts", false);
            setStatus("Đã thay dòng bằng bản trên máy chủ.", "success");
          });
        const mine = document.createElement("button");
        mine.type = "button";
        mine.textContent = "Gửi lại bản của tôi";
        mine.onclick = () => runSync((c) => resendMine(api, conflict, c, onProgress));
        choices.append(keep, mine);
        li.append(title, note, choices);
        return li;
      }),
    );
    show("conflicts", conflicts.length > 0);
  }
}
