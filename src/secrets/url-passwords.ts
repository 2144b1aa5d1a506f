/**
 * Passwords in the userinfo of URLs (`ws://user:password@host`). A URL can reach a report from a step's
 * text, from `--target` or `WSBDD_TARGET`, from world parameters and from error messages that quote it;
 * the password is masked wherever such a URL is written, whether or not wsbdd has seen it before.
 */

/** scheme://user: then the password, up to the `@` that ends the userinfo. */
const URL_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:"'<>\\]*:([^\s/?#@"'<>\\]+)@/gi;

/** The ranges [start, end) of `text` that hold the password of a URL, in order. */
export function urlPasswordRanges(text: string): Array<[number, number]> {
  // Most text holds no URL at all: skip the scan.
  if (!text.includes('://')) return [];
  const ranges: Array<[number, number]> = [];
  for (const match of text.matchAll(URL_PASSWORD)) {
    const password = match[1] ?? '';
    const end = match.index + match[0].length - 1;
    ranges.push([end - password.length, end]);
  }
  return ranges;
}

/** The passwords of the URLs in `text`, as written and percent-decoded (the client sends the decoded one). */
export function urlPasswords(text: string): string[] {
  const passwords: string[] = [];
  for (const [start, end] of urlPasswordRanges(text)) {
    const written = text.slice(start, end);
    passwords.push(written);
    try {
      const decoded = decodeURIComponent(written);
      if (decoded !== written) passwords.push(decoded);
    } catch {
      // A malformed escape: the password as written is all there is to mask.
    }
  }
  return passwords;
}
