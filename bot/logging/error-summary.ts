/** What a log line may say about an error: its name, a bounded message and the stack, never the input that caused it. */
export function errorSummary(error: unknown): { name: string; message: string; stack?: string } {
  if (error instanceof Error) return { name: error.name, message: error.message.slice(0, 500), stack: error.stack };
  return { name: 'NonError', message: String(error).slice(0, 200) };
}
