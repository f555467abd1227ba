import type { Root } from 'mdast';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { type Processor, unified } from 'unified';

/**
 * GitHub Markdown without autolink literals: a bare URL or e-mail address reads as the same
 * prose either way, and finding them costs a third of the parse on a long report.
 */
function gfmWithoutAutolinks(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown());
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(gfmWithoutAutolinks);

/** Markdown text to mdast, with YAML front matter and GFM tables; positions are offsets into `text`. */
export function parseMarkdown(text: string): Root {
  return processor.parse(limitNesting(text));
}

// remark's time grows steeply with container depth (2,000 nested list markers on one line
// take seconds, 1,000 indented levels nearly a minute). No report nests this deep.
const MAX_CONTAINERS = 24;
export const MAX_INDENT = 96;
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?)+|^[ \t]+/gm;
/** Same length as the character it replaces, not Markdown syntax, so offsets carry over. */
const INERT = '\u2007';

/**
 * Turns container markers past the limit into inert characters of the same length, so the
 * parser sees a shallow document and every offset still points at the author's text.
 */
export function limitNesting(text: string): string {
  return text.replace(CONTAINER_PREFIX, (prefix) => {
    if (prefix.length <= MAX_INDENT && countContainers(prefix) <= MAX_CONTAINERS) return prefix;
    let containers = 0;
    let cut = 0;
    while (cut < prefix.length && cut < MAX_INDENT) {
      if (prefix[cut] === '>' || /[-*+]/.test(prefix[cut]) || (/\d/.test(prefix[cut]) && !/\d/.test(prefix[cut - 1] ?? ''))) {
        if (++containers > MAX_CONTAINERS) break;
      }
      cut++;
    }
    return prefix.slice(0, cut) + INERT.repeat(prefix.length - cut);
  });
}

function countContainers(prefix: string): number {
  return (prefix.match(/>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)/g) ?? []).length;
}
