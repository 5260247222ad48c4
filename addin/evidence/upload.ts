import { ApiError } from "../api/client.ts";
import type { Connection } from "../connection.ts";
import { ACCEPTED_LABELS, detectAttachmentType, MAX_ATTACHMENT_BYTES, type Attachment } from "../../shared/attachments.ts";
import type { ProblemBody } from "../../shared/problems.ts";

/**
 * What the pane can tell before sending anything over a slow line: too big, or not one of
 * the accepted kinds by its bytes (the server checks again).
 */
export async function refusedBeforeSending(file: Blob & { name: string }): Promise<string | null> {
  if (file.size === 0) return `Tệp “${file.name}” trống.`;
  if (file.size > MAX_ATTACHMENT_BYTES) return `Tệp “${file.name}” nặng ${(file.size / 1024 / 1024).toFixed(1).replace(".", ",")} MB, quá 10 MB: hãy nén ảnh hoặc chia nhỏ tệp.`;
  // A .docx/.xlsx is a zip whose part names sit at its end: read the whole (≤ 10 MB) file.
  const detected = detectAttachmentType(new Uint8Array(await file.arrayBuffer()));
  if (!detected.ok) {
    return detected.reason === "macro"
      ? `Tệp “${file.name}” có macro nên không nhận; hãy lưu lại thành .docx hoặc .xlsx thường.`
      : `Tệp “${file.name}” không phải ${ACCEPTED_LABELS}.`;
  }
  return null;
}

/**
 * Sends one file as the raw body, with progress: fetch cannot report upload progress, so
 * this is the one place the pane uses XMLHttpRequest. Refusals come back as ApiError with
 * the server's Vietnamese message.
 */
export function uploadEvidence(
  connection: Connection,
  registrationId: string,
  file: Blob & { name: string; type: string },
  onProgress: (sent: number, total: number) => void,
): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${connection.serverUrl.replace(/\/+$/, "")}/api/v1/registrations/${encodeURIComponent(registrationId)}/attachments`);
    xhr.setRequestHeader("Authorization", `Bearer ${connection.token}`);
    if (file.type) xhr.setRequestHeader("Content-Type", file.type);
    xhr.setRequestHeader("X-File-Name", encodeURIComponent(file.name));
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      const body = xhr.response as (Attachment & Partial<ProblemBody>) | null;
      if (xhr.status === 201 && body) resolve(body);
      else reject(new ApiError(body?.code ?? `http_${xhr.status}`, body?.message ?? `Máy chủ trả lời lỗi ${xhr.status}.`, xhr.status));
    };
    xhr.onerror = () =>
      reject(new ApiError("offline", "Không kết nối được máy chủ. Kiểm tra mạng rồi tải lên lại; tệp vẫn ở trên máy bạn.", 0));
    xhr.send(file);
  });
}
