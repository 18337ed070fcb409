// Reads a PDF's text back, page by page, with pdfjs-dist (Mozilla's PDF reader; its legacy build runs
// in Node): what a reader of the file would find, not what the page meant to print.
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  // pdfjs 5 calls Promise.withResolvers (Node 22); Node 20 lacks it: the standard's own definition.
  (Promise as unknown as { withResolvers?: unknown }).withResolvers ??= function withResolvers<T>() {
    let resolve!: (v: T) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<T>((ok, ko) => ((resolve = ok), (reject = ko)));
    return { promise, resolve, reject };
  };
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: bytes, useSystemFonts: true });
  const doc = await task.promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    // Runs of one line are joined as they are; a line break becomes a space.
    const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : '')).join('');
    pages.push(text.replace(/\s+/g, ' '));
  }
  await task.destroy();
  return pages;
}
