import { call, type Api } from "../api/client.ts";
import { byId, show } from "./dom.ts";
import type { Campaign } from "../../shared/schemas/campaign.ts";

export interface CampaignPicker {
  current(): Campaign | null;
  reload(): Promise<void>;
}

/** The campaign picker: the officer's campaigns, newest first; the choice is remembered on this computer. */
export async function setUpCampaigns(api: Api, onChange: (c: Campaign | null) => void = () => {}): Promise<CampaignPicker> {
  const select = byId<HTMLSelectElement>("campaign");
  let campaigns: Campaign[] = [];
  const current = () => campaigns.find((c) => String(c.id) === select.value) ?? null;
  async function reload(): Promise<void> {
    campaigns = await call(api.api.v1.campaigns.$get());
    const keep = select.value || localStorage.getItem("dvk.campaign");
    select.replaceChildren(
      ...campaigns.map((c) => {
        const option = document.createElement("option");
        option.value = String(c.id);
        option.textContent = `${c.year} · ${c.title}${c.registrationOpen ? "" : " (đã khóa đăng ký)"}`;
        return option;
      }),
    );
    if (keep && campaigns.some((c) => String(c.id) === keep)) select.value = keep;
    show("campaign-card", campaigns.length > 0);
    onChange(current());
  }
  select.onchange = () => {
    localStorage.setItem("dvk.campaign", select.value);
    onChange(current());
  };
  await reload();
  return { current, reload };
}
