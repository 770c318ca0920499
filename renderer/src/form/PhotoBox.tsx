/** The 照片 box of the form: shows the stored photo; upload (with cropping) and remove on screen only. */
import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api';
import { PhotoCropper } from './PhotoCropper';
import { encodePhoto, readPhotoFile, type Crop } from './photo';

export function PhotoBox({ cadreId, hasPhoto, version, onChanged }: { cadreId: number; hasPhoto: boolean; version: number; onChanged: () => void }) {
  const [src, setSrc] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<ImageBitmap | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let alive = true;
    if (!hasPhoto) {
      setSrc(null);
      return;
    }
    api.getCadrePhoto({ id: cadreId }).then(
      p => alive && setSrc(p.base64 && p.mime ? `data:${p.mime};base64,${p.base64}` : null),
      (e: Error) => alive && setError(e.message),
    );
    return () => {
      alive = false;
    };
  }, [cadreId, hasPhoto, version]);

  const choose = async (file: File | undefined) => {
    if (input.current) input.current.value = '';
    if (!file) return;
    setError(null);
    try {
      setPicked(await readPhotoFile(file));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const save = async (base64: string | null) => {
    setBusy(true);
    setError(null);
    try {
      await api.setCadrePhoto({ id: cadreId, base64 });
      if (base64) setSrc(`data:image/jpeg;base64,${base64}`);
      else setSrc(null);
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const cropped = async (crop: Crop) => {
    if (!picked) return;
    try {
      const base64 = await encodePhoto(picked, crop);
      await save(base64);
    } catch (e) {
      setError((e as Error).message);
    }
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
          <button type="button" onClick={() => void save(null)} disabled={busy}>
            删除
          </button>
        )}
      </div>
      {error && (
        <div className="et-msg et-msg-error no-print" role="alert">
          {error}
        </div>
      )}
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
