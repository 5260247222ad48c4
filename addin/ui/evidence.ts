import { call, type Api } from "../api/client.ts";
import type { Connection } from "../connection.ts";
import { refusedBeforeSending, uploadEvidence } from "../evidence/upload.ts";
import { selectedSyncedModel } from "../registrations/selected.ts";
import { busy } from "./busy.ts";
import { byId, setStatus, show } from "./dom.ts";
import { openOutside } from "./open.ts";
import type { AttachmentListItem } from "../../shared/attachments.ts";

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/**
 * "Minh chứng": the evidence files of the registration on the selected row — a list with
 * sizes, open, remove — and uploads with a progress bar. Only a synced row has a
 * registration on the server to attach files to.
 */
export function setUpEvidence(api: Api, connection: Connection, canChange: boolean): void {
  let current: { id: string; name: string } | null = null;
  const buttons = ["evidence-show", "evidence-upload"].map((id) => byId<HTMLButtonElement>(id));
  show("evidence-add", canChange);

  async function list(): Promise<void> {
    if (!current) return;
    const files = await call(api.api.v1.registrations[":id"].attachments.$get({ param: { id: current.id } }));
    byId("evidence-model").textContent = `${current.name}: ${files.length ? `${files.length} tệp` : "chưa có tệp nào"}.`;
    byId("evidence-list").replaceChildren(...files.map(item));
  }

  function item(file: AttachmentListItem): HTMLLIElement {
    const li = document.createElement("li");
    const name = document.createElement("span");
    name.textContent = `${file.name} (${size(file.size)})`;
    const open = document.createElement("button");
    open.type = "button";
    open.textContent = "Mở";
    open.onclick = busy([open], "Đang mở tệp…", async () => {
      const { links } = await call(api.api.v1.attachments.links.$post({ json: { ids: [file.id] } }));
      if (!links[0]) throw new Error("Tệp không còn nữa.");
      openOutside(links[0].url);
      setStatus(`Đã mở “${file.name}”.`, "success");
    });
    li.append(name, open);
    if (canChange) {
      const remove = document.createElement("button");
      remove.type = "button";
      remove.textContent = "Xóa";
      remove.onclick = busy([remove], "Đang xóa tệp…", async () => {
        await call(api.api.v1.attachments[":id"].$delete({ param: { id: file.id } }));
        await list();
        setStatus(`Đã xóa “${file.name}”.`, "success");
      });
      li.append(remove);
    }
    return li;
  }

  byId("evidence-show").onclick = busy(buttons, "Đang tìm dòng đang chọn…", async () => {
    current = await selectedSyncedModel("đính kèm minh chứng");
    await list();
    show("evidence-files-box", true);
    setStatus("Minh chứng của dòng đang chọn ở dưới.", "success");
  });

  byId("evidence-upload").onclick = busy(buttons, "Đang tải lên…", async () => {
    if (!current) throw new Error("Hãy bấm “Xem minh chứng” trên dòng của mô hình trước.");
    const input = byId<HTMLInputElement>("evidence-files");
    const files = [...(input.files ?? [])];
    if (!files.length) throw new Error("Hãy chọn tệp (PDF, ảnh, Word, Excel) để tải lên.");
    const progress = byId<HTMLProgressElement>("evidence-progress");
    show("evidence-progress", true);
    const total = files.reduce((n, f) => n + f.size, 0);
    let done = 0;
    const refused: string[] = [];
    try {
      for (const file of files) {
        const why = await refusedBeforeSending(file);
        if (why) {
          refused.push(why);
          continue;
        }
        await uploadEvidence(connection, current.id, file, (sent) => {
          progress.max = total;
          progress.value = done + sent;
          setStatus(`Đang tải lên “${file.name}”…`);
        }).catch((err: Error) => {
          // One file refused (type, size, the 21st) does not stop the others.
          refused.push(`${file.name}: ${err.message}`);
        });
        done += file.size;
      }
    } finally {
      show("evidence-progress", false);
      input.value = "";
    }
    await list();
    if (refused.length) setStatus(`Không tải lên được: ${refused.join(" ")}`, "error");
    else setStatus(`Đã tải lên ${files.length} tệp.`, "success");
  });
}
