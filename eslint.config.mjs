// One lint config for the whole repo: the recommended rules plus the import boundaries
// that keep the layout honest (README, Architecture). Zero warnings: every rule is an error.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const SERVICES = 'electron/services';
/** Folders every area may import from; all other folders under services/ are areas. */
const CROSS_CUTTING = ['common', 'core'];
const areas = fs
  .readdirSync(new URL(`./${SERVICES}/`, import.meta.url), { withFileTypes: true })
  .filter(d => d.isDirectory())
  .map(d => d.name);

const electronFolder = { regex: '^(\\.\\./)+electron(/|$)', message: 'renderer/ and shared/ never import electron/.' };
const rendererFolder = { regex: '^(\\.\\./)+renderer(/|$)', message: 'shared/ never imports renderer/.' };
const nodeBuiltins = {
  regex: `^(node:|(${builtinModules
    .filter(m => !m.startsWith('_'))
    .map(m => m.replace(/[/.]/g, '\\$&'))
    .join('|')})(/|$))`,
  message: 'shared/ is pure: no Node built-ins (it runs in the renderer too).',
};
const contractFolder = { regex: '^(\\.\\./)+contract(/|$)', message: 'shared/domain never imports shared/contract (the contract imports the domain).' };
const electronModule = { name: 'electron', message: 'Services are plain Node modules: only electron/*.ts may import electron.' };
const electronModuleRenderer = { name: 'electron', message: 'The renderer talks only to its generated client.' };

/** Another area's internals: anything but its api.ts or handlers.ts (common/ and core/ are open to all). */
function otherAreas(area) {
  const open = [...CROSS_CUTTING, area].join('|');
  return {
    regex: `^\\.\\./(?!(${open})/)[\\w-]+/(?!(api|handlers)$)`,
    message: `Areas reach each other through <area>/api.ts (or handlers.ts), not each other's internals.`,
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The compiler's noUnusedLocals/noUnusedParameters own this; `_` marks a parameter a signature needs.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      // Control characters are matched on purpose: the code strips them from names, cells and XML.
      'no-control-regex': 'off',
      // Full-width spaces (U+3000) in labels and form text are deliberate typography.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipComments: true, skipRegExps: true, skipTemplates: true, skipJSXText: true }],
      // Flags harmless initial values (`let ok = false; try { ok = f() } catch {}`), not bugs.
      'no-useless-assignment': 'off',
    },
  },
  {
    files: ['electron/**/*.ts', 'test/**/*.ts', 'build/**/*.mjs', '*.mjs', 'renderer/vite.config.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    // Fakes of Electron and parsed YAML/JSON in tests are typed loosely on purpose.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', { paths: [electronModuleRenderer], patterns: [electronFolder] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronModule], patterns: [electronFolder, rendererFolder, nodeBuiltins] }],
    },
  },
  {
    files: ['shared/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronModule], patterns: [electronFolder, rendererFolder, nodeBuiltins, contractFolder] }],
    },
  },
  // Each services/<area>/ gets its own rule: 'electron' is off limits, and so are other areas' internals.
  ...areas.map(area => ({
    files: [`${SERVICES}/${area}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { paths: [electronModule], patterns: [otherAreas(area)] }] },
  })),
);
