// Excel stand-in (NOT Excel): Excel.ConditionalFormatCollection and ConditionalFormat
// (custom, cellValue and textComparison rules with fill/font formats) over a range.

import { ClientObject, CollectionObject, StandInExcelError, notImplemented, prop, type ContextCore, type ScalarDef } from "./api-core.ts";
import { expectBoolean, expectNumber, expectOneOf, invalidArg, type RangeTarget } from "./api-range-shared.ts";
import { RangeProxy } from "./api-range.ts";
import { normalizeColor } from "./cell-values.ts";
import type { ConditionalFormatEntry } from "./model-types.ts";
import type { StandInSheet } from "./sheet.ts";

interface CfTarget {
  sheet: StandInSheet;
  entry: ConditionalFormatEntry;
}

const CF_TYPES_IMPLEMENTED = ["Custom", "CellValue", "ContainsText"];

export class ConditionalFormatCollectionProxy extends CollectionObject<RangeTarget, ConditionalFormatProxy, CfTarget> {
  constructor(
    ctx: ContextCore,
    private readonly owner: ClientObject<RangeTarget>,
  ) {
    super(ctx);
  }
  get _className(): string {
    return "ConditionalFormatCollection";
  }
  protected _resolveTarget(): RangeTarget {
    return this.owner._require();
  }
  protected _listItems(t: RangeTarget): CfTarget[] {
    return t.sheet.conditionalFormatsIn(t.rect).map((entry) => ({ sheet: t.sheet, entry }));
  }
  protected _makeItem(): ConditionalFormatProxy {
    return new ConditionalFormatProxy(this._ctx, () => null);
  }
  protected _sampleItem(): ConditionalFormatProxy {
    return this._makeItem();
  }

  add(type: string): ConditionalFormatProxy {
    if (!CF_TYPES_IMPLEMENTED.includes(type)) throw notImplemented(`ConditionalFormatCollection.add("${type}")`);
    let created: CfTarget | null = null;
    this._call("add", { type }, (t) => {
      created = { sheet: t.sheet, entry: t.sheet.addConditionalFormat(t.rect, type) };
    });
    return new ConditionalFormatProxy(this._ctx, () => created)._self;
  }

  clearAll(): void {
    this._call("clearAll", null, (t) => t.sheet.clearConditionalFormats(t.rect));
  }

  getItemAt(index: number): ConditionalFormatProxy {
    return new ConditionalFormatProxy(this._ctx, () => {
      const items = this._listItems(this._require());
      const item = items[index];
      if (!item) throw new StandInExcelError("ItemNotFound", `No conditional format at index ${index} (Excel stand-in)`);
      return item;
    })._self;
  }

  getItem(id: string): ConditionalFormatProxy {
    return new ConditionalFormatProxy(this._ctx, () => {
      const item = this._listItems(this._require()).find((i) => i.entry.id === id);
      if (!item) throw new StandInExcelError("ItemNotFound", `No conditional format with id ${id} (Excel stand-in)`);
      return item;
    })._self;
  }
}

export class ConditionalFormatProxy extends ClientObject<CfTarget> {
  constructor(
    ctx: ContextCore,
    private readonly resolver: () => CfTarget | null,
  ) {
    super(ctx);
  }
  get _className(): string {
    return "ConditionalFormat";
  }
  protected _resolveTarget(): CfTarget {
    const t = this.resolver();
    if (!t) throw new StandInExcelError("ItemNotFound", "The conditional format does not exist (Excel stand-in)");
    return t;
  }
  protected override _stillValid(t: CfTarget): boolean {
    return t.sheet.workbook.hasSheet(t.sheet) && t.sheet.conditionalFormats.includes(t.entry);
  }
  override _scalars(): Record<string, ScalarDef<CfTarget>> {
    return {
      id: prop((t) => t.entry.id),
      type: prop((t) => t.entry.type),
      priority: prop(
        (t) => t.sheet.conditionalFormats.indexOf(t.entry),
        (t, v) => {
          const to = expectNumber("priority", 0)(v);
          const list = t.sheet.conditionalFormats.filter((e) => e !== t.entry);
          list.splice(Math.min(to, list.length), 0, t.entry);
          t.sheet.conditionalFormats = list;
          t.sheet.workbook.touch();
        },
      ),
      stopIfTrue: prop(
        (t) => t.entry.stopIfTrue,
        (t, v) => {
          t.entry.stopIfTrue = expectBoolean("stopIfTrue")(v);
          t.sheet.workbook.touch();
        },
      ),
    };
  }
  override _navs(): Record<string, () => ClientObject> {
    return {
      custom: () => new CfKindProxy(this._ctx, this, "Custom", "CustomConditionalFormat"),
      cellValue: () => new CfKindProxy(this._ctx, this, "CellValue", "CellValueConditionalFormat"),
      textComparison: () => new CfKindProxy(this._ctx, this, "ContainsText", "TextConditionalFormat"),
    };
  }
  delete(): void {
    this._call("delete", null, (t) => {
      t.sheet.assertAllowed(null, "objects");
      t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter((e) => e !== t.entry);
      t.sheet.workbook.touch();
    });
  }
  getRange(): RangeProxy {
    return new RangeProxy(this._ctx, () => {
      const t = this._require();
      return { sheet: t.sheet, rect: t.entry.rect };
    })._self;
  }
}

