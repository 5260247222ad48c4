import { call, type Api } from "../api/client.ts";
import { byId, show } from "./dom.ts";
import type { Campaign } from "../../shared/schemas/campaign.ts";

/** The campaign picker: the officer's campaigns, newest first; the choice is remembered on this computer. */
export async function setUpCampaigns(api: Api): Promise<() => Campaign | null> {
  const campaigns = await call(api.api.v1.campaigns.$get());
  const select = byId<HTMLSelectElement>("campaign");
  select.replaceChildren(
    ...campaigns.map((c) => {
      const option = document.createElement("option");
      option.value = String(c.id);
      option.textContent = `${c.year} · ${c.title}`;
      return option;
    }),
  );
  const remembered = localStorage.getItem("dvk.campaign");
  if (remembered && campaigns.some((c) => String(c.id) === remembered)) select.value = remembered;
  select.onchange = () => localStorage.setItem("dvk.campaign", select.value);
  show("campaign-card", campaigns.length > 0);
  return () => campaigns.find((c) => String(c.id) === select.value) ?? null;
}
