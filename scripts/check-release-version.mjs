#!/usr/bin/env node
// Usage: node scripts/check-release-version.mjs v0.1.0
// Exits 1 (one line on stderr) unless the tag is v<version> of both published packages, and the
// versions agree, and CHANGELOG.md has a section for that version.
import { readFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const tag = process.argv[2] ?? '';
const versionOf = (dir) => JSON.parse(readFileSync(new URL(`packages/${dir}/package.json`, root), 'utf8')).version;
const versions = { '@keyless/scanner': versionOf('scanner'), '@keyless/eslint-plugin': versionOf('eslint-plugin') };
const fail = (message) => {
  process.stderr.write(`check-release-version: ${message}\n`);
  process.exit(1);
};
const [first, ...rest] = Object.values(versions);
if (rest.some((v) => v !== first)) fail(`the packages' versions differ: ${JSON.stringify(versions)}`);
if (tag !== `v${first}`) fail(`tag '${tag}' is not v${first}, the packages' version`);
const changelog = readFileSync(new URL('CHANGELOG.md', root), 'utf8');
if (!changelog.split('\n').some((line) => line.startsWith(`## ${first} `) || line === `## ${first}`)) {
  fail(`CHANGELOG.md has no '## ${first}' section`);
}
process.stdout.write(`releasing ${first}\n`);
