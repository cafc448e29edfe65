/** Names the exercise whose reference is mutated, for the vitest config inside Stryker's sandbox. */
export const MUTATION_EXERCISE_ENV = "COURSE_MUTATION_EXERCISE";
