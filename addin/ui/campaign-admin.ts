import { call, type Api } from "../api/client.ts";
import { pullRubric, saveRubric } from "../admin/flows.ts";
import { busy } from "./busy.ts";
import { byId, setStatus, show } from "./dom.ts";
import type { Me } from "../../shared/api.ts";
import type { Campaign, CampaignDetail } from "../../shared/schemas/campaign.ts";
import type { OrgUnit } from "../../shared/schemas/org-unit.ts";
import { formatDay } from "../../shared/parse.ts";
import { vietnamDateTime } from "../../shared/vietnam-time.ts";
import {
  DEFAULT_LEVELS,
  defaultExpectedKinds,
  defaultLevels,
  ORG_UNIT_KIND_LABELS,
  TWO_TIER_LEVELS,
  type Level,
} from "../../shared/vocabulary.ts";

/** Every level a campaign may offer: the 2023 three and the two-tier two, once each. */
const KNOWN_LEVELS: readonly Level[] = [...new Map([...DEFAULT_LEVELS, ...TWO_TIER_LEVELS].map((l) => [l.code, l])).values()];

const FIELD_NAMES: Record<string, string> = {
  title: "tên",
  planRef: "số kế hoạch",
  deadline: "hạn nộp",
  levels: "cấp đăng ký",
  expectedKinds: "đơn vị phải đăng ký",
  rubric: "tiêu chí chấm",
  registrationOpen: "khóa/mở đăng ký",
};

function checks(id: string, items: readonly { value: string; label: string }[], chosen: readonly string[]): void {
  const box = byId(id);
  box.replaceChildren(
    box.querySelector("legend")!,
    ...items.map((item) => {
      const label = document.createElement("label");
      label.className = "check";
      const input = document.createElement("input");
      input.type = "checkbox";
      input.value = item.value;
      input.checked = chosen.includes(item.value);
      label.append(input, ` ${item.label}`);
      return label;
    }),
  );
}
const checked = (id: string) => [...byId(id).querySelectorAll<HTMLInputElement>("input:checked")].map((b) => b.value);

/**
 * The admin's campaign form: the selected campaign's title, plan number, deadline, levels
 * and the kinds of unit expected to register, editable after launch (who changed what
 * last is shown); a new campaign from the same form; and the implementing plan of the
 * admin's own unit (its plan number and deadline) when the campaign belongs to a unit above.
 */
