/** The 照片 box of the form: shows the stored photo; upload (with cropping) and remove on screen only. */
import { useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { errorText } from '../ui/errors';
import { ErrorLine, useAction } from '../ui/useAction';
import { PhotoCropper } from './PhotoCropper';
import { encodePhoto, readPhotoFile, type Crop } from './photo';

export function PhotoBox({ cadreId, hasPhoto, version, onChanged }: { cadreId: number; hasPhoto: boolean; version: number; onChanged: () => void }) {
  const [src, setSrc] = useState<string | null>(null);
  const [picked, setPicked] = useState<ImageBitmap | null>(null);
  const { busy, error, setError, run } = useAction();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let alive = true;
    if (!hasPhoto) {
      setSrc(null);
      return;
    }
    api.getCadrePhoto({ id: cadreId }).then(
      p => alive && setSrc(p.base64 && p.mime ? `data:${p.mime};base64,${p.base64}` : null),
      e => alive && setError(errorText(e)),
    );
    return () => {
      alive = false;
    };
  }, [cadreId, hasPhoto, version, setError]);

  const choose = async (file: File | undefined) => {
    if (input.current) input.current.value = '';
    if (!file) return;
    await run(async () => setPicked(await readPhotoFile(file)));
  };

  /** Stores the photo (JPEG base64), or removes it (null). */
  const store = async (base64: string | null) => {
    await api.setCadrePhoto({ id: cadreId, base64 });
    setSrc(base64 ? `data:image/jpeg;base64,${base64}` : null);
    onChanged();
  };

  const cropped = async (crop: Crop) => {
    if (!picked) return;
    await run(async () => store(await encodePhoto(picked, crop)));
    picked.close();
    setPicked(null);
  };

  return (
    <div className="photo-box">
      {src ? <img className="photo-img" src={src} alt="照片" /> : <div className="photo-empty">照片</div>}
      <div className="photo-actions no-print">
        <label className="photo-upload">
          {src ? '更换' : '上传照片'}
          <input
            ref={input}
            type="file"
            accept="image/jpeg,image/png,.jpg,.jpeg,.png"
            aria-label="选择照片文件"
            onChange={e => void choose(e.target.files?.[0])}
          />
        </label>
        {src && (
          <button type="button" onClick={() => void run(() => store(null))} disabled={busy}>
            删除
          </button>
        )}
      </div>
      <ErrorLine error={error} className="et-msg et-msg-error no-print" />
      {picked && (
        <PhotoCropper
          image={picked}
          busy={busy}
          onDone={crop => void cropped(crop)}
          onCancel={() => {
            picked.close();
            setPicked(null);
          }}
        />
      )}
    </div>
  );
}
