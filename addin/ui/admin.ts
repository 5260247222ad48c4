import { call, type Api } from "../api/client.ts";
import { pullOrgUnits, sendOrgUnits } from "../admin/flows.ts";
import { setUpCampaignAdmin } from "./campaign-admin.ts";
import { byId, setStatus, show } from "./dom.ts";
import { busy } from "./busy.ts";
import type { Me } from "../../shared/api.ts";
import type { Campaign } from "../../shared/schemas/campaign.ts";
import type { OrgUnit } from "../../shared/schemas/org-unit.ts";
import { ROLES, ROLE_LABELS, orgUnitKindLabel } from "../../shared/vocabulary.ts";

type Work = () => Promise<void>;

/** The admin's panel: the area's list, officers and their tokens, campaigns and rubrics. */
export function setUpAdmin(
  api: Api,
  me: Me,
  campaign: () => Campaign | null,
  reloadCampaigns: () => Promise<void>,
  units: readonly OrgUnit[],
): void {
  show("admin", true);
  const run = (label: string, work: Work) => busy([], label, work);

  byId("units-pull").onclick = run("Đang lấy danh mục…", async () => {
    const n = await pullOrgUnits(api, me);
    setStatus(`Đã đưa ${n} đơn vị vào trang “Danh mục đơn vị”.`, "success");
  });
  byId("units-send").onclick = run("Đang gửi danh mục…", async () => {
    const s = await sendOrgUnits(api);
    byId("units-summary").textContent = `${s.created} tạo mới, ${s.updated} cập nhật, ${s.unchanged} không đổi, ${s.invalid} lỗi (xem cột Trạng thái).`;
    setStatus(s.invalid ? `Có ${s.invalid} dòng lỗi trong danh mục.` : "Đã gửi danh mục.", s.invalid ? "error" : "success");
    fillUnitChoices(await call(api.api.v1["org-units"].$get()));
  });

  // Officers: a token is shown once, here, never written into the workbook.
  const roles = byId("officer-new-roles");
  roles.replaceChildren(
    ...ROLES.map((r) => {
      const label = document.createElement("label");
      label.className = "check";
      const box = document.createElement("input");
      box.type = "checkbox";
      box.value = r;
      label.append(box, ` ${ROLE_LABELS[r]}`);
      return label;
    }),
  );
  function fillUnitChoices(units: readonly OrgUnit[]): void {
    for (const id of ["officer-new-scope", "officer-new-unit"]) {
      byId<HTMLSelectElement>(id).replaceChildren(
        ...units.map((u) => {
          const o = document.createElement("option");
          o.value = String(u.id);
          o.textContent = `${u.name} (${orgUnitKindLabel(u.kind)})`;
          return o;
        }),
      );
    }
  }
  async function listOfficers(): Promise<void> {
    const officers = await call(api.api.v1.admin.officers.$get());
    byId("officer-list").replaceChildren(
      ...officers.map((o) => {
        const li = document.createElement("li");
        const who = document.createElement("div");
        who.className = "title";
        who.textContent = o.name;
        const what = document.createElement("div");
        what.className = "hint";
        what.textContent = `${o.roles.map((r) => ROLE_LABELS[r as keyof typeof ROLE_LABELS] ?? r).join(", ")} · ${o.scope.name}${o.revokedAt ? " · đã thu hồi" : ""}`;
        li.append(who, what);
        if (!o.revokedAt && o.id !== me.officer.id) {
          const revoke = document.createElement("button");
          revoke.type = "button";
          revoke.textContent = "Thu hồi mã";
          revoke.onclick = run(`Đang thu hồi mã của ${o.name}…`, async () => {
            await call(api.api.v1.admin.officers[":id"].revoke.$post({ param: { id: String(o.id) } }));
            setStatus(`Đã thu hồi mã của ${o.name}; mã hết hiệu lực ngay.`, "success");
            await listOfficers();
          });
          li.append(revoke);
        }
        return li;
      }),
    );
  }
  byId<HTMLFormElement>("officer-form").onsubmit = (event) => {
    event.preventDefault();
    void run("Đang cấp mã…", async () => {
      const name = byId<HTMLInputElement>("officer-new-name").value.trim();
      const chosen = [...roles.querySelectorAll<HTMLInputElement>("input:checked")].map((b) => b.value as (typeof ROLES)[number]);
      if (!name || chosen.length === 0) throw new Error("Hãy ghi họ tên và chọn ít nhất một vai trò.");
      const { token } = await call(
        api.api.v1.admin.officers.$post({
          json: {
            name,
            roles: chosen,
            scopeId: Number(byId<HTMLSelectElement>("officer-new-scope").value),
            unitId: Number(byId<HTMLSelectElement>("officer-new-unit").value),
          },
        }),
      );
      byId("token-owner").textContent = name;
      byId("token-value").textContent = token;
      show("token-box", true);
      setStatus(`Đã cấp mã cho ${name}. Sao chép và trao tận tay; mã chỉ hiện một lần.`, "success");
      await listOfficers();
    })();
  };
  byId("token-copy").onclick = async () => {
    const token = byId("token-value").textContent ?? "";
    try {
      await navigator.clipboard.writeText(token);
    } catch {
      // Some Office webviews refuse the clipboard API; a selection copy still works there.
      const range = document.createRange();
      range.selectNodeContents(byId("token-value"));
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      document.execCommand("copy");
    }
    setStatus("Đã sao chép mã truy cập.", "success");
  };
  byId("token-hide").onclick = () => {
    byId("token-value").textContent = "";
    show("token-box", false);
  };

  setUpCampaignAdmin(api, me, campaign, reloadCampaigns, units);

  void run("", async () => {
    fillUnitChoices(units);
    await listOfficers();
    setStatus(`Đã kết nối: ${me.officer.name}.`, "success");
  })();
}
