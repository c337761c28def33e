// Types of the import-layer rule (plain JS so eslint.config.js loads it without a TypeScript loader).
import type { Rule } from 'eslint';

declare const importLayers: Rule.RuleModule;
export default importLayers;
