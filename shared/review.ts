// The review states of PRODUCT.md "Scoring" and the moves between them: forward along
// the arrows, skipping steps if need be (recognising a registered model directly is
// common), never backward except as an undo; withdrawal at any time.
import { REVIEW_STATES, type ReviewState } from "./vocabulary.ts";

const ARROWS: Record<ReviewState, readonly ReviewState[]> = {
  registered: ["in_progress"],
  in_progress: ["evaluated"],
  evaluated: ["recognized", "not_recognized"],
  recognized: ["exemplary"],
  not_recognized: [],
  exemplary: ["proposed"],
  proposed: ["commended"],
  commended: [],
  withdrawn: [],
};

/** Every state reachable forward from `from` (not `from` itself), plus withdrawal. */
export function nextStates(from: ReviewState): ReviewState[] {
  const seen = new Set<ReviewState>();
  const visit = (s: ReviewState) => {
    for (const t of ARROWS[s]) {
      if (!seen.has(t)) {
        seen.add(t);
        visit(t);
      }
    }
  };
  visit(from);
  if (from !== "withdrawn") seen.add("withdrawn");
  return REVIEW_STATES.filter((s) => seen.has(s));
}

export function canMove(from: ReviewState, to: ReviewState): boolean {
  return nextStates(from).includes(to);
}
