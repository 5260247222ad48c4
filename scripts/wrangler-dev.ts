import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { ROOT, WRANGLER_BIN } from "./local-db.ts";
import { QUIET_WRANGLER_ENV } from "./wrangler-env.ts";

export interface WranglerDev {
  url: string;
  port: number;
  /** Stops it politely. */
  stop(): Promise<void>;
  /** SIGKILL to wrangler and its workerd: a crash, not a shutdown. */
  kill(): Promise<void>;
}

/** A free port on 127.0.0.1, from the OS. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`wrangler dev not ready on ${url} after ${deadlineMs} ms`);
}

/**
 * The real `wrangler dev` (the same command `npm start` runs) on 127.0.0.1, in its own
 * process group so a test can kill it and its workerd like a crash.
 */
export async function startWranglerDev(opts: { persistTo: string; port?: number; log?: (line: string) => void }): Promise<WranglerDev> {
  const port = opts.port ?? (await freePort());
  const child = spawn(
    WRANGLER_BIN,
    ["dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", opts.persistTo, "--show-interactive-dev-session=false", "--inspector-port", String(await freePort())],
    { cwd: ROOT, env: { ...process.env, ...QUIET_WRANGLER_ENV }, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout!.on("data", (b: Buffer) => opts.log?.(b.toString()));
  child.stderr!.on("data", (b: Buffer) => opts.log?.(b.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const signal = async (sig: NodeJS.Signals) => {
    if (gone()) return;
    const send = (s: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, s);
      } catch {
        /* already gone */
      }
    };
    send(sig);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    // A workerd that outlives a polite stop would spin on, orphaned, after the tests: kill the group.
    if (!gone()) {
      send("SIGKILL");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    }
  };
  await waitForHealth(url, child, 60_000);
  return { url, port, stop: () => signal("SIGTERM"), kill: () => signal("SIGKILL") };
}
