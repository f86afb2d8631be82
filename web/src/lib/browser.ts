// Whole-page navigation, in one place so tests can replace it (jsdom cannot navigate).
export const browser = {
  /** Loads the app afresh at `path`: every bit of in-memory state from the previous page is dropped. */
  reloadTo(path: string): void {
    window.location.replace(path);
  },
};

/** Offers `text` as a file download (no storage involved: a short-lived object URL). */
export function downloadText(filename: string, text: string): void {
  const blob = new Blob([text], { type: 'text/plain;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Offers a file the server sent (a PDF or CSV) as a download, through a short-lived object URL. */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
