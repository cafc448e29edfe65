import { solutionConfig } from "@course/testkit/config";

export default solutionConfig(import.meta.dirname);
