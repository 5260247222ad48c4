import { readFile } from "node:fs/promises";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { OfficeAddinManifest } from "office-addin-manifest";
import { describe, expect, inject, it } from "vitest";

const MANIFEST = path.join(import.meta.dirname, "../../manifest.xml");
const ORIGIN = "https://localhost:8787";

/** Every attribute value and text in the document that is a URL (namespace names aside). */
function urlsIn(node: unknown, found: Set<string> = new Set()): Set<string> {
  if (typeof node === "string") {
    if (/^https?:\/\//.test(node)) found.add(node);
  } else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) if (!key.startsWith("@xmlns")) urlsIn(value, found);
  }
  return found;
}

describe("manifest.xml", async () => {
  const xml = await readFile(MANIFEST, "utf8");
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" }).parse(xml);
  const app = doc.OfficeApp;

  it("is an Excel task-pane manifest in Vietnamese with a fixed id", async () => {
    expect(app["@xsi:type"]).toBe("TaskPaneApp");
    expect(app.Hosts.Host["@Name"]).toBe("Workbook");
    expect(app.DefaultLocale).toBe("vi-VN");
    expect(app.Id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // The official tool reads it the same way.
    const info = await OfficeAddinManifest.readManifestFile(MANIFEST);
    expect(info).toMatchObject({ id: app.Id, displayName: "Dân vận khéo", defaultLocale: "vi-VN", hosts: ["Workbook"] });
    expect(info.description).toMatch(/Dân vận khéo/);
    expect(info.defaultSettings?.sourceLocation).toBe(`${ORIGIN}/taskpane.html`);
  });

  it("asks for ExcelApi 1.8 and nothing more, so Excel 2019, Office 2021/2024, Microsoft 365 and the web load it", () => {
    const sets = [app.Requirements.Sets.Set].flat();
    expect(sets).toEqual([{ "@Name": "ExcelApi", "@MinVersion": "1.8" }]);
  });

  it("has a ribbon button on the Home tab that shows the task pane", () => {
    const host = app.VersionOverrides.Hosts.Host;
    const tab = host.DesktopFormFactor.ExtensionPoint.OfficeTab;
    expect(tab["@id"]).toBe("TabHome");
    const control = tab.Group.Control;
    expect(control["@xsi:type"]).toBe("Button");
    expect(control.Action["@xsi:type"]).toBe("ShowTaskpane");
  });

  it("points only at files the worker serves, and each answers 200 with the right type", async () => {
    const baseUrl = inject("baseUrl");
    const urls = [...urlsIn(app)];
    expect(urls.length).toBeGreaterThanOrEqual(6);
    for (const url of urls) {
      expect(url.startsWith(ORIGIN)).toBe(true);
      // Files answer at exactly their names; only the bare origin (AppDomain) may redirect.
      const res = await fetch(url.replace(ORIGIN, baseUrl), { redirect: url === ORIGIN ? "follow" : "manual" });
      expect(res.status, url).toBe(200);
      const type = res.headers.get("content-type") ?? "";
      expect(type, url).toMatch(url.endsWith(".png") ? /^image\/png/ : /^text\/html/);
      await res.arrayBuffer();
    }
  });
});
