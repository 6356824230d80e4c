/**
 * Remove passages of a secret prompt from model output. A page may talk a model into echoing
 * its instructions; this keeps them out of the stored report whatever the model does.
 */
export function redactPromptLeaks(
  output: string,
  secrets: string[],
): { text: string; redacted: boolean } {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  let text = output;
  let redacted = false;
  for (const secret of secrets) {
    // Sentences (and line pieces) long enough to be distinctive.
    const pieces = norm(secret)
      .split(/(?<=[.:!?])\s+/)
      .map((p) => p.trim())
      .filter((p) => p.length >= 25);
    for (const piece of pieces) {
      const pattern = new RegExp(
        piece
          .slice(0, 60)
          .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          .replace(/\s+/g, '\\s+'),
        'gi',
      );
      if (pattern.test(text)) {
        redacted = true;
        // A long sentence was matched by its start: drop the rest of it too.
        const tail = piece.length > 60 ? '[^.!?\\n]*[.!?]?' : '';
        text = text.replace(new RegExp(`${pattern.source}${tail}`, 'gi'), '[redacted]');
      }
    }
  }
  return { text, redacted };
}
