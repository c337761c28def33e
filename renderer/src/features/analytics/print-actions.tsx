// "Print" (the browser's print dialog, both modes) and, inside Electron, "Save as PDF" through main's printToPDF.
import { useState } from 'react';
import { Button } from '../../components/button';
import { DownloadIcon, PrintIcon } from '../../components/icons';
import { useToastStore } from '../../stores/toast-store';

export function PrintActions({ pdfName }: { pdfName: string }) {
  const showToast = useToastStore((s) => s.show);
  const [saving, setSaving] = useState(false);
  const bridge = typeof window !== 'undefined' ? window.portside : undefined;
  const savePdf = async () => {
    if (!bridge) return;
    setSaving(true);
    try {
      const result = await bridge.savePdf(pdfName);
      if (result.saved) showToast(`Saved ${result.path}`);
      else if (result.error) showToast(result.error, 'error');
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Button icon={<PrintIcon />} onClick={() => window.print()}>
        Print
      </Button>
      {bridge ? (
        <Button icon={<DownloadIcon />} busy={saving} onClick={() => void savePdf()}>
          Save as PDF
        </Button>
      ) : null}
    </>
  );
}
