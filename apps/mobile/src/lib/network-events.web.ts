/** The browser says when it loses or regains the network; the offline banner follows at once. */
export function watchConnectivity(onChange: (online: boolean) => void): () => void {
  if (typeof window === 'undefined') return () => {};
  const online = () => onChange(true);
  const offline = () => onChange(false);
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  if (typeof navigator !== 'undefined' && navigator.onLine === false) onChange(false);
  return () => {
    window.removeEventListener('online', online);
    window.removeEventListener('offline', offline);
  };
}
