import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { buildAddin } from "./build-addin.ts";
import { prepareLocalDatabase } from "./local-db.ts";
import { freePort, startWranglerDev } from "./wrangler-dev.ts";
import { quietWrangler } from "./wrangler-env.ts";

// `npm run test:load`: 50 clients each push 200 registrations in batches of 50 through
// a proxy on 127.0.0.1 that drops 10% of the answers on the way back; clients retry the
// same request. Then the store is checked: everything once, nothing lost, nothing doubled.

const CLIENTS = 50;
const PER_CLIENT = 200;
const BATCH = 50;
const DROP = 0.1;
const TIME_LIMIT_MS = 170_000;

quietWrangler();
const timer = setTimeout(() => {
  console.error("load: gave up after the time limit");
  process.exit(2);
}, TIME_LIMIT_MS);

/** Deterministic choices, so a run can be repeated exactly. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Forwards everything to the worker; for a tenth of the syncs, lets the worker finish, then cuts the line. */
async function startDroppingProxy(target: string): Promise<{ url: string; dropped: () => number; close: () => void }> {
  const random = prng(7);
  let dropped = 0;
  const upstream = new URL(target);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const drop = req.url?.endsWith("/api/v1/sync") && random() < DROP;
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        if (drop) {
          // The worker has done the work; the client never hears of it.
          answer.resume();
          answer.on("end", () => {
            dropped++;
            req.socket.destroy();
          });
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => req.socket.destroy());
    req.pipe(forward);
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${port}`, dropped: () => dropped, close: () => server.close() };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main(): Promise<number> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "dvk-load-"));
  await buildAddin();
  const officers = await prepareLocalDatabase({ persistTo: dir, officersFile: path.join(dir, "officers.json") });
  const admin = officers.find((o) => o.roles.includes("admin"))!;
  const dev = await startWranglerDev({ persistTo: dir });
  const proxy = await startDroppingProxy(dev.url);
  const latencies: number[] = [];
  let retries = 0;
  try {
    const adminHeaders = { authorization: `Bearer ${admin.token}`, "content-type": "application/json" };
    const [campaign] = (await (await fetch(`${dev.url}/api/v1/campaigns`, { headers: adminHeaders })).json()) as { id: number }[];
    const units = (await (await fetch(`${dev.url}/api/v1/org-units`, { headers: adminHeaders })).json()) as { id: number; kind: string; parentId: number | null }[];
    const communes = units.filter((u) => u.kind === "commune");
    // One clerk per client, spread over the communes, each filing under the commune's villages.
    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        const commune = communes[c % communes.length]!;
        const res = await fetch(`${dev.url}/api/v1/admin/officers`, {
          method: "POST",
          headers: adminHeaders,
          body: JSON.stringify({ name: `Cán bộ tải ${c}`, roles: ["clerk"], scopeId: commune.id, unitId: commune.id }),
        });
        const { token } = (await res.json()) as { token: string };
        const villages = units.filter((u) => u.parentId === commune.id).map((u) => u.id);
        return { c, token, villages };
      }),
    );

    await Promise.all(
      clients.map(async ({ c, token, villages }) => {
        const items = Array.from({ length: PER_CLIENT }, (_, i) => ({
          id: crypto.randomUUID(), baseVersion: 0, orgUnitId: villages[i % villages.length], kind: "collective",
          unitName: `Chi hội ${c}`, modelName: `load-${c}-${i}`, field: "economy", level: "grassroots", expectedBenefit: null,
          startDate: "2023-03-01", endDate: "2023-12-31", submittedAt: "2023-03-20",
        }));
        for (let b = 0; b < PER_CLIENT; b += BATCH) {
          // The same bytes every time: a retry is a replay, never a new request.
          const body = JSON.stringify({ campaignId: campaign!.id, registrations: items.slice(b, b + BATCH), pull: false });
          for (let attempt = 1; ; attempt++) {
            const t = performance.now();
            try {
              const res = await fetch(`${proxy.url}/api/v1/sync`, {
                method: "POST",
                headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
                body,
              });
              const answer = (await res.json()) as { results: { outcome: string }[] };
              if (!res.ok) throw new Error(`HTTP ${res.status}`);
              const bad = answer.results.filter((r) => r.outcome !== "created" && r.outcome !== "unchanged");
              if (bad.length) throw new Error(`unexpected outcomes: ${JSON.stringify(bad.slice(0, 2))}`);
              latencies.push(performance.now() - t);
              break;
            } catch (err) {
              if (attempt >= 10) throw err;
              retries++;
            }
          }
        }
      }),
    );
  } finally {
    proxy.close();
    await dev.stop();
  }

  // The store, read straight from the D1 file the worker wrote.
  const base = path.join(dir, "v3", "d1");
  const file = (await readdir(base, { recursive: true })).find((f) => f.endsWith(".sqlite") && !f.endsWith("metadata.sqlite"))!;
  const db = new Database(path.join(base, file), { readonly: true });
  const { rows, names: distinct } = db
    .prepare(`SELECT count(*) AS rows, count(DISTINCT model_name) AS names FROM registrations WHERE model_name LIKE 'load-%'`)
    .get() as { rows: number; names: number };
  const audits = db
    .prepare(
      `SELECT count(*) AS n FROM audit_log a JOIN registrations r ON r.id = a.entity_id
       WHERE a.entity = 'registration' AND a.action = 'create' AND r.model_name LIKE 'load-%'`,
    )
    .get() as { n: number };
  db.close();
  await rm(dir, { recursive: true, force: true });

  const items = CLIENTS * PER_CLIENT;
  const duplicates = rows - distinct;
  const lost = items - distinct;
  console.log(`load: answers dropped by the proxy ${proxy.dropped()}, audit create entries ${audits.n}`);
  console.log(
    `load: clients=${CLIENTS} items=${items} stored=${distinct} duplicates=${duplicates} lost=${lost} retries=${retries} p50_ms=${Math.round(percentile(latencies, 50))} p99_ms=${Math.round(percentile(latencies, 99))}`,
  );
  return distinct === items && duplicates === 0 && lost === 0 && audits.n === items ? 0 : 1;
}

main()
  .then((code) => {
    clearTimeout(timer);
    process.exit(code);
  })
  .catch((err) => {
    console.error("load: failed:", err);
    process.exit(1);
  });
