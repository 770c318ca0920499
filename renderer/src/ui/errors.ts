/** The one way a failure becomes text: the server's Chinese message (ApiError), else the error's own. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
