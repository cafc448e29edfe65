export { loadConfigs } from "./load-configs.ts";
export { saveAll } from "./save-all.ts";
export { pause } from "./pause.ts";
