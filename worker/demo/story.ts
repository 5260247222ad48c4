import type { Award } from "../../shared/schemas/review.ts";
import type { ReviewState } from "../../shared/vocabulary.ts";
import type { DemoForm } from "./forms.ts";

// What the demo's officers did in a campaign, as data: the forms each clerk filed, the
// accounts added to forms already filed, each judge's score sheets and each model's
// review moves. demo/activity.ts plays it through the API.

export interface ReviewMove {
  to: ReviewState;
  note: string;
  award?: Award;
}

export interface ModelStory {
  /** The registration's id (a form of `forms`, or a sample already filed). */
  id: string;
  /** Each judge's points, the criteria in the rubric's order, by the judge's name. */
  scores?: Record<string, { points: number[]; comment?: string }>;
  /** The approver who moves it, and its moves from "Đã đăng ký" in order. */
  review?: { by: string; moves: ReviewMove[] };
}

export interface CampaignStory {
  /** New forms, by the name of the clerk who files them. */
  forms: { clerk: string; form: DemoForm }[];
  /** Accounts (thuyết minh, people taking part) a clerk adds to forms filed without one. */
  accounts: { clerk: string; id: string; account: NonNullable<DemoForm["account"]> }[];
  models: ModelStory[];
}

const MAIN_LINE: ReviewState[] = ["in_progress", "evaluated", "recognized", "exemplary", "proposed", "commended"];

/** The usual note of a move, as an approver writes it in the review sheet. */
export type MoveNotes = Partial<Record<ReviewState, string>>;

/**
 * The moves from "Đã đăng ký" to `to` one step at a time along the arrows (not
 * recognised: after evaluation; withdrawn: at once), with the awards a proposal and a
 * commendation carry.
 */
export function movesTo(
  to: ReviewState,
  notes: MoveNotes,
  awards: { proposed?: Award; commended?: Award } = {},
): ReviewMove[] {
  const states: ReviewState[] =
    to === "withdrawn" ? ["withdrawn"] : to === "not_recognized" ? ["in_progress", "evaluated", "not_recognized"] : MAIN_LINE.slice(0, MAIN_LINE.indexOf(to) + 1);
  return states.map((s) => {
    const award = s === "proposed" || s === "commended" ? awards[s] : undefined;
    const note = notes[s];
    if (note === undefined) throw new Error(`demo: no note for a move to ${s}`);
    return award ? { to: s, note, award } : { to: s, note };
  });
}
