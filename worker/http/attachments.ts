import { Hono } from "hono";
import * as z from "zod";
import { hasRole, requireOfficer, requireRole } from "../auth.ts";
import { fileNameFromHeader } from "../attachments/file-name.ts";
import { readAtMost } from "../attachments/read-body.ts";
import { attachmentResponse, removeAttachment, storeAttachment } from "../attachments/store.ts";
import type { AppEnv, Caller } from "../env.ts";
import { problem } from "../problems.ts";
import { createAttachmentTicket, listAttachments, readAttachment, readUploadTarget, type UploadTarget } from "../sql/attachments.ts";
import { isInSubtree } from "../sql/org-units.ts";
import { generateTicket, hashToken } from "../tokens.ts";
import { jsonBody, pathParams, pathUuid } from "../validate.ts";
import {
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_REGISTRATION,
  MAX_LINK_IDS,
  detectAttachmentType,
  isAttachmentType,
  nameWithExtension,
  type AttachmentLinks,
  type AttachmentListItem,
} from "../../shared/attachments.ts";

// Evidence files of a registration (PRODUCT.md "API", Evidence files). Each is reachable
// exactly as its registration is: read by any role whose scope holds the registration's
// unit (like its history: otherwise 404), added and removed by a clerk or admin of that
// scope (like its review: otherwise 403).

const registrationPath = pathParams({ id: pathUuid }, { id: "registration_not_found" });
const attachmentPath = pathParams({ id: pathUuid }, { id: "attachment_not_found" });

/**
 * What the request says it sends. The bytes decide in the end; a declared type is refused
 * only when it names something else outright (a program, JSON, text). Generic labels stay
 * allowed: a browser that does not know ".docx" on a computer without Office sends one.
 */
const GENERIC_TYPES = new Set(["", "application/octet-stream", "application/zip", "application/x-zip-compressed"]);

function refuseDeclaredType(header: string | undefined): void {
  const type = (header ?? "").split(";")[0]!.trim().toLowerCase();
  if (!GENERIC_TYPES.has(type) && !isAttachmentType(type)) throw problem("attachment_type_unsupported");
}

const MACRO_REFUSED =
  "Tệp Word, Excel có chứa macro không được nhận. Hãy lưu lại thành .docx hoặc .xlsx thông thường (không macro) rồi gửi lại.";

/** Why this caller cannot add a file to this registration now, if there is a reason. */
function refuseUpload(target: UploadTarget | null, caller: Caller): void {
  if (!target) throw problem("registration_not_found");
  if (!isInSubtree(target.unit_path, caller.scopePath)) throw problem("forbidden_scope", { message: "Đăng ký này thuộc đơn vị ngoài phạm vi của bạn." });
  if (target.deleted) throw problem("registration_deleted");
  if (!target.registration_open && !hasRole(caller, "admin")) throw problem("campaign_closed");
  if (target.files >= MAX_ATTACHMENTS_PER_REGISTRATION) throw problem("attachment_limit_reached");
}

/** POST and GET /registrations/:id/attachments. */
export const registrationAttachments = new Hono<AppEnv>()
  .use(requireOfficer)
  .post("/", requireRole("clerk", "admin"), registrationPath, async (c) => {
    const caller = c.get("caller");
    const registrationId = c.req.valid("param").id;
    // Everything that can be refused without the body is refused before reading it.
    const name = fileNameFromHeader(c.req.header("x-file-name"));
    refuseDeclaredType(c.req.header("content-type"));
    const declared = Number(c.req.header("content-length"));
    if (declared > MAX_ATTACHMENT_BYTES) throw problem("attachment_too_large");
    refuseUpload(await readUploadTarget(c.env.DB, registrationId), caller);

    const bytes = await readAtMost(c.req.raw.body, MAX_ATTACHMENT_BYTES);
    if (bytes === "too_large") throw problem("attachment_too_large");
    if (bytes.byteLength === 0) throw problem("attachment_empty");
    const detected = detectAttachmentType(bytes);
    if (!detected.ok) throw problem("attachment_type_unsupported", detected.reason === "macro" ? { message: MACRO_REFUSED } : {});
    const stored = await storeAttachment(c.env, {
      registrationId,
      name: nameWithExtension(name, detected.type),
      bytes,
      contentType: detected.type,
      officerId: caller.id,
      admin: hasRole(caller, "admin"),
    });
    if (!stored) {
      // Someone deleted, closed or filled the registration meanwhile: say which.
      refuseUpload(await readUploadTarget(c.env.DB, registrationId), caller);
      throw problem("conflict");
    }
    return c.json(stored, 201);
  })
  .get("/", registrationPath, async (c) => {
    const registrationId = c.req.valid("param").id;
    const { unitPath, files } = await listAttachments(c.env.DB, registrationId);
    if (unitPath === null || !isInSubtree(unitPath, c.get("caller").scopePath)) throw problem("registration_not_found");
    return c.json(
      files.map(
        (f): AttachmentListItem => ({
          id: f.id,
          name: f.name,
          size: f.size,
          contentType: f.content_type,
          sha256: f.sha256,
          uploadedAt: f.uploaded_at,
          uploadedBy: { id: f.uploaded_by, name: f.uploaded_by_name },
        }),
      ),
    );
  });

