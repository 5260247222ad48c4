// Excel stand-in (NOT Excel): renders the in-memory workbook as an HTML grid beside the
// task pane in the harness page, so a screenshot shows roughly what the officer would see
// in Excel — sheet tabs, cell values as displayed text, fills, fonts, table headers and
// banding, conditional-format colours, frozen-pane lines, invalid data circled, and chart
// placeholders. It is a picture of the data, not a spreadsheet UI.

import { cellA1, columnToLetters, formatRect, intersect, type Rect } from "./addresses.ts";
import type { ConditionalFormatStyle } from "./model-types.ts";
import { checkValidation, conditionalStyleAt } from "./rules.ts";
import type { StandInSheet } from "./sheet.ts";
import type { StandInTable } from "./table.ts";
import type { StandInWorkbook } from "./workbook.ts";

export interface GridViewState {
  /** Sheet shown in the grid; defaults to Excel's active sheet. */
  sheetName?: string;
}

const PT_TO_PX = 4 / 3;
const MAX_RENDER_ROWS = 200;
const MAX_RENDER_COLS = 40;

/** Header/band colours of the table style families (approximations of Office's themes). */
function tableColors(style: string): { header: string; headerText: string; band: string } {
  if (style.startsWith("TableStyleDark")) return { header: "#000000", headerText: "#FFFFFF", band: "#A6A6A6" };
  if (style.startsWith("TableStyleLight")) return { header: "#FFFFFF", headerText: "#000000", band: "#D9E1F2" };
  return { header: "#4472C4", headerText: "#FFFFFF", band: "#D9E1F2" };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
}

function border(spec: { style: string; color: string; weight: string } | null): string {
  if (!spec) return "";
  const width = spec.weight === "Thick" ? 3 : spec.weight === "Medium" ? 2 : 1;
  const style = spec.style === "Double" ? "double" : spec.style.startsWith("Dash") || spec.style === "SlantDashDot" ? "dashed" : spec.style === "Dot" ? "dotted" : "solid";
  return `${spec.style === "Double" ? 3 : width}px ${style} ${spec.color}`;
}

function tableAt(tables: StandInTable[], row: number, col: number): StandInTable | undefined {
  return tables.find((t) => {
    const r = t.rect();
    return row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;
  });
}

