import { DEFAULT_LEVELS, FIELDS, FIELD_LABELS, KINDS, KIND_LABELS } from "../vocabulary.ts";
import type { Field, Kind, Level } from "../vocabulary.ts";
import { compactKey } from "../text.ts";
import { type Cell, type ParseResult, cellText, notACell, fail, listOr, ok, quote } from "./result.ts";

// Keys are compactKey()s: folded letters and digits only, so spacing, hyphens, case,
// diacritics and tone placement never matter. Each key names one value; an abbreviation
// is listed only where officers use it for exactly that value.

const KIND_KEYS: Record<Kind, readonly string[]> = {
  collective: ["tapthe", "tt"],
  individual: ["canhan", "cn"],
};

const FIELD_KEYS: Record<Field, readonly string[]> = {
  economy: ["kinhte", "kt"],
  culture_society: ["vanhoaxahoi", "vanhoavaxahoi", "vhxh"],
  defense_security: ["quocphonganninh", "quocphongvaanninh", "anninhquocphong", "qpan"],
  political_system: ["xaydunghethongchinhtri", "xaydunghtct", "hethongchinhtri", "xdhtct", "htct"],
};

// Synonyms of the seed's levels, used only when a campaign has a level with that code.
// "thành phố" is left out on purpose: a city is a province (Hà Nội) or a district
// (a provincial city), so it cannot say which level is meant.
const LEVEL_SYNONYMS = new Map<string, readonly string[]>([
  ["province", ["tinh"]],
  ["district", ["huyen", "quan", "thixa"]],
  ["grassroots", ["coso", "xa", "phuong", "thitran", "xaphuong", "xaphuongthitran"]],
]);

function keyTable<T extends string>(keys: Record<T, readonly string[]>, labels: Record<T, string>): Map<string, T> {
  const table = new Map<string, T>();
  for (const code of Object.keys(keys) as T[]) {
    for (const key of [...keys[code], compactKey(code), compactKey(labels[code])]) table.set(key, code);
  }
  return table;
}

const KIND_TABLE = keyTable(KIND_KEYS, KIND_LABELS);
const FIELD_TABLE = keyTable(FIELD_KEYS, FIELD_LABELS);

/** A leading word that adds nothing ("Mô hình tập thể", "Lĩnh vực kinh tế", "Cấp xã"). */
function withoutPrefix(key: string, prefix: string): string {
  return key.startsWith(prefix) && key.length > prefix.length ? key.slice(prefix.length) : key;
}

const KIND_HINT = `chỉ nhận ${listOr(KINDS.map((k) => KIND_LABELS[k]))}`;
const FIELD_HINT =
  `chỉ nhận một trong bốn lĩnh vực ${listOr(FIELDS.map((f) => FIELD_LABELS[f]))}` +
  ` (có thể viết tắt KT, VH-XH, QP-AN, XDHTCT)`;

export function parseKind(cell: Cell): ParseResult<Kind> {
  const refused = notACell<Kind>(cell);
  if (refused) return refused;
  const text = cellText(cell);
  if (text === "") return fail("required", `Chưa ghi loại đăng ký: ${KIND_HINT}.`);
  const kind = KIND_TABLE.get(withoutPrefix(compactKey(text), "mohinh"));
  return kind ? ok(kind) : fail("unknown_kind", `Không hiểu loại đăng ký ${quote(text)}: ${KIND_HINT}.`);
}

export function parseField(cell: Cell): ParseResult<Field> {
  const refused = notACell<Field>(cell);
  if (refused) return refused;
  const text = cellText(cell);
  if (text === "") return fail("required", `Chưa ghi lĩnh vực: ${FIELD_HINT}.`);
  const field = FIELD_TABLE.get(withoutPrefix(compactKey(text), "linhvuc"));
  return field ? ok(field) : fail("unknown_field", `Không hiểu lĩnh vực ${quote(text)}: ${FIELD_HINT}.`);
}

const levelKey = (s: string) => withoutPrefix(compactKey(s), "cap");

/**
 * A level code of the campaign's `levels`, matched by its code or its label with or
 * without "Cấp"; the seed's synonyms ("xã", "huyện", "quận"…) count only when no code or
 * label matches, so a campaign that calls a level "Cấp xã" gets "xã" for that level.
 */
export function parseLevel(cell: Cell, levels: readonly Level[] = DEFAULT_LEVELS): ParseResult<string> {
  const refused = notACell<string>(cell);
  if (refused) return refused;
  const text = cellText(cell);
  const hint = levels.length > 0 ? `chỉ nhận ${listOr(levels.map((l) => l.label))}` : "kế hoạch này chưa có cấp đăng ký nào";
  if (text === "") return fail("required", `Chưa ghi cấp đăng ký: ${hint}.`);
  const key = levelKey(text);
  if (key === "") return fail("unknown_level", `Không hiểu cấp đăng ký ${quote(text)}: ${hint}.`);
  const exact = levels.filter((l) => levelKey(l.code) === key || levelKey(l.label) === key);
  const matches = exact.length > 0 ? exact : levels.filter((l) => LEVEL_SYNONYMS.get(l.code)?.includes(key) === true);
  const codes = [...new Set(matches.map((l) => l.code))];
  if (codes.length === 1 && codes[0] !== undefined) return ok(codes[0]);
  if (codes.length > 1) {
    return fail("unknown_level", `Cấp đăng ký ${quote(text)} có thể là ${listOr(matches.map((l) => l.label))}: hãy ghi đúng tên cấp.`);
  }
  const city = key === "thanhpho" ? " (“thành phố” có thể là cấp tỉnh hoặc cấp huyện, hãy ghi rõ)" : "";
  return fail("unknown_level", `Không hiểu cấp đăng ký ${quote(text)}${city}: ${hint}.`);
}
