// Where the server URL and token live: the add-in's own storage (per add-in origin),
// never the workbook, because workbooks are e-mailed around.
export interface Connection {
  serverUrl: string;
  token: string;
}

const KEY = "dvk.connection";

export function loadConnection(storage: Storage = localStorage): Connection | null {
  try {
    const parsed = JSON.parse(storage.getItem(KEY) ?? "null") as Partial<Connection> | null;
    return parsed && typeof parsed.serverUrl === "string" && typeof parsed.token === "string"
      ? { serverUrl: parsed.serverUrl, token: parsed.token }
      : null;
  } catch {
    return null;
  }
}

export function saveConnection(connection: Connection, storage: Storage = localStorage): void {
  storage.setItem(KEY, JSON.stringify(connection));
}

export function forgetConnection(storage: Storage = localStorage): void {
  storage.removeItem(KEY);
}
