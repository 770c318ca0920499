/**
 * Photo upload in the renderer: the file is checked (JPEG/PNG by its bytes,
 * at most 10 MB), decoded with createImageBitmap, cropped to 4:5 and resized
 * to 376×470 (4:5 at about the width the national 任免审批表 software uses,
 * 376×460), then encoded as JPEG at quality 0.85. What is sent is a small
 * JPEG whatever the user picked.
 */
import { PHOTO_HEIGHT, PHOTO_WIDTH } from '../../../shared/contract/api';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const PHOTO_ASPECT = PHOTO_WIDTH / PHOTO_HEIGHT; // 4:5
export const JPEG_QUALITY = 0.85;

export interface Crop {
  x: number;
  y: number;
  w: number;
  h: number;
}

async function kindOf(file: Blob): Promise<'jpeg' | 'png' | null> {
  const b = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v)) return 'png';
  return null;
}

/** Checks and decodes the chosen file; throws an Error with a Chinese message. */
export async function readPhotoFile(file: File): Promise<ImageBitmap> {
  if (file.size > MAX_UPLOAD_BYTES) {
    throw new Error(`照片文件过大（${(file.size / 1024 / 1024).toFixed(1)} MB），请选择不超过 10 MB 的 JPEG 或 PNG 图片`);
  }
  if (!(await kindOf(file))) throw new Error(`「${file.name}」不是 JPEG 或 PNG 图片，请选择照片文件（.jpg、.png）`);
  try {
    return await createImageBitmap(file);
  } catch {
    throw new Error(`无法读取图片「${file.name}」，文件可能已损坏`);
  }
}

/** The largest 4:5 box centred in a w×h image. */
export function centreCrop(w: number, h: number): Crop {
  const cw = Math.min(w, h * PHOTO_ASPECT);
  const ch = cw / PHOTO_ASPECT;
  return { x: (w - cw) / 2, y: (h - ch) / 2, w: cw, h: ch };
}

/** Keeps a crop inside the image. */
export function clampCrop(c: Crop, w: number, h: number): Crop {
  const cw = Math.min(c.w, w, h * PHOTO_ASPECT);
  const ch = cw / PHOTO_ASPECT;
  return { w: cw, h: ch, x: Math.min(Math.max(0, c.x), w - cw), y: Math.min(Math.max(0, c.y), h - ch) };
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Crops, resizes to 376×470 on white (a PNG may be transparent) and encodes JPEG 0.85; returns base64. */
export async function encodePhoto(image: CanvasImageSource, crop: Crop): Promise<string> {
  const canvas = document.createElement('canvas');
  canvas.width = PHOTO_WIDTH;
  canvas.height = PHOTO_HEIGHT;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('无法处理图片（画布不可用）');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, PHOTO_WIDTH, PHOTO_HEIGHT);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(image, crop.x, crop.y, crop.w, crop.h, 0, 0, PHOTO_WIDTH, PHOTO_HEIGHT);
  const blob = await new Promise<Blob | null>(resolve => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
  if (!blob) throw new Error('无法生成照片（JPEG 编码失败）');
  return toBase64(new Uint8Array(await blob.arrayBuffer()));
}