export function setUpCampaignAdmin(api: Api, me: Me, campaign: () => Campaign | null, reload: () => Promise<void>, units: readonly OrgUnit[]): void {
  const run = (label: string, work: () => Promise<void>) => busy([], label, work);
  const inSubtree = new Set(units.map((u) => u.id));
  const current = () => {
    const c = campaign();
    if (!c) throw new Error("Chưa chọn kế hoạch.");
    return c;
  };

  function fill(c: Campaign | null, detail: CampaignDetail | null): void {
    byId("campaign-form-mode").textContent = c ? `Đang sửa: ${c.title} (${c.year}).` : "Chưa có kế hoạch nào: điền rồi bấm Tạo kế hoạch mới.";
    byId<HTMLInputElement>("campaign-title").value = c?.title ?? "";
    byId<HTMLInputElement>("campaign-plan").value = c?.planRef ?? "";
    byId<HTMLInputElement>("campaign-year").value = String(c?.year ?? new Date().getFullYear());
    byId<HTMLInputElement>("campaign-deadline").value = c?.deadline ?? "";
    const year = c?.year ?? new Date().getFullYear();
    checks("campaign-levels", KNOWN_LEVELS.map((l) => ({ value: l.code, label: l.label })), (c?.levels ?? defaultLevels(year)).map((l) => l.code));
    checks("campaign-kinds", Object.entries(ORG_UNIT_KIND_LABELS).map(([value, label]) => ({ value, label })), c?.expectedKinds ?? defaultExpectedKinds(year));
    const last = c?.lastChange;
    byId("campaign-last-change").textContent = last
      ? `Sửa lần cuối: ${last.officerName}, ${vietnamDateTime(last.at)} (${last.fields.map((f) => FIELD_NAMES[f] ?? f).join(", ")}).`
      : "";
    // The unit's own plan: for an admin of a unit below the campaign's owner.
    const own = detail?.plans.find((p) => p.orgUnitId === me.scope.id) ?? null;
    const below = c !== null && c.orgUnitId !== me.scope.id && !inSubtree.has(c.orgUnitId);
    show("unit-plan", below);
    byId("unit-plan-about").textContent = own
      ? `${me.scope.name} thực hiện theo ${own.planRef}, hạn nộp ${formatDay(own.deadline)}.`
      : `${me.scope.name} chưa ghi kế hoạch riêng: đăng ký tính hạn theo ${c?.planRef ?? "kế hoạch chung"} (${c ? formatDay(c.deadline) : ""}).`;
    byId<HTMLInputElement>("unit-plan-ref").value = own?.planRef ?? "";
    byId<HTMLInputElement>("unit-plan-deadline").value = own?.deadline ?? "";
    show("unit-plan-remove", own !== null);
  }

  async function refresh(): Promise<void> {
    const c = campaign();
    const detail = c ? await call(api.api.v1.campaigns[":id"].$get({ param: { id: String(c.id) } })) : null;
    fill(detail ?? c, detail);
  }

  const levelsChosen = (): Level[] => KNOWN_LEVELS.filter((l) => checked("campaign-levels").includes(l.code));
  const form = () => ({
    title: byId<HTMLInputElement>("campaign-title").value.trim(),
    planRef: byId<HTMLInputElement>("campaign-plan").value.trim() || null,
    deadline: byId<HTMLInputElement>("campaign-deadline").value,
    levels: levelsChosen(),
    expectedKinds: checked("campaign-kinds"),
  });

  byId<HTMLFormElement>("campaign-form").onsubmit = (event) => {
    event.preventDefault();
    void run("Đang lưu kế hoạch…", async () => {
      const c = current();
      const { title, planRef, deadline, levels, expectedKinds } = form();
      if (!levels.length) throw new Error("Hãy chọn ít nhất một cấp đăng ký.");
      await call(api.api.v1.admin.campaigns[":id"].$patch({ param: { id: String(c.id) }, json: { title, planRef, deadline, levels, expectedKinds } }));
      await reload();
      await refresh();
      setStatus(`Đã lưu kế hoạch “${title}”.`, "success");
    })();
  };
  byId("campaign-new").onclick = run("Đang tạo kế hoạch…", async () => {
    const { title, planRef, deadline, levels, expectedKinds } = form();
    const year = Number(byId<HTMLInputElement>("campaign-year").value);
    const created = await call(
      api.api.v1.admin.campaigns.$post({ json: { orgUnitId: me.scope.id, year, title, planRef, deadline, ...(levels.length ? { levels } : {}), expectedKinds } }),
    );
    await reload();
    setStatus(`Đã tạo kế hoạch “${created.title}”.`, "success");
  });
  byId("campaign-year").onchange = () => {
    // A new campaign of 2025 or later speaks the two-level government.
    if (campaign()) return;
    const year = Number(byId<HTMLInputElement>("campaign-year").value);
    checks("campaign-levels", KNOWN_LEVELS.map((l) => ({ value: l.code, label: l.label })), defaultLevels(year).map((l) => l.code));
    checks("campaign-kinds", Object.entries(ORG_UNIT_KIND_LABELS).map(([value, label]) => ({ value, label })), defaultExpectedKinds(year));
  };

  byId("unit-plan-save").onclick = run("Đang lưu kế hoạch của đơn vị…", async () => {
    const c = current();
    const planRef = byId<HTMLInputElement>("unit-plan-ref").value.trim();
    const deadline = byId<HTMLInputElement>("unit-plan-deadline").value;
    if (!planRef || !deadline) throw new Error("Hãy ghi số kế hoạch của đơn vị và hạn nộp.");
    await call(api.api.v1.admin.campaigns[":id"].plans[":orgUnitId"].$put({ param: { id: String(c.id), orgUnitId: String(me.scope.id) }, json: { planRef, deadline } }));
    await refresh();
    setStatus(`Đã lưu: ${me.scope.name} thực hiện theo ${planRef}, hạn nộp ${formatDay(deadline)}.`, "success");
  });
  byId("unit-plan-remove").onclick = run("Đang bỏ kế hoạch riêng…", async () => {
    const c = current();
    await call(api.api.v1.admin.campaigns[":id"].plans[":orgUnitId"].$delete({ param: { id: String(c.id), orgUnitId: String(me.scope.id) } }));
    await refresh();
    setStatus("Đã bỏ kế hoạch riêng; hạn nộp theo kế hoạch chung.", "success");
  });

  byId("rubric-pull").onclick = run("Đang lấy tiêu chí…", async () => {
    await pullRubric(current());
    setStatus("Đã đưa tiêu chí vào trang “Tiêu chí chấm”.", "success");
  });
  byId("rubric-save").onclick = run("Đang lưu tiêu chí…", async () => {
    await saveRubric(api, current());
    setStatus("Đã lưu tiêu chí chấm.", "success");
    await reload();
  });
  byId("registration-close").onclick = run("Đang cập nhật…", async () => {
    const c = current();
    const updated = await call(api.api.v1.admin.campaigns[":id"].registration.$post({ param: { id: String(c.id) }, json: { open: !c.registrationOpen } }));
    setStatus(updated.registrationOpen ? "Đã mở lại đăng ký." : "Đã khóa đăng ký.", "success");
    await reload();
  });

  byId("campaign").addEventListener("change", () => void run("", refresh)());
  void run("", refresh)();
}
