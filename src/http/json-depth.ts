/**
 * Nesting depth of a JSON text, counted without parsing it. kakunin's bodies are a few levels
 * deep; a body nested thousands of levels is an attack on whatever walks it recursively later
 * (JSON.stringify, a logger, a schema with passthrough), so the API refuses it up front.
 */

/** Deepest nesting the API accepts. A report is 3 levels deep, the directory 4. */
export const MAX_JSON_DEPTH = 64;

/**
 * True when `text` opens more than `max` arrays/objects inside each other. Brackets inside
 * strings do not count. Linear, no allocation.
 * @example jsonTooDeep('[[[1]]]', 2) // true
 */
export function jsonTooDeep(text: string, max: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // backslash: skip the escaped char
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return false;
}
