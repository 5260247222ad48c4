/** The element with `id`, which the page is known to have. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`task pane is missing #${id}`);
  return el as T;
}

export function show(id: string, visible = true): void {
  byId(id).hidden = !visible;
}

export type StatusTone = "info" | "error" | "success";

/** The one status line at the foot of the pane. */
export function setStatus(text: string, tone: StatusTone = "info"): void {
  const el = byId("status");
  el.textContent = text;
  el.className = `status ${tone === "info" ? "" : tone}`.trim();
}
