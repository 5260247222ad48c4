// Runs before the Office CLIs in `npm run sideload | unsideload | validate` (package.json):
// says what the next command needs, and stops where it cannot work. The CLIs themselves
// print an error and still exit 0, so without this a Linux run would look like success.
import process from "node:process";

const step = process.argv[2];

/** Desktop Excel exists only on Windows and macOS; office-addin-debugging knows no other. */
function requireDesktopExcel(): void {
  if (process.platform === "win32" || process.platform === "darwin") return;
  console.error(`
Nạp phần bổ trợ vào Excel chỉ làm được trên máy Windows hoặc Mac có cài Excel.
Trên máy này (${process.platform}): chạy npm start, rồi trong Excel trên web chọn
Trang đầu › Phần bổ trợ › Tải lên phần bổ trợ của tôi và chọn manifest.xml.

Sideloading needs desktop Excel, on Windows or macOS. On this machine (${process.platform}):
run npm start, then in Excel on the web use Home › Add-ins › More Add-ins › Upload My
Add-in and choose manifest.xml (README, "Load the add-in into Excel").
`);
  process.exit(1);
}

/** manifest.xml names https://localhost:8787, so the dev server must listen there. */
function requireManifestPort(): void {
  if (!process.env.PORT || process.env.PORT === "8787") return;
  console.error(`
manifest.xml trỏ tới https://localhost:8787: hãy bỏ biến PORT (đang là ${process.env.PORT}).
manifest.xml points at https://localhost:8787: unset PORT (now ${process.env.PORT}).
`);
  process.exit(1);
}

switch (step) {
  case "sideload":
    requireDesktopExcel();
    requireManifestPort();
    console.log(
      "Cài chứng chỉ HTTPS cho localhost (nếu chưa có), chạy npm start, rồi mở Excel với phần bổ trợ.\n" +
        "Installing the localhost HTTPS certificate if needed, starting npm start, then opening Excel with the add-in.",
    );
    break;
  case "unsideload":
    requireDesktopExcel();
    break;
  case "validate":
    console.log(
      "Gửi manifest.xml tới dịch vụ kiểm tra của Microsoft: cần Internet.\n" +
        "Sending manifest.xml to Microsoft's validation service: this needs the internet.",
    );
    break;
  default:
    console.error(`usage: tsx scripts/office-dev.ts sideload|unsideload|validate (got ${step ?? "nothing"})`);
    process.exit(2);
}
