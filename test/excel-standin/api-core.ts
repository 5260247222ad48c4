// Excel stand-in (NOT Excel): the request/sync machinery behind the Office.js-shaped API.
//
// As in real Office.js, proxy objects do nothing when touched: every property write and
// method call is QUEUED on the request context and applied, in order, by context.sync().
// Reading a scalar property requires load() and a sync() after it; the value read is the
// snapshot taken at that sync. Objects are resolved lazily — at the first queued
// operation that uses them — and then stay bound to the same sheet/table/cells, which is
// how Office.js instantiates object paths.
//
// Every proxy is wrapped in a JavaScript Proxy that throws
// `Error("Excel stand-in: <Class>.<member> is not implemented")` for any member this
// stand-in does not implement, so an add-in never silently gets `undefined`.

import type { ApiVersionGate } from "./api-sets.ts";
import type { StandInWorkbook } from "./workbook.ts";

// ------------------------------------------------------------------ errors

export interface StandInDebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
  statement?: string;
  surroundingStatements?: string[];
}

/** Shaped like OfficeExtension.Error (name "RichApi.Error", code, debugInfo). */
export class StandInExcelError extends Error {
  readonly code: string;
  readonly debugInfo: StandInDebugInfo;
  readonly traceMessages: string[] = [];
  readonly innerError: Error | null = null;
  readonly httpStatusCode: number;
  readonly isExcelStandInError = true;

  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = errorLocation === undefined ? { code, message } : { code, message, errorLocation };
    this.httpStatusCode = code === "ItemNotFound" ? 404 : code === "AccessDenied" ? 403 : 400;
  }
}

export function notImplemented(member: string): Error {
  return new Error(`Excel stand-in: ${member} is not implemented`);
}

