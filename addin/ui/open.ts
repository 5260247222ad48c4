/** Opens a link outside the pane: the system browser in Office, a new tab elsewhere. */
export function openOutside(url: string): void {
  const ui = typeof Office !== "undefined" ? Office.context?.ui : undefined;
  if (ui?.openBrowserWindow) ui.openBrowserWindow(url);
  else window.open(url, "_blank", "noopener");
}
