import { ApiError, call, createApi, type Api } from "../api/client.ts";
import { forgetConnection, loadConnection, saveConnection, type Connection } from "../connection.ts";
import { byId, setStatus, show } from "./dom.ts";
import { onTokenRefused } from "./errors.ts";
import type { Me } from "../../shared/api.ts";
import { ROLE_LABELS, orgUnitKindLabel } from "../../shared/vocabulary.ts";

export interface Session {
  api: Api;
  me: Me;
  connection: Connection;
}

type OnSession = (session: Session | null) => void;

/** The connect form and the officer card: who is signed in, for which area. */
export function setUpConnect(onSession: OnSession): void {
  const form = byId<HTMLFormElement>("connect-form");
  const serverUrl = byId<HTMLInputElement>("server-url");
  const token = byId<HTMLInputElement>("token");
  const saved = loadConnection();
  serverUrl.value = saved?.serverUrl ?? location.origin;

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const connection = { serverUrl: serverUrl.value.trim(), token: token.value.trim() };
    if (!/^https?:\/\/\S+$/.test(connection.serverUrl)) {
      setStatus("Địa chỉ máy chủ phải bắt đầu bằng https:// (hoặc http://).", "error");
      return;
    }
    if (!connection.token) {
      setStatus("Hãy dán mã truy cập do quản trị viên cấp.", "error");
      return;
    }
    void connect(connection, onSession);
  });
  const signOut = () => {
    forgetConnection();
    token.value = "";
    showSignedOut();
    onSession(null);
  };
  byId("disconnect-button").addEventListener("click", () => {
    signOut();
    setStatus("Đã ngắt kết nối. Mã truy cập đã xóa khỏi máy này.");
  });
  onTokenRefused(signOut);

  if (saved) void connect(saved, onSession);
  else showSignedOut();
}

async function connect(connection: Connection, onSession: OnSession): Promise<void> {
  const button = byId<HTMLButtonElement>("connect-button");
  button.disabled = true;
  setStatus("Đang kết nối…");
  const api = createApi(connection.serverUrl, connection.token);
  try {
    const me = await call(api.api.v1.me.$get());
    saveConnection(connection);
    showOfficer(me);
    setStatus(`Đã kết nối: ${me.officer.name}.`, "success");
    onSession({ api, me, connection });
  } catch (err) {
    const error = err instanceof ApiError ? err : new ApiError("unknown", String(err), 0);
    // A refused token is forgotten; an unreachable server keeps it for next time.
    if (!error.offline) forgetConnection();
    showSignedOut();
    setStatus(error.message, "error");
    onSession(null);
  } finally {
    button.disabled = false;
  }
}

function showOfficer(me: Me): void {
  byId("officer-name").textContent = me.officer.name;
  byId("officer-roles").textContent = me.roles.map((r) => ROLE_LABELS[r]).join(", ");
  byId("officer-scope").textContent = `${me.scope.name} (${orgUnitKindLabel(me.scope.kind)})`;
  byId("officer-unit").textContent = me.unit.name;
  show("connect", false);
  show("officer", true);
}

function showSignedOut(): void {
  show("officer", false);
  show("connect", true);
}
