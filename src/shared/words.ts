/**
 * Splits an identifier, property name or environment variable name into lower-case words:
 * `jwtSecret` → `jwt secret`, `JWTSecret` → `jwt secret`, `X-API-KEY` → `x api key`, `USER_PWD` →
 * `user pwd`, `oauth2ClientSecret` → `oauth2 client secret` (digits stay with their word: `password2`).
 */
export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/gu, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/gu, '$1 $2')
    .split(/[^A-Za-z0-9]+/u)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}
