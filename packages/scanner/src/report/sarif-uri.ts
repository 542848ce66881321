/**
 * SARIF `artifactLocation.uri` for a scan-relative path: a relative URI reference (RFC 3986) with
 * every path segment percent-encoded (UTF-8), `/` kept as the separator. Spaces, `#`, `?`, `%`,
 * `:`, non-ASCII and control characters are encoded, so a viewer resolves the file the finding is
 * in and nothing else. Lone surrogates (not valid UTF-16) are encoded as U+FFFD.
 */
export function sarifUri(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(wellFormed(segment)))
    .join('/');
}

function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}
