import { UnitDirectory } from "../../addin/registrations/units.ts";
import type { RowContext } from "../../addin/registrations/read-row.ts";
import type { OrgUnit } from "../../shared/schemas/org-unit.ts";
import { DEFAULT_LEVELS } from "../../shared/vocabulary.ts";
import type { Campaign } from "../../shared/schemas/campaign.ts";
import { DEFAULT_RUBRIC } from "../../shared/schemas/rubric.ts";

/** The seed plan's campaign as the pane holds it: 2023, deadline 25/3, the default levels and rubric. */
export const CAMPAIGN_2023: Campaign = {
  id: 1,
  orgUnitId: 1,
  year: 2023,
  title: "Năm đẩy mạnh phong trào thi đua Dân vận khéo năm 2023",
  planRef: null,
  deadline: "2023-03-25",
  levels: [...DEFAULT_LEVELS],
  expectedKinds: [],
  registrationOpen: true,
  rubric: DEFAULT_RUBRIC,
  lastChange: null,
};

export const UNITS: OrgUnit[] = [
  { id: 3, parentId: null, name: "Xã Hà Giang", kind: "commune", code: "HG" },
  { id: 10, parentId: 3, name: "Thôn Trung Chính", kind: "village", code: "HG-TC" },
  { id: 11, parentId: 3, name: "Thôn Đông Môn", kind: "village", code: "HG-DM" },
  { id: 12, parentId: 3, name: "Công an xã", kind: "department", code: "HG-CA" },
  { id: 4, parentId: null, name: "Xã Hà Lĩnh", kind: "commune", code: "HL" },
  { id: 13, parentId: 4, name: "Công an xã", kind: "department", code: "HL-CA" },
];

export function rowContext(units: OrgUnit[] = UNITS): RowContext {
  return { units: new UnitDirectory(units), levels: DEFAULT_LEVELS, year: 2023 };
}
