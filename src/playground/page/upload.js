// Adding news: .txt pages chosen or dropped on the page go to /api/upload as raw bytes (so a file
// that is not UTF-8 is refused for that reason) and through the bot's own ingestion.
import { toast } from './toast.js';

async function upload(files) {
  for (const file of files) {
    try {
      const res = await fetch(`/api/upload?name=${encodeURIComponent(file.name)}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: file });
      const report = await res.json();
      if (!report.ok) throw new Error(report.error);
      for (const r of report.rejected) toast(`رُفض الملف «\u2068${file.name}\u2069»: ${r.reason}`, true);
      if (report.rejected.length === 0) toast(`«\u2068${file.name}\u2069»: ${report.summary}`);
    } catch (error) {
      toast(`تعذّر رفع «\u2068${file.name}\u2069»: ${error.message}`, true);
    }
  }
}

/** The «إضافة خبر» chooser and dropping files anywhere on the page. */
export function wireUploads() {
  const file = document.getElementById('file');
  const drop = document.getElementById('drop');
  file.addEventListener('change', () => {
    upload([...file.files]);
    file.value = '';
  });
  document.getElementById('add-news').addEventListener('keydown', (e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), file.click()));
  document.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.hidden = false;
  });
  document.addEventListener('dragleave', (e) => e.relatedTarget === null && (drop.hidden = true));
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.hidden = true;
    upload([...e.dataTransfer.files]);
  });
}
