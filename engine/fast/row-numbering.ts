/**
 * Row numbering: the rows of a one-entry gradient over table rows (`one-entry-rows.ts`,
 * `table-rows.ts`) numbered by what decides a row of a row-wise backward on them
 * (`distinct-rows-backward.ts`): the table row, the column of the value and the value's bits.
 */

/**
 * The rows of a one-entry gradient of table rows, numbered by what decides a row of the softmax's
 * backward (`distinct-rows-backward.ts`): its row of the table (`index[r]`), its column and
 * the bits of its value. Row r gets `key[r]`; distinct row k has table row `rowOf[k]`, column
 * `colOf[k]` and value bits `bitsOf[k]`, and `count[k]` rows have it. A slot per (table row,
 * column) remembers the latest value's bits and number, so the lecture (one value per pair) costs
 * one comparison per row. (`byPairs` makes a numbering whose rows were numbered by their maker.)
 * @example const rn = new RowNumbering(index, 27, 27); rn.add(0, ys[0], bits[0]) // true
 */
export class RowNumbering {
  /** Each row's number. */
  readonly key: Int32Array;
  /** How many rows have each number (the first `rowOf.length` entries; grown as needed). */
  count: Int32Array;
  /** Each number's table row, column, and value bits. */
  readonly rowOf: number[] = [];
  /** (see `rowOf`) */
  readonly colOf: number[] = [];
  /** (see `rowOf`) */
  readonly bitsOf: number[] = [];
  /** Made by `byPairs`: its key is the caller's pairs, which `add` must not write. */
  #closed = false;
  readonly #slotRow: Int32Array;
  readonly #slotBits: Int32Array;

  /**
   * @param index each row's table row (the table rows' index)
   * @param tableRows the number of table rows
   * @param width the number of columns
   * @param key each row's number, when already known (`byPairs`)
   */
  constructor(readonly index: Int32Array, tableRows: number, readonly width: number, key?: Int32Array) {
    this.key = key ?? new Int32Array(index.length);
    this.count = new Int32Array(Math.min(index.length, tableRows * width));
    this.#slotRow = new Int32Array(tableRows * width).fill(-1);
    this.#slotBits = new Int32Array(tableRows * width);
  }

  /**
   * The numbering of rows numbered by pair (`pair-gather.ts`): row r has the number `pairs[r]`
   * = (its table row)·width + (its column), and every row of a pair has the value bits
   * `pairBits[pair]`; `counts[pair]` rows have it. Every pair has its number, used or not (an
   * unused one has count 0). The caller has checked all of that (only `pairBits` is read here).
   * `key` is `pairs` itself, which must not change: such a numbering takes no more rows (`add`).
   * @example RowNumbering.byPairs(index, 27, 27, pairs, counts, bits) // 729 numbers, key = pairs
   */
  static byPairs(index: Int32Array, tableRows: number, width: number, pairs: Int32Array, counts: Int32Array, pairBits: Int32Array): RowNumbering {
    const numbering = new RowNumbering(index, tableRows, width, pairs);
    numbering.#closed = true;
    numbering.count = counts;
    for (let p = 0; p < tableRows * width; p++) {
      numbering.rowOf.push(Math.floor(p / width));
      numbering.colOf.push(p % width);
      numbering.bitsOf.push(pairBits[p]);
      numbering.#slotRow[p] = p; // (table row, column) slot p has number p: `add` stays consistent
      numbering.#slotBits[p] = pairBits[p];
    }
    return numbering;
  }

  /**
   * Number every row: row r's column is `cols[r]` and its value's float32 bits `bits[r]`. False
   * when the distinct rows would be as many as the rows (nothing to gain: the caller gives up).
   * The common case (a row like one seen before in its slot) is a loop of its own, on locals.
   */
  addAll(cols: Int32Array, bits: Int32Array): boolean {
    if (this.#closed) throw new Error('internal error: RowNumbering.byPairs numberings take no more rows');
    const { index, width, key } = this, slotRow = this.#slotRow, slotBits = this.#slotBits;
    for (let r = 0; r < index.length; r++) {
      const s = index[r] * width + cols[r], k = slotRow[s];
      if (k >= 0 && slotBits[s] === bits[r]) {
        key[r] = k;
        this.count[k]++;
      } else if (!this.add(r, cols[r], bits[r])) return false;
    }
    return true;
  }

  /**
   * Number row r, whose column is c and whose value has the float32 bits `bits`. False when the
   * distinct rows would be as many as the rows (nothing to gain: the caller gives up).
   */
  add(r: number, c: number, bits: number): boolean {
    if (this.#closed) throw new Error('internal error: RowNumbering.byPairs numberings take no more rows');
    const t = this.index[r], s = t * this.width + c, k = this.#slotRow[s];
    if (k >= 0 && this.#slotBits[s] === bits) {
      this.key[r] = k;
      this.count[k]++;
      return true;
    }
    const fresh = this.rowOf.length;
    if (fresh >= this.index.length - 1) return false;
    if (fresh === this.count.length) {
      const grown = new Int32Array(Math.min(this.index.length, Math.max(16, 2 * fresh)));
      grown.set(this.count);
      this.count = grown;
    }
    this.rowOf.push(t);
    this.colOf.push(c);
    this.bitsOf.push(bits);
    this.#slotRow[s] = fresh;
    this.#slotBits[s] = bits;
    this.key[r] = fresh;
    this.count[fresh]++;
    return true;
  }
}
