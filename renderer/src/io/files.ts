/**
 * Files in and out of the page. The renderer never names a file-system path:
 * uploads are {name, base64} read from a chosen File, downloads are blobs.
 */

/** Reads a chosen file as base64 (without the data: prefix). */
export function readFileBase64(file: File): Promise<{ name: string; base64: string }> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      const comma = url.indexOf(',');
      resolve({ name: file.name, base64: comma >= 0 ? url.slice(comma + 1) : '' });
    };
    reader.onerror = () => reject(new Error(`无法读取文件「${file.name}」`));
    reader.readAsDataURL(file);
  });
}

/** Offers base64 bytes as a download named fileName (a blob: link; the shell shows the save dialog). */
export function downloadBase64(fileName: string, base64: string, mime = 'application/octet-stream'): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
