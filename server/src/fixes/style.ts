/** The code style of a file, so that inserted code looks like the user's own. */
export interface CodeStyle {
  quote: "'" | '"';
  semicolons: boolean;
  indent: string;
  eol: string;
}

export function detectStyle(text: string): CodeStyle {
  const singles = (text.match(/'[^'\n\\]*'/g) ?? []).length;
  const doubles = (text.match(/"[^"\n\\]*"/g) ?? []).length;
  const statementEnds = text.match(/[)\]'"`\w]\s*;[ \t]*(\r?\n|$)/g)?.length ?? 0;
  const bareEnds = text.match(/[)\]'"`\w][ \t]*\r?\n[ \t]*(const|let|var|return|await|module|export|import)\b/g)?.length ?? 0;
  const indents = [...text.matchAll(/^([ \t]+)\S/gm)].map((m) => m[1]);
  let indent = '  ';
  if (indents.some((i) => i.startsWith('\t'))) indent = '\t';
  else {
    const widths = indents.map((i) => i.length).filter((w) => w > 0);
    const min = widths.length ? Math.min(...widths) : 2;
    indent = ' '.repeat(min === 4 || min === 2 ? min : 2);
  }
  return {
    quote: doubles > singles ? '"' : "'",
    semicolons: statementEnds >= bareEnds,
    indent,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}

export function quoted(value: string, style: CodeStyle): string {
  const q = style.quote;
  return q + value.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), '\\' + q).replace(/\n/g, '\\n') + q;
}

/** The indentation of the line an offset is on. */
export function indentationAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}
