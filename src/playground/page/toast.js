// Short notices at the bottom of the page: callback answers, upload reports, errors.

/** Shows `text` for a few seconds; `alert` for what went wrong (read out at once). */
export function toast(text, alert = false) {
  const item = document.createElement('div');
  item.className = `toast${alert ? ' alert' : ''}`;
  item.setAttribute('role', alert ? 'alert' : 'status');
  item.textContent = text;
  document.getElementById('toasts').append(item);
  setTimeout(() => item.remove(), alert ? 8000 : 4000);
}
