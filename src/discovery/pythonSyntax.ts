// Small helpers over the @lezer/python syntax tree.

import type { SyntaxNode } from '@lezer/common';

export function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) out.push(child);
  return out;
}

/** `a`, `a.b.c` as a dotted path; null for any other expression. */
export function dottedPath(node: SyntaxNode, text: string): string | null {
  if (node.name === 'VariableName') return text.slice(node.from, node.to);
  if (node.name === 'MemberExpression') {
    const object = node.firstChild;
    const property = node.lastChild;
    if (!object || !property || property.name !== 'PropertyName') return null;
    const head = dottedPath(object, text);
    return head === null ? null : `${head}.${text.slice(property.from, property.to)}`;
  }
  return null;
}

export interface Argument {
  /** The keyword name node, or null for a positional argument. */
  keyword: SyntaxNode | null;
  /** The value expression (may be null while typing: `f(x=)`). */
  value: SyntaxNode | null;
  /** `*args` / `**kwargs`. */
  unpacked: boolean;
}

/** The arguments of an ArgList node, tolerating error nodes. */
export function callArguments(argList: SyntaxNode): Argument[] {
  const args: Argument[] = [];
  let keyword: SyntaxNode | null = null;
  let afterAssign = false;
  let unpacked = false;
  for (let child = argList.firstChild; child; child = child.nextSibling) {
    const name = child.name;
    // Comments may sit anywhere between the parentheses (`Schedule(  # nightly`): they are not arguments.
    if (name === '(' || name === ')' || name === 'Comment' || child.type.isError) continue;
    if (name === ',') {
      if (keyword && afterAssign) args.push({ keyword, value: null, unpacked: false });
      keyword = null;
      afterAssign = false;
      unpacked = false;
      continue;
    }
    if (name === '*' || name === '**') {
      unpacked = true;
      continue;
    }
    if (name === 'AssignOp' && keyword === null) {
      continue; // `=` without a name before it: broken code, ignore
    }
    if (name === 'VariableName' && !afterAssign && !unpacked && child.nextSibling?.name === 'AssignOp') {
      keyword = child;
      afterAssign = true;
      child = child.nextSibling; // skip `=`
      continue;
    }
    args.push({ keyword: afterAssign ? keyword : null, value: child, unpacked });
    keyword = null;
    afterAssign = false;
    unpacked = false;
  }
  if (keyword && afterAssign) args.push({ keyword, value: null, unpacked: false });
  return args;
}

/** Offset of the closing parenthesis of an ArgList, or its end while the call is unclosed. */
export function argListEnd(argList: SyntaxNode): number {
  const last = argList.lastChild;
  return last && last.name === ')' ? last.from : argList.to;
}
