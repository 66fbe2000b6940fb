// `$${...}` first so an escaped reference is never read as a variable; the name part stops at `}`.
const referencePattern = /\$\$\{|\$\{([^}\n]*)\}/g;
const variableNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The file text with every `${NAME}` replaced by the environment variable NAME and `$${` turned into a
 * literal `${`. An unset or misspelt reference is reported once and left in the text as written, so later
 * checks show where it was instead of failing on an empty value.
 */
export function interpolateEnv(
  text: string,
  env: Record<string, string | undefined>,
): { text: string; errors: string[] } {
  const errors = new Set<string>();
  const interpolated = text.replace(referencePattern, (reference, name: string | undefined) => {
    if (name === undefined) return '${';
    if (!variableNamePattern.test(name)) {
      errors.add(`${reference}: expected an environment variable name (letters, digits, underscore)`);
      return reference;
    }
    const value = env[name];
    if (value === undefined) {
      errors.add(`${reference}: environment variable is not set`);
      return reference;
    }
    return value;
  });
  return { text: interpolated, errors: [...errors] };
}
