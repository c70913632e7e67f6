// The verdict of `npm run bench:live` against the target (issue 10 §7: refresh overhead under
// 20% over the same HTTP requests sent bare). A MISS fails the run (exit 1), as `npm run bench` does.

export const OVERHEAD_TARGET_PERCENT = 20;

export interface OverheadVerdict {
  pass: boolean;
  line: string;
  /** 0 on PASS, 1 on MISS (or an overhead that is not a number). */
  exitCode: number;
}

export function overheadVerdict(overheadPercent: number, target = OVERHEAD_TARGET_PERCENT): OverheadVerdict {
  const pass = Number.isFinite(overheadPercent) && overheadPercent < target;
  const line = `overhead: ${Number.isFinite(overheadPercent) ? overheadPercent.toFixed(1) : String(overheadPercent)}%  (target < ${target}%: ${pass ? 'PASS' : 'MISS'})`;
  return { pass, line, exitCode: pass ? 0 : 1 };
}
