import { selectedRegistration } from "../host/registration-tables.ts";
import { REGISTRATION_TABLES } from "./columns.ts";
import { specIndex } from "../sheets/owned-table.ts";

/**
 * The model on the row of the selected cell, once the server has it (evidence and
 * printed forms need its id there); otherwise a Vietnamese sentence saying what to do
 * first, ending with `then` ("đính kèm minh chứng", "in đơn").
 */
export async function selectedSyncedModel(then: string): Promise<{ id: string; name: string }> {
  const selected = await selectedRegistration();
  if (!selected) throw new Error("Hãy chọn một ô trên dòng của mô hình trong bảng Tập thể hoặc Cá nhân.");
  const spec = REGISTRATION_TABLES[selected.kind];
  const id = String(selected.row[specIndex(spec, "id")] ?? "");
  const version = Number(selected.row[specIndex(spec, "version")]) || 0;
  if (!id || version === 0) throw new Error(`Dòng này chưa được gửi lên máy chủ: hãy bấm Đồng bộ trước, rồi ${then}.`);
  return { id, name: String(selected.row[specIndex(spec, "modelName")] ?? "") };
}
