/**
 * Reading a shape the user typed in the broadcasting panel.
 */

/**
 * Parse "27, 27", "[27, 1]", "3×2" or "" (a scalar) into a shape.
 * @throws Error naming the part that is not a size.
 * @example parseShape('[27, 1]') // [27, 1]
 */
export function parseShape(text: string): number[] {
  const body = text.trim().replace(/^[[(]|[\])]$/g, '').trim();
  if (body === '') return [];
  return body.split(/\s*[,×x ]\s*/).map((part) => {
    const n = Number(part);
    if (part === '' || !Number.isInteger(n) || n < 0 || n > 1e6) throw new Error(`"${part}" is not a size (a whole number from 0 to 1,000,000)`);
    return n;
  });
}