export function renderSheetHtml(workbook: StandInWorkbook, sheet: StandInSheet): string {
  const used = sheet.usedRect(false);
  const tables = sheet.tables;
  let bottom = used ? used.row + used.rows : 0;
  let right = used ? used.col + used.cols : 0;
  for (const t of tables) {
    const r = t.rect();
    bottom = Math.max(bottom, r.row + r.rows);
    right = Math.max(right, r.col + r.cols);
  }
  const rows = Math.min(MAX_RENDER_ROWS, Math.max(20, bottom + 3));
  const cols = Math.min(MAX_RENDER_COLS, Math.max(8, right + 2));
  const view: Rect = { row: 0, col: 0, rows, cols };
  const merged = new Map<string, Rect>();
  const coveredByMerge = new Set<string>();
  for (const m of sheet.merges) {
    if (!intersect(m, view)) continue;
    merged.set(`${m.row},${m.col}`, m);
    for (let r = m.row; r < m.row + m.rows; r++) for (let c = m.col; c < m.col + m.cols; c++) if (r !== m.row || c !== m.col) coveredByMerge.add(`${r},${c}`);
  }

  const parts: string[] = [];
  const widths = Array.from({ length: cols }, (_, c) => (sheet.hiddenColumns.has(c) ? 3 : Math.round(sheet.columnWidth(c) * PT_TO_PX)));
  // A fixed layout needs an explicit table width, or browsers size columns by content.
  const total = 36 + widths.reduce((a, b) => a + b, 0);
  parts.push(`<table class="grid" data-sheet="${escapeHtml(sheet.name)}" style="width:${total}px"><colgroup><col class="rowhead">`);
  for (const w of widths) parts.push(`<col style="width:${w}px">`);
  parts.push(`</colgroup><thead><tr><th class="corner"></th>`);
  for (let c = 0; c < cols; c++) {
    const frozen = sheet.frozenColumns > 0 && c === sheet.frozenColumns - 1 ? " frozen-right" : "";
    parts.push(`<th class="colhead${frozen}">${sheet.hiddenColumns.has(c) ? "" : columnToLetters(c)}</th>`);
  }
  parts.push(`</tr></thead><tbody>`);
  for (let r = 0; r < rows; r++) {
    if (sheet.hiddenRows.has(r)) {
      parts.push(`<tr class="hidden-row"><th class="rowhead"></th><td colspan="${cols}"></td></tr>`);
      continue;
    }
    const height = Math.round(sheet.rowHeight(r) * PT_TO_PX);
    const frozenRow = sheet.frozenRows > 0 && r === sheet.frozenRows - 1 ? " frozen-bottom" : "";
    parts.push(`<tr style="height:${height}px"><th class="rowhead${frozenRow}">${r + 1}</th>`);
    for (let c = 0; c < cols; c++) {
      if (coveredByMerge.has(`${r},${c}`)) continue;
      const fmt = sheet.format(r, c);
      const value = sheet.value(r, c);
      const text = sheet.hiddenColumns.has(c) ? "" : sheet.text(r, c);
      const styles: string[] = [];
      const classes: string[] = ["cell"];
      let fill = fmt.fillColor;
      let color = fmt.fontColor;
      let bold = fmt.bold;
      let italic = fmt.italic;
      const table = tableAt(tables, r, c);
      if (table) {
        const colors = tableColors(table.style);
        const isHeader = table.showHeaders && r === table.headerRow;
        const isTotal = table.showTotals && r === table.totalRowIndex;
        if (isHeader) {
          classes.push("table-header");
          fill ??= colors.header;
          if (color === "#000000") color = colors.headerText;
          bold = true;
        } else if (isTotal) {
          classes.push("table-total");
          bold = true;
        } else if (table.showBandedRows && (r - table.bodyTop) % 2 === 0) {
          fill ??= colors.band;
        }
      }
      const cf: ConditionalFormatStyle | null = conditionalStyleAt(workbook, sheet, r, c);
      if (cf) {
        classes.push("cf");
        if (cf.fillColor) fill = cf.fillColor;
        if (cf.fontColor) color = cf.fontColor;
        if (cf.bold !== null) bold = cf.bold;
        if (cf.italic !== null) italic = cf.italic;
      }
      if (fill) styles.push(`background:${fill}`);
      if (color !== "#000000") styles.push(`color:${color}`);
      if (bold) styles.push("font-weight:bold");
      if (italic) styles.push("font-style:italic");
      if (fmt.underline !== "None") styles.push("text-decoration:underline");
      if (fmt.strikethrough) styles.push("text-decoration:line-through");
      if (fmt.fontSize !== 11) styles.push(`font-size:${fmt.fontSize}pt`);
      const align = fmt.horizontalAlignment === "General" ? (typeof value === "number" ? "right" : typeof value === "boolean" ? "center" : "left") : fmt.horizontalAlignment.toLowerCase();
      if (align !== "left") styles.push(`text-align:${align === "centeracrossselection" ? "center" : align}`);
      styles.push(`vertical-align:${fmt.verticalAlignment === "Center" ? "middle" : fmt.verticalAlignment === "Top" ? "top" : "bottom"}`);
      if (fmt.wrapText) styles.push("white-space:pre-wrap");
      // Like Excel, text runs on over empty cells to its right.
      else if (typeof value === "string" && text !== "" && !fill && sheet.value(r, c + 1) === "") classes.push("spill");
      for (const [side, spec] of [
        ["top", fmt.borderTop],
        ["bottom", fmt.borderBottom],
        ["left", fmt.borderLeft],
        ["right", fmt.borderRight],
      ] as const) {
        const b = border(spec);
        if (b) styles.push(`border-${side}:${b}`);
      }
      if (sheet.frozenRows > 0 && r === sheet.frozenRows - 1) classes.push("frozen-bottom");
      if (sheet.frozenColumns > 0 && c === sheet.frozenColumns - 1) classes.push("frozen-right");
      const area = sheet.validations.find((a) => r >= a.rect.row && r < a.rect.row + a.rect.rows && c >= a.rect.col && c < a.rect.col + a.rect.cols);
      let marker = "";
      let title = cellA1(r, c);
      if (area?.entry.rule) {
        if (area.entry.rule.type === "List" && area.entry.rule.inCellDropDown) marker = `<span class="dropdown">▾</span>`;
        const problem = checkValidation(workbook, sheet, area, r, c);
        if (problem) {
          classes.push("invalid");
          title += ` — invalid: ${problem}`;
        }
        if (area.entry.prompt.showPrompt && (area.entry.prompt.title || area.entry.prompt.message)) title += ` — ${area.entry.prompt.title}: ${area.entry.prompt.message}`;
      }
      if (sheet.protection.protected && !fmt.locked) classes.push("unlocked");
      const formula = sheet.formula(r, c);
      if (formula) title += ` ${formula}`;
      const m = merged.get(`${r},${c}`);
      const span = m ? ` rowspan="${Math.min(m.rows, rows - r)}" colspan="${Math.min(m.cols, cols - c)}"` : "";
      parts.push(`<td class="${classes.join(" ")}"${span} title="${escapeHtml(title)}" style="${styles.join(";")}">${marker}${escapeHtml(text)}</td>`);
    }
    parts.push(`</tr>`);
  }
  parts.push(`</tbody></table>`);

  const notes: string[] = [];
  if (sheet.protection.protected) notes.push(`<div class="note">🔒 Sheet is protected — unlocked cells are outlined</div>`);
  for (const t of tables) notes.push(`<div class="note">Table <b>${escapeHtml(t.name)}</b> ${formatRect(t.rect())}, ${t.dataRowCount} rows, ${escapeHtml(t.style)}</div>`);
  for (const chart of sheet.charts) {
    const src = chart.source ? workbook.sheetById(chart.source.sheetId) : undefined;
    const series = workbook.chartSeries(chart).map((s) => s.name).join(", ");
    notes.push(
      `<div class="chart" title="${escapeHtml(chart.type)}"><b>📊 ${escapeHtml(chart.title.text || chart.name)}</b> · ${escapeHtml(chart.type)} · ${src && chart.source ? escapeHtml(src.name + "!" + formatRect(chart.source.rect)) : "no data"}` +
        `${chart.position ? ` · at ${chart.position.startCell}${chart.position.endCell ? ":" + chart.position.endCell : ""}` : ""}${series ? ` · series: ${escapeHtml(series)}` : ""}</div>`,
    );
  }
  if (workbook.unsupportedFormulas.length) {
    notes.push(`<div class="note warn">Formulas the stand-in cannot evaluate: ${workbook.unsupportedFormulas.map((u) => escapeHtml(`${u.address} ${u.formula}`)).join("; ")}</div>`);
  }
  return parts.join("") + notes.join("");
}

