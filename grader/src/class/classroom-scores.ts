// Classroom's own points, from the grades CSV GitHub Classroom exports for an
// assignment (columns assignment_name, assignment_url, starter_code_url,
// github_username, roster_identifier, student_repository_name,
// student_repository_url, submission_timestamp, points_awarded,
// points_available). A student controls their repository's workflow, so those
// points can be faked: the class run is the independent regrade, and a
// difference is flagged.
import { readFileSync } from "node:fs";
import { UsageError } from "../grade/usage-error.ts";
import { csvRecords } from "./csv.ts";

export interface ClassroomScore {
  githubUsername: string;
  repository: string;
  pointsAwarded: number;
  pointsAvailable: number;
}

/** Reads a Classroom grades export; one without its score columns is refused, naming them. */
export function readClassroomScores(file: string): ClassroomScore[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new UsageError(`cannot read the Classroom grades file ${file}`);
  }
  const records = csvRecords(text);
  const needed = ["github_username", "points_awarded"];
  const missing = needed.filter((column) => records[0] && !(column in records[0]));
  if (records.length === 0 || missing.length > 0) {
    throw new UsageError(
      `${file} is not a GitHub Classroom grades export: it needs the columns ${needed.join(", ")} (missing: ${missing.join(", ") || "every row"})`,
    );
  }
  return records.map((r) => ({
    githubUsername: r.github_username ?? "",
    repository: r.student_repository_name ?? "",
    pointsAwarded: Number(r.points_awarded),
    pointsAvailable: Number(r.points_available),
  }));
}

/**
 * The Classroom row of a student's folder: named by their repository (what
 * "download repositories" names it), by their GitHub username, or ending in
 * "-username" (Classroom names a repository "<assignment>-<username>").
 */
export function classroomScoreOf(folder: string, scores: readonly ClassroomScore[]): ClassroomScore | undefined {
  const lower = folder.toLowerCase();
  return (
    scores.find((s) => s.repository.toLowerCase() === lower) ??
    scores.find((s) => s.githubUsername.toLowerCase() === lower) ??
    scores.find((s) => s.githubUsername !== "" && lower.endsWith(`-${s.githubUsername.toLowerCase()}`))
  );
}

export interface ScoreMismatch {
  classroom: number;
  classroomMax: number;
  regrade: number;
  regradeMax: number;
}

/** The difference to flag, if any: Classroom's points (or its maximum) differ from the regrade's. */
export function scoreMismatch(score: ClassroomScore | undefined, regrade: number, regradeMax: number): ScoreMismatch | undefined {
  if (!score || !Number.isFinite(score.pointsAwarded)) return undefined;
  const maxDiffers = Number.isFinite(score.pointsAvailable) && score.pointsAvailable !== regradeMax;
  if (score.pointsAwarded === regrade && !maxDiffers) return undefined;
  return { classroom: score.pointsAwarded, classroomMax: score.pointsAvailable, regrade, regradeMax };
}
