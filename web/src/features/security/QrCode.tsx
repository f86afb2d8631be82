import QRCode from 'qrcode';
import { useMemo } from 'react';

/**
 * A QR code drawn as SVG by React (no inline script, data: URL or canvas, so it works under a strict CSP).
 * The text (an otpauth:// URI holding the secret) never leaves the page.
 */
export function QrCode({ text, label, size = 200 }: { text: string; label: string; size?: number }) {
  const { n, d } = useMemo(() => {
    const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const m = qr.modules;
    let path = '';
    for (let y = 0; y < m.size; y += 1) {
      for (let x = 0; x < m.size; x += 1) {
        if (m.data[y * m.size + x]) path += `M${x} ${y}h1v1h-1z`;
      }
    }
    return { n: m.size, d: path };
  }, [text]);
  const quiet = 4;
  return (
    <svg
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`${-quiet} ${-quiet} ${n + quiet * 2} ${n + quiet * 2}`}
      shapeRendering="crispEdges"
      data-testid="mfa-qr"
    >
      <rect x={-quiet} y={-quiet} width={n + quiet * 2} height={n + quiet * 2} fill="#ffffff" />
      <path d={d} fill="#000000" />
    </svg>
  );
}