/** Renders tabs + the selected sheet into `container`. Returns the sheet shown. */
export function renderWorkbook(container: HTMLElement, workbook: StandInWorkbook, state: GridViewState): string {
  const shown = (state.sheetName && workbook.findSheet(state.sheetName)) || workbook.activeSheet;
  const tabs = workbook.sheets
    .map((s) => {
      const cls = ["tab", s === shown ? "selected" : "", s === workbook.activeSheet ? "active" : "", s.visibility !== "Visible" ? "hidden-sheet" : ""].filter(Boolean).join(" ");
      const color = s.tabColor ? ` style="border-bottom:3px solid ${s.tabColor}"` : "";
      const label = s.visibility === "Visible" ? s.name : `${s.name} (${s.visibility === "Hidden" ? "hidden" : "very hidden"})`;
      return `<button type="button" class="${cls}" data-sheet="${escapeHtml(s.name)}"${color}>${escapeHtml(label)}</button>`;
    })
    .join("");
  container.innerHTML = `<div class="tabs">${tabs}</div><div class="sheet-view">${renderSheetHtml(workbook, shown)}</div>`;
  for (const button of container.querySelectorAll<HTMLButtonElement>("button.tab")) {
    button.addEventListener("click", () => {
      state.sheetName = button.dataset["sheet"];
      renderWorkbook(container, workbook, state);
    });
  }
  return shown.name;
}
