/** The message next to a form field; nothing when the field is fine. */
export function FieldError({ message, testId }: { message?: string; testId: string }) {
  if (!message) return null
  return (
    <p role="alert" data-testid={testId} className="mt-1 text-xs text-rose-400">
      {message}
    </p>
  )
}