/** The type-specific part of a conditional format (custom / cellValue / textComparison). */
class CfKindProxy extends ClientObject<CfTarget> {
  constructor(
    ctx: ContextCore,
    private readonly owner: ConditionalFormatProxy,
    private readonly kind: string,
    private readonly name: string,
  ) {
    super(ctx);
  }
  get _className(): string {
    return this.name;
  }
  protected _resolveTarget(): CfTarget {
    const t = this.owner._require();
    if (t.entry.type !== this.kind) {
      throw new StandInExcelError("InvalidOperation", `This conditional format is of type ${t.entry.type}, not ${this.kind} (Excel stand-in)`);
    }
    return t;
  }
  override _scalars(): Record<string, ScalarDef<CfTarget>> {
    if (this.kind === "CellValue") {
      return {
        rule: prop(
          (t) => (t.entry.cellValue ? { ...t.entry.cellValue } : null),
          (t, v) => {
            const r = (v ?? {}) as Record<string, unknown>;
            const operator = expectOneOf("cellValue.rule.operator", ["Between", "NotBetween", "EqualTo", "NotEqualTo", "GreaterThan", "LessThan", "GreaterThanOrEqual", "LessThanOrEqual"])(r["operator"]);
            const text = (x: unknown) => (typeof x === "number" ? `=${x}` : String(x));
            if (r["formula1"] === undefined) throw invalidArg("cellValue.rule needs formula1");
            t.entry.cellValue = { operator, formula1: text(r["formula1"]) };
            if (r["formula2"] !== undefined) t.entry.cellValue.formula2 = text(r["formula2"]);
            t.sheet.workbook.touch();
          },
        ),
      };
    }
    if (this.kind === "ContainsText") {
      return {
        rule: prop(
          (t) => (t.entry.text ? { ...t.entry.text } : null),
          (t, v) => {
            const r = (v ?? {}) as Record<string, unknown>;
            const operator = expectOneOf("textComparison.rule.operator", ["Contains", "NotContains", "BeginsWith", "EndsWith"])(r["operator"]);
            if (typeof r["text"] !== "string") throw invalidArg("textComparison.rule.text must be a string");
            t.entry.text = { operator, text: r["text"] };
            t.sheet.workbook.touch();
          },
        ),
      };
    }
    return {};
  }
  override _navs(): Record<string, () => ClientObject> {
    const navs: Record<string, () => ClientObject> = { format: () => new CfFormatProxy(this._ctx, this) };
    if (this.kind === "Custom") navs["rule"] = () => new CfRuleProxy(this._ctx, this);
    return navs;
  }
}

class CfRuleProxy extends ClientObject<CfTarget> {
  constructor(
    ctx: ContextCore,
    private readonly owner: ClientObject<CfTarget>,
  ) {
    super(ctx);
  }
  get _className(): string {
    return "ConditionalFormatRule";
  }
  protected _resolveTarget(): CfTarget {
    return this.owner._require();
  }
  override _scalars(): Record<string, ScalarDef<CfTarget>> {
    return {
      formula: prop(
        (t) => t.entry.formula ?? "",
        (t, v) => {
          if (typeof v !== "string" || v === "") throw invalidArg("custom.rule.formula must be a non-empty string");
          t.entry.formula = v.startsWith("=") ? v : `=${v}`;
          t.sheet.workbook.touch();
        },
      ),
    };
  }
}

class CfFormatProxy extends ClientObject<CfTarget> {
  constructor(
    ctx: ContextCore,
    private readonly owner: ClientObject<CfTarget>,
  ) {
    super(ctx);
  }
  get _className(): string {
    return "ConditionalRangeFormat";
  }
  protected _resolveTarget(): CfTarget {
    return this.owner._require();
  }
  override _navs(): Record<string, () => ClientObject> {
    return {
      fill: () => new CfStyleProxy(this._ctx, this, "ConditionalRangeFill"),
      font: () => new CfStyleProxy(this._ctx, this, "ConditionalRangeFont"),
    };
  }
}

class CfStyleProxy extends ClientObject<CfTarget> {
  constructor(
    ctx: ContextCore,
    private readonly owner: ClientObject<CfTarget>,
    private readonly name: string,
  ) {
    super(ctx);
  }
  get _className(): string {
    return this.name;
  }
  protected _resolveTarget(): CfTarget {
    return this.owner._require();
  }
  override _scalars(): Record<string, ScalarDef<CfTarget>> {
    const touch = (t: CfTarget) => t.sheet.workbook.touch();
    if (this.name === "ConditionalRangeFill") {
      return {
        color: prop(
          (t) => t.entry.format.fillColor,
          (t, v) => {
            t.entry.format.fillColor = normalizeColor(v);
            touch(t);
          },
        ),
      };
    }
    return {
      color: prop(
        (t) => t.entry.format.fontColor,
        (t, v) => {
          t.entry.format.fontColor = normalizeColor(v);
          touch(t);
        },
      ),
      bold: prop(
        (t) => t.entry.format.bold,
        (t, v) => {
          t.entry.format.bold = expectBoolean("bold")(v);
          touch(t);
        },
      ),
      italic: prop(
        (t) => t.entry.format.italic,
        (t, v) => {
          t.entry.format.italic = expectBoolean("italic")(v);
          touch(t);
        },
      ),
    };
  }
  clear(): void {
    this._call("clear", null, (t) => {
      if (this.name === "ConditionalRangeFill") t.entry.format.fillColor = null;
      else Object.assign(t.entry.format, { fontColor: null, bold: null, italic: null });
      t.sheet.workbook.touch();
    });
  }
}
