import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildAddin } from "./build-addin.ts";
import { prepareLocalDatabase, ROOT, WRANGLER_BIN } from "./local-db.ts";
import { QUIET_WRANGLER_ENV, quietWrangler } from "./wrangler-env.ts";
import type { DemoActivity } from "../worker/demo/activity.ts";
import { ROLE_LABELS } from "../shared/vocabulary.ts";

// `npm start`: build the pane, migrate and seed the local D1, then one `wrangler dev`
// serving both the pane and the API on 127.0.0.1.
quietWrangler();
const port = Number(process.env.PORT ?? 8787);
const officersFile = path.join(ROOT, ".wrangler/demo-officers.json");

await buildAddin();
let activity: DemoActivity | undefined;
const officers = await prepareLocalDatabase({ officersFile, onActivity: (a) => (activity = a) });

// office-addin-dev-certs puts a trusted localhost certificate here (see README).
const certDir = path.join(os.homedir(), ".office-addin-dev-certs");
const cert = path.join(certDir, "localhost.crt");
const key = path.join(certDir, "localhost.key");
const https = existsSync(cert) && existsSync(key);
const origin = `${https ? "https" : "http"}://localhost:${port}`;

// The committed manifest names https://localhost:8787; another port or plain HTTP gets its own copy.
let manifest = path.join(ROOT, "manifest.xml");
if (origin !== "https://localhost:8787") {
  const local = path.join(ROOT, ".wrangler/manifest.local.xml");
  const text = await readFile(manifest, "utf8");
  await writeFile(local, text.replaceAll("https://localhost:8787", origin));
  manifest = local;
}

console.log(`\nCán bộ mẫu (demo officers), tokens in ${path.relative(ROOT, officersFile)}:`);
for (const o of officers) {
  console.log(`  ${o.name.padEnd(18)} ${o.roles.map((r) => ROLE_LABELS[r]).join(", ").padEnd(24)} ${o.scopeName.padEnd(22)} ${o.token}`);
}
console.log(`\nKế hoạch mẫu (demo campaigns): ${activity!.campaigns.map((c) => `${c.year} · ${c.title}`).join("; ")}`);
if (activity!.kept.length > 0) {
  console.log(`Giữ nguyên ${activity!.kept.length} mục mẫu cán bộ đã sửa (demo items left as changed): ${activity!.kept.join(", ")}`);
}
console.log(`
Task pane and API: ${origin}/taskpane.html  ·  ${origin}/api/v1/health
Manifest: ${path.relative(process.cwd(), manifest)}
${https ? "" : `Serving plain HTTP: Excel needs HTTPS for a task pane. Run once
  npx office-addin-dev-certs install
on this machine, then npm start again (see README, "Load the add-in into Excel").
`}
Load the add-in into Excel:
  Windows: share a folder holding the manifest, add it under File › Options › Trust Center ›
           Trusted Add-in Catalogs, restart Excel, then Home › Add-ins › Shared Folder.
  Mac:     copy the manifest into ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/
           and restart Excel; the add-in is under Home › Add-ins.
  Web:     Home › Add-ins › More Add-ins › Upload My Add-in, and choose the manifest
           (Excel on the web reaches localhost only from this same machine).
Then open the pane from the Home tab ("Dân vận khéo"), paste the server URL and a token above.
`);

const args = ["dev", "--ip", "127.0.0.1", "--port", String(port), "--show-interactive-dev-session=false"];
if (https) args.push("--local-protocol", "https", "--https-key-path", key, "--https-cert-path", cert);
const dev = spawn(WRANGLER_BIN, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...QUIET_WRANGLER_ENV } });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code) => process.exit(code ?? 0));
