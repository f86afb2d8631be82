import { Paper, Stack, Text, Title } from '@mantine/core';
import './documents.css';

export type TextSection = { kind: 'heading' | 'notice' | 'paragraph'; text: string };

/**
 * The server's plain text of a document (pdf::PlainText: sections split by blank lines, "# " headings,
 * notices between "----" lines) as sections. Only the presentation changes: every word stays.
 */
export function textSections(text: string): TextSection[] {
  const out: TextSection[] = [];
  for (const raw of text.replace(/\r\n/g, '\n').split(/\n{2,}/)) {
    const part = raw.replace(/^\n+|\n+$/g, '');
    if (!part) continue;
    if (part.startsWith('# ') && !part.includes('\n')) out.push({ kind: 'heading', text: part.slice(2) });
    else if (part.startsWith('----\n') && part.endsWith('\n----')) out.push({ kind: 'notice', text: part.slice(5, -5) });
    else out.push({ kind: 'paragraph', text: part });
  }
  return out;
}

/** A document's text as signed or to be signed, with its headings and notices shown as such. */
export function DocumentText({ text, size = 'sm', testId }: { text: string; size?: 'sm' | 'lg'; testId?: string }) {
  return (
    <Stack gap={size === 'lg' ? 'md' : 'xs'} data-testid={testId}>
      {textSections(text).map((s, i) =>
        s.kind === 'heading' ? (
          <Title key={i} order={3} fz={size === 'lg' ? 22 : 16}>
            {s.text}
          </Title>
        ) : s.kind === 'notice' ? (
          <Paper key={i} withBorder p="sm" bg="gray.0">
            <Text fz={size} className="sw-document-text">
              {s.text}
            </Text>
          </Paper>
        ) : (
          <Text key={i} fz={size} className="sw-document-text">
            {s.text}
          </Text>
        ),
      )}
    </Stack>
  );
}