/**
 * Days a link made for a sheet stays valid. A report download link lives 10 minutes
 * because it is clicked at once; attachment links are written into the judges' scoring
 * sheet and opened over the days of an appraisal round, from a workbook that has no
 * token. A week covers a round; each use still checks the officer's token (revoked or
 * expired: the links die with it) and scope, and a link names only the files it was
 * made for, read-only. The pane asks again whenever it rebuilds the sheet.
 */
export const ATTACHMENT_LINK_DAYS = 7;

const uuidList = z.array(z.uuid()).max(MAX_LINK_IDS).default([]);
const linksRequestSchema = z
  .object({ ids: uuidList, registrationIds: uuidList })
  .refine((r) => r.ids.length + r.registrationIds.length > 0, { message: "Cần ít nhất một mã tệp hoặc mã đăng ký." });

/** POST /attachments/links, GET and DELETE /attachments/:id. */
export const attachments = new Hono<AppEnv>()
  .use(requireOfficer)
  .post("/links", ...jsonBody(linksRequestSchema), async (c) => {
    const body = c.req.valid("json");
    const caller = c.get("caller");
    const ids = [...new Set(body.ids.map((i) => i.toLowerCase()))];
    const registrationIds = [...new Set(body.registrationIds.map((i) => i.toLowerCase()))];
    const ticket = generateTicket();
    const expiresAt = new Date(Date.now() + ATTACHMENT_LINK_DAYS * 86_400_000).toISOString();
    const { files, registrationsInReach } = await createAttachmentTicket(c.env.DB, {
      ticketHash: await hashToken(ticket),
      officerId: caller.id,
      expiresAt,
      scopePath: caller.scopePath,
      ids,
      registrationIds,
    });
    const found = new Set(files.map((f) => f.id));
    const answer: AttachmentLinks = {
      links: files.map((f) => ({
        id: f.id,
        registrationId: f.registration_id,
        name: f.name,
        size: f.size,
        contentType: f.content_type,
        url: new URL(`/api/v1/downloads/${ticket}/${f.id}`, c.req.url).toString(),
        expiresAt,
      })),
      missing: [...ids.filter((i) => !found.has(i)), ...registrationIds.filter((i) => !registrationsInReach.has(i))],
    };
    return c.json(answer, 201);
  })
  .get("/:id", attachmentPath, async (c) => {
    const row = await readAttachment(c.env.DB, c.req.valid("param").id);
    if (!row || !isInSubtree(row.unit_path, c.get("caller").scopePath)) throw problem("attachment_not_found");
    return attachmentResponse(c.env.FILES, row);
  })
  .delete("/:id", requireRole("clerk", "admin"), attachmentPath, async (c) => {
    const caller = c.get("caller");
    const { id } = c.req.valid("param");
    const row = await readAttachment(c.env.DB, id);
    if (!row) throw problem("attachment_not_found");
    if (!isInSubtree(row.unit_path, caller.scopePath)) throw problem("forbidden_scope", { message: "Tệp này thuộc đăng ký của đơn vị ngoài phạm vi của bạn." });
    if (!row.registration_open && !hasRole(caller, "admin")) throw problem("campaign_closed");
    if (!(await removeAttachment(c.env, id, caller.id))) throw problem("attachment_not_found");
    return c.body(null, 204);
  });
