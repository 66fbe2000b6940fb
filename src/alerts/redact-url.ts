/**
 * A target URL fit for a message: user info (`user:password@`) removed. Issue 17 brings the
 * project-wide redaction; this is the part alerts cannot ship without.
 */
export function redactUrl(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  if (parsed.username === '' && parsed.password === '') return url;
  parsed.username = '';
  parsed.password = '';
  return parsed.toString();
}
