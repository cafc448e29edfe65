export { exerciseConfig, exerciseTestOptions, SRC_DIRS_ENV } from "./exercise-config.ts";
export { createSrcChain, givenFiles, resolveInChain, type SrcChain } from "./src-chain.ts";
export { TAMPERING } from "../setup/tampering.ts";
