import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { OfficeApp, OfficeAddinManifest, parseOfficeApp } from "office-addin-manifest";
import { describe, expect, it } from "vitest";

// What `npm run sideload | unsideload | validate` run, checked without Excel or the
// internet: the commands exist in the installed packages, every flag they pass is one
// the installed CLI declares, and the guard in front of them stops where Excel cannot run.
const ROOT = path.join(import.meta.dirname, "../..");
const run = promisify(execFile);

/** The script a package's `bin` names for `command`, run with this Node. */
async function cli(command: string, args: string[]) {
  const pkg = JSON.parse(await readFile(path.join(ROOT, "node_modules", command, "package.json"), "utf8"));
  const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin[command];
  return run(process.execPath, [path.join(ROOT, "node_modules", command, bin), ...args], { cwd: ROOT });
}

const scripts: Record<string, string> = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")).scripts;

/** Each `office-addin-* <subcommand> …` in a script, with the flags given to it. */
function officeCalls(script: string) {
  return script
    .split("&&")
    .map((part) => part.trim().match(/"[^"]*"|\S+/g)!)
    .filter(([command]) => command!.startsWith("office-addin-"))
    .map(([command, subcommand, ...rest]) => ({ command: command!, subcommand: subcommand!, flags: rest.filter((a) => a.startsWith("--")) }));
}

describe("the Office developer scripts", () => {
  it("call office-addin-dev-certs, office-addin-debugging and office-addin-manifest with the repository's manifest", () => {
    expect(officeCalls(scripts.sideload!).map((c) => `${c.command} ${c.subcommand}`)).toEqual([
      "office-addin-dev-certs install",
      "office-addin-debugging start",
    ]);
    expect(scripts.sideload).toContain("start manifest.xml desktop --app excel");
    expect(scripts.unsideload).toContain("office-addin-debugging stop manifest.xml desktop");
    expect(scripts.validate).toContain("office-addin-manifest validate manifest.xml");
  });

  it("pass only flags the installed CLIs declare", async () => {
    const calls = ["sideload", "unsideload", "validate"].flatMap((name) => officeCalls(scripts[name]!));
    expect(calls.flatMap((c) => c.flags)).toEqual(["--app", "--dev-server", "--dev-server-port"]);
    for (const { command, subcommand, flags } of calls) {
      const { stdout } = await cli(command, ["help", subcommand]);
      expect(stdout).toContain(`Usage: ${command} ${subcommand}`);
      for (const flag of flags) expect(stdout, `${command} ${subcommand} ${flag}`).toMatch(new RegExp(`\\s${flag}[\\s,]`));
    }
    // `--app excel` names an app the toolchain knows.
    expect(parseOfficeApp("excel")).toBe(OfficeApp.Excel);
  });

  it("read manifest.xml offline with office-addin-manifest info", async () => {
    const { id } = await OfficeAddinManifest.readManifestFile(path.join(ROOT, "manifest.xml"));
    const { stdout } = await cli("office-addin-manifest", ["info", "manifest.xml"]);
    expect(stdout).toContain(`Id: ${id}`);
    expect(stdout).toContain("Name: Dân vận khéo");
    expect(stdout).toContain("Hosts: Workbook");
    expect(stdout).toContain("Source Location: https://localhost:8787/taskpane.html");
  });

  it("stop before sideloading where there is no desktop Excel, saying so in Vietnamese and English", async () => {
    const guard = (step: string) =>
      run(process.execPath, ["--import", "tsx", "scripts/office-dev.ts", step], { cwd: ROOT }).then(
        ({ stdout }) => ({ code: 0, out: stdout }),
        (err: { code: number; stderr: string }) => ({ code: err.code, out: err.stderr }),
      );
    const desktopExcel = process.platform === "win32" || process.platform === "darwin";
    for (const step of ["sideload", "unsideload"]) {
      const { code, out } = await guard(step);
      expect(code, step).toBe(desktopExcel ? 0 : 1);
      if (!desktopExcel) {
        expect(out).toContain("chỉ làm được trên máy Windows hoặc Mac có cài Excel");
        expect(out).toContain("Sideloading needs desktop Excel, on Windows or macOS");
      }
    }
    const validate = await guard("validate");
    expect(validate.code).toBe(0);
    expect(validate.out).toContain("cần Internet");
    expect(validate.out).toContain("this needs the internet");
  });
});
