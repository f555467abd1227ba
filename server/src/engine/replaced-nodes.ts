import type { Nodes, Root } from 'mdast';

/**
 * The nodes of chunks an edit replaced, by their text, for the chunks parsed in their place to
 * take back. A chunk holds a few dozen list items or blocks; an edit changes one of them, but
 * parsing the chunk again makes every one a new node, and what the analyses keep by node (blocks,
 * sentences' facts, records readings, page counts) would be read again for all of them. A new
 * node that is, but for where it stands, the old one (the same keys in the same order, the same
 * values, positions moved alike) is replaced by the old node, given the new one's positions and
 * values: the tree is the very tree the parse gave, only with the old objects in it.
 */
export class ReplacedNodes {
  /** The replaced chunks' nodes by their source text. */
  private readonly byText = new Map<string, Offered[]>();

  /** Offers the nodes of a chunk that is no longer kept: `text` is its source and `offset` where its positions count from. */
  add(root: Root, text: string, offset: number): void {
    for (const node of root.children) {
      const offered = this.offer(node, null, text, offset);
      if (node.type === 'list' || node.type === 'table') for (const child of node.children) offered.parts.push(this.offer(child, offered, text, offset));
    }
  }

  /** Puts replaced nodes in place of the nodes of `root` (a fresh parse of `text`, positions counted from `offset`) that they equal. */
  takeBack(root: Root, text: string, offset: number): void {
    if (!this.byText.size) return;
    const { children } = root;
    for (let i = 0; i < children.length; i++) {
      const node = children[i];
      const old = this.take(node, text, offset);
      if (old) children[i] = old as typeof node;
      else if (node.type === 'list' || node.type === 'table') this.takeBackAmong(node.children, text, offset);
    }
  }

  private takeBackAmong(nodes: Nodes[], text: string, offset: number): void {
    for (let i = 0; i < nodes.length; i++) nodes[i] = this.take(nodes[i], text, offset) ?? nodes[i];
  }

  /** The unused replaced node that `node` equals, made alike to it; it and the nodes it holds or is held by serve no more. */
  private take(node: Nodes, text: string, offset: number): Nodes | null {
    const found = this.byText.get(sourceOf(node, text, offset))?.find((o) => !o.used && sameBut(node, o.node));
    if (!found) return null;
    found.used = true;
    if (found.whole) found.whole.used = true;
    for (const part of found.parts) part.used = true;
    becomeAlike(found.node, node);
    return found.node;
  }

  private offer(node: Nodes, whole: Offered | null, text: string, offset: number): Offered {
    const offered: Offered = { node, whole, parts: [], used: false };
    const key = sourceOf(node, text, offset);
    const same = this.byText.get(key);
    if (same) same.push(offered);
    else this.byText.set(key, [offered]);
    return offered;
  }
}

/** A replaced node: a block, or an item or row of a list or table (`whole`), which holds its items or rows (`parts`). */
interface Offered {
  node: Nodes;
  whole: Offered | null;
  parts: Offered[];
  used: boolean;
}

function sourceOf(node: Nodes, text: string, offset: number): string {
  return text.slice((node.position?.start.offset ?? 0) - offset, (node.position?.end.offset ?? 0) - offset);
}

/** Whether `old` is `node` as parsed where it stood: the same but for positions, which differ by one offset and line throughout. */
function sameBut(node: Nodes, old: Nodes): boolean {
  const [now, then] = [node.position?.start, old.position?.start];
  if (!now || !then) return false;
  return alike(node, old, (now.offset ?? 0) - (then.offset ?? 0), now.line - then.line);
}

function alike(a: unknown, b: unknown, dOffset: number, dLine: number): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (!alike(a[i], other[i], dOffset, dLine)) return false;
    return true;
  }
  const keys = Object.keys(a);
  const otherKeys = Object.keys(b);
  if (keys.length !== otherKeys.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key !== otherKeys[i]) return false;
    const [x, y] = [(a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]];
    if (key === 'position' ? !movedAlike(x as Nodes['position'], y as Nodes['position'], dOffset, dLine) : !alike(x, y, dOffset, dLine)) return false;
  }
  return true;
}

function movedAlike(a: Nodes['position'], b: Nodes['position'], dOffset: number, dLine: number): boolean {
  if (!a || !b) return a === b;
  return [[a.start, b.start], [a.end, b.end]].every(
    ([p, q]) => p.column === q.column && p.line - q.line === dLine && (p.offset ?? 0) - (q.offset ?? 0) === dOffset && (p.offset === undefined) === (q.offset === undefined),
  );
}

/**
 * Gives `old` the positions and string values of `node`, which it equals: the strings of a fresh
 * parse are slices of the chunk kept now, and the old ones would keep the replaced chunk's text alive.
 */
function becomeAlike(old: Nodes, node: Nodes): void {
  const target = old as unknown as Record<string, unknown>;
  const source = node as unknown as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (key === 'position') {
      const [p, q] = [old.position!, node.position!];
      Object.assign(p.start, q.start);
      Object.assign(p.end, q.end);
    } else if (key === 'children') {
      const children = value as Nodes[];
      const oldChildren = target.children as Nodes[];
      for (let i = 0; i < children.length; i++) becomeAlike(oldChildren[i], children[i]);
    } else if (typeof value === 'string') {
      target[key] = value;
    }
  }
}
