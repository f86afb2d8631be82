/** The length rule the server applies (it also checks a list of common passwords). */
export function passwordProblem(password: string): string | null {
  if (!password) return 'Enter a password';
  if ([...password].length < 12) return 'Use at least 12 characters';
  if ([...password].length > 128) return 'Use at most 128 characters';
  return null;
}
