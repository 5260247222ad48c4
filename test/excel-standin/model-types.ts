// Excel stand-in (NOT Excel): plain data shapes of the in-memory workbook. Tests read these
// directly, so they are deliberately simple JSON-like objects.

import type { Rect } from "./addresses.ts";

export interface BorderSpec {
  /** Excel.BorderLineStyle: "Continuous", "Dash", "Double", ... ("None" is stored as null). */
  style: string;
  color: string;
  /** Excel.BorderWeight: "Hairline" | "Thin" | "Medium" | "Thick". */
  weight: string;
}

export interface CellFormat {
  numberFormat: string;
  /** null means "no fill" (Excel reports "#FFFFFF" for it through the API). */
  fillColor: string | null;
  bold: boolean;
  italic: boolean;
  /** Excel.RangeUnderlineStyle, "None" by default. */
  underline: string;
  strikethrough: boolean;
  fontColor: string;
  fontSize: number;
  fontName: string;
  wrapText: boolean;
  horizontalAlignment: string;
  verticalAlignment: string;
  locked: boolean;
  formulaHidden: boolean;
  borderTop: BorderSpec | null;
  borderBottom: BorderSpec | null;
  borderLeft: BorderSpec | null;
  borderRight: BorderSpec | null;
}

export const DEFAULT_FORMAT: Readonly<CellFormat> = Object.freeze({
  numberFormat: "General",
  fillColor: null,
  bold: false,
  italic: false,
  underline: "None",
  strikethrough: false,
  fontColor: "#000000",
  fontSize: 11,
  fontName: "Aptos Narrow",
  wrapText: false,
  horizontalAlignment: "General",
  verticalAlignment: "Bottom",
  locked: true,
  formulaHidden: false,
  borderTop: null,
  borderBottom: null,
  borderLeft: null,
  borderRight: null,
});

export type FormatKey = keyof CellFormat;

/** Points, as Office.js reports `format.columnWidth` / `format.rowHeight`. */
export const DEFAULT_COLUMN_WIDTH = 48;
export const DEFAULT_ROW_HEIGHT = 15;

export type ValidationRule =
  | { type: "List"; source: string; inCellDropDown: boolean }
  | {
      type: "WholeNumber" | "Decimal" | "TextLength" | "Date" | "Time";
      operator: string;
      formula1: string;
      formula2?: string;
    }
  | { type: "Custom"; formula: string };

export interface ValidationPrompt {
  showPrompt: boolean;
  title: string;
  message: string;
}

export interface ValidationErrorAlert {
  showAlert: boolean;
  /** Excel.DataValidationAlertStyle: "Stop" | "Warning" | "Information". */
  style: string;
  title: string;
  message: string;
}

export interface ValidationEntry {
  /** null = "any value" (a range can carry a prompt without a rule). */
  rule: ValidationRule | null;
  /** Cell that relative references in the rule's formulas are written for (top-left of
   * the range the rule was set on; kept when the area is later split or moved). */
  anchor: { row: number; col: number };
  prompt: ValidationPrompt;
  errorAlert: ValidationErrorAlert;
  ignoreBlanks: boolean;
}

export interface ValidationArea {
  rect: Rect;
  entry: ValidationEntry;
}

export interface ConditionalFormatStyle {
  fillColor: string | null;
  fontColor: string | null;
  bold: boolean | null;
  italic: boolean | null;
}

export interface ConditionalFormatEntry {
  id: string;
  rect: Rect;
  /** Excel.ConditionalFormatType value: "Custom" | "CellValue" | "ContainsText". */
  type: string;
  /** Custom: formula written for the top-left cell of `rect`. */
  formula: string | null;
  /** CellValue: Excel.ConditionalCellValueOperator and its operands. */
  cellValue: { operator: string; formula1: string; formula2?: string } | null;
  /** ContainsText: Excel.ConditionalTextOperator and text. */
  text: { operator: string; text: string } | null;
  format: ConditionalFormatStyle;
  stopIfTrue: boolean;
  /** Cell the rule's relative references are written for (top-left of the original range). */
  anchor: { row: number; col: number };
}

export interface ChartModel {
  id: string;
  name: string;
  /** Excel.ChartType value, e.g. "ColumnClustered". */
  type: string;
  title: { text: string; visible: boolean };
  /** Source data; sheet is the sheet's id. */
  source: { sheetId: string; rect: Rect } | null;
  /** Excel.ChartSeriesBy: "Auto" | "Columns" | "Rows". */
  seriesBy: string;
  legend: { position: string; visible: boolean };
  /** Anchor cells given to setPosition, e.g. "E2" and "L18" (null until set). */
  position: { startCell: string; endCell: string | null } | null;
  /** Points, as Office.js reports them. */
  top: number;
  left: number;
  width: number;
  height: number;
  axes: { categoryTitle: string; valueTitle: string };
  dataLabels: { showValue: boolean };
}

export interface NamedItemModel {
  name: string;
  /** The sheet (its id) a Worksheet.names item belongs to (ExcelApi 1.4); absent: the workbook. */
  scopeSheetId?: string;
  /** A range reference (sheet is the sheet's id) or a constant/formula string. */
  reference: { sheetId: string; rect: Rect } | { formula: string };
  comment: string;
  visible: boolean;
}

export interface UnsupportedFormulaRecord {
  sheet: string;
  address: string;
  formula: string;
  reason: string;
}

/**
 * Worksheet.pageLayout (ExcelApi 1.9): what prints, on what paper, how large. Margins in
 * points, as Office.js reports them. Defaults are Excel's for a new sheet ("Normal"
 * margins 0.7/0.75/0.3 inch, portrait, Letter, 100%).
 */
export interface PageLayoutModel {
  orientation: string;
  paperSize: string;
  /** Either a scale, or pages wide/tall (0 tall: as many as it takes). */
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  leftMargin: number;
  rightMargin: number;
  topMargin: number;
  bottomMargin: number;
  headerMargin: number;
  footerMargin: number;
  centerHorizontally: boolean;
  centerVertically: boolean;
  printGridlines: boolean;
  /** HeaderFooterGroup.defaultForAllPages: the six sections. */
  headerFooter: { leftHeader: string; centerHeader: string; rightHeader: string; leftFooter: string; centerFooter: string; rightFooter: string };
  printArea: Rect | null;
  /** Whole rows repeated at the top of each printed page (first and last, 0-based). */
  printTitleRows: { first: number; last: number } | null;
  printTitleColumns: { first: number; last: number } | null;
}

export function defaultPageLayout(): PageLayoutModel {
  return {
    orientation: "Portrait",
    paperSize: "Letter",
    zoom: { scale: 100 },
    leftMargin: 50.4,
    rightMargin: 50.4,
    topMargin: 54,
    bottomMargin: 54,
    headerMargin: 21.6,
    footerMargin: 21.6,
    centerHorizontally: false,
    centerVertically: false,
    printGridlines: false,
    headerFooter: { leftHeader: "", centerHeader: "", rightHeader: "", leftFooter: "", centerFooter: "", rightFooter: "" },
    printArea: null,
    printTitleRows: null,
    printTitleColumns: null,
  };
}
