// Content-Disposition for a download whose name has Latvian letters (RFC 6266 / RFC 5987).

export function attachment(fileName: string): string {
  return disposition('attachment', fileName);
}

/** Shown in the browser, but saved under its own name. */
export function inline(fileName: string): string {
  return disposition('inline', fileName);
}

function disposition(kind: 'attachment' | 'inline', fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/[^\x20-\x7e]/gu, '_')
    .replace(/["\\]/gu, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
