/**
 * A stored image, fetched through the proxy with the REST nonce (an `<img src>` cannot send it)
 * and shown from a blob URL, freed when the thumbnail goes away.
 */
import { useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { blob } from './api';

export function Thumbnail({ path, alt }: { path: string; alt: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    let made: string | null = null;
    blob(path).then(
      (b) => {
        if (!live) return;
        made = URL.createObjectURL(b);
        setUrl(made);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [path]);
  if (failed) return <span className="igny8-thumb" role="img" aria-label={__('The image could not be loaded.', 'igny8')} />;
  if (!url) return <span className="igny8-thumb" aria-busy="true" />;
  return <img className="igny8-thumb" src={url} alt={alt} loading="lazy" />;
}
