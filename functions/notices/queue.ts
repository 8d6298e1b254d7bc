/**
 * Where a recorded notice goes to be delivered. The local runtime installs its in-process queue
 * (infra/local/delivery.ts); without one, a notice stays `queued` in the table, where a sweep finds it.
 */
export interface DeliveryQueue {
  enqueue(notificationId: string): Promise<void>;
}

const sweepOnly: DeliveryQueue = { enqueue: async () => {} };
let installed: DeliveryQueue | undefined;

export function installDeliveryQueue(queue: DeliveryQueue | undefined): void {
  installed = queue;
}

export const deliveryQueue = (): DeliveryQueue => installed ?? sweepOnly;
