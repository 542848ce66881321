/**
 * Escaping for GitHub Actions workflow commands (`::error file=...,title=...::message`), the one
 * function per field kind, used for every field a command carries.
 *
 * GitHub's rules: data `%` -> `%25`, CR -> `%0D`, LF -> `%0A`; property values additionally
 * `:` -> `%3A`, `,` -> `%2C`. Other controls, bidi overrides and `##[` are then escaped as in the
 * text report (`escapeTerminal`), so an annotation shows them visibly instead of interpreting them.
 */
import { escapeTerminal } from './terminal-escape.js';

function escapeRunnerData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's message (the part after the second `::`). */
export function escapeGithubData(s: string): string {
  return escapeTerminal(escapeRunnerData(s));
}

/** A workflow command's property value (`file=`, `title=`...). */
export function escapeGithubProperty(s: string): string {
  return escapeTerminal(escapeRunnerData(s).replace(/:/g, '%3A').replace(/,/g, '%2C'));
}
