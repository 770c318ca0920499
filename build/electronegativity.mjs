#!/usr/bin/env node
/**
 * Electronegativity (Doyensec's Electron security scanner) over the main-process
 * sources (electron/, TypeScript) and the built renderer (dist/renderer), in one
 * pass so its global checks (navigation limits, permission handler, CSP) see
 * both halves of the app. Offline: the scanner's two network calls (fetching
 * translations, and Electron release notes for AVAILABLE_SECURITY_FIXES, which
 * is therefore excluded) are stubbed, and any socket this process opens fails.
 *
 * Every finding must be fixed or listed in build/electronegativity-suppressions.json
 * as { check, file, reason } with a written reason; otherwise exit 1.
 *
 *   node build/electronegativity.mjs          (after `npm run build`)
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCANNED = ['electron', 'dist/renderer'];
const SUPPRESSIONS = path.join(ROOT, 'build/electronegativity-suppressions.json');
const EXCLUDED = ['AvailableSecurityFixesGlobalCheck']; // needs github.com; the Electron version is pinned and reviewed by hand
const ELECTRON_VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version;

// No network, whatever the scanner or its dependencies try.
const offline = () => {
  throw new Error('electronegativity.mjs runs offline');
};
http.request = http.get = https.request = https.get = offline;
net.Socket.prototype.connect = offline;
const require = createRequire(import.meta.url);
const scannerPath = require.resolve('@doyensec/electronegativity');
const gotPath = createRequire(scannerPath).resolve('got');
const noGot = Object.assign(() => Promise.reject(new Error('offline')), { head: () => Promise.reject(new Error('offline')) });
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: noGot };
const run = require(scannerPath);

for (const dir of SCANNED) {
  if (!fs.existsSync(path.join(ROOT, dir))) {
    console.error(`electronegativity: ${dir} is missing (run npm run build first)`);
    process.exit(2);
  }
}
// One folder holding both halves under their repository paths, so findings name real files.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-electronegativity-'));
for (const dir of SCANNED) fs.cpSync(path.join(ROOT, dir), path.join(work, dir), { recursive: true });

const log = console.log;
console.log = (...a) => (String(a[0]).startsWith('Could not retrieve updated translations') ? undefined : log(...a));
let result;
try {
  result = await run({
    input: work,
    isRelative: true,
    customScan: [],
    excludeFromScan: EXCLUDED,
    electronVersionOverride: ELECTRON_VERSION,
    parserPlugins: [],
  });
} finally {
  console.log = log;
  fs.rmSync(work, { recursive: true, force: true });
}

const suppressions = JSON.parse(fs.readFileSync(SUPPRESSIONS, 'utf8'));
const bad = suppressions.filter(s => typeof s.check !== 'string' || typeof s.file !== 'string' || typeof s.reason !== 'string' || s.reason.trim().length < 20);
if (bad.length) {
  console.error(`electronegativity: suppressions need check, file and a written reason (20+ characters): ${JSON.stringify(bad)}`);
  process.exit(1);
}
const used = new Set();
const open = [];
for (const issue of result.issues) {
  const file = issue.file.split(path.sep).join('/');
  const at = `${file}:${issue.location.line}:${issue.location.column}`;
  const k = suppressions.findIndex(s => s.check === issue.id && s.file === file);
  const line = `${issue.id} (${issue.severity.name}, ${issue.confidence.name}${issue.manualReview ? ', review' : ''}) ${at}`;
  if (k >= 0) {
    used.add(k);
    console.log(`  suppressed  ${line}\n              ${suppressions[k].reason}`);
  } else {
    open.push(line);
    console.log(`  FINDING     ${line}\n              ${issue.description} ${issue.shortenedURL ?? ''}`);
  }
}
for (const e of result.errors) console.log(`  ${e.tolerable ? 'note' : 'PARSE ERROR'}  ${e.file}: ${e.message}`);
suppressions.forEach((s, k) => {
  if (!used.has(k)) console.log(`  stale suppression (no longer found, remove it): ${s.check} ${s.file}`);
});
const parseErrors = result.errors.filter(e => !e.tolerable);
console.log(
  `electronegativity ${require('@doyensec/electronegativity/package.json').version}: ${result.atomicChecks} atomic + ${result.globalChecks} global checks over ${SCANNED.join(', ')} (Electron ${ELECTRON_VERSION}); ` +
    `${result.issues.length} finding(s), ${result.issues.length - open.length} suppressed, ${open.length} open, ${parseErrors.length} parse error(s)`,
);
process.exit(open.length || parseErrors.length ? 1 : 0);
