import type { DefaultTreeAdapterTypes } from 'parse5';

export type Element = DefaultTreeAdapterTypes.Element;
type ParentNode = DefaultTreeAdapterTypes.ParentNode;

/**
 * Visits every element of a parse5 tree in document order, `<template>` contents included.
 * Iterative, so a hostile page nested ten thousand levels deep cannot overflow the stack.
 */
export function forEachElement(root: ParentNode, visit: (element: Element) => void): void {
  const pending: DefaultTreeAdapterTypes.Node[] = [...root.childNodes].reverse();
  while (pending.length) {
    const node = pending.pop()!;
    if (!('tagName' in node)) continue;
    visit(node);
    const children =
      node.tagName === 'template' ? (node as DefaultTreeAdapterTypes.Template).content.childNodes : node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]!);
  }
}

/** The concatenated text children of an element (what a `<style>` holds). */
export function ownText(element: Element): string {
  return element.childNodes
    .map((child) => (child.nodeName === '#text' ? (child as DefaultTreeAdapterTypes.TextNode).value : ''))
    .join('');
}
