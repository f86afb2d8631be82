// The template body format (care/documents/template_model.h) for the editor's preview: "# " headings,
// "> " notice lines, "- " list lines, paragraphs split by blank lines, {{placeholders}}. The server's
// rendering is what a client signs; this is only a preview while editing.
import { PLACEHOLDERS } from '../../api/documents';

export type BodyBlock = { kind: 'heading' | 'notice' | 'paragraph'; text: string };

/** Sample values the preview fills placeholders with. */
export const SAMPLE_VALUES: Record<string, string> = {
  client_name: 'Alex Sample',
  client_birth_date: '1990-01-31',
  program_name: 'Adult IOP',
  organization_name: 'Your organization',
  date: '2026-01-15',
};

export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/** Placeholders the body uses that the server does not know (saving would be refused). */
export function unknownPlaceholders(body: string): string[] {
  const known = new Set<string>(PLACEHOLDERS);
  const found = new Set<string>();
  for (const m of body.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) if (!known.has(m[1] ?? '')) found.add(m[1] ?? '');
  return [...found];
}

export function bodyBlocks(body: string, values: Record<string, string> = SAMPLE_VALUES): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  let para: string[] = [];
  let notice: string[] | null = null;
  const endPara = () => {
    if (para.length) blocks.push({ kind: 'paragraph', text: fillPlaceholders(para.join('\n'), values) });
    para = [];
  };
  const endNotice = () => {
    if (notice) blocks.push({ kind: 'notice', text: fillPlaceholders(notice.join('\n').trim(), values) });
    notice = null;
  };
  for (const raw of body.replace(/\r\n/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (line.startsWith('>')) {
      endPara();
      notice = notice ?? [];
      notice.push(line.replace(/^>\s?/, ''));
      continue;
    }
    endNotice();
    if (line.startsWith('# ')) {
      endPara();
      blocks.push({ kind: 'heading', text: fillPlaceholders(line.slice(2).trim(), values) });
    } else if (line.trim() === '') {
      endPara();
    } else {
      para.push(line);
    }
  }
  endNotice();
  endPara();
  return blocks;
}
