/**
 * Documents whose vectors are mostly zeros (the local embeddings: a few hundred hashed features out of 2 048),
 * stored by feature (for each feature, the documents that have it and their values), so that the cosine
 * similarity of a question with every document is exact and touches only the question's features: a few
 * thousand multiplications, where a graph search (HNSW) computes hundreds of full 2 048-number distances.
 */
export class SparseRows {
  private constructor(
    readonly entryIds: string[],
    /** For feature d, its documents are rows[offsets[d]..offsets[d+1]), in increasing order, with their values. */
    private readonly offsets: Int32Array,
    private readonly rows: Int32Array,
    private readonly values: Float32Array,
    private readonly norms: Float32Array,
  ) {}

  static from(entryIds: string[], vectors: ArrayLike<number>[], dimensions: number): SparseRows {
    const counts = new Int32Array(dimensions + 1);
    for (const vector of vectors) for (let d = 0; d < dimensions; d++) if (vector[d] !== 0) counts[d + 1]! += 1;
    const offsets = new Int32Array(dimensions + 1);
    for (let d = 0; d < dimensions; d++) offsets[d + 1] = offsets[d]! + counts[d + 1]!;
    const next = offsets.slice(0, dimensions);
    const rows = new Int32Array(offsets[dimensions]!);
    const values = new Float32Array(offsets[dimensions]!);
    vectors.forEach((vector, row) => {
      for (let d = 0; d < dimensions; d++) {
        if (vector[d] === 0) continue;
        rows[next[d]!] = row;
        values[next[d]!] = vector[d]!;
        next[d]! += 1;
      }
    });
    return new SparseRows(entryIds, offsets, rows, values, Float32Array.from(vectors, norm));
  }

  /** The stored form (node:v8 serialize keeps typed arrays as they are). */
  toJSON(): { entryIds: string[]; offsets: Int32Array; rows: Int32Array; values: Float32Array; norms: Float32Array } {
    return { entryIds: this.entryIds, offsets: this.offsets, rows: this.rows, values: this.values, norms: this.norms };
  }

  static fromJSON(saved: ReturnType<SparseRows['toJSON']>): SparseRows {
    return new SparseRows(saved.entryIds, saved.offsets, saved.rows, saved.values, saved.norms);
  }

  /**
   * Cosine similarity of the query with every document, in row order. Each document's dot product adds the
   * query's features in increasing order, as a loop over its row would: the same sums.
   */
  similarities(query: ArrayLike<number>): Float64Array {
    const dots = new Float64Array(this.entryIds.length);
    for (let d = 0; d + 1 < this.offsets.length; d++) {
      const q = query[d]!;
      if (q === 0) continue;
      for (let p = this.offsets[d]!; p < this.offsets[d + 1]!; p++) dots[this.rows[p]!]! += q * this.values[p]!;
    }
    const queryNorm = norm(query) || 1;
    for (let row = 0; row < dots.length; row++) dots[row] = dots[row]! / (queryNorm * (this.norms[row]! || 1));
    return dots;
  }
}

/** Whether vectors are sparse enough for SparseRows: at most a tenth of their numbers are not zero. */
export function mostlyZeros(vectors: ArrayLike<number>[]): boolean {
  let nonZero = 0;
  let total = 0;
  for (const vector of vectors) {
    total += vector.length;
    for (let d = 0; d < vector.length; d++) if (vector[d] !== 0) nonZero += 1;
  }
  return total > 0 && nonZero <= total / 10;
}

function norm(vector: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  return Math.sqrt(sum);
}
