import { exerciseConfig } from "@course/testkit/config";

export default exerciseConfig(import.meta.dirname);
