import type { CDPSession } from 'playwright-core';
import { LISTENERS_ATTRIBUTE } from '../artifacts/gather.ts';

// Enough for any real page; bounds the protocol round trips on a pathological one.
const MAX_ANCHORS = 500;

/**
 * Marks every anchor without href that has event listeners of its own with their types, in
 * `data-quento-listeners`, before the DOM is serialised. Chromium's DevTools protocol
 * (DOMDebugger.getEventListeners) lists listeners on the node itself, not its ancestors, which
 * is what `crawlable-anchors` needs. Only anchors without href are asked: for the others the
 * audit does not look at listeners. Runs entirely over the protocol, so page scripts that
 * overwrite DOM methods cannot hide anything.
 */
export async function markAnchorListeners(cdp: CDPSession): Promise<void> {
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', {
    nodeId: root.nodeId,
    selector: 'a:not([href])',
  });
  const group = 'quento-listeners';
  try {
    for (const nodeId of nodeIds.slice(0, MAX_ANCHORS)) {
      const { object } = await cdp.send('DOM.resolveNode', { nodeId, objectGroup: group });
      if (!object.objectId) continue;
      const { listeners } = await cdp.send('DOMDebugger.getEventListeners', {
        objectId: object.objectId,
      });
      const types = [...new Set(listeners.map((l) => l.type))];
      if (types.length === 0) continue;
      await cdp.send('DOM.setAttributeValue', {
        nodeId,
        name: LISTENERS_ATTRIBUTE,
        value: types.join(' '),
      });
    }
  } finally {
    await cdp.send('Runtime.releaseObjectGroup', { objectGroup: group }).catch(() => undefined);
  }
}
