import { pathId, pathParams, pathUuid } from "../validate.ts";

// Path parameters several resources share, each refused as what it fails to name (404).

/** The :id of /campaigns/:id/… and /admin/campaigns/:id/…. */
export const campaignPath = pathParams({ id: pathId }, { id: "campaign_not_found" });

/** The :id of /registrations/:id/review and /registrations/:id/history. */
export const registrationPath = pathParams({ id: pathUuid }, { id: { code: "not_found", message: "Không có đăng ký này." } });
