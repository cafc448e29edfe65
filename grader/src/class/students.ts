// The students of a class: one folder each under the class folder (what
// GitHub Classroom's "download repositories" produces), and the shard of them
// one job grades.
import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../grade/usage-error.ts";

interface Student {
  /** The student's folder name: the first column of grades.csv, and how they are named everywhere. */
  name: string;
  dir: string;
}

/** Every folder under `classDir` (hidden ones aside), sorted by name. */
export function listStudents(classDir: string): Student[] {
  const dir = path.resolve(classDir);
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error("not a folder");
    names = readdirSync(dir);
  } catch {
    throw new UsageError(`no such class folder: ${classDir} (give the folder holding one folder per student)`);
  }
  const students = names
    .filter((name) => !name.startsWith(".") && statSync(path.join(dir, name)).isDirectory())
    .sort()
    .map((name) => ({ name, dir: path.join(dir, name) }));
  if (students.length === 0)
    throw new UsageError(`${classDir} holds no student folders (one folder per student, each a repository or laid out like exercises/)`);
  return students;
}

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** "2/4" → { index: 2, count: 4 }; anything else is refused with the expected form. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard must be i/n with 1 ≤ i ≤ n, e.g. --shard 2/4 (got ${text})`);
  return { index, count };
}

/**
 * The shard a student belongs to, by a digest of their name alone: stable
 * whatever other students are added or removed, and the same on every machine
 * of a matrix.
 */
export function shardOf(name: string, count: number): number {
  return (createHash("sha256").update(name).digest().readUInt32BE(0) % count) + 1;
}

export const inShard = (students: readonly Student[], shard: Shard | undefined) =>
  shard ? students.filter((s) => shardOf(s.name, shard.count) === shard.index) : [...students];
