/**
 * Devices: reachability is learnt from requests (the API client reports each success or network
 * failure), so there is nothing to subscribe to here.
 */
export function watchConnectivity(_onChange: (online: boolean) => void): () => void {
  return () => {};
}
