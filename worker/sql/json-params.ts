import { utf8Length } from "../../shared/text.ts";

/** D1 refuses a bound string over ~2 MB; rows are packed into parameters well under that. */
const MAX_PARAM_BYTES = 1_900_000;

export function packByBytes<T>(items: readonly T[], encode: (item: T) => string): string[] {
  const chunks: string[] = [];
  let parts: string[] = [];
  let bytes = 2;
  for (const item of items) {
    const text = encode(item);
    const size = utf8Length(text) + 1;
    if (parts.length && bytes + size > MAX_PARAM_BYTES) {
      chunks.push(`[${parts.join(",")}]`);
      parts = [];
      bytes = 2;
    }
    parts.push(text);
    bytes += size;
  }
  if (parts.length) chunks.push(`[${parts.join(",")}]`);
  return chunks;
}
