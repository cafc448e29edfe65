import { solutionConfig } from "@course/grader/solution-config";

export default solutionConfig(import.meta.dirname);
