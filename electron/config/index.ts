export { ConfigSchema, type Config, type ConfigInput } from './schema';
export {
  ConfigError,
  EMBEDDED_DEFAULT,
  configCandidates,
  databaseToAdopt,
  loadConfig,
  manifestDirOf,
  warehouseConnectionOf,
  parseConfig,
  readConfigFile,
  type LoadedConfig,
} from './load';
export {
  currentEnvironment,
  dataDir,
  machineConfigPath,
  perMachineInstall,
  userConfigPath,
  userDataDir,
  type Environment,
} from './paths';
export { maskSecrets } from './mask';
export { RULE_KEYS, parseRule, applyRules, type RuleKey } from './rules';
export { writeDeviceChange, type DeviceChange } from './edit';
