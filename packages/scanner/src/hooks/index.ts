/** Git hook integration: `keyless install-hook`. */
export {
  installHook,
  defaultKeylessBin,
  HookInstallError,
  type HookAction,
  type InstallHookOptions,
  type InstallHookResult,
} from './install-hook.js';
export { hookScript, shellQuote, HOOK_MARKER, type HookScriptOptions } from './hook-script.js';
