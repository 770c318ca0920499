/**
 * Chooses the 4:5 part of a picture to keep: the crop box starts centred and
 * as large as the picture allows; drag it (or move it with the arrow keys) and
 * make it smaller with the slider. 确定 hands the crop (in image pixels) back.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Dialog } from '../ui/Dialog';
import { centreCrop, clampCrop, type Crop } from './photo';

const VIEW = 420; // the preview fits in VIEW × VIEW css px

export function PhotoCropper({ image, onDone, onCancel, busy }: { image: ImageBitmap; onDone: (crop: Crop) => void; onCancel: () => void; busy?: boolean }) {
  const scale = Math.min(VIEW / image.width, VIEW / image.height, 1);
  const viewW = Math.round(image.width * scale);
  const viewH = Math.round(image.height * scale);
  const max = centreCrop(image.width, image.height);
  const [crop, setCrop] = useState<Crop>(max);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drag = useRef<{ x: number; y: number; crop: Crop } | null>(null);
  const okButton = useRef<HTMLButtonElement>(null);

  useLayoutEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (ctx) ctx.drawImage(image, 0, 0, viewW, viewH);
  }, [image, viewW, viewH]);
  useEffect(() => okButton.current?.focus(), []);

  const move = (dx: number, dy: number, from = crop) => setCrop(clampCrop({ ...from, x: from.x + dx, y: from.y + dy }, image.width, image.height));
  const zoom = (fraction: number) => {
    const w = max.w * fraction;
    const h = max.h * fraction;
    setCrop(c => clampCrop({ x: c.x + (c.w - w) / 2, y: c.y + (c.h - h) / 2, w, h }, image.width, image.height));
  };

  return (
    <Dialog title="裁剪照片" onClose={onCancel} className="pc-dialog">
      <p className="pc-help">拖动方框选择要保留的部分（也可用方向键移动），滑块调整大小。照片按 4:5 裁剪，保存为 376×470 像素的 JPEG。</p>
      <div className="pc-stage" style={{ width: viewW, height: viewH }}>
        <canvas ref={canvas} width={viewW} height={viewH} />
        <div
          className="pc-box"
          role="slider"
          tabIndex={0}
          aria-label="裁剪范围"
          aria-valuetext={`左 ${Math.round(crop.x)}，上 ${Math.round(crop.y)}，宽 ${Math.round(crop.w)} 像素`}
          style={{ left: crop.x * scale, top: crop.y * scale, width: crop.w * scale, height: crop.h * scale }}
          onPointerDown={e => {
            (e.target as HTMLElement).setPointerCapture(e.pointerId);
            drag.current = { x: e.clientX, y: e.clientY, crop };
          }}
          onPointerMove={e => {
            const d = drag.current;
            if (d) move((e.clientX - d.x) / scale, (e.clientY - d.y) / scale, d.crop);
          }}
          onPointerUp={() => (drag.current = null)}
          onPointerCancel={() => (drag.current = null)}
          onKeyDown={e => {
            const step = (e.shiftKey ? 10 : 2) / scale;
            const delta: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
            if (delta[e.key]) {
              e.preventDefault();
              move(...delta[e.key]);
            }
          }}
        />
      </div>
      <label className="pc-zoom">
        大小
        <input type="range" min={30} max={100} value={Math.round((crop.w / max.w) * 100)} onChange={e => zoom(Number(e.target.value) / 100)} />
      </label>
      <div className="pc-actions">
        <button type="button" onClick={onCancel} disabled={busy}>
          取消
        </button>
        <button type="button" ref={okButton} className="primary" onClick={() => onDone(crop)} disabled={busy}>
          {busy ? '正在保存…' : '确定'}
        </button>
      </div>
    </Dialog>
  );
}
