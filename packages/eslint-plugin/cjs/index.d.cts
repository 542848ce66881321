/** Types of the CommonJS entry: the same plugin object as the ESM default export. */
import type { KeylessPlugin } from '../dist/src/index.js';

declare const plugin: KeylessPlugin;
export = plugin;
