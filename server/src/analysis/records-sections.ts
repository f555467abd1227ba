import type { ListItem } from 'mdast';
import { sameItems } from '../engine/memo.js';
import { type Block, type ReportModel, type Section, blocksIn } from '../engine/model.js';

/** An outermost Records Reviewed section, its blocks, and the blocks of each list item in it. */
export interface RecordsSection {
  section: Section;
  blocks: Block[];
  /** Each list item's blocks in order (the first gives its list), items in the order their first block stands. */
  items: Map<ListItem, Block[]>;
}

/** The outermost Records Reviewed sections, read once per lint: the page counts and the records list both walk them. */
export function recordsSections(model: ReportModel): RecordsSection[] {
  const cached = model.cache.get('records-sections') as RecordsSection[] | undefined;
  if (cached) return cached;
  const sections = model.sections
    .filter((s) => s.kinds.includes('records') && !hasRecordsAncestor(s))
    .map((section) => {
      const blocks = blocksIn(model, section);
      return { section, blocks, items: keptItemBlocks(blocks) };
    });
  model.cache.set('records-sections', sections);
  return sections;
}

function hasRecordsAncestor(section: Section): boolean {
  for (let s = section.parent; s; s = s.parent) if (s.kinds.includes('records')) return true;
  return false;
}

/** Whether the item holds a nested list: it names a group of records and is no entry itself. */
export function holdsList(item: ListItem): boolean {
  const { children } = item;
  for (let i = 0; i < children.length; i++) if (children[i].type === 'list') return true;
  return false;
}

/**
 * The blocks of each list item of a records section, the last lint's while its blocks are the same
 * (the model keeps a block with its node, and a kept node stays in its item): kept by its first
 * block. A records list has thousands of items, and an edit elsewhere would group them all anew.
 */
const itemsOfSection = new WeakMap<Block, { blocks: readonly Block[]; items: Map<ListItem, Block[]> }>();

function keptItemBlocks(blocks: readonly Block[]): Map<ListItem, Block[]> {
  if (!blocks.length) return itemBlocks(blocks);
  const kept = itemsOfSection.get(blocks[0]);
  if (kept && sameItems(kept.blocks, blocks)) return kept.items;
  const items = itemBlocks(blocks);
  itemsOfSection.set(blocks[0], { blocks, items });
  return items;
}

/** The blocks of each list item among `blocks` (table rows aside: a cell's list is not the row's). */
export function itemBlocks(blocks: readonly Block[]): Map<ListItem, Block[]> {
  const items = new Map<ListItem, Block[]>();
  let last: ListItem | null = null;
  let lastBlocks: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    if (!block.list || block.type === 'tableRow') continue;
    const { item } = block.list;
    // An item's blocks mostly stand together: the map is asked only when the item changes.
    if (item === last) {
      lastBlocks.push(block);
      continue;
    }
    let group = items.get(item);
    if (group) group.push(block);
    else items.set(item, (group = [block]));
    last = item;
    lastBlocks = group;
  }
  return items;
}