function propertyNotLoaded(className: string, prop: string, nullObject: boolean): StandInExcelError {
  const hint = nullObject
    ? " The object is a null object (isNullObject is true): it has no properties."
    : ` Call ${lowerFirst(className)}.load("${prop}") and then await context.sync() before reading it.`;
  return new StandInExcelError(
    "PropertyNotLoaded",
    `PropertyNotLoaded: The property '${prop}' of ${className} is not available.${hint} (Excel stand-in)`,
  );
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Converts model errors (which carry a `code`) into RichApi-shaped errors. */
function toExcelError(e: unknown, location: string): unknown {
  if (e && typeof e === "object" && (e as { isExcelStandInError?: boolean }).isExcelStandInError) return e;
  // Duck-typed, not instanceof: in the harness the model runs in the parent page's realm.
  const err = e as { code?: unknown; message?: unknown } | null;
  if (err && typeof err === "object" && typeof err.code === "string" && typeof err.message === "string") {
    return new StandInExcelError(err.code, `${err.message} (Excel stand-in, at ${location})`, location);
  }
  return e;
}

// ------------------------------------------------------------------ counters

export interface StandInCounters {
  /** context.sync() calls that sent a request (including the final flush of Excel.run). */
  syncCount: number;
  /** Excel.run calls. */
  runCount: number;
  /** Queued operations sent, over all syncs. */
  operationCount: number;
  /** Approximate request size of each sync, in bytes (JSON of the queued operations). */
  payloadBytes: number[];
  maxPayloadBytes: number;
  /** Approximate response size of each sync (JSON of the loaded snapshots). */
  responseBytes: number[];
  maxResponseBytes: number;
  reset(): void;
}

export function createCounters(): StandInCounters {
  const counters: StandInCounters = {
    syncCount: 0,
    runCount: 0,
    operationCount: 0,
    payloadBytes: [],
    maxPayloadBytes: 0,
    responseBytes: [],
    maxResponseBytes: 0,
    reset() {
      counters.syncCount = 0;
      counters.runCount = 0;
      counters.operationCount = 0;
      counters.payloadBytes = [];
      counters.maxPayloadBytes = 0;
      counters.responseBytes = [];
      counters.maxResponseBytes = 0;
    },
  };
  return counters;
}

export interface StandInApiOptions {
  /**
   * The ExcelApi requirement set this stand-in emulates ("1.8" by default): any member of
   * a higher set throws, as it would be missing on such an Excel.
   */
  apiVersion?: string;
  /** Request size limit per sync; Excel on the web refuses requests over 5 MB. false = off. */
  strictPayloadLimit?: number | false;
  /** Response size limit per sync (Excel on the web: 5 MB). false = off. */
  strictResponseLimit?: number | false;
}

export const FIVE_MB = 5 * 1024 * 1024;

// ------------------------------------------------------------------ context

interface QueuedOp {
  location: string;
  payload: unknown;
  write: boolean;
  /** Returns the number of response bytes it produced (loads), if any. */
  run: () => number | void;
}

export class ContextCore {
  queue: QueuedOp[] = [];
  closed = false;
  /** The object handed to add-in code (a strict proxy over StandInRequestContext). */
  publicContext!: object;
  /** Snapshots taken during the current sync, so an over-limit response can undo them. */
  private loadedThisSync: Array<{ obj: ClientObject; key: string; previous: { value: unknown } | null }> = [];
  private readonly strictPayloadLimit: number | false;
  private readonly strictResponseLimit: number | false;

  constructor(
    readonly workbook: StandInWorkbook,
    readonly counters: StandInCounters,
    options: StandInApiOptions,
    /** Refuses members above the emulated ExcelApi requirement set. */
    readonly gate: ApiVersionGate,
  ) {
    this.strictPayloadLimit = options.strictPayloadLimit ?? FIVE_MB;
    this.strictResponseLimit = options.strictResponseLimit ?? FIVE_MB;
  }

  enqueue(op: QueuedOp): void {
    if (this.closed) {
      throw new StandInExcelError(
        "InvalidObjectPath",
        `${op.location} was used after its Excel.run batch finished; objects belong to one request context (Excel stand-in)`,
        op.location,
      );
    }
    this.queue.push(op);
  }

  noteLoaded(obj: ClientObject, key: string): void {
    this.loadedThisSync.push({ obj, key, previous: obj._loaded.has(key) ? { value: obj._loaded.get(key) } : null });
  }

  /** Puts back what loaded properties held before this sync. */
  private discardLoads(): void {
    for (const { obj, key, previous } of this.loadedThisSync.reverse()) {
      if (previous) obj._loaded.set(key, previous.value);
      else obj._loaded.delete(key);
    }
    this.loadedThisSync = [];
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    if (this.closed) throw new StandInExcelError("InvalidObjectPath", "context.sync() called after Excel.run finished (Excel stand-in)");
    this.counters.syncCount++;
    this.counters.operationCount += ops.length;
    const payload = estimatePayload(ops);
    this.counters.payloadBytes.push(payload);
    this.counters.maxPayloadBytes = Math.max(this.counters.maxPayloadBytes, payload);
    // Real Office.js answers asynchronously; code that forgets to await sees nothing applied.
    await Promise.resolve();
    if (this.strictPayloadLimit !== false && payload > this.strictPayloadLimit) {
      this.counters.responseBytes.push(0);
      throw new StandInExcelError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size (~${payload} bytes) has exceeded the limit of ${this.strictPayloadLimit} bytes, as Excel on the web would refuse it. Split the work into smaller batches. (Excel stand-in)`,
      );
    }
    let response = 0;
    let wrote = false;
    this.loadedThisSync = [];
    try {
      for (const op of ops) {
        if (op.write) wrote = true;
        try {
          response += op.run() ?? 0;
        } catch (e) {
          // A failed request returns only the error: earlier writes stay applied in the
          // workbook, but none of this sync's loads reach the add-in.
          this.discardLoads();
          throw toExcelError(e, op.location);
        }
      }
    } finally {
      this.counters.responseBytes.push(response);
      this.counters.maxResponseBytes = Math.max(this.counters.maxResponseBytes, response);
      // After every sync (the harness re-renders its grid and sync counter).
      this.workbook.notify(wrote ? "sync" : "read");
    }
    if (this.strictResponseLimit !== false && response > this.strictResponseLimit) {
      this.discardLoads();
      throw new StandInExcelError(
        "ResponsePayloadSizeLimitExceeded",
        `The response payload size (~${response} bytes) has exceeded the limit of ${this.strictResponseLimit} bytes, as on Excel on the web. Load smaller ranges per sync. (Excel stand-in)`,
      );
    }
    this.loadedThisSync = [];
  }
}

/** Approximate request size: what Office.js would serialise for these actions. */
function estimatePayload(ops: QueuedOp[]): number {
  let total = 2;
  for (const op of ops) {
    // ~60 bytes of action envelope (ids, action type, object path) plus the arguments.
    total += 60 + op.location.length + jsonLength(op.payload);
  }
  return total;
}

/** UTF-8 size of the JSON form (Vietnamese letters take 2-3 bytes on the wire). */
export function jsonLength(value: unknown): number {
  if (value === undefined) return 0;
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    return 0;
  }
  return json === undefined ? 0 : utf8Length(json);
}

function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

// ------------------------------------------------------------------ strict proxies

/** Property names that test runners, promises and inspectors probe on any object. */
const PROBES = new Set([
  "then",
  "toJSON",
  "catch",
  "finally",
  "asymmetricMatch",
  "$$typeof",
  "nodeType",
  "tagName",
  "_isMockFunction",
  "__esModule",
  "@@__IMMUTABLE_ITERABLE__@@",
  "@@__IMMUTABLE_RECORD__@@",
  "@@__IMMUTABLE_KEYED__@@",
  "@@__IMMUTABLE_ORDERED__@@",
  "inspect",
  "nodeName",
  "toAsymmetricMatcher",
  "jasmineToString",
]);

/**
 * Wraps a plain object (the Excel namespace, Office global, request context) so that any
 * unknown member throws "not implemented" instead of being undefined.
 */
export function strictWrap<T extends object>(obj: T, className: string): T {
  return new Proxy(obj, {
    get(target, prop, receiver) {
      if (typeof prop === "symbol" || prop in target) return Reflect.get(target, prop, receiver);
      if (PROBES.has(prop)) return undefined;
      throw notImplemented(`${className}.${prop}`);
    },
    set(target, prop, value, receiver) {
      if (typeof prop === "symbol" || prop in target) return Reflect.set(target, prop, value, receiver);
      throw notImplemented(`${className}.${String(prop)} (assignment)`);
    },
  });
}

// ------------------------------------------------------------------ client objects

export interface ScalarDef<T> {
  get(target: T, self: ClientObject<T>): unknown;
  /** Absent: read-only. Runs at sync time against the resolved target. */
  set?(target: T, value: unknown, self: ClientObject<T>): void;
  /** Runs when the property is assigned (synchronously), for not-implemented shapes. */
  check?(value: unknown): void;
  /** Serialisable form of the assigned value for payload estimation (default: the value). */
  payload?(value: unknown): unknown;
  /** Not included by load() without arguments (e.g. computed over a whole range twice). */
  explicitOnly?: boolean;
}

export type LoadPath = string[];

/** load("a, b/c"), load(["a", "b/c"]), load({ select: "a,b", expand: "c" }), load({ a: true, b: { c: true } }). */
export function parseLoadSpec(spec: unknown): LoadPath[] | null {
  if (spec === undefined || spec === null) return null;
  if (typeof spec === "string") {
    const parts = spec.split(",").map((s) => s.trim()).filter(Boolean);
    if (parts.length === 0) return null;
    if (parts.some((p) => p === "*")) return null;
    return parts.map((p) => p.split("/").map((s) => s.trim()));
  }
  if (Array.isArray(spec)) return parseLoadSpec(spec.join(","));
  if (typeof spec === "object") {
    const o = spec as Record<string, unknown>;
    if ("select" in o || "expand" in o) {
      const paths: LoadPath[] = [];
      if (o["select"] !== undefined) paths.push(...(parseLoadSpec(o["select"]) ?? []));
      if (o["expand"] !== undefined) paths.push(...(parseLoadSpec(o["expand"]) ?? []));
      for (const k of ["top", "skip"]) if (k in o) throw notImplemented(`load option "${k}"`);
      return paths.length ? paths : null;
    }
    if (o["$all"] === true) return null;
    const paths: LoadPath[] = [];
    for (const [key, value] of Object.entries(o)) {
      if (value === true) paths.push([key]);
      else if (value && typeof value === "object") {
        const nested = parseLoadSpec(value);
        if (nested === null) paths.push([key]);
        else for (const n of nested) paths.push([key, ...n]);
      }
    }
    return paths.length ? paths : null;
  }
  throw new Error(`Excel stand-in: load() argument of type ${typeof spec} is not supported`);
}

function clone<T>(v: T): T {
  if (v === null || typeof v !== "object") return v;
  return structuredClone(v);
}

/**
 * Base of every proxy. Subclasses declare scalar properties (scalars()), navigation
 * properties (navs()) and ordinary methods, and say how to find their target.
 */
export abstract class ClientObject<T = unknown> {
  _loaded = new Map<string, unknown>();
  /** undefined: not resolved yet; null: a null object. */
  _target: T | null | undefined = undefined;
  readonly _self: this;
  private readonly _children = new Map<string, ClientObject>();

  constructor(
    readonly _ctx: ContextCore,
    readonly _orNull = false,
  ) {
    this._self = wrapClientObject(this);
  }

  abstract get _className(): string;
  /** Finds the target now (at sync time). Throws ItemNotFound, or returns null if _orNull. */
  protected abstract _resolveTarget(): T | null;
  /** Whether a previously resolved target still exists (sheet not deleted, ...). */
  protected _stillValid(_target: T): boolean {
    return true;
  }
  _scalars(): Record<string, ScalarDef<T>> {
    return {};
  }
  _navs(): Record<string, () => ClientObject> {
    return {};
  }

  get context(): object {
    return this._ctx.publicContext;
  }

  _resolve(): T | null {
    if (this._target === undefined) {
      this._target = this._resolveTarget();
    } else if (this._target !== null && !this._stillValid(this._target)) {
      throw new StandInExcelError("ItemNotFound", `The ${this._className} this object refers to no longer exists (Excel stand-in)`);
    }
    return this._target;
  }

  /** The target, or ItemNotFound for a null object (writes/calls on null objects fail). */
  _require(): T {
    const t = this._resolve();
    if (t === null) throw new StandInExcelError("ItemNotFound", `The ${this._className} is a null object; it cannot be changed or used (Excel stand-in)`);
    return t;
  }

  _child(name: string): ClientObject {
    let child = this._children.get(name);
    if (!child) {
      const make = this._navDefs()[name];
      if (!make) throw notImplemented(`${this._className}.${name}`);
      child = make();
      this._children.set(name, child);
    }
    return child._self;
  }

  private _scalarTable?: Record<string, ScalarDef<T>>;
  private _navTable?: Record<string, () => ClientObject>;

  /** _scalars() once per object: some classes build their definitions on the fly. */
  _scalarDefs(): Record<string, ScalarDef<T>> {
    return (this._scalarTable ??= this._scalars());
  }

  _navDefs(): Record<string, () => ClientObject> {
    return (this._navTable ??= this._navs());
  }

  _isScalar(name: string): boolean {
    return name === "isNullObject" || Object.prototype.hasOwnProperty.call(this._scalarDefs(), name);
  }

  _isNav(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this._navDefs(), name);
  }

  _readScalar(name: string): unknown {
    if (!this._loaded.has(name)) throw propertyNotLoaded(this._className, name, this._loaded.get("isNullObject") === true);
    return this._loaded.get(name);
  }

  _assign(name: string, value: unknown): void {
    this._ctx.gate.check(this._className, name, true);
    const def = this._scalarDefs()[name];
    if (!def || !def.set) {
      throw new TypeError(`Cannot set property ${name} of ${this._className}: it is read-only (Excel stand-in)`);
    }
    def.check?.(value);
    this._ctx.enqueue({
      location: `${this._className}.${name}`,
      payload: def.payload ? def.payload(value) : value,
      write: true,
      run: () => def.set!(this._require(), value, this),
    });
  }

  /** Queues a method call that changes the workbook. */
  _call(method: string, payload: unknown, run: (target: T) => void): void {
    this._ctx.enqueue({ location: `${this._className}.${method}`, payload, write: true, run: () => run(this._require()) });
  }

  /** Queues a read-only method whose result lands in a ClientResult. */
  _callResult<R>(method: string, payload: unknown, compute: (target: T) => R): ClientResult<R> {
    const result = new ClientResult<R>();
    this._ctx.enqueue({
      location: `${this._className}.${method}`,
      payload,
      write: false,
      run: () => {
        const value = compute(this._require());
        result._set(value);
        return jsonLength(value);
      },
    });
    return strictWrap(result, "ClientResult");
  }

  /** Checks load paths synchronously so an unknown property fails where it is written. */
  _checkPaths(paths: LoadPath[]): void {
    for (const path of paths) {
      const [head, ...rest] = path;
      if (head === undefined) continue;
      this._ctx.gate.check(this._className, head);
      if (this._isScalar(head)) {
        if (rest.length) throw new Error(`Excel stand-in: "${path.join("/")}" — ${this._className}.${head} is not a navigation property`);
        continue;
      }
      if (this._isNav(head)) {
        if (rest.length) (this._child(head) as unknown as ClientObject)._checkPaths([rest]);
        continue;
      }
      if (this._checkCollectionPath(path)) continue;
      throw notImplemented(`${this._className}.${head} (in load)`);
    }
  }

  protected _checkCollectionPath(_path: LoadPath): boolean {
    return false;
  }

  load(spec?: unknown): this {
    const paths = parseLoadSpec(spec);
    if (paths) this._checkPaths(paths);
    this._ctx.enqueue({
      location: `${this._className}.load`,
      payload: { load: paths ? paths.map((p) => p.join("/")) : "*" },
      write: false,
      run: () => this._snapshot(paths),
    });
    return this._self;
  }

  /** Takes the snapshot for load(); returns approximate response bytes. */
  _snapshot(paths: LoadPath[] | null): number {
    const target = this._resolve();
    this._store("isNullObject", target === null);
    if (target === null) return 16;
    let bytes = 0;
    const scalars = this._scalarDefs();
    // load() without arguments: every scalar the emulated requirement set has.
    const list = paths ?? Object.keys(scalars).filter((k) => !scalars[k]!.explicitOnly && this._ctx.gate.has(this._className, k)).map((k) => [k]);
    for (const path of list) {
      const [head, ...rest] = path;
      if (head === undefined || head === "isNullObject") continue;
      const def = scalars[head];
      if (def) {
        const value = clone(def.get(target, this));
        this._store(head, value);
        bytes += head.length + 3 + jsonLength(value);
      } else if (this._isNav(head)) {
        bytes += (this._child(head) as unknown as ClientObject)._snapshot(rest.length ? [rest] : null);
      } else {
        bytes += this._snapshotOther(path, target);
      }
    }
    return bytes;
  }

  protected _snapshotOther(path: LoadPath, _target: T): number {
    throw notImplemented(`${this._className}.${path.join("/")} (in load)`);
  }

  _store(key: string, value: unknown): void {
    this._ctx.noteLoaded(this, key);
    this._loaded.set(key, value);
  }

  /** Office.js set({ ... }): assigns several properties, recursing into navigation ones. */
  set(properties: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(properties ?? {})) {
      this._ctx.gate.check(this._className, key);
      if (this._isScalar(key)) this._assign(key, value);
      else if (this._isNav(key)) (this._child(key) as unknown as { set(p: unknown): void }).set(value);
      else throw notImplemented(`${this._className}.${key} (in set)`);
    }
  }

  /** Like Office.js: the loaded scalars (and loaded navigation objects). */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of this._loaded) if (k !== "isNullObject") out[k] = v;
    for (const [k, child] of this._children) {
      const json = (child as unknown as ClientObject).toJSON();
      if (Object.keys(json).length) out[k] = json;
    }
    return out;
  }

  track(): this {
    return this._self;
  }

  untrack(): this {
    return this._self;
  }
}

function wrapClientObject<T extends ClientObject>(obj: T): T {
  return new Proxy(obj, {
    get(target, prop) {
      if (typeof prop === "symbol") return Reflect.get(target, prop, target);
      if (!prop.startsWith("_") && !PROBES.has(prop)) target._ctx.gate.check(target._className, prop);
      if (target._isScalar(prop)) return target._readScalar(prop);
      if (target._isNav(prop)) return target._child(prop);
      if (prop in target) {
        const v = Reflect.get(target, prop, target);
        return typeof v === "function" ? v.bind(target) : v;
      }
      if (PROBES.has(prop)) return undefined;
      throw notImplemented(`${target._className}.${prop}`);
    },
    set(target, prop, value) {
      if (typeof prop === "symbol" || prop.startsWith("_")) return Reflect.set(target, prop, value, target);
      if (target._isScalar(prop)) {
        target._assign(prop, value);
        return true;
      }
      if (target._isNav(prop)) throw new TypeError(`Cannot assign to ${target._className}.${prop}: it is an object, set its properties instead (Excel stand-in)`);
      throw notImplemented(`${target._className}.${prop} (assignment)`);
    },
  });
}

/** Excel collections: items (after load), count where Office.js has it, getCount(). */
export abstract class CollectionObject<T, I extends ClientObject<IT>, IT> extends ClientObject<T> {
  protected abstract _listItems(target: T): IT[];
  protected abstract _makeItem(itemTarget: IT): I;
  /** Whether this collection has a `count` property in Office.js. */
  protected _hasCount(): boolean {
    return false;
  }
  /** A throwaway item used to check load paths like "items/name". */
  protected abstract _sampleItem(): I;

  override _isScalar(name: string): boolean {
    return name === "items" || (name === "count" && this._hasCount()) || super._isScalar(name);
  }

  protected override _checkCollectionPath(path: LoadPath): boolean {
    const rest = path[0] === "items" ? path.slice(1) : path;
    if (rest.length) this._sampleItem()._checkPaths([rest]);
    return true;
  }

  override _checkPaths(paths: LoadPath[]): void {
    for (const path of paths) {
      if (path[0] === "count" && this._hasCount() && path.length === 1) continue;
      if (path[0] === "isNullObject") continue;
      this._checkCollectionPath(path);
    }
  }

  override _snapshot(paths: LoadPath[] | null): number {
    const target = this._resolve();
    this._store("isNullObject", target === null);
    if (target === null) return 16;
    const itemTargets = this._listItems(target);
    let itemPaths: LoadPath[] | null = null;
    let wantsItems = paths === null;
    if (paths) {
      const collected: LoadPath[] = [];
      for (const p of paths) {
        if (p[0] === "count" && p.length === 1 && this._hasCount()) {
          this._store("count", itemTargets.length);
          continue;
        }
        if (p[0] === "isNullObject") continue;
        wantsItems = true;
        const rest = p[0] === "items" ? p.slice(1) : p;
        if (rest.length) collected.push(rest);
      }
      itemPaths = collected.length ? collected : null;
    } else if (this._hasCount()) {
      this._store("count", itemTargets.length);
    }
    if (!wantsItems) return 16;
    let bytes = 2;
    const items = itemTargets.map((it) => {
      const item = this._makeItem(it);
      item._target = it;
      bytes += item._snapshot(itemPaths);
      return item._self;
    });
    this._store("items", items);
    return bytes;
  }

  getCount(): ClientResult<number> {
    return this._callResult("getCount", null, (t) => this._listItems(t).length);
  }

  override toJSON(): Record<string, unknown> {
    const items = this._loaded.get("items") as ClientObject[] | undefined;
    return items ? { items: items.map((i) => i.toJSON()) } : {};
  }
}

/** OfficeExtension.ClientResult: `value` is available after the sync that computes it. */
export class ClientResult<R> {
  private _has = false;
  private _value: R | undefined;

  get value(): R {
    if (!this._has) {
      throw new StandInExcelError(
        "ValueNotLoaded",
        "ValueNotLoaded: The value of the result object has not been loaded yet. Call context.sync() before reading the value property. (Excel stand-in)",
      );
    }
    return this._value as R;
  }

  _set(value: R): void {
    this._value = value;
    this._has = true;
  }

  toJSON(): unknown {
    return this._has ? { value: this._value } : {};
  }
}

/** Shorthand for declaring a scalar property. */
export function prop<T>(get: ScalarDef<T>["get"], set?: ScalarDef<T>["set"], extra: Partial<ScalarDef<T>> = {}): ScalarDef<T> {
  return set ? { get, set, ...extra } : { get, ...extra };
}

/** Unwraps an argument that must be another proxy of this stand-in. */
export function asClientObject<C extends ClientObject>(value: unknown, ctx: ContextCore, what: string): C {
  if (!value || typeof value !== "object" || !("_ctx" in value) || !("_require" in value)) {
    throw new StandInExcelError("InvalidArgument", `${what} must be an object from this Excel stand-in (Excel stand-in)`);
  }
  const obj = value as C;
  if (obj._ctx !== ctx) {
    throw new StandInExcelError("InvalidRequestContext", `${what} belongs to another request context; Office.js cannot mix contexts (Excel stand-in)`);
  }
  return obj;
}
